package build_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/render"
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
	filedLine  = regexp.MustCompile(`(?s)<p class="filed">(.*?)</p>`)
	filedFacts = regexp.MustCompile(`(?s)<dt>Filed under</dt><dd>(.*?)</dd>`)
)

// TestBroadTopicsOutputBounded: an article's entry in a list names at
// most render.ListedTopics topics and then "and N more topics", linking
// the article, whose own page names them all; so the bytes of the lists'
// entries grow with the entries, not with entries × topics (doubling the
// topics at most doubles them). The navigation on every page names at
// most 20 topics and links to the topic index for the rest. A site whose topics take many places per
// article gets a warning saying what to do.
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
			total, lists := 0, 0
			for _, name := range s.Names() {
				page := s.File(name)
				total += len(page)
				if strings.HasSuffix(name, ".html") {
					// The navigation, on every page, names at most 20
					// topics and then links to all of them.
					nav := bytes.Count(page, []byte(`class="nav-topic"`))
					all := bytes.Contains(page, fmt.Appendf(nil, ">All %d topics</a>", tc.topics))
					if want := min(tc.topics, 20); nav != want+btoi(tc.topics > 20) || all != (tc.topics > 20) {
						t.Errorf("%s: the navigation names %d topics (a link to all %d: %v); want %d and a link to all when there are more", name, nav, tc.topics, all, want)
					}
				}
				for _, e := range listEntry.FindAll(page, -1) {
					lists += len(e)
					m := filedLine.FindSubmatch(e)
					if m == nil {
						t.Fatalf("%s: a list entry names no topic:\n%s", name, e)
					}
					links := bytes.Count(m[1], []byte("<a "))
					more := tc.topics - render.ListedTopics
					switch {
					case more <= 0 && links != tc.topics:
						t.Errorf("%s: an entry names %d topics, want all %d", name, links, tc.topics)
					case more > 0 && (links != render.ListedTopics+1 || !bytes.Contains(m[1], fmt.Appendf(nil, "%d more topics</a>", more))):
						t.Errorf("%s: an entry's topics read %q; want %d topics and a link to the article for the %d more", name, m[1], render.ListedTopics, more)
					}
				}
			}
			page := s.File("articles/a000/index.html")
			if m := filedFacts.FindSubmatch(page); m == nil || bytes.Count(m[1], []byte("<a ")) != tc.topics {
				t.Errorf("the article's page does not name all %d of its topics", tc.topics)
			}
			entryBytes[tc.topics*1000+tc.articles] = lists
			t.Logf("%d files, %d bytes, %d of them in list entries", len(s.Names()), total, lists)
			if got := strings.Contains(logged.String(), "grows with topics × articles"); got != tc.warn {
				t.Errorf("warned: %v, want %v; the log:\n%s", got, tc.warn, logged.String())
			}
		})
	}
	if a, b := entryBytes[40040], entryBytes[80040]; b > a*5/2 {
		t.Errorf("doubling the topics took the lists' entries from %d to %d bytes (%.1f×); want at most about 2×", a, b, float64(b)/float64(a))
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
