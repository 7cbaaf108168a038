package build_test

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

const searchSite = `
-- site.yaml --
title: T
base_url: https://example.org/briefing/
topics:
  - title: Trade
    match: {any: [tariff, tariffs]}
-- content/articles/one.md --
---
title: Tariffs rise again
date: 2025-01-03T10:00:00Z
source: Ledger
summary: A short summary.
tags: [Steel]
---
The quarterly figures mention zeppelins.
-- content/articles/two.md --
---
title: Summit in Lima
date: 2025-01-02T10:00:00Z
---
Leaders met.
`

// dictionary is every dictionary shard of a built site, one text.
func dictionary(s *sitetest.Site) string {
	var b strings.Builder
	for _, n := range s.Names() {
		if strings.HasPrefix(n, "search/d/") {
			b.Write(s.File(n))
		}
	}
	return b.String()
}

// TestSearchIndex: a build publishes the search page, its index and a
// search box on every page; the index follows edits, and an incremental
// rebuild writes the same index as a full one.
func TestSearchIndex(t *testing.T) {
	s := sitetest.New(t, searchSite).Build()
	s.AssertFileExists("search/index.html", "search/meta.json", "search/facets.json", "search/dates.bin", "search/c/0.json")
	s.AssertFileContent("search/index.html", "connect-src 'self'", `id="search-q"`, `data-root="../"`, `href="../articles/"`, `href="../tags/"`)
	s.AssertFileContent("index.html", `action="search/"`, "form-action 'self'", "! connect-src")
	s.AssertFileContent("articles/one/index.html", `action="../../search/"`)
	s.AssertFileContent("search/c/0.json", `"articles/two/"`, `"Summit in Lima"`, `"articles/one/"`, `"Ledger"`, `["Trade"]`, `["Steel"]`)
	s.AssertFileContent("search/facets.json", `"Trade"`, `"Ledger"`, `"Steel"`)
	if d := dictionary(s); !strings.Contains(d, "zeppelins\tzeppelin\t1\n") || !strings.Contains(d, "tariffs\ttariff\t1\n") {
		t.Errorf("the dictionary lacks the body's and the title's words:\n%s", d)
	}
	s.AssertNoLiveMarkup()

	s.ReplaceInFile("content/articles/two.md", "Leaders met.", "Leaders met and spoke of airships.").Rebuild()
	if d := dictionary(s); !strings.Contains(d, "airships\tairship\t1\n") {
		t.Errorf("the edited body's new word is not in the dictionary:\n%s", d)
	}
}

// TestSearchOptions: search: body: false keeps bodies out of the index;
// enabled: false publishes no index, page or box.
func TestSearchOptions(t *testing.T) {
	noBody := strings.Replace(searchSite, "base_url: https://example.org/briefing/\n", "base_url: https://example.org/briefing/\nsearch:\n  body: false\n", 1)
	s := sitetest.New(t, noBody).Build()
	d := dictionary(s)
	if strings.Contains(d, "zeppelin") || strings.Contains(d, "quarter") {
		t.Errorf("with body: false the body's words are in the index:\n%s", d)
	}
	if !strings.Contains(d, "summari") || !strings.Contains(d, "lima") {
		t.Errorf("with body: false the title and summary must still be indexed:\n%s", d)
	}
	s.AssertFileContent("search/c/0.json", "! zeppelins")

	off := strings.Replace(searchSite, "base_url: https://example.org/briefing/\n", "base_url: https://example.org/briefing/\nsearch:\n  enabled: false\n", 1)
	s = sitetest.New(t, off).Build()
	s.AssertNoFile("search/index.html", "search/meta.json")
	s.AssertFileContent("index.html", "! site-search", "form-action 'none'")

	sitetest.New(t, strings.Replace(searchSite, "title: T\n", "title: T\nsearch:\n  bodies: false\n", 1)).AssertBuildError("bodies")
}
