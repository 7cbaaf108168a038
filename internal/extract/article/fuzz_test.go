package article_test

import (
	"net/url"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// The fuzzers run as ordinary tests over their seeds (the inline ones and
// the corpus in testdata/fuzz/<Name>/, where crashers found once are
// kept). To search for new failures, one target at a time:
//
//	go test ./internal/extract/article -run '^$' -fuzz '^FuzzCleanURL$' -fuzztime 60s
//	go test ./internal/extract/article -run '^$' -fuzz '^FuzzEscapeMarkdown$' -fuzztime 60s

func FuzzCleanURL(f *testing.F) {
	for _, s := range []struct{ raw, base string }{
		{"https://example.org/a?utm_source=x&id=2#top", ""},
		{"/relative/path?fbclid=1", "https://example.org/a/b"},
		{"//cdn.example/x.png", ""},
		{"JaVaScRiPt:alert(1)", "https://example.org/"},
		{"java\tscript:alert(1)", ""},
		{"  data:text/html;base64,PHNjcmlwdD4=", ""},
		{"mailto:a@b.example?subject=%3Cscript%3E", ""},
		{"javascript:alert(1)//", "https://example.org/"},
		{"https://ex ample.org/a b", ""},
		{"http://[::1]:8080/?utm_medium=x&a=1&UTM_CAMPAIGN=y", ""},
		{"?q=1&_ga=2", "https://example.org/page"},
		{"https://example.org/%zz", ""},
		{"\x00https://example.org/", ""},
	} {
		f.Add(s.raw, s.base)
	}
	f.Fuzz(func(t *testing.T, raw, base string) {
		var b *url.URL
		if u, err := url.Parse(base); err == nil && u.IsAbs() {
			b = u
		}
		out := article.CleanURL(raw, b)
		if out == "" {
			return
		}
		articletest.CheckURL(t, "CleanURL", out)
		if again := article.CleanURL(out, nil); again != out {
			t.Fatalf("not idempotent: %q gives %q, which gives %q", raw, out, again)
		}
	})
}
