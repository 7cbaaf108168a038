package sources

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestFeedFormats serves each kind of feed from a real server and checks
// what brief reads of its item, then imports it.
func TestFeedFormats(t *testing.T) {
	for _, tc := range []struct {
		file, typ string
		want      Item
	}{
		{"rss090.rdf", "application/rdf+xml", Item{URL: "/news/old-lighthouse-gets-a-new-lamp", Title: "Old lighthouse gets a new lamp"}},
		{"rss091.xml", "text/xml", Item{URL: "/news/crane-repairs-finish-early", Title: "Crane repairs finish early", Summary: "The big crane on berth four works again."}},
		{"rss10.rdf", "application/rss+xml", Item{URL: "/news/tug-crews-sign-new-contract", Title: "Tug crews sign new contract",
			Date: time.Date(2025, 5, 2, 5, 30, 0, 0, time.UTC), Authors: []string{"Ines Moll"}}},
		{"rss20.xml", "application/rss+xml", Item{URL: "/news/dredging-and-the-new-channel", Title: "Dredging & the new channel",
			Date: time.Date(2025, 5, 3, 9, 15, 0, 0, time.UTC), Authors: []string{"Tomas Berg"}, Tags: []string{"Dredging"},
			Summary: "Short teaser.", Content: "<p>Dredgers began deepening the northern channel on Saturday.</p>"}},
		{"atom.xml", "application/atom+xml", Item{URL: "/news/ferry-timetable-changes", Title: "Ferry timetable changes",
			Date: time.Date(2025, 5, 4, 9, 0, 0, 0, time.UTC), Authors: []string{"Ada Lind"}, Content: "<p>Summer sailings start a week later this year.</p>"}},
		{"feed.json", "application/feed+json", Item{URL: "/news/harbour-master-steps-down", Title: "Harbour master steps down",
			Date: time.Date(2025, 5, 5, 6, 0, 0, 0, time.UTC), Authors: []string{"Jon Vik"}, Tags: []string{"people"},
			Content: "<p>After twenty years the harbour master hands over the keys.</p>"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			n := newNewsroom(t)
			data, err := os.ReadFile("testdata/feeds/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			n.set("/feed", tc.typ, string(data))
			r, err := testClient().Do(context.Background(), fetchReq(n.url("/feed")))
			if err != nil {
				t.Fatal(err)
			}
			if typ := detect(r.ContentType, r.Body); typ != "feed" {
				t.Fatalf("detected %q", typ)
			}
			items, _, err := parse("feed", r.Body, mustURL(n.url("/feed")))
			if err != nil || len(items) != 1 {
				t.Fatalf("items %+v, err %v", items, err)
			}
			got, want := items[0], tc.want
			want.URL, want.Publisher = n.url(want.URL), "Quayside Notes"
			got.Date, want.Date = got.Date.UTC(), want.Date.UTC()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("item\n%+v\nwant\n%+v", got, want)
			}

			// The whole way: detected, fetched, imported.
			root, cfg := testSite(t, "  - url: "+n.url("/feed")+"\n")
			res, err := Fetch(context.Background(), testOptions(root, cfg))
			if err != nil {
				t.Fatal(err)
			}
			if s := res.Sources[0]; s.Err != nil || s.Count(New) != 1 {
				t.Fatalf("fetch: %+v", s)
			}
			if a := articles(t, root); len(a) != 1 || !strings.Contains(a[0], strings.TrimPrefix(tc.want.URL, "/news/")) {
				t.Errorf("articles %v", a)
			}
		})
	}
}

// TestPageSource follows a section page: its links to articles of the
// same site, not its navigation, tags or other sites.
func TestPageSource(t *testing.T) {
	n := newNewsroom(t)
	n.set("/harbour/", "text/html", `<!doctype html><html><body><nav><a href="/">Home</a> <a href="/harbour/">Harbour</a> <a href="/tag/ferries">Ferries</a> <a href="/about">About</a></nav>
<main><h2><a href="/news/ferry-fares-rise-again?utm_source=section">Ferry fares <b>rise</b> again</a></h2>
<h2><a href="2025/06/10/4411">Pilots vote</a></h2>
<a href="/news/ferry-fares-rise-again">Read more</a>
<a href="https://other.example/news/a-b-c-d">Elsewhere</a>
<a href="javascript:void(0)">Menu</a><a href="/video/harbour-drone-film-today">Video</a></main></body></html>`)
	root, cfg := testSite(t, "  - url: "+n.url("/harbour/")+"\n    name: section\n")
	opt := testOptions(root, cfg)
	opt.DryRun = true
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	s := res.Sources[0]
	var got []string
	for _, it := range s.Items {
		got = append(got, it.Title+" → "+strings.TrimPrefix(it.URL, n.url("")))
	}
	want := []string{"Ferry fares rise again → /news/ferry-fares-rise-again", "Pilots vote → /harbour/2025/06/10/4411"}
	if s.Type != "page" || !reflect.DeepEqual(got, want) {
		t.Errorf("type %q, items %q; want %q", s.Type, got, want)
	}
}
