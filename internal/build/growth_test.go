package build_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// broadSite is a site of n topics that all take every one of its
// articles: the shape that wrote 44 GB for 2,000 topics over 200 articles.
func broadSite(topics, articles int) string {
	var b strings.Builder
	b.WriteString("-- site.yaml --\ntitle: Broad\nbase_url: https://host.example/\ntopics:\n")
	for i := range topics {
		fmt.Fprintf(&b, "  - slug: t%03d\n    title: Topic %03d\n    match:\n      any: [harbour]\n", i, i)
	}
	for i := range articles {
		fmt.Fprintf(&b, "-- content/articles/a%03d.md --\n---\ntitle: Harbour note %d\ndate: 2025-01-%02dT08:00:00Z\n---\nThe harbour.\n", i, i, i%28+1)
	}
	return b.String()
}

var (
	listEntry  = regexp.MustCompile(`(?s)<article class="item">.*?</article>`)
	filedFacts = regexp.MustCompile(`(?s)<dt>Filed under</dt><dd>(.*?)</dd>`)
	navMenu    = regexp.MustCompile(`(?s)<li class="nav-menu">.*?</details>`)
)

// TestBroadTopicsOutputBounded: an article's entry in a list names none
// of its topics, and its own page names them all; so the bytes of the
// lists' entries grow with the entries, not with entries × topics. The
// navigation on every page names at most 20 topics and links to the topic
// index for the rest, in its row and in the phone's menu alike. A site
// whose topics take many places per article gets a warning saying what
// to do.
func TestBroadTopicsOutputBounded(t *testing.T) {
	entryBytes := map[int]int{}
	for _, tc := range []struct {
		topics, articles int
		warn             bool
	}{
		{topics: 3, articles: 10},
		{topics: 40, articles: 40},
		{topics: 80, articles: 40},
		{topics: 110, articles: 100, warn: true}, // 11,000 list entries
	} {
		t.Run(fmt.Sprintf("%d topics, %d articles", tc.topics, tc.articles), func(t *testing.T) {
			var logged bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelWarn}))
			s := sitetest.New(t, broadSite(tc.topics, tc.articles), sitetest.WithOptions(build.Options{Log: log})).Build()
			total, lists, entries := 0, 0, 0
			for _, name := range s.Names() {
				page := s.File(name)
				total += len(page)
				if strings.HasSuffix(name, ".html") {
					// The navigation, on every page, names at most 20
					// topics and then links to all of them.
					nav := bytes.Count(page, []byte(`class="nav-topic"`))
					all := bytes.Count(page, fmt.Appendf(nil, ">All %d topics</a>", tc.topics))
					// The menu always ends with the link to all topics.
					if want := min(tc.topics, 20); nav != want+btoi(tc.topics > 20) || all != 1+btoi(tc.topics > 20) {
						t.Errorf("%s: the navigation names %d topics (%d links to all %d); want %d and a link to all when there are more", name, nav, all, tc.topics, want)
					}
					menu := navMenu.Find(page)
					if n := bytes.Count(menu, []byte("<li>")); menu == nil || n != min(tc.topics, 20)+1 {
						t.Errorf("%s: the phone's topic menu has %d entries, want %d topics and the link to all", name, n, min(tc.topics, 20))
					}
				}
				for _, e := range listEntry.FindAll(page, -1) {
					lists += len(e)
					entries++
					if bytes.Contains(e, []byte(`topics/`)) {
						t.Fatalf("%s: a list entry names topics:\n%s", name, e)
					}
				}
			}
			page := s.File("articles/a000/index.html")
			if m := filedFacts.FindSubmatch(page); m == nil || bytes.Count(m[1], []byte("<a ")) != tc.topics {
				t.Errorf("the article's page does not name all %d of its topics", tc.topics)
			}
			entryBytes[tc.topics*1000+tc.articles] = lists / max(1, entries)
			t.Logf("%d files, %d bytes, %d of them in list entries", len(s.Names()), total, lists)
			if got := strings.Contains(logged.String(), "grows with topics × articles"); got != tc.warn {
				t.Errorf("warned: %v, want %v; the log:\n%s", got, tc.warn, logged.String())
			}
		})
	}
	// Each topic lists every article, so twice the topics make twice the
	// entries; an entry itself must not grow.
	if a, b := entryBytes[40040], entryBytes[80040]; b > a*11/10 {
		t.Errorf("doubling the topics took a list entry from %d to %d bytes on average; want about the same", a, b)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
