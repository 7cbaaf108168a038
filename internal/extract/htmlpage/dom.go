package htmlpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// Small DOM helpers over golang.org/x/net/html; the extractor walks the tree
// by hand because selector engines cost more than the whole pipeline's time
// budget on large pages.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// walk calls fn on n and its descendants in document order; fn returning
// false skips the node's children.
func walk(n *html.Node, fn func(*html.Node) bool) {
	if !fn(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func findFirst(n *html.Node, a atom.Atom) *html.Node {
	var out *html.Node
	walk(n, func(c *html.Node) bool {
		if out != nil {
			return false
		}
		if c.Type == html.ElementNode && c.DataAtom == a {
			out = c
			return false
		}
		return true
	})
	return out
}

// textContent is the node's text with whitespace collapsed, as a reader sees
// it on one line.
func textContent(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				return false
			case atom.Br, atom.P, atom.Div, atom.Li, atom.Td, atom.Th:
				b.WriteByte(' ')
			}
		}
		return true
	})
	return article.CollapseSpace(b.String())
}
