package site

import (
	"strings"
	"testing"
)

func TestAppendSources(t *testing.T) {
	add := []Source{
		{Name: "Harbour: Times", URL: "https://harbour.example/feed.xml", Type: "feed", Category: "Ports"},
		{Name: "Wire", URL: "https://wire.example/sitemap.xml", Type: "sitemap"},
	}
	const head = "# the name\ntitle: T\nbase_url: https://h.example/\n"
	for _, tc := range []struct {
		name, in, want string
	}{
		{"none yet", head + "# the end\n", head + "# the end\nsources:\n  - name: 'Harbour: Times'\n    url: https://harbour.example/feed.xml\n    type: feed\n    category: Ports\n  - name: Wire\n    url: https://wire.example/sitemap.xml\n    type: sitemap\n"},
		{"no final newline", strings.TrimSuffix(head, "\n"), head + "sources:\n  - name: 'Harbour: Times'\n    url: https://harbour.example/feed.xml\n    type: feed\n    category: Ports\n  - name: Wire\n    url: https://wire.example/sitemap.xml\n    type: sitemap\n"},
		{"after the last, before the next key and its comment",
			"sources:\n    - url: https://old.example/rss  # mine\n      name: Old\n\n# topics next\ntopics: []\n" + head,
			"sources:\n    - url: https://old.example/rss  # mine\n      name: Old\n    - name: 'Harbour: Times'\n      url: https://harbour.example/feed.xml\n      type: feed\n      category: Ports\n    - name: Wire\n      url: https://wire.example/sitemap.xml\n      type: sitemap\n\n# topics next\ntopics: []\n" + head},
		{"an empty list, with its comment", head + "sources: []   # none yet\ntags: {}\n", head + "sources:   # none yet\n  - name: 'Harbour: Times'\n    url: https://harbour.example/feed.xml\n    type: feed\n    category: Ports\n  - name: Wire\n    url: https://wire.example/sitemap.xml\n    type: sitemap\ntags: {}\n"},
		{"Windows line ends", strings.ReplaceAll(head+"sources:\n  - url: https://old.example/rss\n", "\n", "\r\n"), strings.ReplaceAll(head+"sources:\n  - url: https://old.example/rss\n  - name: 'Harbour: Times'\n    url: https://harbour.example/feed.xml\n    type: feed\n    category: Ports\n  - name: Wire\n    url: https://wire.example/sitemap.xml\n    type: sitemap\n", "\n", "\r\n")},
		{"empty key", head + "sources:\ntags: {}\n", head + "sources:\n  - name: 'Harbour: Times'\n    url: https://harbour.example/feed.xml\n    type: feed\n    category: Ports\n  - name: Wire\n    url: https://wire.example/sitemap.xml\n    type: sitemap\ntags: {}\n"},
	} {
		got, err := AppendSources("site.yaml", []byte(tc.in), add)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
	for _, bad := range []string{
		head + "sources: [{url: https://x.example/}]\n",
		head + "sources:\n  - url: https://harbour.example/feed.xml\n", // a duplicate makes it wrong
	} {
		if _, err := AppendSources("site.yaml", []byte(bad), add); err == nil {
			t.Errorf("no error for\n%s", bad)
		}
	}
}
