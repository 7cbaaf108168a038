package build_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/search"
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

// dictionary is the index's dictionary: each form's term.
func dictionary(t *testing.T, s *sitetest.Site) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range s.Names() {
		if !strings.HasPrefix(n, "search/d/") {
			continue
		}
		entries, err := search.ReadShard(s.File(n))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		for _, e := range entries {
			out[e.Form] = e.Term
		}
	}
	return out
}

// indexText is every file of a built site's index under prefix
// ("search/d/": the dictionary), inflated, as one text.
func indexText(t *testing.T, s *sitetest.Site, prefix string) string {
	t.Helper()
	var b strings.Builder
	for _, n := range s.Names() {
		if !strings.HasPrefix(n, prefix) {
			continue
		}
		r, err := gzip.NewReader(bytes.NewReader(s.File(n)))
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		b.Write(data)
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
	data := indexText(t, s, "search/c/")
	for _, want := range []string{`"articles/two/"`, `"Summit in Lima"`, `"articles/one/"`, `"Ledger"`, `["Trade"]`, `["Steel"]`, "zeppelins"} {
		if !strings.Contains(data, want) {
			t.Errorf("the result data lack %s:\n%s", want, data)
		}
	}
	if f := indexText(t, s, "search/facets.json"); !strings.Contains(f, `"Ledger"`) || !strings.Contains(f, `"Steel"`) {
		t.Errorf("the filters lack the source and the tag: %s", f)
	}
	if d := dictionary(t, s); d["zeppelins"] != "zeppelin" || d["tariffs"] != "tariff" {
		t.Errorf("the dictionary lacks the body's and the title's words: %v", d)
	}
	s.AssertNoLiveMarkup()

	s.ReplaceInFile("content/articles/two.md", "Leaders met.", "Leaders met and spoke of airships.").Rebuild()
	if d := dictionary(t, s); d["airships"] != "airship" {
		t.Errorf("the edited body's new word is not in the dictionary: %v", d)
	}
}

// TestSearchOptions: search: body: false keeps bodies out of the index;
// enabled: false publishes no index, page or box.
func TestSearchOptions(t *testing.T) {
	noBody := strings.Replace(searchSite, "base_url: https://example.org/briefing/\n", "base_url: https://example.org/briefing/\nsearch:\n  body: false\n", 1)
	s := sitetest.New(t, noBody).Build()
	d := dictionary(t, s)
	if d["zeppelins"] != "" || d["quarterly"] != "" {
		t.Errorf("with body: false the body's words are in the index: %v", d)
	}
	if d["summary"] != "summari" || d["lima"] != "lima" {
		t.Errorf("with body: false the title and summary must still be indexed: %v", d)
	}
	if c := indexText(t, s, "search/c/"); strings.Contains(c, "zeppelins") {
		t.Errorf("with body: false the result data quote the body: %s", c)
	}

	off := strings.Replace(searchSite, "base_url: https://example.org/briefing/\n", "base_url: https://example.org/briefing/\nsearch:\n  enabled: false\n", 1)
	s = sitetest.New(t, off).Build()
	s.AssertNoFile("search/index.html", "search/meta.json")
	s.AssertFileContent("index.html", "! site-search", "form-action 'none'")

	sitetest.New(t, strings.Replace(searchSite, "title: T\n", "title: T\nsearch:\n  bodies: false\n", 1)).AssertBuildError("bodies")
}

// TestSearchPublishLink: an article whose front matter says `publish: link`
// shows none of its body, so the index holds none of its body's words and the
// result data quote none of it; its title and summary are still searchable.
func TestSearchPublishLink(t *testing.T) {
	link := strings.Replace(searchSite, "source: Ledger\n", "source: Ledger\npublish: link\n", 1)
	s := sitetest.New(t, link).Build()
	d := dictionary(t, s)
	if d["zeppelins"] != "" || d["quarterly"] != "" || d["figures"] != "" {
		t.Errorf("publish: link: the body's words are in the index: %v", d)
	}
	if d["summary"] != "summari" || d["tariffs"] == "" {
		t.Errorf("publish: link: the title and summary must still be indexed: %v", d)
	}
	if c := indexText(t, s, "search/c/"); strings.Contains(c, "zeppelins") {
		t.Errorf("publish: link: the result data quote the body: %s", c)
	}

	// The same site in full mode indexes the body, so the test can fail.
	d = dictionary(t, sitetest.New(t, searchSite).Build())
	if d["zeppelins"] == "" {
		t.Errorf("publish: full: the body's words are missing from the index: %v", d)
	}
}
