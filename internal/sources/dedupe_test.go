package sources

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoDuplicatesAcrossSources: one article reached through two feeds,
// a feed and a sitemap, its AMP page, tracking variants, a redirecting
// link, or already in content/, is imported once.
func TestNoDuplicatesAcrossSources(t *testing.T) {
	n, wire := newNewsroom(t), newNewsroom(t)
	// The extractor learns boilerplate by host name, and text repeated on
	// two pages of one site is boilerplate: the wire is another site.
	wireURL := func(p string) string { return strings.Replace(wire.url(p), "127.0.0.1", "localhost", 1) }
	// Feed A: the canonical links, tracking added.
	n.set("/a.xml", "application/rss+xml", rss("salt-prices-climb", "night-shift-at-the-docks", "fishing-quota-set"))
	// Feed B: the same stories as AMP pages and with other tracking,
	// one through a redirecting link, one already in the site.
	n.set("/b.xml", "application/rss+xml", `<rss version="2.0"><channel><link>{{host}}/</link>
<item><title>Salt prices climb</title><link>{{host}}/news/salt-prices-climb/amp?fbclid=xyz</link></item>
<item><title>Night shift</title><link>{{host}}/r/7</link></item>
<item><title>Old story</title><link>{{host}}/news/already-here-story?utm_campaign=x</link></item>
<item><title>Quota again</title><link>`+wireURL("/syndicated/quota")+`</link></item>
</channel></rss>`)
	n.handle("/r/7", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/night-shift-at-the-docks?utm_source=tracker", http.StatusFound)
	})
	// The same text as fishing-quota-set on another site, without a
	// canonical link (wire copy): the fingerprint finds it.
	wire.handle("/syndicated/quota", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Replace(articlePage("fishing-quota-set"), `<link rel="canonical" href="/news/fishing-quota-set">`, "", 1)))
	})
	// A sitemap listing them again.
	n.set("/sitemap.xml", "application/xml", strings.ReplaceAll(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{{host}}/news/fishing-quota-set</loc></url><url><loc>https://www.{{bare}}/news/salt-prices-climb</loc></url></urlset>`, "{{bare}}", strings.TrimPrefix(n.url(""), "http://")))
	root, cfg := testSite(t, "  - url: "+n.url("/a.xml")+"\n    name: A\n  - url: "+n.url("/b.xml")+"\n    name: B\n  - url: "+n.url("/sitemap.xml")+"\n    name: S\n")
	if err := os.MkdirAll(filepath.Join(root, "content", "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	mine := "---\ntitle: Already here\ndate: 2025-01-01\nsource_url: " + n.url("/news/already-here-story") + "\n---\nMy own notes.\n"
	if err := os.WriteFile(filepath.Join(root, "content", "articles", "mine.md"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	a, b, s := res.Sources[0], res.Sources[1], res.Sources[2]
	if a.Count(New) != 3 {
		t.Errorf("A: %+v", a)
	}
	if b.Count(New) != 0 || b.Count(Failed) != 0 {
		t.Errorf("B imported or failed: %+v", b)
	}
	reasons := map[string]string{}
	for _, it := range b.Items {
		reasons[it.URL] = it.Reason
	}
	for u, want := range map[string]string{
		n.url("/news/salt-prices-climb/amp"): ReasonOther,
		n.url("/r/7"):                        ReasonDuplicate,
		n.url("/news/already-here-story"):    ReasonInSite,
		wireURL("/syndicated/quota"):         ReasonDuplicate,
	} {
		if reasons[u] != want {
			t.Errorf("B %s: %q, want %q (all: %v)", u, reasons[u], want, reasons)
		}
	}
	if s.Count(New) != 0 || s.Count(Skipped) != 2 {
		t.Errorf("sitemap: %+v", s)
	}
	if got := articles(t, root); len(got) != 4 {
		t.Errorf("articles %v, want mine.md and three", got)
	}
	if data, _ := os.ReadFile(filepath.Join(root, "content", "articles", "mine.md")); string(data) != mine {
		t.Errorf("the editor's file changed:\n%s", data)
	}
}

// TestRulesAndLimits: include/exclude, max_items (newest first) and
// --dry-run.
func TestRulesAndLimits(t *testing.T) {
	n := newNewsroom(t)
	n.set("/feed.xml", "application/rss+xml", rss("ferry-fares-rise", "ferry-podcast-episode", "crane-breaks-down", "ferry-route-cut", "new-ferry-ordered"))
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n    include: [ferry]\n    exclude: [podcast]\n    max_items: 2\n")
	opt := testOptions(root, cfg)
	opt.DryRun = true
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	s := res.Sources[0]
	var listed []string
	for _, it := range s.Items {
		if it.Outcome == Listed {
			listed = append(listed, it.Title)
		}
	}
	// rss() dates item i on June i+1: the newest are the last.
	if strings.Join(listed, "|") != "new ferry ordered|ferry route cut" {
		t.Errorf("listed %q", listed)
	}
	skips := map[string]int{}
	for _, r := range s.Skips() {
		skips[r.Reason] = r.N
	}
	if skips[ReasonRules] != 2 || skips[ReasonMaxItems] != 1 {
		t.Errorf("skips %v", skips)
	}
	if len(articles(t, root)) != 0 {
		t.Error("a dry run wrote articles")
	}
	if _, err := os.Stat(filepath.Join(root, StateFile)); !os.IsNotExist(err) {
		t.Errorf("a dry run wrote the state: %v", err)
	}
	for _, p := range []string{"/news/ferry-route-cut", "/news/new-ferry-ordered"} {
		if h, _ := n.count(p); h != 0 {
			t.Errorf("a dry run fetched %s", p)
		}
	}
}

// TestFeedContent: content: feed imports the feed's text without
// fetching the pages.
func TestFeedContent(t *testing.T) {
	n := newNewsroom(t)
	data, err := os.ReadFile("testdata/feeds/rss20.xml")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Replace(string(data), "<p>Dredgers began deepening the northern channel on Saturday.</p>",
		"<p>Dredgers began deepening the northern channel on Saturday, a month late.</p><p>The work will go on all summer, and the pilots will guide ships around the barges.</p>", 1)
	n.set("/feed.xml", "application/rss+xml", long)
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n    content: feed\n")
	res, err := Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Sources[0]
	if s.Count(New) != 1 || !s.Items[0].FromFeed {
		t.Fatalf("%+v", s)
	}
	if h, _ := n.count("/news/dredging-and-the-new-channel"); h != 0 {
		t.Error("content: feed fetched the page")
	}
	art, err := os.ReadFile(filepath.Join(root, s.Items[0].Path))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: Dredging & the new channel", "date: 2025-05-03T09:15:00Z", "author: [Tomas Berg]", "The work will go on all summer"} {
		if !strings.Contains(string(art), want) {
			t.Errorf("article lacks %q:\n%s", want, art)
		}
	}
}
