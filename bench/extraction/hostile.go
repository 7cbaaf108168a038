package main

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extractmetric"
)

// hostileCase is untrusted page markup and what its Markdown must publish
// as: the text a reader sees (white space collapsed) and how many
// constructs of each kind (the rest none).
type hostileCase struct {
	name, html, text string
	want             map[extractmetric.Kind]int
}

var hostileCases = []hostileCase{
	{"javascript: links", `<p><a href="javascript:alert(1)">one</a> and <a href=" JaVaScRiPt:alert(2)">two</a> and <a href="java&#x0A;script:alert(3)">three</a></p>`,
		"one and two and three", nil},
	{"raw HTML in text", `<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;</p>`,
		"<script>alert(1)</script> and <img src=x onerror=alert(1)>", nil},
	{"HTML block in text", `<p>&lt;div onclick="x()"&gt;</p><p>&lt;!-- c --&gt;</p>`,
		`<div onclick="x()"> <!-- c -->`, nil},
	{"* and _ in text", `<p>2*3*4 and *not em* and snake_case_name and _not em_ and __init__</p>`,
		"2*3*4 and *not em* and snake_case_name and _not em_ and __init__", nil},
	{"[ in text", `<p>[not a link](https://evil.example/) and [ref] and ![no image](x.png)</p><p>[ref]: https://evil.example/</p>`,
		"[not a link](https://evil.example/) and [ref] and ![no image](x.png) [ref]: https://evil.example/", nil},
	{"line starts", `<p># not a heading</p><p>1. not a list</p><p>- not a list</p><p>+ nor this</p><p>&gt; not a quote</p><p>---</p><p>=====</p>`,
		"# not a heading 1. not a list - not a list + nor this > not a quote --- =====", nil},
	{"| in table cells", `<table><tr><th>a|b</th><th>c</th></tr><tr><td>x | y</td><td>\|z</td></tr></table>`,
		`a|b c x | y \|z`, map[extractmetric.Kind]int{extractmetric.TableCell: 4}},
	{"entities and backslashes", `<p>AT&amp;T &amp;copy; &amp;#65; a \ b \* c</p>`,
		`AT&T &copy; &#65; a \ b \* c`, nil},
	{"~ and ` in text", "<p>~~draft~~ and `not code` and ```</p>",
		"~~draft~~ and `not code` and ```", nil},
	{"link text and target", `<p><a href="https://x.example/a_(b)?q=[1]">[x] *y*</a></p>`,
		"[x] *y*", map[extractmetric.Kind]int{extractmetric.Link: 1}},
	{"heading ending in #", `<h2>Why C #</h2><p>Text.</p>`,
		"Why C # Text.", map[extractmetric.Kind]int{extractmetric.Heading: 1}},
	{"adjacent emphasis", `<h2><strong>Game D</strong><strong>ay parties</strong></h2><p><em>one</em><em>two</em> <b>a</b><i>b</i></p>`,
		"Game Day parties onetwo ab", map[extractmetric.Kind]int{extractmetric.Heading: 1}},
	{"autolink-looking text", `<p>www.evil.example and &lt;https://evil.example&gt;</p>`,
		"www.evil.example and <https://evil.example>", nil},
}

var gfmParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// hazards reports what a Markdown text holds that a safe publication must
// not rely on its renderer to remove: raw HTML and script or data links.
func hazards(md string) []string {
	src := []byte(md)
	var out []string
	_ = ast.Walk(gfmParser.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		switch n := n.(type) {
		case *ast.RawHTML:
			out = append(out, "raw HTML")
		case *ast.HTMLBlock:
			out = append(out, "HTML block")
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest = string(n.Destination)
		case *ast.AutoLink:
			dest = string(n.URL(src))
		}
		d := strings.ToLower(strings.Join(strings.Fields(dest), ""))
		if strings.HasPrefix(d, "javascript:") || strings.HasPrefix(d, "vbscript:") || strings.HasPrefix(d, "data:") {
			out = append(out, "script link")
		}
		return ast.WalkContinue, nil
	})
	return out
}

// printHostile converts each hostile case with both converters and checks
// the Markdown as brief publishes it (goldmark, GFM, raw HTML off): the
// text a reader sees must be the page's, the constructs must be the
// page's (links: those the Markdown writes, not the bare URLs that GFM's
// linkify turns into links for any converter), and the Markdown itself
// must hold no raw HTML or script links, which brief's import checks
// (articletest.CheckMarkdown) and which any renderer other than brief's
// might publish live.
func printHostile(out io.Writer) error {
	cs := converters()
	base, _ := url.Parse("https://news.example/story")
	fmt.Fprintln(out, "\nHostile constructs (Markdown as published must show the page's text, the page's constructs only, and hold no raw HTML or script links):")
	pass := make([]int, len(cs))
	for _, hc := range hostileCases {
		doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html><head></head><body>" + hc.html + "</body></html>"))
		if err != nil {
			return err
		}
		body := findBody(doc)
		for j, c := range cs {
			md, err := c.convert(cloneTree(body), base)
			if err != nil {
				return err
			}
			var faults []string
			if got := strings.Join(strings.Fields(extractmetric.MarkdownText(md)), " "); got != hc.text {
				faults = append(faults, fmt.Sprintf("shows %q", got))
			}
			st := extractmetric.MarkdownStructure(md, base.String())
			for k := range extractmetric.NumKinds {
				n := st.Count(k)
				if k == extractmetric.Link {
					// GFM's linkify, in brief's renderer, links bare
					// URLs in text whatever the converter wrote:
					// count the links the Markdown itself makes.
					n = countLinks(md)
				}
				if n != hc.want[k] {
					faults = append(faults, fmt.Sprintf("%d %s (want %d)", n, k, hc.want[k]))
				}
			}
			faults = append(faults, hazards(md)...)
			verdict := "ok"
			if len(faults) == 0 {
				pass[j]++
			} else {
				verdict = strings.Join(faults, "; ")
			}
			fmt.Fprintf(out, "  %-26s %-17s %s\n", hc.name, c.name, verdict)
			if len(faults) > 0 {
				fmt.Fprintf(out, "  %-26s %-17s   Markdown: %q\n", "", "", md)
			}
		}
	}
	for j, c := range cs {
		fmt.Fprintf(out, "  %s: %d of %d cases right\n", c.name, pass[j], len(hostileCases))
	}
	return nil
}

// countLinks counts the Markdown's own links, [text](target): not the
// bare URLs that GFM's linkify turns into links when rendering.
func countLinks(md string) int {
	n := 0
	_ = ast.Walk(gfmParser.Parse(text.NewReader([]byte(md))), func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := node.(*ast.Link); ok && entering {
			n++
		}
		return ast.WalkContinue, nil
	})
	return n
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}
