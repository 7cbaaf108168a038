// Package articletest helps test brief's extractors: checks of what every
// extracted article must satisfy, whatever the page, and the converter
// case files that the HTML and text-dump converters both run.
package articletest

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

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/htmlcheck"
)

// CheckURL fails t unless s is a link a reader may follow: http(s) with a
// host, or mailto, with no tracking parameters and nothing a browser would
// strip and reinterpret. field names s in the message.
func CheckURL(t testing.TB, field, s string) {
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
		if n, err := url.QueryUnescape(name); err == nil && article.IsTrackingParam(n) {
			t.Fatalf("%s %q keeps tracking parameter %q", field, s, n)
		}
	}
}

// CheckArticle fails t unless a keeps what every extraction promises,
// whatever the input: valid UTF-8 in every field, safe URLs, and Markdown
// that CheckMarkdown accepts.
func CheckArticle(t testing.TB, a *article.Article) {
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
		CheckURL(t, "SourceURL", a.SourceURL)
	}
	if a.Image != "" {
		CheckURL(t, "Image", a.Image)
	}
	CheckMarkdown(t, a.Markdown)
}

// markdownParser reads Markdown as brief's renderer does (GFM).
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// CheckMarkdown fails t unless md holds no raw HTML at all and links only
// where a reader may go, by its syntax tree; and, through htmlcheck,
// unless even a renderer passing raw HTML would publish nothing live.
func CheckMarkdown(t testing.TB, md string) {
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
			CheckURL(t, "link", string(n.Destination))
		case *ast.Image:
			CheckURL(t, "image", string(n.Destination))
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
			CheckURL(t, "autolink", u)
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

// AddFiles adds the content of every file matching pattern to f's seed
// corpus.
func AddFiles(f *testing.F, pattern string) {
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
