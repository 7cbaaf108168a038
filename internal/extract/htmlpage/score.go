package htmlpage

import (
	"hash/fnv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// nodeStat sums the weights of the blocks under one element.
type nodeStat struct {
	pos, neg  float64
	words     int
	linkWords int
}

func (s *nodeStat) score() float64 { return s.pos - s.neg }

// shingleSet holds the word 4-grams of a reference text (the JSON-LD
// articleBody), hashed.
type shingleSet map[uint64]bool

func newShingleSet(text string) shingleSet {
	ws := article.Words(text)
	if len(ws) < 40 {
		return nil // too short to be the body: often a teaser
	}
	set := shingleSet{}
	for i := 0; i+4 <= len(ws); i++ {
		set[hashWords(ws[i:i+4])] = true
	}
	return set
}

// coverage is the share of s's 4-grams found in the set.
func (set shingleSet) coverage(s string) float64 {
	ws := article.Words(s)
	if len(ws) < 4 {
		return 0
	}
	hit := 0
	for i := 0; i+4 <= len(ws); i++ {
		if set[hashWords(ws[i:i+4])] {
			hit++
		}
	}
	return float64(hit) / float64(len(ws)-3)
}

func hashWords(ws []string) uint64 {
	h := fnv.New64a()
	for _, w := range ws {
		h.Write([]byte(strings.ToLower(w)))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// weigh scores one block: long, sentence-like, link-poor text is content;
// link lists and short labels are furniture. The scale is words, so that a
// container's score reads as "content words minus furniture words".
func weigh(b *textBlock, hint shingleSet) float64 {
	if hint != nil && b.words >= 6 && hint.coverage(b.text) >= 0.6 {
		b.hint = true
		return 2 * float64(b.words)
	}
	w := float64(b.words)
	ld := float64(b.linkWords) / w
	switch {
	case ld > 0.5 && linkedSentence(b):
		return 0
	case ld > 0.5:
		return -w
	case b.words >= 20 || b.words >= 8 && article.EndsSentence(b.text):
		return w * (1 - ld)
	case b.words < 6:
		return -0.5 * w
	}
	return 0
}

// linkedSentence reports a paragraph that is a sentence whose names are
// links ("<a>Name</a> has been eliminated from “<a>Show</a>.”"): neither
// content nor furniture by its links alone, unlike a list of headlines.
func linkedSentence(b *textBlock) bool {
	return b.owner.DataAtom == atom.P && b.words >= 8 && b.words-b.linkWords >= 3 &&
		b.leadLink < b.words && article.EndsSentence(b.text)
}

// statsOf accumulates block weights into every ancestor up to root.
func statsOf(blocks []*textBlock, root *html.Node, skip func(*textBlock) bool) map[*html.Node]*nodeStat {
	stats := map[*html.Node]*nodeStat{}
	for _, b := range blocks {
		if skip != nil && skip(b) {
			continue
		}
		for n := b.owner; n != nil; n = n.Parent {
			s := stats[n]
			if s == nil {
				s = &nodeStat{}
				stats[n] = s
			}
			if b.weight > 0 {
				s.pos += b.weight
			} else {
				s.neg -= b.weight
			}
			s.words += b.words
			s.linkWords += b.linkWords
			if n == root {
				break
			}
		}
	}
	return stats
}

// pruneFurniture marks elements whose class, id or tag names page furniture,
// unless they hold most of the page's content (a wrapper such as
// "main with-sidebar").
func pruneFurniture(root *html.Node, stats map[*html.Node]*nodeStat, removed map[*html.Node]bool) {
	total := 0.0
	if s := stats[root]; s != nil {
		total = s.pos
	}
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if n == root {
			return true
		}
		if alwaysFurniture(n) {
			removed[n] = true
			return false
		}
		furniture := n.DataAtom == atom.Aside || n.DataAtom == atom.Header && !storyHeader(n, stats) || boilerClass(n)
		if furniture && !spareFromClass(n, stats) {
			if s := stats[n]; s == nil || s.pos < 0.5*total {
				removed[n] = true
				return false
			}
		}
		return true
	})
}

// underRemoved reports whether n or an ancestor up to root was removed.
func underRemoved(n, root *html.Node, removed map[*html.Node]bool) bool {
	for ; n != nil; n = n.Parent {
		if removed[n] {
			return true
		}
		if n == root {
			break
		}
	}
	return false
}

// chooseContainer returns the element whose subtree has the highest content
// minus furniture; on a tie the deeper element wins, as it adds nothing.
func chooseContainer(root *html.Node, stats map[*html.Node]*nodeStat) *html.Node {
	var best *html.Node
	bestScore := 0.0
	walk(root, func(n *html.Node) bool {
		s := stats[n]
		if s == nil {
			return false
		}
		if n.Type == html.ElementNode || n == root {
			if sc := s.score(); best == nil || sc > bestScore || sc == bestScore {
				best, bestScore = n, sc
			}
		}
		return true
	})
	return best
}

// demoteTeasers turns teaser summaries into furniture. A teaser is a unit
// (the smallest element around a block that holds other blocks too) with a
// linked headline and one or two paragraphs: a related or recommended
// story. Article paragraphs share their unit with many others.
func demoteTeasers(blocks []*textBlock, root *html.Node) {
	type unitStat struct{ blocks, good, headlines, words int }
	st := map[*html.Node]*unitStat{}
	for _, b := range blocks {
		good := 0
		switch {
		case b.hint || b.weight > 0 && b.words > 80:
			good = 99 // confirmed or long article text is never a teaser
		case b.weight > 0:
			good = 1
		}
		headline := 0
		if isHeadlineLink(b) {
			headline = 1
		}
		for n := b.owner; n != nil; n = n.Parent {
			s := st[n]
			if s == nil {
				s = &unitStat{}
				st[n] = s
			}
			s.blocks++
			s.good += good
			s.headlines += headline
			s.words += b.words
			if n == root {
				break
			}
		}
	}
	// Lists whose items open with a linked headline and go on with a cut
	// short summary are story lists.
	leadItems := map[*html.Node]int{}
	for _, b := range blocks {
		if b.owner.DataAtom == atom.Li && b.leadLink >= 4 && b.leadLink < b.words && b.owner.Parent != nil && isExcerpt(b.text) {
			leadItems[b.owner.Parent]++
		}
	}
	for _, b := range blocks {
		if b.weight <= 0 {
			continue
		}
		if b.owner.DataAtom == atom.Li && b.leadLink >= 4 && !b.hint && leadItems[b.owner.Parent] >= 2 && isExcerpt(b.text) {
			b.weight = -0.5 * float64(b.words)
			continue
		}
		u := b.owner
		for u != root && u.Parent != nil && st[u].blocks < 2 {
			u = u.Parent
		}
		if u == root {
			continue
		}
		if s := st[u]; s.good <= 2 && s.headlines > 0 && s.words <= 200 {
			b.weight = -0.5 * float64(b.words)
		}
	}
}

// isExcerpt reports text cut short with an ellipsis, as story teasers are.
func isExcerpt(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ']' || r == ')' })
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}

// isHeadlineLink reports a block that reads like a story's linked title: a
// heading that is mostly link, or a fully linked line of several words.
func isHeadlineLink(b *textBlock) bool {
	if 2*b.linkWords <= b.words {
		return false
	}
	switch b.owner.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return b.words >= 3
	}
	return b.words >= 5 && b.linkWords >= b.words
}

// boostMarkedBody doubles the weight of prose inside an element the page
// itself marks as the article body with microdata.
func boostMarkedBody(blocks []*textBlock, root *html.Node) {
	marked := map[*html.Node]bool{}
	walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && strings.EqualFold(attr(n, "itemprop"), "articleBody") {
			marked[n] = true
		}
		return true
	})
	if len(marked) == 0 {
		return
	}
	for _, b := range blocks {
		if b.weight <= 0 {
			continue
		}
		for n := b.owner; n != nil && n != root; n = n.Parent {
			if marked[n] {
				b.weight *= 2
				break
			}
		}
	}
}
