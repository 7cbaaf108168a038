package build

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"strings"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/pool"
	"github.com/brief-ssg/brief/internal/safetext"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/topics"
)

// prepare derives, for every article the build will publish, what depends
// on the article alone (the topics its rules take it into, its word count
// and excerpt, its rendered note), on every CPU, and records it on the
// article's memo, where a Cache keeps it for the next build. The
// sequential pass that links articles to topics and tags, and must stay
// in order to stay deterministic, finds it done.
func (m *Model) prepare(ctx context.Context, articles []*content.Article, opt Options) error {
	sums := make([]uint64, len(m.Config.Topics))
	for i, t := range m.Config.Topics {
		sums[i] = ruleSum(t)
	}
	noteBase := pathBase(m.Config.Base).String()
	m.prepErrs = make(map[*content.Article]error)
	errs := make([]error, len(articles))
	err := pool.Each(ctx, len(articles), opt.Workers, func(i int) {
		a := articles[i]
		if a.Draft && !opt.Drafts || a.Date.After(opt.Now) && !opt.Future {
			return
		}
		mm := m.memos[a]
		if err := m.matchRules(a, mm, sums); err != nil {
			errs[i] = err
			return
		}
		if !mm.Facts {
			body, err := m.bodyOf(a)
			if err != nil {
				errs[i] = err
				return
			}
			// Bodies that would stall goldmark fail here, at their line,
			// before anything parses them.
			if err := markdown.CheckLimits(body); err != nil {
				errs[i] = bodyError(a, err)
				return
			}
			mm.Words = markdown.Words(body)
			mm.Images = imageRefs(body)
			if a.Summary == "" {
				mm.Excerpt = safetext.Line(excerpt(body, 240))
			}
			mm.Facts = true
			mm.touch()
		}
		if a.Note != "" && mm.NoteBase != noteBase {
			html, err := m.Markdown.Render(a.Note, markdown.Options{IDPrefix: "note-", Base: pathBase(m.Config.Base), MinHeading: 3})
			if err != nil {
				errs[i] = diag.Errorf(a.Path, a.Lines["note"], "note: %w", err)
				return
			}
			mm.Note, mm.NoteBase = string(html), noteBase
			mm.touch()
		}
		if a.Note != "" && mm.noteTeaser == "" {
			// Lists show one line of the note; CSS ends it where the line does.
			mm.noteTeaser = safetext.Line(excerpt(a.Note, noteTeaser))
		}
	})
	if err != nil {
		return err
	}
	for i, err := range errs {
		if err != nil {
			m.prepErrs[articles[i]] = err
		}
	}
	return nil
}

// bodyError places an error rendering a's body at its line in the file:
// the body's first line, or the line a *markdown.LimitError names.
func bodyError(a *content.Article, err error) error {
	line := a.BodyLine
	if le, ok := errors.AsType[*markdown.LimitError](err); ok && line > 0 {
		line += le.Line - 1
	}
	return diag.Errorf(a.Path, line, "%w", err)
}

// ruleSum identifies a topic's match rules: an article's answer for them
// (ruleHit) holds while the topic keeps its slug and rules.
func ruleSum(t site.Topic) uint64 {
	h := fnv.New64a()
	r := t.Match
	fmt.Fprintf(h, "rules v2\x00%q %q %q %q %q", t.Slug, r.Any, r.All, r.None, r.In)
	return h.Sum64()
}

// matchRules brings mm's rule answers up to date with the topics whose
// rule sums are sums (site.yaml's order): a topic the memo has an answer
// for keeps it, the others run their rules, and only then is the body
// read and tokenized. Matched follows.
func (m *Model) matchRules(a *content.Article, mm *articleMemo, sums []uint64) error {
	if len(mm.Rules) == len(sums) {
		same := true
		for i, h := range mm.Rules {
			same = same && h.Sum == sums[i]
		}
		if same {
			return nil
		}
	}
	known := make(map[uint64]bool, len(mm.Rules))
	for _, h := range mm.Rules {
		known[h.Sum] = h.Takes
	}
	hits := make([]ruleHit, len(sums))
	var ix *topics.Index
	for i, sum := range sums {
		takes, ok := known[sum]
		if !ok {
			if t := m.Config.Topics[i]; !t.Match.IsZero() {
				if ix == nil {
					body, err := m.bodyOf(a)
					if err != nil {
						return err
					}
					ix = topics.NewIndex(topics.Doc{Title: a.Title, Tags: a.Tags, Body: body})
				}
				takes = t.Match.Match(ix)
			}
		}
		hits[i] = ruleHit{sum, takes}
	}
	mm.Rules, mm.Matched = hits, nil
	for i, h := range hits {
		if h.Takes {
			mm.Matched = append(mm.Matched, m.Config.Topics[i].Slug)
		}
	}
	mm.touch()
	return nil
}

// bodyOf returns a's Markdown body, reading it again from its file when
// its memo came from a cache file, which keeps no bodies.
func (m *Model) bodyOf(a *content.Article) (string, error) {
	mm := m.memos[a]
	mm.mu.Lock()
	defer mm.mu.Unlock()
	if mm.HasBody {
		return a.Body, nil
	}
	data, err := m.in.read(m.src, a.Path)
	if err != nil {
		return "", err
	}
	_, body, _, err := content.Split(data)
	if err != nil {
		return "", diag.Errorf(a.Path, 1, "%w", err)
	}
	a.Body, mm.HasBody = strings.Clone(string(body)), true
	return a.Body, nil
}

// note is a's rendered note, as prepare left it.
func (m *Model) note(a *content.Article) template.HTML {
	return template.HTML(m.memos[a].Note)
}
