package sources

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/fetch"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// newsroom is a real HTTP server on loopback that plays a publisher: it
// serves feeds, sitemaps and robots.txt from docs, article pages made
// from their slug, and answers conditional requests. It counts what it
// is asked.
type newsroom struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	docs     map[string]doc // path → document
	hits     map[string]int // path → requests
	notMod   map[string]int // path → 304 answers
	agents   map[string]bool
	inFlight int
	maxIn    int
	// overlap is closed once two requests are in at once.
	overlap     chan struct{}
	overlapOnce sync.Once
	// handlers replace the default for a path.
	handlers map[string]http.HandlerFunc
}

type doc struct {
	typ, body string
}

func newNewsroom(t *testing.T) *newsroom {
	n := &newsroom{t: t, docs: map[string]doc{}, hits: map[string]int{}, notMod: map[string]int{}, agents: map[string]bool{}, handlers: map[string]http.HandlerFunc{}, overlap: make(chan struct{})}
	n.srv = httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(n.srv.Close)
	return n
}

func (n *newsroom) url(p string) string { return n.srv.URL + p }

func (n *newsroom) set(path, typ, body string) {
	n.mu.Lock()
	n.docs[path] = doc{typ, strings.ReplaceAll(body, "{{host}}", n.srv.URL)}
	n.mu.Unlock()
}

func (n *newsroom) handle(path string, h http.HandlerFunc) {
	n.mu.Lock()
	n.handlers[path] = h
	n.mu.Unlock()
}

func (n *newsroom) count(path string) (hits, notModified int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.hits[path], n.notMod[path]
}

func (n *newsroom) serve(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	n.hits[r.URL.Path]++
	n.agents[r.UserAgent()] = true
	n.inFlight++
	n.maxIn = max(n.maxIn, n.inFlight)
	if n.inFlight >= 2 {
		n.overlapOnce.Do(func() { close(n.overlap) })
	}
	d, ok := n.docs[r.URL.Path]
	h := n.handlers[r.URL.Path]
	n.mu.Unlock()
	defer func() {
		n.mu.Lock()
		n.inFlight--
		n.mu.Unlock()
	}()
	if h != nil {
		h(w, r)
		return
	}
	if !ok && strings.HasPrefix(r.URL.Path, "/news/") {
		d, ok = doc{"text/html; charset=utf-8", articlePage(strings.TrimPrefix(r.URL.Path, "/news/"))}, true
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256([]byte(d.body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		n.mu.Lock()
		n.notMod[r.URL.Path]++
		n.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", d.typ)
	fmt.Fprint(w, d.body)
}

// articlePage is a publisher's page for a slug: its own words, a date,
// and a canonical link without the tracking a feed adds.
func articlePage(slug string) string {
	title := strings.ReplaceAll(slug, "-", " ")
	return fmt.Sprintf(`<!doctype html><html lang="en"><head><title>%[1]s | Harbour Times</title>
<link rel="canonical" href="/news/%[2]s">
<meta property="article:published_time" content="2025-05-0%[3]dT08:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>%[1]s</h1>
<p>This report on %[1]s was filed from the harbour office, where the pilots keep the log of every ship that came in this week.</p>
<p>Officials said the %[1]s matter would be settled before the autumn storms, and the port would publish its figures for it then.</p>
<p>Fishermen at the quay were less sure, and several of them said %[1]s had been promised before and never happened at all.</p>
</article></body></html>`, title, slug, 1+len(slug)%8)
}

// rss is an RSS 2.0 feed of the given slugs, linked with tracking
// parameters as feeds do.
func rss(slugs ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour Times</title><link>{{host}}/</link>`)
	for i, s := range slugs {
		fmt.Fprintf(&b, `<item><title>%s</title><link>{{host}}/news/%s?utm_source=rss</link><pubDate>Mon, 0%d Jun 2025 10:00:00 GMT</pubDate><description>A short teaser.</description></item>`, strings.ReplaceAll(s, "-", " "), s, 1+i%9)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// testSite makes a site folder whose site.yaml follows the given
// sources (YAML list items), with no delay between requests.
func testSite(t *testing.T, sources string) (string, *site.Config) {
	t.Helper()
	yaml := "title: Harbour brief\nbase_url: https://brief.example/\ntopics:\n  - title: Port\n    slug: port\nfetch:\n  delay: 0s\nsources:\n" + sources
	s := sitetest.New(t, "-- site.yaml --\n"+yaml, sitetest.OnDisk())
	return s.Dir(), s.Config()
}

var testNow = func() time.Time { return time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC) }

func testOptions(root string, cfg *site.Config) Options {
	return Options{Root: root, Site: cfg, Now: testNow, Client: &fetch.Client{UserAgent: fetch.UserAgent("test"), Timeout: 5 * time.Second}}
}

// articles lists the files under content/articles.
func articles(t *testing.T, root string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(root, "content", "articles"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

func testClient() *fetch.Client {
	return &fetch.Client{UserAgent: fetch.UserAgent("test"), Timeout: 5 * time.Second}
}

func fetchReq(u string) fetch.Request { return fetch.Request{URL: u, Types: feedTypes} }

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
