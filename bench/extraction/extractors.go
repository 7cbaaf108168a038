package main

import (
	"bytes"
	"html"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/htmlpage"
	"github.com/markusmobius/go-trafilatura"
)

// page is one benchmark page with its inputs and reference.
type page struct {
	ID   string
	URL  string
	HTML []byte // decompressed
	Dump []byte // plain-text dump
	Want string
}

// extractor turns a page into text; an error counts as empty output.
type extractor struct {
	name string
	run  func(p *page) (string, error)
}

func extractors() []extractor {
	xs := []extractor{
		{"brief-html", briefHTML},
		{"trafilatura-html", func(p *page) (string, error) { return trafilaturaHTML(p.HTML, p.URL) }},
		{"readability-html", readabilityHTML},
	}
	xs = append(xs,
		extractor{"brief-text", briefText},
		extractor{"trafilatura-text", func(p *page) (string, error) { return trafilaturaHTML(dumpToHTML(p.Dump), p.URL) }},
		extractor{"whole-dump", func(p *page) (string, error) { return string(p.Dump), nil }},
	)
	return xs
}

func briefHTML(p *page) (string, error) {
	a, err := htmlpage.Extract(p.HTML, article.Options{URL: p.URL})
	if err != nil {
		return "", err
	}
	return a.Text, nil
}

func trafilaturaHTML(data []byte, pageURL string) (string, error) {
	u, _ := url.Parse(pageURL)
	res, err := trafilatura.Extract(bytes.NewReader(data), trafilatura.Options{
		OriginalURL:     u,
		EnableFallback:  true,
		ExcludeComments: true,
	})
	if err != nil {
		return "", err
	}
	return res.ContentText, nil
}

func readabilityHTML(p *page) (string, error) {
	u, _ := url.Parse(p.URL)
	a, err := readability.FromReader(bytes.NewReader(p.HTML), u)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := a.RenderText(&b); err != nil {
		return "", err
	}
	return b.String(), nil
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
