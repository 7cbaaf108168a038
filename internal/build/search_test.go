package build_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/output"
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

// analysedCounter is a log handler that keeps how many articles each
// build's search index analysed (the "search index" debug record).
type analysedCounter struct{ counts *[]int64 }

func (h analysedCounter) Enabled(context.Context, slog.Level) bool { return true }
func (h analysedCounter) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h analysedCounter) WithGroup(string) slog.Handler            { return h }
func (h analysedCounter) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "search index" {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "analysed" {
				*h.counts = append(*h.counts, a.Value.Int64())
			}
			return true
		})
	}
	return nil
}

// TestSearchKeptAnalyses: `brief build` keeps each article's analysis in
// its cache file, so a rebuild after one edit analyses that article
// alone, and a change of what the index may read of bodies analyses
// every article again; a watched cache kept in memory (as `brief serve`
// keeps one) also keeps the merged index, which the next build updates. Either
// way, after edits, an article added, one removed and a change of
// publish mode, the index files are byte for byte those of a one-off
// build without a cache.
func TestSearchKeptAnalyses(t *testing.T) {
	src, tmp := t.TempDir(), t.TempDir()
	files := map[string]string{"site.yaml": "title: T\nbase_url: https://example.org/briefing/\n"}
	for i := range 6 {
		files[fmt.Sprintf("content/articles/a%d.md", i)] = fmt.Sprintf("---\ntitle: Harbour report %d\ndate: 2025-01-0%dT10:00:00Z\nsource: Ledger\ntags: [Ports]\n---\nCranes %d stood idle at the harbour while talks went on.\n", i, i+1, i)
	}
	// A watched cache, told of every change, as `brief serve` keeps one.
	memCache := build.NewCache()
	memCache.Watch()
	old := time.Now().Add(-time.Hour)
	write := func(name, data string) {
		memCache.Changed(name)
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		// Older than the scan, so that the cache trusts size and time.
		old = old.Add(time.Second)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range files {
		write(name, data)
	}
	var counts []int64
	opt := build.Options{Tool: "test", Log: slog.New(analysedCounter{&counts})}
	dest := filepath.Join(tmp, "public")
	memOpt := build.Options{Tool: "test", Cache: memCache}
	// index builds the site into dest with the cache beside it, into
	// memory with the cache kept in memory, and once more into memory
	// with no cache, and returns the first's index files after checking
	// the three are the same.
	index := func(step string) map[string][]byte {
		t.Helper()
		if _, err := build.ToDir(t.Context(), src, dest, opt); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		mem := output.NewMemory()
		if _, err := build.Build(t.Context(), os.DirFS(src), mem, memOpt); err != nil {
			t.Fatalf("%s, with a cache in memory: %v", step, err)
		}
		memFiles := mem.Files()
		fresh := output.NewMemory()
		if _, err := build.Build(t.Context(), os.DirFS(src), fresh, build.Options{}); err != nil {
			t.Fatalf("%s, without a cache: %v", step, err)
		}
		got := map[string][]byte{}
		n := 0
		for name, data := range fresh.Files() {
			if !strings.HasPrefix(name, "search/") || name == "search/index.html" {
				continue
			}
			n++
			kept, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
			if err != nil {
				t.Errorf("%s: %v", step, err)
			} else if !bytes.Equal(kept, data) {
				t.Errorf("%s: %s differs from a build without a cache", step, name)
			}
			if !bytes.Equal(memFiles[name], data) {
				t.Errorf("%s: %s of a build with a cache in memory differs from a build without a cache", step, name)
			}
			got[name] = kept
		}
		for name := range memFiles {
			if _, ok := fresh.Files()[name]; !ok && strings.HasPrefix(name, "search/") {
				t.Errorf("%s: a build with a cache in memory has %s, a build without has not", step, name)
			}
		}
		if n < 5 {
			t.Fatalf("%s: only %d index files", step, n)
		}
		return got
	}
	last := func() int64 { return counts[len(counts)-1] }

	before := index("first build")
	if last() != 6 {
		t.Errorf("first build analysed %d articles, want 6", last())
	}
	write("content/articles/a3.md", strings.Replace(files["content/articles/a3.md"], "talks went on.", "talks went on about zeppelins.", 1))
	after := index("one article edited")
	if last() != 1 {
		t.Errorf("a rebuild after one edit analysed %d articles, want 1", last())
	}
	if reflect.DeepEqual(before, after) {
		t.Errorf("the edit changed no index file")
	}
	write("content/articles/a6.md", "---\ntitle: Harbour report 6\ndate: 2025-01-09T10:00:00Z\nsource: Wire\n---\nA newer report on dredging.\n")
	index("newest article added")
	write("content/articles/a7.md", "---\ntitle: Older report\ndate: 2024-12-01T10:00:00Z\nsource: Wire\n---\nAn older report on pilots.\n")
	index("older article added")
	for _, name := range []string{"content/articles/a2.md", "content/articles/a6.md"} {
		if err := os.Remove(filepath.Join(src, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
		memCache.Changed(name)
		index("removed " + name)
	}
	write("content/articles/a4.md", strings.Replace(files["content/articles/a4.md"], "source: Ledger\n", "source: Ledger\npublish: link\n", 1))
	index("publish: link")
	write("content/articles/a3.md", files["content/articles/a3.md"])
	index("edit undone")
	write("site.yaml", files["site.yaml"]+"search:\n  body: false\n")
	index("search: body: false")
	if last() != 6 {
		t.Errorf("after search: body: false, a rebuild analysed %d articles, want 6", last())
	}
}
