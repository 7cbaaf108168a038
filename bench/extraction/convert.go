package main

import (
	"net/url"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
)

// h2m is github.com/JohannesKaufmann/html-to-markdown/v2 set up for what
// brief publishes (GFM): CommonMark with tables and strikethrough. It is
// safe for concurrent use.
var h2m = htmltomarkdown.NewConverter(htmltomarkdown.WithPlugins(
	base.NewBasePlugin(),
	commonmark.NewCommonmarkPlugin(),
	table.NewTablePlugin(),
	strikethrough.NewStrikethroughPlugin(),
))

// convertH2M converts n (which it changes) to Markdown with html-to-markdown,
// resolving relative links against base.
func convertH2M(n *html.Node, base *url.URL) (string, error) {
	var opts []htmltomarkdown.ConvertOptionFunc
	if base != nil {
		opts = append(opts, htmltomarkdown.WithDomain(base.String()))
	}
	md, err := h2m.ConvertNode(n, opts...)
	return string(md), err
}

// cloneTree deep-copies n, detached from its parent.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneTree(ch))
	}
	return c
}
