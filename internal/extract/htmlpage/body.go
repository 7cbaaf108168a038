package htmlpage

import (
	"net/url"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// Body returns the pruned article DOM: a detached copy of the element that
// Extract renders, without the nodes Extract leaves out of it (furniture,
// blocks opt.Boilerplate knows as repeated, the repeated title, leading
// and trailing furniture), and the URL its relative links resolve
// against. Of opt, it uses Boilerplate. Render(Body()) is what Extract
// writes; Body exists so that another HTML-to-Markdown converter can be
// measured on exactly the DOM brief's own gets (bench/extraction's
// converter A/B). Each call returns a fresh copy that the caller may
// change.
func (p *Page) Body(opt article.Options) (*html.Node, *url.URL, error) {
	a := &article.Article{}
	applyMeta(a, p.meta, p.base, opt.Location)
	b, err := p.findBody(opt.Boilerplate, a.Title)
	if err != nil {
		return nil, nil, err
	}
	var base *url.URL
	if p.base != nil {
		u := *p.base
		base = &u
	}
	return clonePruned(b.root, b.removed), base, nil
}

// Render converts an article element to Markdown and plain text as
// Extract does; base resolves relative links and may be nil.
func Render(n *html.Node, base *url.URL) (md, text string) {
	return newRenderer(base, nil).render(n)
}

// clonePruned deep-copies n without the nodes in skip.
func clonePruned(n *html.Node, skip map[*html.Node]bool) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if !skip[ch] {
			c.AppendChild(clonePruned(ch, skip))
		}
	}
	return c
}
