package article

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// escapeLine escapes one line of text as both converters write a
// paragraph of it.
func escapeLine(s string) string { return EscapeLineStarts(EscapeMarkdown(s)) }

func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"# not a heading":        `\# not a heading`,
		"1. not a list":          `1\. not a list`,
		"1) nor this":            `1\) nor this`,
		"1990. A year.":          `1990\. A year.`,
		"1.5 million":            "1.5 million",
		"a *b* <The Palace> [x]": `a \*b\* \<The Palace> \[x\]`,
		"snake_case stays":       "snake_case stays",
		"_lead":                  `\_lead`,
		"> quote":                `\> quote`,
		"a > b":                  "a > b",
		"~~draft~~":              `\~\~draft\~\~`,
		"AT&T and M&S":           "AT&T and M&S",
		"&amp; &#38; &#x26;":     `\&amp; \&#38; \&#x26;`,
		"a | b":                  `a \| b`,
		"`code`":                 "\\`code\\`",
		"![img](x)":              `!\[img\](x)`,
		"back\\slash":            `back\\slash`,
		"- dash":                 `\- dash`,
		"+ plus":                 `\+ plus`,
		"===":                    `\===`,
		"***":                    `\*\*\*`,
	} {
		if got := escapeLine(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// gfm renders Markdown as brief publishes it, less the typographer, which
// changes quotes and dashes on purpose.
var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))

// autolink is the markup GFM wraps bare web and mail addresses in, the
// only markup that text may publish with.
var autolink = regexp.MustCompile(`<a href="(https?|mailto):[^"<>]*">|</a>`)

// checkLiteral fails unless the escaped line publishes as one paragraph
// saying exactly s.
func checkLiteral(t *testing.T, s string) {
	t.Helper()
	md := escapeLine(s)
	var out bytes.Buffer
	if err := gfm.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	got := strings.TrimSpace(out.String())
	inner, ok := strings.CutPrefix(got, "<p>")
	inner, ok2 := strings.CutSuffix(inner, "</p>")
	inner = autolink.ReplaceAllString(inner, "")
	if !ok || !ok2 || strings.Contains(inner, "<") {
		t.Fatalf("%q, escaped as %q, publishes as %q: not one paragraph of text", s, md, got)
	}
	if text := html.UnescapeString(inner); text != s {
		t.Fatalf("%q, escaped as %q, publishes as the text %q", s, md, text)
	}
}

func TestEscapedTextPublishesLiterally(t *testing.T) {
	for _, s := range escapeSeeds {
		checkLiteral(t, s)
	}
}

var escapeSeeds = []string{
	"~~draft~~", "AT&T", "&amp; &copy; &#169; &#xA9;", "# heading", "## heading ##", "- item", "+ item", "* item",
	"1. item", "12) item", "> quote", "| a | b |", "a | b", "`code`", "``code``", "*em* **strong** _em_ __strong__",
	"[link](https://example.org)", "![image](https://example.org/a.png)", "<b>bold</b>", "<!-- comment -->",
	"<https://example.org>", "back\\slash\\", "snake_case_name", "_under_score_", "---", "===", "***", "___",
	"~~~", "```", "[^1]", "[^1]: note", "[ref]: https://example.org", "\\*", "!", "a ! b", "#hashtag", "C#", "x^2",
	"https://example.org/a_b_c", "www.example.org", "a@b.example", "2 < 3 > 1", "[x] done", "- [ ] task",
}

// FuzzEscapeMarkdown checks that any line of text, escaped as the
// converters escape it, publishes as itself.
func FuzzEscapeMarkdown(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = CollapseSpace(s)
		if s == "" || !utf8.ValidString(s) || strings.ContainsRune(s, '\ufffd') {
			return
		}
		checkLiteral(t, s)
	})
}
