package build

import (
	"sync"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/topics"
)

// memo keeps per-article work that depends only on the article's file and
// the site's configuration, so that a rebuild after an edit redoes it only
// for the files that changed. Articles are keyed by pointer: a
// content.Loader hands back the same *content.Article for a file it did not
// read again, and the cache holding the memo drops it when site.yaml
// changes.
type memo struct {
	mu sync.Mutex
	// Work from the previous build (prev) and this one (next); entries
	// this build does not use go with prev, so deleted articles do not
	// linger.
	prev, next map[*content.Article]*work
}

// work is what the memo keeps for one article.
type work struct {
	once    sync.Once // matches
	matches map[string]bool

	wordsOnce sync.Once
	words     int

	noteOnce sync.Once
	note     []byte
	noteErr  error
}

func newMemo() *memo {
	return &memo{next: map[*content.Article]*work{}}
}

// rotate starts a new build: what the last one used becomes what this one
// may reuse.
func (mm *memo) rotate() {
	mm.mu.Lock()
	mm.prev, mm.next = mm.next, make(map[*content.Article]*work, len(mm.next))
	mm.mu.Unlock()
}

// work returns a's memo entry; a fresh one on one-off builds.
func (m *Model) work(a *content.Article) *work {
	mm := m.memo
	if mm == nil {
		return &work{}
	}
	mm.mu.Lock()
	defer mm.mu.Unlock()
	w := mm.next[a]
	if w == nil {
		w = mm.prev[a]
		if w == nil {
			w = &work{}
		}
		mm.next[a] = w
	}
	return w
}

// ruleMatches returns the slugs of the topics whose match rules take a,
// whether or not a lists or excludes them. Indexing the words of a long
// body is the costliest part of assembling a site.
func (m *Model) ruleMatches(a *content.Article) map[string]bool {
	w := m.work(a)
	w.once.Do(func() {
		var ix *topics.Index
		w.matches = map[string]bool{}
		for _, te := range m.Topics {
			if te.cfg.Match.IsZero() {
				continue
			}
			if ix == nil {
				ix = topics.NewIndex(topics.Doc{Title: a.Title, Tags: a.Tags, Body: a.Body})
			}
			if te.cfg.Match.Match(ix) {
				w.matches[te.cfg.Slug] = true
			}
		}
	})
	return w.matches
}

// words counts the words of a's body, for its reading time.
func (m *Model) words(a *content.Article) int {
	w := m.work(a)
	w.wordsOnce.Do(func() { w.words = markdown.Words(a.Body) })
	return w.words
}

// note returns a's rendered note, rendering it with render the first time.
func (m *Model) note(a *content.Article, render func() ([]byte, error)) ([]byte, error) {
	w := m.work(a)
	w.noteOnce.Do(func() { w.note, w.noteErr = render() })
	return w.note, w.noteErr
}
