package htmlpage

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// The fuzzer runs as an ordinary test over its seeds (the inline ones, the
// pages in testdata and the corpus in testdata/fuzz/FuzzHTML/, where
// crashers found once are kept). To search for new failures:
//
//	go test ./internal/extract/htmlpage -run '^$' -fuzz '^FuzzHTML$' -fuzztime 60s

// fuzzMaxBytes keeps each fuzz input cheap; the size limit itself is
// tested elsewhere.
const fuzzMaxBytes = 256 << 10

func FuzzHTML(f *testing.F) {
	articletest.AddFiles(f, "testdata/html/*.html")
	articletest.AddFiles(f, "../../importer/testdata/hostile/*.html")
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
		a, err := Extract(data, article.Options{URL: "https://news.example/section/story", MaxBytes: fuzzMaxBytes})
		if err != nil {
			return
		}
		articletest.CheckArticle(t, a)
		src, err := decodePage(data, fuzzMaxBytes)
		if err != nil {
			t.Fatalf("HTML succeeded on a page decodePage refuses: %v", err)
		}
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatalf("HTML succeeded on a page the parser refuses: %v", err)
		}
		// The page text the extractor reads: without the chrome it drops,
		// whose removal joins the words on either side
		// ("#0<svg>…</svg>1" reads "#01").
		stripChrome(doc)
		checkTextLines(t, a.Text, article.CollapseSpace(rawText(doc)))
	})
}

// markdownMarkers start a Markdown block; plain text must not begin a line
// with one unless the page's own text does. A heading's "#" counts only
// before a space, as in CommonMark: "#0000" is a paragraph.
var markdownMarkers = []string{"# ", "## ", "### ", "#### ", "##### ", "###### ", "- ", "* ", "+ ", "> ", "```", "~~~", "|", "!["}

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
