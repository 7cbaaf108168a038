// Package markdown renders editors' and imported Markdown to HTML that is
// safe to publish: GFM tables, footnotes and typographic quotes on; raw HTML
// and script-bearing URLs off, whatever the source says.
package markdown

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Renderer converts Markdown to HTML. It is safe for concurrent use; build
// one and reuse it, since setting up goldmark costs more than a short
// document.
type Renderer struct {
	md goldmark.Markdown
}

// idPrefixAttr carries a per-document footnote prefix from Render to the
// footnote extension, so that an article's note and body on one page never
// share footnote ids.
const idPrefixAttr = "brief-id-prefix"

// New returns a Renderer.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Typographer,
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(func(n ast.Node) []byte {
				if doc := n.OwnerDocument(); doc != nil {
					if v, ok := doc.AttributeString(idPrefixAttr); ok {
						if b, ok := v.([]byte); ok {
							return b
						}
					}
				}
				return nil
			})),
		),
		// Raw HTML stays off (goldmark's default, no html.WithUnsafe):
		// imported text is hostile and an editor's Markdown needs none.
	)
	return &Renderer{md: md}
}

// Options adjust one rendering.
type Options struct {
	// IDPrefix is put before footnote ids; use a distinct one for each
	// Markdown text rendered into the same page.
	IDPrefix string
	// Base resolves root-relative links ("/about/") an editor wrote: a path
	// such as "/briefing/" for pages, an absolute URL for feeds. Nil leaves
	// them as written.
	Base *url.URL
	// MinHeading raises headings above this level to it, so that a body's
	// "#" does not compete with the page's own <h1>: 2 turns h1 into h2 and
	// leaves h2 and below as written.
	MinHeading int
}

// Render converts src to HTML.
func (r *Renderer) Render(src string, opt Options) ([]byte, error) {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source))
	if opt.IDPrefix != "" {
		doc.OwnerDocument().SetAttributeString(idPrefixAttr, []byte(opt.IDPrefix))
	}
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = resolve(n.Destination, opt.Base)
			if isExternal(n.Destination) {
				n.SetAttributeString("rel", []byte("noopener noreferrer"))
			}
		case *ast.Image:
			n.Destination = resolve(n.Destination, opt.Base)
		case *ast.AutoLink:
			// Rendered from its own text; goldmark filters unsafe schemes.
		case *ast.Heading:
			n.Level = max(n.Level, opt.MinHeading)
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := r.md.Renderer().Render(&buf, source, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func resolve(dest []byte, base *url.URL) []byte {
	if base == nil || len(dest) < 1 || dest[0] != '/' || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	ref, err := url.Parse(string(dest[1:]))
	if err != nil {
		return dest
	}
	return []byte(base.ResolveReference(ref).String())
}

func isExternal(dest []byte) bool {
	s := strings.ToLower(string(dest))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}

// Words counts the words of a Markdown text, for reading time. Markup
// characters are not words, and neither are link targets.
func Words(src string) int {
	n := 0
	inWord := false
	inTarget := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '(' && i > 0 && src[i-1] == ']' {
			inTarget++
		}
		if inTarget > 0 {
			if c == ')' {
				inTarget--
			}
			continue
		}
		letter := c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if letter && !inWord {
			n++
		}
		inWord = letter || inWord && (c == '\'' || c == '-')
	}
	return n
}
