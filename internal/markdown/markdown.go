// Package markdown renders editors' and imported Markdown to HTML that is
// safe to publish: GFM tables, footnotes and typographic quotes on; raw HTML
// off, and only http, https, mailto and relative URLs kept in links and
// images, whatever the source says. Links to other sites carry
// rel="noopener noreferrer", and table alignment is a class (align-left,
// align-center, align-right) for the theme to style: the pages' CSP
// refuses inline style attributes.
package markdown

import (
	"bytes"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
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
			// GFM, with table alignment left to Render's classes.
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.TaskList,
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
	// Image, when set, is asked about each image's address as written
	// (before Base applies) and may return what to publish instead: the
	// address of a copy, its sizes for srcset and its dimensions. Nil, or
	// a nil result, keeps the address. Every image loads lazily.
	Image func(dest string) *Image
}

// Image is what Options.Image says of one picture.
type Image struct {
	// Src replaces the address; Srcset and Sizes are the attributes of
	// the same names ("" to leave them out).
	Src, Srcset, Sizes string
	// Width and Height are the picture's size in pixels, which the
	// browser reserves before it loads; 0 leaves them out.
	Width, Height int
}

// Render converts src to HTML. A text over a structure limit (see
// CheckLimits) is refused with a *LimitError before it is parsed.
func (r *Renderer) Render(src string, opt Options) ([]byte, error) {
	if err := CheckLimits(src); err != nil {
		return nil, err
	}
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source))
	if opt.IDPrefix != "" {
		doc.OwnerDocument().SetAttributeString(idPrefixAttr, []byte(opt.IDPrefix))
	}
	var drop []ast.Node // links and images whose URL is not allowed
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !AllowedURL(string(n.Destination)) {
				drop = append(drop, n)
				break
			}
			n.Destination = resolve(n.Destination, opt.Base)
			if isExternal(n.Destination) {
				n.SetAttributeString("rel", []byte("noopener noreferrer"))
			}
		case *ast.Image:
			if !AllowedURL(string(n.Destination)) {
				drop = append(drop, n)
				break
			}
			setImage(n, opt)
		case *ast.AutoLink:
			// Linkified addresses ("www.example.org") have their
			// scheme added by URL; e-mail addresses are mailto:.
			u := n.URL(source)
			if n.AutoLinkType == ast.AutoLinkEmail {
				u = append([]byte("mailto:"), u...)
			}
			if !AllowedURL(string(u)) {
				drop = append(drop, n)
				break
			}
			if isExternal(u) {
				n.SetAttributeString("rel", []byte("noopener noreferrer"))
			}
		case *east.TableCell:
			if n.Alignment != east.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
		case *ast.Heading:
			n.Level = max(n.Level, opt.MinHeading)
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	for _, n := range drop {
		unwrap(n, source)
	}
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := r.md.Renderer().Render(&buf, source, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// setImage publishes an allowed image: its address resolved or replaced
// by Options.Image, its size when known, and lazy loading, so that a long
// article's pictures load as the reader reaches them.
func setImage(n *ast.Image, opt Options) {
	var img *Image
	if opt.Image != nil {
		img = opt.Image(string(n.Destination))
	}
	if img == nil || img.Src == "" {
		n.Destination = resolve(n.Destination, opt.Base)
	} else {
		n.Destination = []byte(img.Src)
	}
	if img != nil {
		if img.Srcset != "" {
			n.SetAttributeString("srcset", []byte(img.Srcset))
		}
		if img.Sizes != "" {
			n.SetAttributeString("sizes", []byte(img.Sizes))
		}
		if img.Width > 0 && img.Height > 0 {
			n.SetAttributeString("width", []byte(strconv.Itoa(img.Width)))
			n.SetAttributeString("height", []byte(strconv.Itoa(img.Height)))
		}
	}
	n.SetAttributeString("loading", []byte("lazy"))
	n.SetAttributeString("decoding", []byte("async"))
}

// unwrap replaces a link or image whose URL is refused by what it shows:
// the link's text, the image's alt text, the autolink's address as text.
func unwrap(n ast.Node, source []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(a.Label(source)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// AllowedURL reports whether a link or image may point at u: http, https,
// mailto or a URL without a scheme (a path, ?query or #fragment). Every
// other scheme is refused, javascript:, vbscript:, livescript: and data:
// among them, since an allow-list cannot miss one the way a list of
// dangerous schemes can. The scheme is read as browsers read it: tabs,
// newlines and other controls and spaces anywhere are ignored and case does
// not matter, and character references and backslash escapes, which the
// HTML renderer decodes after this check, are decoded first.
func AllowedURL(u string) bool {
	u = html.UnescapeString(strings.ReplaceAll(u, `\`, ""))
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, u)
	i := strings.IndexAny(u, ":/?#")
	if i < 0 || u[i] != ':' {
		return true
	}
	switch strings.ToLower(u[:i]) {
	case "http", "https", "mailto":
		return true
	}
	return false
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
