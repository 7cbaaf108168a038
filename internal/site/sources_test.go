package site

import (
	"strings"
	"testing"
	"time"
)

const sourcesHead = "title: T\nbase_url: https://h.example/\ntopics:\n  - title: Trade\n"

func TestSources(t *testing.T) {
	cfg, err := Parse("site.yaml", []byte(sourcesHead+`sources:
  - url: https://www.ledger.example/feed.xml
    topics: [trade]
    include: [China]
    exclude: [podcast, /video/]
  - name: Wire
    url: https://wire.example/news-sitemap.xml
    type: sitemap
    max_items: 20
fetch:
  delay: 250ms
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Sources) != 2 {
		t.Fatalf("%d sources", len(cfg.Sources))
	}
	s := cfg.Sources[0]
	if s.Name != "ledger.example" || s.Content != ContentPage || s.MaxItems != DefaultMaxItems || s.Line != 6 {
		t.Errorf("defaults: %+v", s)
	}
	if cfg.Sources[1].Line != 10 || cfg.Sources[1].MaxItems != 20 {
		t.Errorf("second source %+v", cfg.Sources[1])
	}
	if cfg.Fetch.DelaySpan != 250*time.Millisecond || cfg.Fetch.PerHost != DefaultFetchPerHost {
		t.Errorf("fetch %+v", cfg.Fetch)
	}
	for _, tc := range []struct {
		title, url string
		keep       bool
	}{
		{"China's exports rise", "https://ledger.example/a", true},
		{"Exports rise", "https://ledger.example/a", false},
		{"Exports rise", "https://ledger.example/china/a", true},
		{"Chinatown fair opens", "https://ledger.example/a", false},
		{"China podcast, episode 4", "https://ledger.example/a", false},
		{"China at sea", "https://ledger.example/video/china-at-sea", false},
	} {
		if got := s.Keeps(tc.title, tc.url); got != tc.keep {
			t.Errorf("Keeps(%q, %q) = %v", tc.title, tc.url, got)
		}
	}
	two, err := Parse("site.yaml", []byte(sourcesHead+"sources:\n  - url: https://x.example/world.xml\n  - url: https://x.example/asia/\n  - url: https://y.example/\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a, b, c := two.Sources[0].Name, two.Sources[1].Name, two.Sources[2].Name; a != "x.example/world.xml" || b != "x.example/asia" || c != "y.example" {
		t.Errorf("default names %q %q %q", a, b, c)
	}
	if all := (&Source{}); !all.Keeps("anything", "https://x.example/") {
		t.Error("a source without rules dropped an item")
	}
}

func TestSourceErrors(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want string
	}{
		{"sources:\n  - name: A\n", "site.yaml:6: source 1 has no url"},
		{"sources:\n  - url: ftp://x.example/f\n", "site.yaml:6: source 1: url \"ftp://x.example/f\" is not an absolute http(s) URL"},
		{"sources:\n  - url: https://x.example/f\n    type: blog\n", "site.yaml:6: source \"x.example\": type \"blog\""},
		{"sources:\n  - url: https://x.example/f\n    topics: [sport]\n", "topic \"sport\" is not a topic of this site"},
		{"sources:\n  - url: https://x.example/f\n    content: summary\n", "content \"summary\" is not page"},
		{"sources:\n  - url: https://x.example/f\n    type: sitemap\n    content: feed\n", "content: feed needs a feed"},
		{"sources:\n  - url: https://x.example/f\n  - url: https://X.example/f\n    name: B\n", "site.yaml:7: source \"B\" has the url of the source on line 6"},
		{"sources:\n  - url: https://x.example/f\n    name: X\n  - url: https://x.example/g\n    name: x\n", "site.yaml:8: source name \"x\" is already used on line 6"},
		{"sources:\n  - url: https://x.example/f\n    include: [\"--\"]\n", "phrase \"--\" has no letters"},
		{"sources:\n  - url: https://x.example/f\n    max_items: -1\n", "max_items must be at least 1"},
		{"sources:\n  - url: https://x.example/f\n    feed: x\n", "site.yaml:7: unknown key \"feed\""},
		{"fetch:\n  delay: soon\n", "site.yaml:6: fetch: delay \"soon\""},
		{"fetch:\n  per_host: 100\n", "site.yaml:6: fetch: per_host is 100"},
	} {
		_, err := Parse("site.yaml", []byte(sourcesHead+tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want %q", tc.yaml, err, tc.want)
		}
	}
}
