package sources

import "testing"

func TestKey(t *testing.T) {
	same := [][]string{
		{
			"https://www.ledger.example/world/china-trade-talks",
			"http://ledger.example/world/china-trade-talks/",
			"https://ledger.example/world/china-trade-talks?utm_source=rss&utm_medium=feed",
			"https://LEDGER.example/world/china-trade-talks#comments",
			"https://ledger.example/world/china-trade-talks/amp/",
			"https://amp.ledger.example/world/china-trade-talks",
			"https://m.ledger.example/world/china-trade-talks?amp=1",
			"https://ledger.example/amp/world/china-trade-talks",
			"https://ledger-example.cdn.ampproject.org/c/s/ledger.example/world/china-trade-talks",
			"https://www.google.com/amp/s/www.ledger.example/world/china-trade-talks",
			"https://ledger.example/world/china-trade-talks?outputType=amp",
		},
		{"https://wire.example/a/story.html", "https://wire.example/a/story.amp.html"},
		{"https://wire.example/2026/ferry/", "https://wire.example/2026/ferry/index.html", "https://wire.example/2026/ferry/index.htm"},
		{"https://wire.example/item?id=7&fbclid=x", "https://wire.example/item?id=7"},
	}
	for _, group := range same {
		want := Key(group[0])
		if want == "" {
			t.Fatalf("no key for %s", group[0])
		}
		for _, u := range group[1:] {
			if got := Key(u); got != want {
				t.Errorf("Key(%s) = %q, want %q", u, got, want)
			}
		}
	}
	different := [][2]string{
		{"https://wire.example/item?id=7", "https://wire.example/item?id=8"},
		{"https://wire.example/a", "https://other.example/a"},
		{"https://wire.example/page?outputType=print", "https://wire.example/page"},
		{"https://example.com/x", "https://com/x"},
		{"https://wire.example/a/index.html", "https://wire.example/a/index.html.en"},
		{"http://127.0.0.1:8080/a", "http://127.0.0.1:9090/a"},
	}
	for _, d := range different {
		if Key(d[0]) == Key(d[1]) {
			t.Errorf("%s and %s share a key %q", d[0], d[1], Key(d[0]))
		}
	}
	for _, bad := range []string{"", "javascript:alert(1)", "mailto:a@b.example", "/relative"} {
		if k := Key(bad); k != "" {
			t.Errorf("Key(%q) = %q, want none", bad, k)
		}
	}
}
