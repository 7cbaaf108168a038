package htmlpage

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// TestConverterCases runs the converter cases (one construct each, shared
// with the text-dump converter) through the HTML-to-Markdown renderer:
// the case's HTML is a page's body, stripped of what is never content and
// rendered whole, as the extractor renders the element it chose.
func TestConverterCases(t *testing.T) {
	articletest.RunCases(t, "../testdata/markdown/*.txt", "html", func(c articletest.Case, in string) (string, error) {
		var base *url.URL
		if c.Base != "" {
			u, err := url.Parse(c.Base)
			if err != nil {
				return "", err
			}
			base = u
		}
		doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html><head></head><body>" + in + "</body></html>"))
		if err != nil {
			return "", err
		}
		stripChrome(doc)
		md, _ := newRenderer(base, nil).render(findFirst(doc, atom.Body))
		return md, nil
	})
}
