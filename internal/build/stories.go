package build

import (
	"context"
	"io/fs"
	"strings"

	"github.com/brief-ssg/brief/internal/stories"
)

// Stories reads the site in src as Load does and groups the articles the
// build would publish (drafts and future articles as opt says) into
// stories, with so, or when so is the zero value with site.yaml's
// stories: settings (even when they turn stories off for the build). The
// documents are in the order of the model's articles, newest first;
// Member.Doc indexes them.
func Stories(ctx context.Context, src fs.FS, opt Options, so stories.Options) ([]stories.Story, []stories.Document, error) {
	opt.noGrouping = true
	m, err := Load(ctx, src, opt)
	if err != nil {
		return nil, nil, err
	}
	docs, err := m.StoryDocuments()
	if err != nil {
		return nil, nil, err
	}
	if so == (stories.Options{}) {
		so = storyOptions(m.Config.Stories, opt.Workers)
	}
	groups, err := stories.Group(ctx, docs, so)
	return groups, docs, err
}

// StoryDocuments returns the published articles as documents to group,
// newest first: their bodies as plain text (links as their text, no
// emphasis marks), their language as the editor wrote it, or "" to guess.
func (m *Model) StoryDocuments() ([]stories.Document, error) {
	docs := make([]stories.Document, len(m.Articles))
	for i, e := range m.Articles {
		a := e.src
		body, err := m.bodyOf(a)
		if err != nil {
			return nil, err
		}
		docs[i] = stories.Document{
			Path: a.Path, Slug: a.Slug, Title: a.Title, Text: plainText(body),
			Published: a.Date, Language: a.Language, Source: a.Source, Tags: a.Tags, Pin: a.Story,
		}
	}
	return docs, nil
}

// plainText is a Markdown body as the words a reader sees: link targets,
// image addresses and emphasis marks go, so that a URL's words do not
// count as the article's.
func plainText(body string) string {
	// Not mdLink: its backtracking took as long as the grouping itself.
	var b strings.Builder
	b.Grow(len(body))
	for {
		i := strings.Index(body, "](")
		if i < 0 {
			break
		}
		end := strings.IndexByte(body[i+2:], ')')
		if end < 0 || strings.IndexByte(body[i+2:i+2+end], '\n') >= 0 {
			b.WriteString(body[:i+2])
			body = body[i+2:]
			continue
		}
		b.WriteString(body[:i+1])
		body = body[i+2+end+1:]
	}
	b.WriteString(body)
	return mdMarkup.Replace(b.String())
}
