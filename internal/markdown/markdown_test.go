package markdown

import (
	"net/url"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	base, _ := url.Parse("https://example.org/briefing/")
	tests := []struct {
		name      string
		src       string
		opt       Options
		want      []string
		forbidden []string
	}{
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", Options{}, []string{"<table>", "<td>1</td>"}, nil},
		{"footnote prefix", "Text[^1].\n\n[^1]: A note.\n", Options{IDPrefix: "note-"}, []string{`id="note-fn:1"`}, nil},
		{"typographer", `He said "yes" -- it's done...`, Options{}, []string{"&ldquo;yes&rdquo;", "&ndash;", "&hellip;"}, nil},
		{"raw html dropped", "<script>alert(1)</script>\n\nok <b onclick=x>b</b>", Options{}, []string{"ok"}, []string{"<script", "onclick", "<b"}},
		{"javascript link dropped", "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1))", Options{}, nil, []string{"javascript:", "JaVaScRiPt:"}},
		{"data html link dropped", "[x](data:text/html;base64,PHNjcmlwdD4=)", Options{}, nil, []string{"data:text/html"}},
		{"root-relative resolved", "[about](/about/)", Options{Base: base}, []string{`href="https://example.org/briefing/about/"`}, nil},
		{"external rel", "[src](https://news.example/a)", Options{}, []string{`rel="noopener noreferrer"`}, nil},
		{"heading floor", "# Top\n\n## Sub\n\n### Low", Options{MinHeading: 3}, []string{"<h3>Top</h3>", "<h3>Sub</h3>", "<h3>Low</h3>"}, []string{"<h1>", "<h2>"}},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := r.Render(tt.src, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := string(out)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			for _, f := range tt.forbidden {
				if strings.Contains(got, f) {
					t.Errorf("unexpected %q in\n%s", f, got)
				}
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"", 0},
		{"one two  three", 3},
		{"It's a well-known [link text](https://example.org/a-b-c) here.", 6},
		{"## Heading\n\n- item one\n- item two", 5},
	}
	for _, tt := range tests {
		if got := Words(tt.src); got != tt.want {
			t.Errorf("Words(%q) = %d, want %d", tt.src, got, tt.want)
		}
	}
}
