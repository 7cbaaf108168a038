package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/htmlcheck"
)

// The fuzzers run as ordinary tests over their seeds (the inline ones, the
// pages in testdata and the corpus in testdata/fuzz/<Name>/, where crashers
// found once are kept). To search for new failures, one target at a time:
//
//	go test ./internal/extract -run '^$' -fuzz '^FuzzHTML$' -fuzztime 60s
//	go test ./internal/extract -run '^$' -fuzz '^FuzzText$' -fuzztime 60s
//	go test ./internal/extract -run '^$' -fuzz '^FuzzCleanURL$' -fuzztime 60s

// fuzzMaxBytes keeps each fuzz input cheap; the size limit itself is
// tested elsewhere.
const fuzzMaxBytes = 256 << 10

// addFiles adds every file matching pattern as a seed.
func addFiles(f *testing.F, pattern string) {
	f.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzHTML(f *testing.F) {
	addFiles(f, "testdata/html/*.html")
	addFiles(f, "../importer/testdata/hostile/*.html")
	for _, s := range []string{
		"",
		"<p>",
		"<html><body><p>" + strings.Repeat("word ", 40) + "<a href='javascript:alert(1)'>x</a></p></body></html>",
		"<!DOCTYPE html><article><p>" + strings.Repeat("Some words here. ", 10) + "<img src=x onerror=alert(1)>&lt;script&gt;</p></article>",
		"<html><body><pre>```\n<script>\n```</pre><p>" + strings.Repeat("text and more ", 20) + "</p>",
		"<html><body><ol start=3><li># a</li><li>> b</li></ol><p>" + strings.Repeat("prose goes here ", 20) + "</p>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := HTML(data, Options{URL: "https://news.example/section/story", MaxBytes: fuzzMaxBytes})
		if err != nil {
			return
		}
		checkArticle(t, a)
		src, err := decodePage(data, fuzzMaxBytes)
		if err != nil {
			t.Fatalf("HTML succeeded on a page decodePage refuses: %v", err)
		}
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatalf("HTML succeeded on a page the parser refuses: %v", err)
		}
		checkTextLines(t, a.Text, collapseSpace(rawText(doc)))
	})
}

func FuzzText(f *testing.F) {
	addFiles(f, "testdata/*.txt")
	addFiles(f, "../importer/testdata/*.txt")
	addFiles(f, "../importer/testdata/hostile/*.txt")
	for _, s := range []string{
		"",
		"Title | Site\n" + strings.Repeat("A sentence of an article that goes on for a while, as prose does. ", 5) + "\n",
		"T\n# " + strings.Repeat("heading-looking prose line that is long enough to count. ", 4) + "\n- " + strings.Repeat("item ", 30) + "\n",
		"x\n[a](javascript:alert(1)) " + strings.Repeat("and then the article carries on with words. ", 5) + "\n<script>alert(1)</script>\n",
		"\xff\xfe\x00binary",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Text(data, Options{URL: "https://news.example/story", MaxBytes: fuzzMaxBytes})
		if err != nil {
			return
		}
		checkArticle(t, a)
		// Text is made of the dump's own lines: the extractor chooses
		// lines and strips list markers, and adds no syntax of its own.
		lines, err := dumpLines(data)
		if err != nil {
			t.Fatalf("Text succeeded on a dump dumpLines refuses: %v", err)
		}
		own := map[string]bool{}
		for _, l := range lines {
			own[l.text] = true
		}
		for _, l := range strings.Split(a.Text, "\n") {
			if l != "" && !own[l] {
				t.Fatalf("Text line %q is not a line of the dump", l)
			}
		}
	})
}

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
		out := CleanURL(raw, b)
		if out == "" {
			return
		}
		checkURL(t, "CleanURL", out)
		if again := CleanURL(out, nil); again != out {
			t.Fatalf("not idempotent: %q gives %q, which gives %q", raw, out, again)
		}
	})
}

// checkURL asserts that u is a link a reader may follow: http(s) with a
// host, or mailto, with no tracking parameters and nothing a browser would
// strip and reinterpret.
func checkURL(t *testing.T, field, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s %q is not valid UTF-8", field, s)
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			t.Fatalf("%s %q holds white space or a control character", field, s)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("%s %q does not parse: %v", field, s, err)
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			t.Fatalf("%s %q has no host", field, s)
		}
	case "mailto":
	default:
		t.Fatalf("%s %q has scheme %q", field, s, u.Scheme)
	}
	for _, p := range strings.Split(u.RawQuery, "&") {
		name, _, _ := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil && isTrackingParam(n) {
			t.Fatalf("%s %q keeps tracking parameter %q", field, s, n)
		}
	}
}

// checkArticle asserts what every extraction promises, whatever the input.
func checkArticle(t *testing.T, a *Article) {
	t.Helper()
	fields := map[string]string{
		"Title": a.Title, "Source": a.Source, "Description": a.Description, "Language": a.Language,
		"Markdown": a.Markdown, "Text": a.Text, "SourceURL": a.SourceURL, "Image": a.Image,
	}
	for i, s := range a.Authors {
		fields["Authors["+string(rune('0'+i%10))+"]"] = s
	}
	for i, s := range a.Tags {
		fields["Tags["+string(rune('0'+i%10))+"]"] = s
	}
	for name, s := range fields {
		if !utf8.ValidString(s) {
			t.Fatalf("%s is not valid UTF-8: %q", name, s)
		}
	}
	if a.SourceURL != "" {
		checkURL(t, "SourceURL", a.SourceURL)
	}
	if a.Image != "" {
		checkURL(t, "Image", a.Image)
	}
	checkMarkdown(t, a.Markdown)
}

// markdownParser reads Markdown as brief's renderer does (GFM).
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// checkMarkdown asserts that the Markdown holds no raw HTML at all and
// links only where a reader may go, by its syntax tree; and, through
// htmlcheck, that even a renderer passing raw HTML would publish nothing
// live.
func checkMarkdown(t *testing.T, md string) {
	t.Helper()
	src := []byte(md)
	doc := markdownParser.Parse(text.NewReader(src))
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(src))
			}
			t.Fatalf("raw HTML %q in the Markdown:\n%s", b.String(), md)
		case *ast.HTMLBlock:
			t.Fatalf("an HTML block in the Markdown:\n%s", md)
		case *ast.Link:
			checkURL(t, "link", string(n.Destination))
		case *ast.Image:
			checkURL(t, "image", string(n.Destination))
		case *ast.AutoLink:
			// GFM links bare addresses ("www.x.example", "a@b.example");
			// renderers add the scheme that the text leaves out.
			u := string(n.URL(src))
			switch {
			case n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:"):
				u = "mailto:" + u
			case n.AutoLinkType == ast.AutoLinkURL && !strings.Contains(u, "://"):
				u = "http://" + u
			}
			checkURL(t, "autolink", u)
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	findings, err := htmlcheck.Markdown(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) > 0 {
		t.Fatalf("live markup in the Markdown: %v\n%s", findings, md)
	}
}

// markdownMarkers start a Markdown block; plain text must not begin a line
// with one unless the page's own text does.
var markdownMarkers = []string{"#", "- ", "* ", "+ ", "> ", "```", "~~~", "|", "!["}

// checkTextLines asserts that Text carries no Markdown syntax the renderer
// added: a line may start with a marker only when the page's text has that
// marker followed by the same word.
func checkTextLines(t *testing.T, txt, pageText string) {
	t.Helper()
	for _, l := range strings.Split(txt, "\n") {
		for _, m := range markdownMarkers {
			if !strings.HasPrefix(l, m) {
				continue
			}
			word := strings.Fields(l)[0]
			if !strings.Contains(pageText, word) {
				t.Fatalf("Text line %q starts with Markdown %q that the page does not hold", l, m)
			}
		}
		if strings.Contains(l, `\`) && !strings.Contains(pageText, `\`) {
			t.Fatalf("Text line %q holds a Markdown escape", l)
		}
	}
}
