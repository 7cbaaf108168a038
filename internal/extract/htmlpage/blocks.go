package htmlpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// blockTags start a new line of text when rendered; everything else flows
// inline.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true,
	atom.Ul: true, atom.Frameset: true, atom.Optgroup: true,
}

func isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && (blockTags[n.DataAtom] || n.DataAtom == 0 && isCustomBlock(n))
}

// isCustomBlock treats unknown (custom) elements as blocks, since sites use
// them as section wrappers far more often than as inline spans.
func isCustomBlock(n *html.Node) bool { return strings.Contains(n.Data, "-") }

// textBlock is one run of text that renders as its own line: the inline
// content between block boundaries.
type textBlock struct {
	owner     *html.Node   // nearest block-level ancestor
	nodes     []*html.Node // the text nodes it is made of
	text      string
	words     int
	linkWords int
	leadLink  int     // words of the link the block starts with, if any
	weight    float64 // > 0 content, < 0 furniture
	hint      bool    // confirmed by the JSON-LD articleBody
}

// collectBlocks splits the tree under root into text blocks in document
// order.
func collectBlocks(root *html.Node) []*textBlock {
	var (
		out   []*textBlock
		cur   *textBlock
		buf   strings.Builder
		links int
	)
	flush := func() {
		if cur != nil {
			cur.text = article.CollapseSpace(buf.String())
			if cur.text != "" && cur.words > 0 {
				out = append(out, cur)
			}
		}
		cur = nil
		buf.Reset()
	}
	var visit func(n *html.Node, owner *html.Node)
	visit = func(n *html.Node, owner *html.Node) {
		switch n.Type {
		case html.TextNode:
			if cur == nil {
				cur = &textBlock{owner: owner}
			}
			cur.nodes = append(cur.nodes, n)
			buf.WriteString(n.Data)
			w := article.WordCount(n.Data)
			if links > 0 {
				cur.linkWords += w
				if cur.linkWords == cur.words+w {
					cur.leadLink += w
				}
			}
			cur.words += w
			return
		case html.ElementNode, html.DocumentNode:
		default:
			return
		}
		block := n.Type == html.DocumentNode || isBlock(n)
		if block {
			flush()
			owner = n
		}
		if n.DataAtom == atom.Br {
			buf.WriteByte(' ')
		}
		if n.DataAtom == atom.A {
			links++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, owner)
		}
		if n.DataAtom == atom.A {
			links--
		}
		if block {
			flush()
		}
	}
	visit(root, root)
	flush()
	return out
}
