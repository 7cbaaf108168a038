package htmlpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// Class and id words name furniture blocks; they are wrong about some
// elements the story itself is made of. The tests here spare those
// elements from pruneFurniture.

// alwaysFurniture reports an element named as a cookie or consent notice:
// such a notice is never the article, however much of the page it holds.
func alwaysFurniture(n *html.Node) bool {
	// Most names hold none of these letters; skip splitting them.
	if !mayNameNotice(attr(n, "class")) && !mayNameNotice(attr(n, "id")) {
		return false
	}
	for _, w := range nameWords(n) {
		switch w {
		case "cookie", "cookies", "consent", "gdpr":
			return true
		}
	}
	return false
}

func mayNameNotice(v string) bool {
	if v == "" {
		return false
	}
	v = strings.ToLower(v) // no copy when already lower case
	return strings.Contains(v, "cookie") || strings.Contains(v, "consent") || strings.Contains(v, "gdpr")
}

// spareFromClass reports an element whose furniture-sounding class or id
// is outweighed by where it sits and what it holds: a link or span in the
// middle of a sentence ("tag-link"), a prose paragraph among others
// ("paywall", "premium"), or a quoted post between the story's paragraphs
// ("social-embed").
func spareFromClass(n *html.Node, stats map[*html.Node]*nodeStat) bool {
	if alwaysFurniture(n) {
		return false
	}
	return inlineInSentence(n) || proseParagraph(n, stats) || quoteBetweenParagraphs(n, stats)
}

// inlineInSentence reports a short inline element with at most one link
// that has words of running text right beside it: class names cannot make
// a word in a sentence furniture.
func inlineInSentence(n *html.Node) bool {
	if isBlock(n) || countLinks(n) > 1 || article.WordCount(textContent(n)) > maxInlineWords {
		return false
	}
	for c := n; c != nil && c.Parent != nil && !isBlock(c); c = c.Parent {
		for _, s := range []*html.Node{c.PrevSibling, c.NextSibling} {
			if s != nil && s.Type == html.TextNode && article.WordCount(s.Data) > 0 {
				return true
			}
		}
	}
	return false
}

// maxInlineWords is the longest linked name or phrase taken as part of a
// sentence; longer inline runs are widgets or teasers.
const maxInlineWords = 8

// accessWords name paywalls and subscriber-only text: story paragraphs
// carry them, and the subscribe bar beside the story is caught by its
// words (promoBoxes) rather than its class.
var accessWords = map[string]bool{
	"paywall": true, "paywalled": true, "premium": true, "subscriber": true, "subscribers": true,
	"subscription": true, "locked": true, "gated": true, "metered": true, "member": true,
	"members": true, "restricted": true,
}

// onlyAccessWords reports a class or id whose furniture words are all
// about access ("paywall", "premium-content").
func onlyAccessWords(n *html.Node) bool {
	access := false
	for _, w := range nameWords(n) {
		switch {
		case accessWords[w]:
			access = true
		case strongBoiler[w] || boilerWords[w]:
			return false
		}
	}
	return access
}

// proseParagraph reports a <p> marked for subscribers that reads as story text (a sentence of
// some length, few links) beside another such paragraph in its parent.
func proseParagraph(n *html.Node, stats map[*html.Node]*nodeStat) bool {
	if n.DataAtom != atom.P || !onlyAccessWords(n) || !isProse(n, stats) || n.Parent == nil {
		return false
	}
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode && c.DataAtom == atom.P && isProse(c, stats) {
			return true
		}
	}
	return false
}

func isProse(n *html.Node, stats map[*html.Node]*nodeStat) bool {
	s := stats[n]
	return s != nil && s.words >= 12 && s.neg == 0 && s.pos > 0 && 4*s.linkWords < s.words
}

// quoteBetweenParagraphs reports a wrapper whose text is all inside
// <blockquote> and whose neighbours are prose paragraphs: a quoted post
// embedded in the story.
func quoteBetweenParagraphs(n *html.Node, stats map[*html.Node]*nodeStat) bool {
	q := findFirst(n, atom.Blockquote)
	if q == nil || article.WordCount(textContent(q)) != article.WordCount(textContent(n)) {
		return false
	}
	prev, next := elementSibling(n, -1), elementSibling(n, 1)
	return prev != nil && next != nil && isProse(prev, stats) && isProse(next, stats)
}

func elementSibling(n *html.Node, dir int) *html.Node {
	for {
		if dir < 0 {
			n = n.PrevSibling
		} else {
			n = n.NextSibling
		}
		if n == nil || n.Type == html.ElementNode {
			return n
		}
	}
}

func countLinks(n *html.Node) int {
	k := 0
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			k++
		}
		return true
	})
	return k
}

// storyHeader reports a <header> that follows prose inside the same
// <article> or <main>: the title of a section or card within the story,
// not the page's or the article's own header.
func storyHeader(n *html.Node, stats map[*html.Node]*nodeStat) bool {
	for c := n; c != nil && c.Parent != nil; c = c.Parent {
		for s := c.PrevSibling; s != nil; s = s.PrevSibling {
			if st := stats[s]; st != nil && st.pos >= 20 {
				return true
			}
		}
		if a := c.Parent.DataAtom; a == atom.Article || a == atom.Main {
			return false
		}
	}
	return false
}

// removeInlineWidgets deletes inline widgets nested in sentences: person
// cards, pop-ups and share buttons, whose links would otherwise make the
// sentence read as a link list. Of nested candidates the innermost goes,
// so that the name the card hangs on stays in the sentence.
func removeInlineWidgets(doc *html.Node) {
	var dead []*html.Node
	walk(doc, func(n *html.Node) bool {
		if !isInlineWidget(n) {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if isInlineWidget(c) {
				return true
			}
		}
		dead = append(dead, n)
		return false
	})
	for _, n := range dead {
		n.Parent.RemoveChild(n)
	}
}

// isInlineWidget reports an inline element other than a link that holds
// several links and is named as furniture, or holds three or more links
// and little else: a card of stories, not words of the sentence.
func isInlineWidget(n *html.Node) bool {
	if n.Type != html.ElementNode || isBlock(n) || n.DataAtom == atom.A {
		return false
	}
	links := countLinks(n)
	switch {
	case links >= 2 && boilerClass(n):
		return true
	case links >= 3:
		words, linked := linkWords(n)
		return float64(linked) >= minWidgetLinkShare*float64(words)
	}
	return false
}

// minWidgetLinkShare is the share of an unnamed inline element's words
// that must be links for it to be a widget.
const minWidgetLinkShare = 0.8

// linkWords counts the words under n and those inside links.
func linkWords(n *html.Node) (words, linked int) {
	var visit func(c *html.Node, inLink bool)
	visit = func(c *html.Node, inLink bool) {
		if c.Type == html.TextNode {
			w := article.WordCount(c.Data)
			words += w
			if inLink {
				linked += w
			}
			return
		}
		inLink = inLink || c.DataAtom == atom.A
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			visit(k, inLink)
		}
	}
	visit(n, false)
	return words, linked
}
