// Package stories groups articles into stories: the same event reported by
// many sources, copies and follow-ups included, one story per event.
//
// Group takes the articles as Documents (plain text and a few fields of
// front matter) and returns every document in exactly one Story,
// singletons included. The grouping is deterministic (the same documents
// and Options give the same stories, in the same order, with the same
// ids), and each member carries the Reason it joined, for `--explain`.
//
// Three signals join a document to a story, tried in this order:
//
//   - an editor's pin (`story: <id>` in front matter), whatever the scores;
//   - a near-duplicate: the Jaccard similarity of the bodies' 5-word
//     shingles, found with MinHash and LSH banding (minhash.go), then
//     confirmed exactly (near.go);
//   - the same event in other words: the TF-IDF cosine of the document to
//     the story's centroid, within a time window (vector.go, link.go); a
//     document in another language than every member is compared on the
//     terms both languages share (names, numbers, places), see lang.go.
//
// The files hold one concern each: text.go tokenizes, lang.go guesses the
// language and holds the stop words, minhash.go and near.go find
// near-duplicates, vector.go weighs terms, link.go is the streaming
// centroid linkage and the pins, stories.go the API.
package stories

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// Document is one article to group.
type Document struct {
	// Path names the document (content/articles/x.md); it breaks ties in
	// the order of documents published at the same instant, so it should
	// be unique.
	Path string
	// Slug is the document's id as a story id: a story that no pin names
	// takes the slug of its earliest member. "" means Path's base name
	// without its extension.
	Slug  string
	Title string
	// Text is the body as plain text, paragraphs separated by blank lines.
	Text      string
	Published time.Time
	// Language is a language tag (en, es, de-AT); "" means guessed from
	// Text among the languages of lang.go, else unknown.
	Language string
	Source   string
	Tags     []string
	// Pin is the editor's `story: <id>`: documents with the same Pin are
	// one story, whatever the scores. A Pin naming another document's
	// slug (the id its story has when it leads one) joins that document's
	// story, so copying a story's id from its page merges into it; a Pin
	// naming the document's own slug splits it off alone. "" means no pin.
	Pin string
}

// Options tune the grouping. The zero value means the defaults, which were
// chosen on half of a labelled set and checked on the other half (see
// bench/stories).
type Options struct {
	// Similar is the lowest TF-IDF cosine, in [0, 1], between a document
	// and a story's centroid for the document to join the story.
	Similar float64
	// CrossLanguage is the lowest cosine, in [0, 1], over the terms that
	// occur in more than one language (names, numbers, places), for a
	// document to join a story with no member in its language.
	CrossLanguage float64
	// NearDuplicate is the lowest Jaccard similarity, in [0, 1], of two
	// bodies' 5-word shingles for one to be a copy of the other.
	NearDuplicate float64
	// Window is how long after a story's latest member a document may
	// still join it by similarity (follow-ups); near-duplicates and pins
	// join whatever the time.
	Window time.Duration
	// Hold is how long after a story's first member the thresholds stay
	// as set; past it they rise by Rise per day (24 h), so that a later
	// event with the same actors (the next meeting, the next quarter's
	// results, the return match) must be much more alike to join, while
	// the first days' follow-ups join as easily as the reports.
	Hold time.Duration
	// Rise is how much the thresholds rise per day past Hold; 0 means the
	// default, a negative value keeps them flat.
	Rise float64
	// Workers bounds the goroutines that analyse documents; 0 means one
	// per CPU.
	Workers int
}

// The defaults of Options.
const (
	DefaultSimilar       = 0.30
	DefaultCrossLanguage = 0.50
	DefaultNearDuplicate = 0.50
	DefaultWindow        = 5 * 24 * time.Hour
	DefaultHold          = 3 * 24 * time.Hour
	DefaultRise          = 0.03
)

// WithDefaults returns o with every zero field set to its default.
func (o Options) WithDefaults() Options {
	if o.Similar == 0 {
		o.Similar = DefaultSimilar
	}
	if o.CrossLanguage == 0 {
		o.CrossLanguage = DefaultCrossLanguage
	}
	if o.NearDuplicate == 0 {
		o.NearDuplicate = DefaultNearDuplicate
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	if o.Hold == 0 {
		o.Hold = DefaultHold
	}
	switch {
	case o.Rise == 0:
		o.Rise = DefaultRise
	case o.Rise < 0:
		o.Rise = 0
	}
	return o
}

// Check reports the first option out of its range.
func (o Options) Check() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"similar", o.Similar}, {"cross_language", o.CrossLanguage}, {"near_duplicate", o.NearDuplicate}} {
		if f.v < 0 || f.v > 1 {
			return fmt.Errorf("stories: %s is %g; it is a similarity between 0 and 1", f.name, f.v)
		}
	}
	if o.Window < 0 || o.Hold < 0 {
		return fmt.Errorf("stories: window (%s) and hold (%s) cannot be negative", o.Window, o.Hold)
	}
	return nil
}

// Signal is what joined a document to its story.
type Signal string

// The signals, strongest first.
const (
	// SignalFirst: the story's earliest member (or the first of its pinned
	// ones): nothing joined it, the others joined it.
	SignalFirst Signal = "first"
	// SignalPin: the editor's `story:` put it there.
	SignalPin Signal = "pin"
	// SignalNearDuplicate: its body is a copy of another member's; Score
	// is the shingles' Jaccard similarity.
	SignalNearDuplicate Signal = "near-duplicate"
	// SignalSimilar: its TF-IDF cosine to the story's centroid was at
	// least Options.Similar; Score is that cosine.
	SignalSimilar Signal = "similar"
	// SignalCrossLanguage: it is in a language no earlier member was in,
	// and its cosine over the terms shared across languages was at least
	// Options.CrossLanguage; Score is that cosine.
	SignalCrossLanguage Signal = "cross-language"
)

// Reason says why a member is in its story.
type Reason struct {
	Signal Signal
	// Score is the similarity that passed its threshold, in [0, 1]; 0 for
	// SignalFirst and SignalPin.
	Score float64
	// With is the Path of the earlier member most like this one (its copy
	// for a near-duplicate); "" for SignalFirst and SignalPin.
	With string
	// WithScore is this member's cosine to With (for near-duplicates, the
	// Jaccard similarity again).
	WithScore float64
	// Shared are the terms that weighed most in the match, at most five,
	// strongest first (words lowercased, numbers as #123, names as two
	// words); nil for pins, firsts and near-duplicates.
	Shared []string
}

// Member is one document of a story.
type Member struct {
	// Doc is the document's index in the slice given to Group.
	Doc    int
	Path   string
	Reason Reason
}

// Story is one event and its coverage.
type Story struct {
	// ID is the story's pin, or else its earliest member's slug (made
	// unique with -2, -3… in the order of the stories); it changes only
	// when an earlier article joins the story.
	ID string
	// Pinned says an editor's pin made the story: ID is the pin.
	Pinned bool
	// Members are in order of publication, then of Path.
	Members []Member
	// First and Last are the earliest and the latest publication times.
	First, Last time.Time
}

// slugOf is d's slug: its own, or its path's base name.
func (d *Document) slugOf() string {
	if d.Slug != "" {
		return d.Slug
	}
	b := path.Base(d.Path)
	return strings.TrimSuffix(b, path.Ext(b))
}
