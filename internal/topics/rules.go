// Package topics decides which topics an article belongs to: the ones its
// editor listed, plus the ones whose rules in site.yaml match its title, tags
// or body. Rules are evaluated at every build, so a topic added today gathers
// articles imported last year.
package topics

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Rules are the match rules of one topic. Phrases are matched whole-word and
// case-insensitively, so "AI" does not match "said" and "Taiwan Strait"
// matches "the taiwan strait's". An article matches when it contains at least
// one Any phrase (if Any is set), every All phrase, and no None phrase: an
// exclusion always wins.
type Rules struct {
	Any  []string `yaml:"any"`
	All  []string `yaml:"all"`
	None []string `yaml:"none"`
	// In restricts where phrases are looked for: any of "title", "tags",
	// "body". Empty means all three.
	In []string `yaml:"in"`
}

// Fields an article offers to the rules.
const (
	FieldTitle = "title"
	FieldTags  = "tags"
	FieldBody  = "body"
)

// IsZero reports whether the rules match nothing: a topic without rules
// gathers only the articles that name it.
func (r Rules) IsZero() bool { return len(r.Any) == 0 && len(r.All) == 0 }

// Check reports rules that can never do what the editor meant.
func (r Rules) Check() error {
	var errs []error
	for _, f := range r.In {
		if f != FieldTitle && f != FieldTags && f != FieldBody {
			errs = append(errs, fmt.Errorf("match.in: %q is not one of title, tags, body", f))
		}
	}
	for _, list := range [][]string{r.Any, r.All, r.None} {
		for _, p := range list {
			if len(tokenize(p)) == 0 {
				errs = append(errs, fmt.Errorf("match phrase %q has no letters or digits", p))
			}
		}
	}
	if len(r.None) > 0 && r.IsZero() {
		errs = append(errs, errors.New("match has only `none` phrases; add `any` or `all` phrases for it to match anything"))
	}
	return errors.Join(errs...)
}

// Doc is what the rules look at in an article.
type Doc struct {
	Title string
	Tags  []string
	Body  string
}

// Index is a Doc tokenized once, so that many topics can be tested against
// it cheaply.
type Index struct {
	fields map[string]*tokens
}

type tokens struct {
	words []string
	at    map[string][]int
}

// NewIndex tokenizes d.
func NewIndex(d Doc) *Index {
	return &Index{fields: map[string]*tokens{
		FieldTitle: newTokens(d.Title),
		// The break token between tags keeps a phrase from spanning two of
		// them: tags "South" and "China Sea" do not make "south china".
		FieldTags: newTokens(strings.Join(d.Tags, " \u2029 ")),
		FieldBody: newTokens(d.Body),
	}}
}

func newTokens(s string) *tokens {
	t := &tokens{words: tokenizeKeepBreaks(s), at: make(map[string][]int)}
	for i, w := range t.words {
		t.at[w] = append(t.at[w], i)
	}
	return t
}

// Match reports whether the rules select the document.
func (r Rules) Match(ix *Index) bool {
	if r.IsZero() {
		return false
	}
	fields := r.In
	if len(fields) == 0 {
		fields = []string{FieldTitle, FieldTags, FieldBody}
	}
	has := func(phrase string) bool {
		p := tokenize(phrase)
		for _, f := range fields {
			if t := ix.fields[f]; t != nil && t.contains(p) {
				return true
			}
		}
		return false
	}
	for _, p := range r.None {
		if has(p) {
			return false
		}
	}
	for _, p := range r.All {
		if !has(p) {
			return false
		}
	}
	if len(r.Any) == 0 {
		return true
	}
	for _, p := range r.Any {
		if has(p) {
			return true
		}
	}
	return false
}

func (t *tokens) contains(phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	for _, start := range t.at[phrase[0]] {
		if start+len(phrase) > len(t.words) {
			break
		}
		ok := true
		for k := 1; k < len(phrase); k++ {
			if t.words[start+k] != phrase[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// breakToken stands between tags so that no phrase spans two of them.
const breakToken = "\u2029"

func tokenize(s string) []string {
	var out []string
	for _, w := range tokenizeKeepBreaks(s) {
		if w != breakToken {
			out = append(out, w)
		}
	}
	return out
}

// tokenizeKeepBreaks splits s into lower-case words, folding accents. Dots
// inside a word join it ("U.S." → "us"); apostrophes split, so that "China"
// matches "China's". Text and phrases go through the same function, so both
// sides always agree.
func tokenizeKeepBreaks(s string) []string {
	var out []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			out = append(out, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(unicode.ToLower(r))
		case r == '.':
		case r == '\u2029':
			flush()
			out = append(out, breakToken)
		default:
			flush()
		}
	}
	flush()
	return out
}
