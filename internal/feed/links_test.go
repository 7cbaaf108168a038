package feed

import (
	"net/url"
	"strings"
	"testing"
)

// TestContentLinksResolved: every relative URL in an item's HTML is
// resolved against the item's page, in all three formats, since a feed
// reader would resolve it against the feed and find nothing there.
func TestContentLinksResolved(t *testing.T) {
	const page = "https://example.org/briefing/articles/expansion/"
	cases := []struct {
		name, html, want string
	}{
		{"parent", `<a href="../vote-delayed/">x</a>`, `href="https://example.org/briefing/articles/vote-delayed/"`},
		{"sibling", `<a href="x/">x</a>`, `href="https://example.org/briefing/articles/expansion/x/"`},
		{"image up two", `<img src="../../images/y.png" alt="y">`, `src="https://example.org/briefing/images/y.png"`},
		{"footnote", `<sup><a href="#fn:1" id="fnref:1">1</a></sup>`, `href="https://example.org/briefing/articles/expansion/#fn:1"`},
		{"query", `<a href="?p=2">x</a>`, `href="https://example.org/briefing/articles/expansion/?p=2"`},
		{"protocol-relative", `<a href="//cdn.example/a.png">x</a>`, `href="https://cdn.example/a.png"`},
		{"srcset", `<img srcset="a.png 1x, ../b.png 2x">`, `srcset="https://example.org/briefing/articles/expansion/a.png 1x, https://example.org/briefing/articles/b.png 2x"`},
		{"absolute kept", `<a href="https://other.example/p?a=1&amp;b=2">x</a>`, `href="https://other.example/p?a=1&amp;b=2"`},
		{"mailto kept", `<a href="mailto:ed@example.org">x</a>`, `href="mailto:ed@example.org"`},
		{"unparsable dropped", `<a href="%zz">x</a>`, `<a>x</a>`},
		{"text untouched", `<p>href="x/" &amp; <code>src="y"</code></p>`, `<p>href="x/" &amp; <code>src="y"</code></p>`},
	}
	base, _ := url.Parse(page)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := AbsoluteLinks(c.html, base)
			if !strings.Contains(got, c.want) {
				t.Errorf("AbsoluteLinks(%q)\n got %q\nwant it to contain %q", c.html, got, c.want)
			}
		})
	}
	f := sampleFeed()
	f.Items = f.Items[:1]
	f.Items[0].URL = page
	var all strings.Builder
	for _, c := range cases {
		if c.name != "text untouched" { // its text looks like a link
			all.WriteString(c.html)
		}
	}
	f.Items[0].ContentHTML = all.String()
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			data := string(mustWrite(t, w, f))
			for _, bad := range []string{"../vote-delayed/", `"x/"`, "../../images", `"#fn:1"`, "&#34;#fn:1&#34;", "&quot;#fn:1&quot;"} {
				if strings.Contains(data, bad) {
					t.Errorf("%s still carries %s", w.name, bad)
				}
			}
			if !strings.Contains(data, "https://example.org/briefing/images/y.png") {
				t.Errorf("%s lacks the resolved image URL", w.name)
			}
		})
	}
}
