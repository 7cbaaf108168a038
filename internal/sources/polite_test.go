package sources

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSitemaps(t *testing.T) {
	n := newNewsroom(t)
	n.set("/news-sitemap.xml", "application/xml", `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{{host}}/news/customs-queue-shrinks</loc><news:news><news:publication><news:name>Harbour Times</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2025-06-09T08:00:00+02:00</news:publication_date><news:title>Customs queue shrinks</news:title><news:keywords>customs, trade</news:keywords></news:news></url>
</urlset>`)
	var gz2 bytes.Buffer
	zw := gzip.NewWriter(&gz2)
	zw.Write([]byte(strings.ReplaceAll(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{{host}}/news/pilot-boat-renamed</loc><lastmod>2025-06-01</lastmod></url><url><loc>{{host}}/news/old-warehouse-sold</loc><lastmod>2024-01-05</lastmod></url></urlset>`, "{{host}}", n.url(""))))
	zw.Close()
	n.handle("/posts.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(gz2.Bytes())
	})
	n.set("/sitemap-index.xml", "text/xml", `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{{host}}/posts.xml.gz</loc><lastmod>2025-06-01</lastmod></sitemap><sitemap><loc>{{host}}/missing.xml</loc></sitemap></sitemapindex>`)
	root, cfg := testSite(t, "  - url: "+n.url("/news-sitemap.xml")+"\n    name: news\n  - url: "+n.url("/sitemap-index.xml")+"\n    name: index\n    type: sitemap\n")
	opt := testOptions(root, cfg)
	opt.Since = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	news, index := res.Sources[0], res.Sources[1]
	if news.Type != "sitemap" || news.Count(New) != 1 || news.Items[0].Title != "Customs queue shrinks" {
		t.Errorf("news sitemap: %+v", news)
	}
	if index.Err != nil || index.Count(New) != 1 || index.Count(Skipped) != 1 || index.Skips()[0].Reason != ReasonSince {
		t.Errorf("sitemap index: %+v", index)
	}
}

func TestRobots(t *testing.T) {
	n := newNewsroom(t)
	n.set("/robots.txt", "text/plain", "User-agent: *\nDisallow: /news/private\n\nUser-agent: brief\nDisallow: /news/members-\nCrawl-delay: 0\n")
	n.set("/feed.xml", "application/rss+xml", rss("members-only-dinner-report", "public-quay-meeting-notes", "private-berth-sale"))
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n")
	res, err := Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Sources[0]
	// brief's own group applies, not the group for *: private pages are
	// brief's to fetch, members' pages are not.
	if s.Count(New) != 2 || s.Count(Skipped) != 1 || s.Skips()[0].Reason != ReasonRobots {
		t.Errorf("%+v", s)
	}
	if h, _ := n.count("/news/members-only-dinner-report"); h != 0 {
		t.Error("a page robots.txt disallows was fetched")
	}
	if h, _ := n.count("/robots.txt"); h != 1 {
		t.Errorf("robots.txt read %d times, want once a run", h)
	}

	// A host whose robots.txt fails with a server error is left alone.
	down := newNewsroom(t)
	down.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusServiceUnavailable) })
	down.set("/feed.xml", "application/rss+xml", rss("a-b-c"))
	root, cfg = testSite(t, "  - url: "+down.url("/feed.xml")+"\n")
	res, err = Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if res.Sources[0].Err == nil || !strings.Contains(res.Sources[0].Err.Error(), "robots.txt") {
		t.Errorf("robots.txt 503: %+v", res.Sources[0])
	}
	if h, _ := down.count("/feed.xml"); h != 0 {
		t.Error("fetched from a host whose robots.txt failed")
	}
}

// TestPerHostLimit: with per_host: 1, no two requests reach a host at
// once, however many pages wait. Each page is held until a second
// request arrives or a while passes, so that overlapping requests would
// be seen.
func TestPerHostLimit(t *testing.T) {
	for _, perHost := range []int{1, 3} {
		n := newNewsroom(t)
		var slugs []string
		for _, s := range []string{"one", "two", "three", "four", "five", "six"} {
			slugs = append(slugs, "berth-"+s+"-report")
		}
		n.set("/feed.xml", "application/rss+xml", rss(slugs...))
		for _, s := range slugs {
			n.handle("/news/"+s, func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-n.overlap:
				case <-time.After(50 * time.Millisecond):
				}
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte(articlePage(strings.TrimPrefix(r.URL.Path, "/news/"))))
			})
		}
		root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n")
		cfg.Fetch.PerHost = perHost
		res, err := Fetch(context.Background(), testOptions(root, cfg))
		if err != nil {
			t.Fatal(err)
		}
		if res.Sources[0].Count(New) != 6 {
			t.Fatalf("%+v", res.Sources[0])
		}
		n.mu.Lock()
		got := n.maxIn
		n.mu.Unlock()
		if got > perHost || (perHost > 1 && got < 2) {
			t.Errorf("per_host %d: %d requests at once", perHost, got)
		}
	}
}

// TestDelay: the requests to one host start the configured delay apart
// (robots.txt, the feed, then its two pages), kept by a clock that moves
// only when a turn waits on it, so that the machine's load cannot make
// the gaps look longer or shorter than brief made them.
func TestDelay(t *testing.T) {
	n := newNewsroom(t)
	clk := &turnClock{now: testNow()}
	var served []time.Time // by the clock, when each page is served
	n.set("/feed.xml", "application/rss+xml", rss("quay-one-news", "quay-two-news"))
	for _, s := range []string{"quay-one-news", "quay-two-news"} {
		n.handle("/news/"+s, func(w http.ResponseWriter, r *http.Request) {
			n.mu.Lock()
			served = append(served, clk.Now())
			n.mu.Unlock()
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(articlePage(strings.TrimPrefix(r.URL.Path, "/news/"))))
		})
	}
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n")
	const delay = 150 * time.Millisecond
	cfg.Fetch.DelaySpan = delay
	opt := testOptions(root, cfg)
	opt.clock = clk
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Sources[0].Count(New); got != 2 || len(served) != 2 {
		t.Fatalf("%d new articles, %d pages served; want 2 and 2", got, len(served))
	}
	// Four requests, in four turns: the first at once, each of the
	// others waited for until the delay after the one before.
	start := testNow()
	want := []time.Time{start.Add(delay), start.Add(2 * delay), start.Add(3 * delay)}
	slices.SortFunc(clk.waits, time.Time.Compare)
	if !slices.EqualFunc(clk.waits, want, time.Time.Equal) {
		t.Errorf("turns waited for until %v after the first, want %v", sinceAll(start, clk.waits), sinceAll(start, want))
	}
	for _, at := range served {
		if at.Before(start.Add(2 * delay)) {
			t.Errorf("a page served %v after the first request, before its turn", at.Sub(start))
		}
	}
}

// turnClock is a clock that moves only when a turn waits on it: to the
// time waited for, at once. It records those times.
type turnClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Time
}

func (c *turnClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *turnClock) Until(_ context.Context, t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, t)
	if t.After(c.now) {
		c.now = t
	}
	return nil
}

func sinceAll(start time.Time, ts []time.Time) []time.Duration {
	out := make([]time.Duration, len(ts))
	for i, t := range ts {
		out[i] = t.Sub(start)
	}
	return out
}

// TestRedirectedFeed: a feed that moved (301) is read at its new address,
// and answers 304 there on the next run.
func TestRedirectedFeed(t *testing.T) {
	n := newNewsroom(t)
	n.set("/feed.xml", "application/rss+xml", rss("quay-wall-rebuilt"))
	n.handle("/old-feed", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed.xml", http.StatusMovedPermanently)
	})
	root, cfg := testSite(t, "  - url: "+n.url("/old-feed")+"\n")
	for run, want := range []bool{false, true} {
		res, err := Fetch(context.Background(), testOptions(root, cfg))
		if err != nil {
			t.Fatal(err)
		}
		if s := res.Sources[0]; s.Err != nil || s.NotModified != want || (run == 0 && s.Count(New) != 1) {
			t.Errorf("run %d: %+v", run, s)
		}
	}
}

// TestUnreachableHost: a host that does not answer at all is reported as
// unreachable with the real reason, not as robots.txt's refusal; an item
// on such a host fails, to be tried again, rather than being given up as
// disallowed. A robots.txt that is missing (404) allows everything.
func TestUnreachableHost(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gone := "http://" + ln.Addr().String()
	ln.Close() // connections to it are refused from now on

	n := newNewsroom(t)
	n.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	n.set("/feed.xml", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Ferry fares rise</title><link>{{host}}/news/ferry-fares-rise</link></item>
<item><title>Pier closed</title><link>`+gone+`/news/pier-closed-for-repairs</link></item>
</channel></rss>`)
	root, cfg := testSite(t, "  - url: "+gone+"/feed.xml\n    name: Gone\n  - url: "+n.url("/feed.xml")+"\n    name: Up\n")
	res, err := Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	down, up := res.Sources[0], res.Sources[1]
	if down.Err == nil || !errors.Is(down.Err, ErrRobotsUnreachable) || errors.Is(down.Err, ErrRobots) ||
		!strings.Contains(down.Err.Error(), "connection refused") || strings.Contains(down.Err.Error(), "asks") {
		t.Errorf("unreachable source: %v, want the connection refused reported as such", down.Err)
	}
	if up.Err != nil || up.Count(New) != 1 || up.Count(Failed) != 1 {
		t.Fatalf("source up: %+v", up)
	}
	for _, it := range up.Items {
		if it.Outcome == Failed && (!strings.Contains(it.Err.Error(), "connection refused") || strings.Contains(it.Err.Error(), "asks")) {
			t.Errorf("item on the unreachable host: %v", it.Err)
		}
	}
	st, _, err := LoadState(root)
	if err != nil {
		t.Fatal(err)
	}
	if it := st.Items[Key(gone+"/news/pier-closed-for-repairs")]; it == nil || it.Done {
		t.Errorf("the item on the unreachable host is %+v, want it left to try again", it)
	}
}
