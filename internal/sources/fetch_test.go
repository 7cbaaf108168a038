package sources

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFetchFeedTwice(t *testing.T) {
	n := newNewsroom(t)
	n.set("/feed.xml", "application/rss+xml", rss("ferry-fares-rise", "new-pier-opens", "pilots-strike-ends"))
	root, cfg := testSite(t, "  - name: Harbour Times\n    url: "+n.url("/feed.xml")+"\n    topics: [port]\n")

	res, err := Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Sources[0]
	if s.Err != nil || s.Type != "feed" || s.Count(New) != 3 || res.Failed() {
		t.Fatalf("first run: %+v", s)
	}
	if got := articles(t, root); len(got) != 3 {
		t.Fatalf("articles %v", got)
	}
	data, err := os.ReadFile(filepath.Join(root, s.Items[0].Path))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"topics: [port]", "source_url: " + n.url("/news/"), "scraped_from: " + n.url("/news/")} {
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %q:\n%s", s.Items[0].Path, want, data)
		}
	}
	if strings.Contains(string(data), "utm_source") {
		t.Errorf("tracking parameter kept:\n%s", data)
	}
	if _, err := os.Stat(filepath.Join(root, StateFile)); err != nil {
		t.Fatal(err)
	}

	// Unchanged: the feed answers 304, is not parsed, and nothing is
	// fetched or written.
	pageHits, _ := n.count("/news/ferry-fares-rise")
	res, err = Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	s = res.Sources[0]
	if !s.NotModified || len(s.Items) != 0 {
		t.Errorf("second run: %+v", s)
	}
	if _, nm := n.count("/feed.xml"); nm != 1 {
		t.Errorf("%d 304 answers, want 1", nm)
	}
	if h, _ := n.count("/news/ferry-fares-rise"); h != pageHits {
		t.Errorf("page fetched again")
	}

	// One more item: only it is fetched; the others are seen before.
	n.set("/feed.xml", "application/rss+xml", rss("ferry-fares-rise", "new-pier-opens", "pilots-strike-ends", "lighthouse-keeper-retires"))
	res, err = Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	s = res.Sources[0]
	if s.Count(New) != 1 || s.Count(Skipped) != 3 || s.Skips()[0].Reason != ReasonSeen {
		t.Errorf("third run: %+v", s)
	}
	if got := articles(t, root); len(got) != 4 {
		t.Errorf("articles %v", got)
	}
	for ua := range n.agents {
		if !strings.HasPrefix(ua, "brief/test (+https://") {
			t.Errorf("User-Agent %q", ua)
		}
	}
}

// TestMaxItemsBacklog: a feed of more new items than max_items gives a
// batch a run, even though it does not change between the runs (a
// server answering 304 to the validators of the first run would leave
// the rest untaken for ever); once all are taken, it answers 304.
func TestMaxItemsBacklog(t *testing.T) {
	n := newNewsroom(t)
	n.set("/feed.xml", "application/rss+xml", rss("ferry-fares-rise", "new-pier-opens", "pilots-strike-ends", "crane-breaks-down", "lighthouse-keeper-retires"))
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n    max_items: 2\n")
	for run, want := range []int{2, 2, 1, 0} {
		res, err := Fetch(context.Background(), testOptions(root, cfg))
		if err != nil {
			t.Fatal(err)
		}
		s := res.Sources[0]
		if got := s.Count(New); got != want || s.Err != nil {
			t.Errorf("run %d: %d new (%+v), want %d", run+1, got, s, want)
		}
		if notModified := run == 3; s.NotModified != notModified {
			t.Errorf("run %d: not modified %v, want %v", run+1, s.NotModified, notModified)
		}
	}
	if got := articles(t, root); len(got) != 5 {
		t.Errorf("articles %v, want all five", got)
	}
}

// TestSinceUndatedItems: a page source lists links without dates; with
// --since, an article whose own page dates it before is not imported
// (skipped as older than --since), and a later run without --since
// still takes it.
func TestSinceUndatedItems(t *testing.T) {
	n := newNewsroom(t)
	// articlePage dates these May 3 and May 5, 2025.
	n.set("/section/", "text/html", `<!doctype html><html><body><h1>Port news</h1><ul>
<li><a href="/news/old-crane-sold-off">Old crane sold off</a></li>
<li><a href="/news/new-pier-opens-today">New pier opens today</a></li></ul></body></html>`)
	root, cfg := testSite(t, "  - url: "+n.url("/section/")+"\n    type: page\n")
	opt := testOptions(root, cfg)
	opt.Since = time.Date(2025, 5, 5, 0, 0, 0, 0, time.UTC)
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	s := res.Sources[0]
	if s.Count(New) != 1 || s.Count(Skipped) != 1 || s.Skips()[0].Reason != ReasonSince || res.Failed() {
		t.Fatalf("%+v, want one new and one older than --since", s)
	}
	if got := articles(t, root); len(got) != 1 || got[0] != "new-pier-opens-today.md" {
		t.Errorf("articles %v, want the new pier only", got)
	}
	// Once the page changes, a run without --since takes the old crane,
	// which was not remembered as done.
	n.set("/section/", "text/html", `<!doctype html><html><body><h1>Port news</h1><ul>
<li><a href="/news/old-crane-sold-off">Old crane sold off</a></li>
<li><a href="/news/new-pier-opens-today">New pier opens today</a></li>
<li><a href="/news/tugboat-crew-honoured">Tugboat crew honoured</a></li></ul></body></html>`)
	res, err = Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Sources[0]; s.Count(New) != 2 || len(articles(t, root)) != 3 {
		t.Errorf("without --since: %+v, want the old crane taken", s)
	}
}

// TestListedTwice: an item a feed lists twice (with and without its
// tracking) is one item, and the second is reported as listed twice by
// the source, not by another one.
func TestListedTwice(t *testing.T) {
	n := newNewsroom(t)
	n.set("/feed.xml", "application/rss+xml", strings.Replace(rss("ferry-fares-rise", "ferry-fares-rise"), "?utm_source=rss", "", 1))
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n")
	res, err := Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Sources[0]
	if s.Count(New) != 1 || s.Count(Skipped) != 1 || s.Skips()[0].Reason != ReasonTwice {
		t.Errorf("%+v, want one new and one listed twice by the source", s)
	}
}

// TestSourceName: a page that names no publisher takes, as its source:,
// the name the editor gave the source, else the feed's title, rather
// than its host.
func TestSourceName(t *testing.T) {
	n := newNewsroom(t)
	n.set("/feed.xml", "application/rss+xml", rss("quay-lights-renewed"))
	n.handle("/news/quay-lights-renewed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Replace(articlePage("quay-lights-renewed"), " | Harbour Times", "", 1)))
	})
	for _, tc := range []struct{ yaml, want string }{
		{"  - url: " + n.url("/feed.xml") + "\n    name: Pacific Ledger\n", "source: Pacific Ledger"},
		{"  - url: " + n.url("/feed.xml") + "\n", "source: Harbour Times"},
	} {
		root, cfg := testSite(t, tc.yaml)
		res, err := Fetch(context.Background(), testOptions(root, cfg))
		if err != nil || res.Sources[0].Count(New) != 1 {
			t.Fatalf("%v %+v", err, res)
		}
		data, _ := os.ReadFile(filepath.Join(root, res.Sources[0].Items[0].Path))
		if !strings.Contains(string(data), tc.want+"\n") {
			t.Errorf("article lacks %q:\n%s", tc.want, data)
		}
	}
}
