package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/url"
	"strings"
	"time"
)

// Share cards and structured data: what link previews (Open Graph,
// Twitter cards) and search engines (schema.org JSON-LD) read from a page.

// AbsImage returns an article image as an absolute URL for share cards:
// a site path ("/images/x.png", from static/) resolved against the base
// URL, an http(s) URL as it is, anything else "" (a card needs an
// absolute URL, and an unknown scheme is not one to hand on).
func (p *Page) AbsImage(img string) string {
	switch {
	case img == "":
		return ""
	case strings.HasPrefix(img, "/") && !strings.HasPrefix(img, "//"):
		ref, err := url.Parse(strings.TrimPrefix(img, "/"))
		if err != nil {
			return ""
		}
		return p.Site.Base.ResolveReference(ref).String()
	}
	u, err := url.Parse(img)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return img
}

// HeadFeeds are the feeds a page advertises in <head> for autodiscovery:
// its own (a topic's) and then the site's, each titled with what it
// follows, so that a reader's feed picker tells them apart.
func (p *Page) HeadFeeds() []FeedLink {
	var out []FeedLink
	seen := map[string]bool{}
	own := p.Site.Title
	if p.Topic != nil {
		own = p.Topic.Title // not the page's title, which may say "page 2"
	}
	for _, f := range p.Feeds {
		seen[f.URL] = true
		out = append(out, FeedLink{Title: own + " (" + f.Title + ")", Type: f.Type, URL: f.URL})
	}
	for _, f := range p.Site.Feeds {
		if !seen[f.URL] {
			out = append(out, FeedLink{Title: p.Site.Title + " (" + f.Title + ")", Type: f.Type, URL: f.URL})
		}
	}
	return out
}

// newsArticle is schema.org's NewsArticle as an article page describes
// itself: this page, published by the briefing, based on the original
// report.
type newsArticle struct {
	Context          string        `json:"@context"`
	Type             string        `json:"@type"`
	Headline         string        `json:"headline"`
	Description      string        `json:"description,omitempty"`
	URL              string        `json:"url"`
	MainEntityOfPage string        `json:"mainEntityOfPage"`
	DatePublished    string        `json:"datePublished"`
	DateModified     string        `json:"dateModified"`
	InLanguage       string        `json:"inLanguage,omitempty"`
	Image            []string      `json:"image,omitempty"`
	Keywords         []string      `json:"keywords,omitempty"`
	Author           []ldAgent     `json:"author,omitempty"`
	Publisher        ldAgent       `json:"publisher"`
	IsBasedOn        *creativeWork `json:"isBasedOn,omitempty"`
}

type ldAgent struct {
	Type string `json:"@type"` // Person or Organization
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type creativeWork struct {
	Type      string   `json:"@type"`
	URL       string   `json:"url"`
	Publisher *ldAgent `json:"publisher,omitempty"`
}

// JSONLD is the article page's schema.org NewsArticle as JSON, for a
// <script type="application/ld+json"> data block, which browsers never
// run, so that the page's CSP need not allow it. It is safe inside the
// script element whatever the article says: encoding/json writes <, >
// and & as \u escapes, so no title can close the element or open a
// comment, and U+2028/U+2029 are escaped too. "" for other pages.
func (p *Page) JSONLD() template.JS {
	a := p.Article
	if a == nil {
		return ""
	}
	canonical := p.AbsURL(p.Path)
	ld := newsArticle{
		Context: "https://schema.org", Type: "NewsArticle",
		Headline: a.Title, Description: a.Summary,
		URL: canonical, MainEntityOfPage: canonical,
		DatePublished: ldDate(a.Date, a.DateOnly), DateModified: ldDate(a.Date, a.DateOnly),
		InLanguage: a.Language,
		Publisher:  ldAgent{Type: "Organization", Name: p.Site.Title, URL: p.Site.Base.String()},
	}
	if !a.Updated.IsZero() {
		ld.DateModified = ldDate(a.Updated, a.UpdatedDateOnly)
	}
	if ld.InLanguage == "" {
		ld.InLanguage = p.Site.Language
	}
	if img := p.AbsImage(a.Image); img != "" {
		ld.Image = []string{img}
	}
	for _, t := range a.Tags {
		ld.Keywords = append(ld.Keywords, t.Title)
	}
	for _, name := range a.Authors {
		ld.Author = append(ld.Author, ldAgent{Type: "Person", Name: name})
	}
	if len(ld.Author) == 0 && a.Source != "" {
		ld.Author = []ldAgent{{Type: "Organization", Name: a.Source}}
	}
	if a.SourceURL != "" {
		ld.IsBasedOn = &creativeWork{Type: "NewsArticle", URL: a.SourceURL}
		if a.Source != "" {
			ld.IsBasedOn.Publisher = &ldAgent{Type: "Organization", Name: a.Source}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // the default, said out loud: it is what keeps </script> out
	if err := enc.Encode(ld); err != nil {
		return "" // strings and slices of them always encode
	}
	return template.JS(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// ldDate is a date for schema.org: the day alone when the editor gave
// only a day, else the instant with its offset.
func ldDate(t time.Time, dateOnly bool) string {
	if dateOnly {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}
