package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
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
	rules := rulesSum(m.Config.Topics)
	noteBase := pathBase(m.Config.Base).String()
	m.prepErrs = make(map[*content.Article]error)
	errs := make([]error, len(articles))
	err := pool.Each(ctx, len(articles), opt.Workers, func(i int) {
		a := articles[i]
		if a.Draft && !opt.Drafts || a.Date.After(opt.Now) && !opt.Future {
			return
		}
		mm := m.memos[a]
		if mm.Rules != rules {
			body, err := m.bodyOf(a)
			if err != nil {
				errs[i] = err
				return
			}
			mm.Matched = m.Config.RuleTopics(topics.Doc{Title: a.Title, Tags: a.Tags, Body: body})
			mm.Rules = rules
			mm.touch()
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

// rulesSum identifies the topics' match rules: a memo's matches are valid
// for the rules with the same sum.
func rulesSum(ts []site.Topic) [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "rules v1\x00")
	for _, t := range ts {
		r := t.Match
		fmt.Fprintf(h, "%q %q %q %q %q\x00", t.Slug, r.Any, r.All, r.None, r.In)
	}
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s
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
