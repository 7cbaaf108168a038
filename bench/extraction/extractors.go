package main

import (
	"bytes"
	"html"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/htmlpage"
	"github.com/brief-ssg/brief/internal/extractmetric"
	"github.com/markusmobius/go-trafilatura"
	xhtml "golang.org/x/net/html"
)

// page is one benchmark page with its inputs and reference.
type page struct {
	ID   string
	URL  string
	HTML []byte // decompressed
	Dump []byte // plain-text dump
	Want string

	ref    *extractmetric.Structure
	refErr error
}

// structure is the page's reference structure (see extractmetric),
// read once.
func (p *page) structure() extractmetric.Structure {
	if p.ref == nil {
		s, err := extractmetric.ReferenceStructure(p.HTML, p.URL, p.Want)
		p.ref, p.refErr = &s, err
	}
	return *p.ref
}

func (p *page) base() *url.URL {
	u, err := url.Parse(p.URL)
	if err != nil || !u.IsAbs() {
		return nil
	}
	return u
}

// output is what an extractor gives: the article's text and, where it has
// one, its Markdown (for go-trafilatura and go-readability, their
// extracted DOM converted by html-to-markdown, outside the timing).
type output struct {
	text string
	md   string
	node *xhtml.Node // extracted DOM still to convert, if any
}

// extractor turns a page into text; an error counts as empty output.
type extractor struct {
	name string
	run  func(p *page) (output, error)
}

func extractors() []extractor {
	xs := []extractor{
		{"brief-html", briefHTML},
		{"trafilatura-html", func(p *page) (output, error) { return trafilaturaHTML(p.HTML, p.URL) }},
		{"readability-html", readabilityHTML},
	}
	xs = append(xs,
		extractor{"brief-text", briefText},
		extractor{"trafilatura-text", func(p *page) (output, error) { return trafilaturaHTML(dumpToHTML(p.Dump), p.URL) }},
		extractor{"whole-dump", func(p *page) (output, error) { return output{text: string(p.Dump)}, nil }},
	)
	return xs
}

func briefHTML(p *page) (output, error) {
	a, err := htmlpage.Extract(p.HTML, article.Options{URL: p.URL})
	if err != nil {
		return output{}, err
	}
	return output{text: a.Text, md: a.Markdown}, nil
}

func trafilaturaHTML(data []byte, pageURL string) (output, error) {
	u, _ := url.Parse(pageURL)
	res, err := trafilatura.Extract(bytes.NewReader(data), trafilatura.Options{
		OriginalURL:     u,
		EnableFallback:  true,
		ExcludeComments: true,
	})
	if err != nil {
		return output{}, err
	}
	return output{text: res.ContentText, node: res.ContentNode}, nil
}

func readabilityHTML(p *page) (output, error) {
	u, _ := url.Parse(p.URL)
	a, err := readability.FromReader(bytes.NewReader(p.HTML), u)
	if err != nil {
		return output{}, err
	}
	var b strings.Builder
	if err := a.RenderText(&b); err != nil {
		return output{}, err
	}
	return output{text: b.String(), node: a.Node}, nil
}

// dumpToHTML rebuilds a minimal page from a text dump so that an HTML
// extractor can be tried on it: the first line is the title, "- " lines
// become list items and every other line a paragraph.
func dumpToHTML(dump []byte) []byte {
	lines := strings.Split(string(dump), "\n")
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
	if len(lines) > 0 {
		b.WriteString(html.EscapeString(lines[0]))
		lines = lines[1:]
	}
	b.WriteString("</title></head><body><div>")
	inList := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		item, isItem := strings.CutPrefix(l, "- ")
		if isItem != inList {
			if isItem {
				b.WriteString("<ul>")
			} else {
				b.WriteString("</ul>")
			}
			inList = isItem
		}
		if isItem {
			b.WriteString("<li>" + html.EscapeString(item) + "</li>")
		} else {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>")
		}
	}
	if inList {
		b.WriteString("</ul>")
	}
	b.WriteString("</div></body></html>")
	return []byte(b.String())
}
