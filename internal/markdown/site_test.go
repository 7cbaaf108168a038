package markdown_test

import (
	"testing"

	"github.com/brief-ssg/brief/internal/htmlcheck"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestSiteLinksAndTables builds an article with the links and table of
// issue 11: a livescript: link (which htmlcheck calls a script URL) is
// dropped, an autolink and a linkified address to another site carry
// rel="noopener noreferrer", and table alignment is a class the pages'
// CSP allows instead of a style attribute it blocks.
func TestSiteLinksAndTables(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
-- content/articles/a.md --
---
title: Links
date: 2025-01-01
---
A [bad link](livescript:alert(1)) and [another](JaVa&#9;ScRiPt&colon;alert(1)), an autolink <https://news.example/a>
and an address www.news.example/b.

| left | centre | right |
|:-----|:------:|------:|
| 1    | 2      | 3     |
`).Build()
	s.AssertFileContent("articles/a/index.html",
		"bad link", "another",
		`<a href="https://news.example/a" rel="noopener noreferrer">`,
		`<a href="http://www.news.example/b" rel="noopener noreferrer">`,
		`<th class="align-center">centre</th>`, `<td class="align-right">3</td>`,
		"! livescript", "! text-align", "! alert(1)")
	found, err := htmlcheck.Check(s.File("articles/a/index.html"))
	if err != nil || len(found) > 0 {
		t.Errorf("htmlcheck: %v %v", found, err)
	}
}
