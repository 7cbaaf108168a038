package content

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseArticle feeds arbitrary bytes to the front matter reader: it must
// never panic, every error must name the file, and what it accepts must
// be a usable article.
func FuzzParseArticle(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: T\ndate: 2025-01-01\n---\nBody\n",
		"---\ntitle: \"Q\"\ndate: 2025-01-11T13:20:09+08:00\ntags: [a, b]\nnote: |\n  x\n---\n",
		"---\ntitle: [x\n---\n",
		"---\n&a x: *a\n---\n",
		"---\ndate: 0000-00-00\n---\n",
		"\ufeff---\r\ntitle: T\r\ndate: 2025-01-01\r\n---\r\n",
		"---\n...\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseArticle("content/articles/f.md", data, time.UTC)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "content/articles/f.md") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if a.Title == "" || a.Date.IsZero() || a.Slug == "" {
			t.Fatalf("accepted an article without title, date or slug: %+v", a)
		}
		if !utf8.ValidString(a.Body) {
			t.Fatal("accepted invalid UTF-8")
		}
	})
}
