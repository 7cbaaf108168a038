package htmlpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// narrowContainer refines the element with most content: a container of
// several complete articles gives way to the one the page's title names,
// and a wrapper gives way to the element inside it that the page marks as
// the article body when that element holds nearly all its content (the
// rest being a summary box or standfirst beside the body).
func narrowContainer(best *html.Node, stats map[*html.Node]*nodeStat, title string) *html.Node {
	if a := titledArticle(best, stats, title); a != nil {
		best = a
	}
	if m := markedBody(best, stats); m != nil {
		best = m
	}
	return best
}

// titledArticle returns the <article> under best whose heading is the
// page's title, when best holds two or more articles with content.
func titledArticle(best *html.Node, stats map[*html.Node]*nodeStat, title string) *html.Node {
	key := article.Fold(title)
	if key == "" {
		return nil
	}
	var arts []*html.Node
	walk(best, func(n *html.Node) bool {
		if n != best && n.Type == html.ElementNode && n.DataAtom == atom.Article {
			if s := stats[n]; s != nil && s.pos > 0 {
				arts = append(arts, n)
			}
			return false
		}
		return true
	})
	if len(arts) < 2 {
		return nil
	}
	for _, a := range arts {
		h := firstHeading(a)
		if h == nil {
			continue
		}
		if hk := article.Fold(textContent(h)); hk != "" && (hk == key || len(hk) >= 12 && strings.Contains(key, hk)) {
			return a
		}
	}
	return nil
}

func firstHeading(n *html.Node) *html.Node {
	var h *html.Node
	walk(n, func(c *html.Node) bool {
		if h != nil {
			return false
		}
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3:
			h = c
			return false
		}
		return true
	})
	return h
}

// bodyMarks are class or id names (as nameWords joins them) with which a
// page names the element holding the story's text.
var bodyMarks = map[string]bool{
	"article body": true, "articlebody": true, "article content": true, "articlecontent": true,
	"story body": true, "storybody": true, "post body": true, "entry content": true,
	"post content": true, "article text": true, "story content": true,
}

// isMarkedBody reports an element named as the article body by microdata
// or by its class or id.
func isMarkedBody(n *html.Node) bool {
	if strings.EqualFold(attr(n, "itemprop"), "articleBody") {
		return true
	}
	words := nameWords(n)
	for i, w := range words {
		if bodyMarks[w] || i > 0 && bodyMarks[words[i-1]+" "+w] {
			return true
		}
	}
	return false
}

// minMarkedShare is the share of the container's content a marked body
// must hold to replace it: the rest may be a lead box, not story text
// split across siblings.
const minMarkedShare = 0.8

// markedBody returns the one marked body strictly inside best that holds
// nearly all of best's content.
func markedBody(best *html.Node, stats map[*html.Node]*nodeStat) *html.Node {
	total := stats[best]
	if total == nil || total.pos <= 0 {
		return nil
	}
	var found *html.Node
	walk(best, func(n *html.Node) bool {
		if found != nil || n == best || n.Type != html.ElementNode {
			return n == best || n.Type == html.ElementNode && found == nil
		}
		if s := stats[n]; s != nil && s.pos >= minMarkedShare*total.pos && isMarkedBody(n) {
			found = n
			return false
		}
		return true
	})
	return found
}
