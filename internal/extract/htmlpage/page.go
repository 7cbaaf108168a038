// Package htmlpage finds the article in a saved web page: it decodes the
// page, weighs its blocks of text to find the element that holds the
// story, and renders that element as Markdown and plain text.
package htmlpage

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// Extract finds the article in a saved page. data may be gzip-compressed
// and in any charset a browser would understand; the text is returned as
// NFC UTF-8 with invisible characters (soft hyphens, zero-width spaces)
// removed.
//
// The body is found by scoring: every run of text is weighed as content
// (long, sentence-like, few links, or confirmed by the JSON-LD articleBody)
// or furniture (link lists, short labels, repeated blocks learnt through
// opt.Boilerplate), furniture elements named by their tag, role, class or
// id are set aside, and the element with most content net of furniture is
// the article. Within it, link lists and the leading and trailing
// furniture are dropped before rendering.
//
// Metadata candidates come from JSON-LD (the first Article, NewsArticle,
// BlogPosting or similar object, also inside @graph, with @id references
// followed), OpenGraph, article:*, Twitter and other <meta> tags,
// microdata, <time datetime> and the visible bylines and datelines near
// the headline; each is parsed and checked, then chosen by source order
// and agreement (applyMeta and the meta_*.go files give the rules).
//
// Title drops a site-name suffix or breadcrumb ("Title | Site") unless the
// h1 confirms it; Source is the publisher's name, never a URL; SourceURL is
// the canonical URL without tracking parameters; dates without an offset
// are read in opt.Location.
//
// Hostile and broken pages are refused with a reason rather than half
// read: pages over opt.MaxBytes, before or after gunzipping
// (article.ErrTooLarge); binary files, pages that claim UTF-8 and are not,
// pages cut off mid-markup and elements nested more than 512 deep
// (article.ErrNoArticle).
func Extract(data []byte, opt article.Options) (*article.Article, error) {
	p, err := Parse(data, opt)
	if err != nil {
		return nil, err
	}
	return p.Extract(opt)
}

// Page is a saved page decoded, parsed and stripped of what is never
// content, for callers that learn a batch of pages' blocks before
// extracting them: decoding and parsing are most of an extraction's cost,
// and Blocks and Extract only read the tree, so one parse serves both
// passes.
type Page struct {
	doc  *html.Node
	meta *pageMeta
	base *url.URL
	site string // boilerplate key: host of the canonical or given URL
	size int    // see Size
}

// Size estimates, in bytes, the memory the parsed page holds: its tree,
// stripped of what is never content, node by node, and its metadata. A
// page's scripts and styles make most of its bytes and none of its
// tree, so its decoded length says little.
func (p *Page) Size() int { return p.size }

// Memory one node of the tree and one attribute take besides their
// strings' bytes (on 64-bit platforms, with their pointers and headers).
const (
	nodeBytes = 128
	attrBytes = 48
)

// treeBytes estimates the memory of the tree under n (see Page.Size).
func treeBytes(n *html.Node) int {
	size := 0
	walk(n, func(n *html.Node) bool {
		size += nodeBytes + len(n.Data) + len(n.Namespace)
		for _, a := range n.Attr {
			size += attrBytes + len(a.Namespace) + len(a.Key) + len(a.Val)
		}
		return true
	})
	return size
}

// Blocks returns the page's site key (the host of its canonical or given
// URL, without "www.") and its blocks of text, for Boilerplate.Learn.
func (p *Page) Blocks() (site string, blocks []string) {
	for _, b := range collectBlocks(p.doc) {
		blocks = append(blocks, b.text)
	}
	return p.site, blocks
}

// Extract finds the article as the function Extract does. Of opt, it uses
// Location and Boilerplate; URL and MaxBytes were applied by Parse.
func (p *Page) Extract(opt article.Options) (*article.Article, error) {
	a := &article.Article{}
	applyMeta(a, p.meta, p.base, opt.Location)

	body, err := p.findBody(opt.Boilerplate, a.Title)
	if err != nil {
		return nil, err
	}
	r := newRenderer(p.base, body.removed)
	a.Markdown, a.Text = r.render(body.root)
	a.Embedded = r.embedded
	if n := article.WordCount(a.Text); n < minArticleWords {
		return nil, fmt.Errorf("%w: only %d words of text", article.ErrNoArticle, n)
	}
	return a, nil
}

// minArticleWords is the shortest body worth importing; less is a stub, a
// paywall teaser or an error page.
const minArticleWords = 25

// Parse decodes and parses a page for Blocks and Extract. Of opt, it uses
// URL and MaxBytes; it fails as Extract would on the same bytes.
func Parse(data []byte, opt article.Options) (*Page, error) {
	src, err := decodePage(data, opt.Limit())
	if err != nil {
		return nil, err
	}
	if !looksLikeHTML(src) {
		return nil, fmt.Errorf("%w: not an HTML page", article.ErrNoArticle)
	}
	if looksTruncated(src) {
		return nil, fmt.Errorf("%w: the page stops in the middle of its markup (an interrupted download?)", article.ErrNoArticle)
	}
	// x/net/html refuses documents nesting elements more than 512 deep
	// (its stack of open elements is bounded), which also bounds every
	// recursive walk of the tree below.
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements") {
			return nil, fmt.Errorf("%w: elements nested more than 512 deep (%w)", article.ErrNoArticle, err)
		}
		return nil, fmt.Errorf("parsing HTML: %w", err)
	}
	p := &Page{doc: doc, meta: collectMeta(doc)}
	if opt.URL != "" {
		if u, err := url.Parse(opt.URL); err == nil && u.IsAbs() {
			p.base = u
		}
	}
	if c := first(p.meta.canonical, p.meta.metas["og:url"]); c != "" {
		if u, err := url.Parse(c); err == nil {
			if p.base != nil {
				u = p.base.ResolveReference(u)
			}
			if u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") {
				if p.base == nil {
					p.base = u
				}
				p.site = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
			}
		}
	}
	if b := findFirst(doc, atom.Base); b != nil && p.base != nil {
		if u, err := p.base.Parse(attr(b, "href")); err == nil && attr(b, "href") != "" {
			p.base = u
		}
	}
	if p.site == "" && p.base != nil {
		p.site = strings.TrimPrefix(strings.ToLower(p.base.Hostname()), "www.")
	}
	stripChrome(doc)
	removeInlineWidgets(doc)
	// The metadata is mostly strings cut from the tree before it was
	// stripped; the JSON-LD text, often the article again, is its own.
	p.size = treeBytes(doc) + len(p.meta.ld.body)
	return p, nil
}

// looksLikeHTML rejects text that has no markup at all (a plain-text or
// JSON file handed to the HTML extractor).
func looksLikeHTML(s string) bool {
	head := strings.ToLower(s[:min(len(s), 4096)])
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html") ||
		strings.Contains(head, "<body") || strings.Contains(head, "<p") || strings.Contains(head, "<div") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<article")
}

// looksTruncated reports a page cut off in transfer: it opens as a whole
// document but ends in the middle of text or of a tag, before its </body>
// or </html>. Saved pages end with a tag; whatever a truncated one holds
// is missing its end, and importing half an article is worse than none.
func looksTruncated(s string) bool {
	head := strings.ToLower(s[:min(len(s), 4096)])
	if !strings.Contains(head, "<html") && !strings.Contains(head, "<!doctype") {
		return false
	}
	if strings.HasSuffix(strings.TrimRightFunc(s, unicode.IsSpace), ">") {
		return false
	}
	tail := strings.ToLower(s[max(0, len(s)-64<<10):])
	return !strings.Contains(tail, "</body") && !strings.Contains(tail, "</html")
}

// body is the chosen article element and what to leave out of it.
type body struct {
	root    *html.Node
	removed map[*html.Node]bool
}

func (p *Page) findBody(bp *article.Boilerplate, title string) (*body, error) {
	root := findFirst(p.doc, atom.Body)
	if root == nil {
		root = p.doc
	}
	blocks := collectBlocks(root)
	hint := newShingleSet(p.meta.ld.body)
	removed := map[*html.Node]bool{}
	for _, b := range blocks {
		b.weight = weigh(b, hint)
		if bp != nil && !b.hint && bp.Repeated(p.site, b.text) {
			b.weight = -float64(b.words)
			for _, t := range b.nodes {
				removed[t] = true
			}
		}
	}
	neutraliseDataCells(blocks)
	neutralisePlainLists(blocks)
	demoteTeasers(blocks, root)
	boostMarkedBody(blocks, root)
	pruneFurniture(root, statsOf(blocks, root, nil), removed)
	gone := func(b *textBlock) bool { return underRemoved(b.nodes[0], root, removed) }
	stats := statsOf(blocks, root, gone)
	best := chooseContainer(root, stats)
	if best == nil {
		return nil, fmt.Errorf("%w: no text", article.ErrNoArticle)
	}
	best = narrowContainer(best, stats, title)
	s := stats[best]
	if s.pos < minArticleWords {
		return nil, fmt.Errorf("%w: no block of prose", article.ErrNoArticle)
	}
	if s.words > 0 && float64(s.linkWords) > 0.5*float64(s.words) {
		return nil, fmt.Errorf("%w: mostly links (an index page)", article.ErrNoArticle)
	}
	var inside []*textBlock
	for _, b := range blocks {
		if !gone(b) && isWithin(b.owner, best) {
			inside = append(inside, b)
		}
	}
	trimBody(inside, removed, title)
	return &body{root: best, removed: removed}, nil
}

func isWithin(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}
