package build

import (
	"html"
	"strings"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
)

// PublishedMarkdown is the part of article a's Markdown body (body, as
// read from its file) that the site may republish under site.yaml's
// publish: settings and the article's own `publish:`: all of it, its
// opening (markdown.Cut: whole blocks up to the excerpt's words or
// paragraphs, without pictures), or nothing ("") for link. Pages, feeds
// and anything else that shows an article's text (a search index) must
// take the text from here. It also returns the mode applied and whether
// text was left out.
func PublishedMarkdown(cfg *site.Config, a *content.Article, body string) (md, mode string, cut bool) {
	p := cfg.Publishing(a.Source, a.SourceURL, a.Publish)
	switch p.Mode {
	case site.PublishLink:
		return "", p.Mode, strings.TrimSpace(body) != ""
	case site.PublishExcerpt:
		md, cut = markdown.Cut(body, p.Words, p.Paragraphs)
		return md, p.Mode, cut
	}
	return body, p.Mode, false
}

// publishedBody is PublishedMarkdown for an article of the model.
func (m *Model) publishedBody(e *entry) (string, error) {
	body, err := m.bodyOf(e.src)
	if err != nil {
		return "", err
	}
	md, _, _ := PublishedMarkdown(m.Config, e.src, body)
	return md, nil
}

// creditHTML is the line a feed item ends with, crediting the original
// as the article's page does (partials/credit.html): "Originally
// published by X on D: link". Empty for an article with neither source
// nor source_url, which is the editor's own.
func (m *Model) creditHTML(v *render.Article) string {
	if v.Source == "" && v.SourceURL == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<p class="credit">Originally published`)
	if v.Source != "" {
		b.WriteString(" by " + html.EscapeString(v.Source))
	}
	layout := "January 2, 2006"
	b.WriteString(" on " + v.Date.Format(layout))
	if v.SourceURL != "" {
		u := html.EscapeString(v.SourceURL)
		b.WriteString(`: <a href="` + u + `">` + u + `</a>`)
	} else {
		b.WriteString(".")
	}
	b.WriteString("</p>")
	if v.Publish == site.PublishExcerpt && v.SourceURL != "" {
		b.WriteString(`<p><a href="` + html.EscapeString(v.SourceURL) + `">Continue reading`)
		if v.Source != "" {
			b.WriteString(" at " + html.EscapeString(v.Source))
		}
		b.WriteString("</a></p>")
	}
	return b.String()
}
