package sources

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/extract"
	"github.com/brief-ssg/brief/internal/fetch"
	"github.com/brief-ssg/brief/internal/importer"
	"github.com/brief-ssg/brief/internal/site"
)

// benchSite is a site following the given sources with the politeness
// given (delay 0: the benchmark measures brief, not the wait).
func benchSite(b testing.TB, perHost int, sources string) (string, *site.Config) {
	root := b.TempDir()
	yaml := fmt.Sprintf("title: Bench\nbase_url: https://bench.example/\nfetch:\n  delay: 0s\n  per_host: %d\nsources:\n%s", perHost, sources)
	if err := os.WriteFile(filepath.Join(root, site.FileName), []byte(yaml), 0o644); err != nil {
		b.Fatal(err)
	}
	cfg, err := site.Load(os.DirFS(root), site.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return root, cfg
}

// bigFeed serves one RSS feed of n items and their pages.
func bigFeed(b testing.TB, n int) *httptest.Server {
	var feed strings.Builder
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(strings.ReplaceAll(feed.String(), "{{host}}", srv.URL)))
			return
		}
		if slug, ok := strings.CutPrefix(r.URL.Path, "/news/"); ok {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(articlePage(slug)))
			return
		}
		http.NotFound(w, r)
	}))
	b.Cleanup(srv.Close)
	slugs := make([]string, n)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("harbour-item-%04d-report", i)
	}
	feed.WriteString(rss(slugs...))
	return srv
}

// BenchmarkFetch1000 fetches and imports a loopback feed of 1,000 items
// into an empty site: feed, robots.txt, 1,000 pages, extraction and
// writing, as `brief fetch` does. items/s is the figure quoted in the
// README; per_host 2 is the default politeness, 16 shows what the
// import costs once the host is no limit.
func BenchmarkFetch1000(b *testing.B) {
	const n = 1000
	for _, perHost := range []int{2, 16} {
		b.Run(fmt.Sprintf("per_host=%d", perHost), func(b *testing.B) {
			srv := bigFeed(b, n)
			for b.Loop() {
				b.StopTimer()
				root, cfg := benchSite(b, perHost, "  - url: "+srv.URL+"/feed.xml\n    max_items: 1000\n")
				b.StartTimer()
				res, err := Fetch(context.Background(), Options{Root: root, Site: cfg, Client: &fetch.Client{UserAgent: "brief/bench"}})
				if err != nil {
					b.Fatal(err)
				}
				if got := res.Count(New); got != n {
					b.Fatalf("%d new, want %d: %+v", got, n, res.Sources[0].Items[:3])
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
	// The same 1,000 pages handed to the importer from memory, in turn
	// with a fetch in each iteration so that the shared machine's load
	// falls on both alike: what fetching adds is the ratio.
	b.Run("fetch-then-import-only", func(b *testing.B) {
		srv := bigFeed(b, n)
		pages := make([]importer.Page, n)
		for i := range pages {
			u := fmt.Sprintf("%s/news/harbour-item-%04d-report", srv.URL, i)
			pages[i] = importer.Page{Page: extract.Page{Name: u, URL: u, Body: []byte(articlePage(fmt.Sprintf("harbour-item-%04d-report", i)))}}
		}
		var fetching, importing time.Duration
		for b.Loop() {
			root, cfg := benchSite(b, 2, "  - url: "+srv.URL+"/feed.xml\n    max_items: 1000\n")
			start := time.Now()
			res, err := Fetch(context.Background(), Options{Root: root, Site: cfg, Client: &fetch.Client{UserAgent: "brief/bench"}})
			if err != nil || res.Count(New) != n {
				b.Fatalf("fetch: %v", err)
			}
			fetching += time.Since(start)
			root, cfg = benchSite(b, 2, "  - url: https://x.example/\n")
			start = time.Now()
			for from := 0; from < n; from += DefaultBatch {
				res, err := importer.ImportPages(context.Background(), pages[from:from+DefaultBatch], importer.Options{Root: root, Site: cfg})
				if err != nil || res.Count(importer.Imported) != DefaultBatch {
					b.Fatalf("import: %v", err)
				}
			}
			importing += time.Since(start)
		}
		b.ReportMetric(float64(n*b.N)/fetching.Seconds(), "fetch-items/s")
		b.ReportMetric(float64(n*b.N)/importing.Seconds(), "import-items/s")
		b.ReportMetric(fetching.Seconds()/importing.Seconds(), "fetch/import")
	})
}

// TestSecondRunNotModified: on a second run over 100 unchanged feeds
// (of 2 items each), every feed answers 304 and none is parsed. The
// share is the README's "second-run 304 ratio"; the issue asks at least
// 95%.
func TestSecondRunNotModified(t *testing.T) {
	n := newNewsroom(t)
	var list strings.Builder
	for i := range 100 {
		var slugs []string
		for j := range 2 {
			slugs = append(slugs, fmt.Sprintf("feed-%03d-item-%02d-story", i, j))
		}
		n.set(fmt.Sprintf("/feeds/%03d.xml", i), "application/rss+xml", rss(slugs...))
		fmt.Fprintf(&list, "  - url: %s\n", n.url(fmt.Sprintf("/feeds/%03d.xml", i)))
	}
	root, cfg := benchSite(t, 16, list.String())
	opt := Options{Root: root, Site: cfg, Client: testClient(), Now: testNow}
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Count(New); got != 200 {
		t.Fatalf("first run: %d new", got)
	}
	res, err = Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	notModified, parsed := 0, 0
	for _, s := range res.Sources {
		if s.NotModified {
			notModified++
		}
		parsed += len(s.Items)
	}
	answered := 0
	for i := range 100 {
		_, nm := n.count(fmt.Sprintf("/feeds/%03d.xml", i))
		answered += nm
	}
	if notModified != 100 || answered != 100 || parsed != 0 {
		t.Errorf("second run: %d sources not modified, %d 304s sent, %d items read; want 100, 100, 0", notModified, answered, parsed)
	}
	t.Logf("second run: %d of 100 feeds answered 304 (%.0f%%), %d items parsed", answered, float64(answered), parsed)
}
