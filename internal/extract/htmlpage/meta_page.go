package htmlpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// onPageMeta is the metadata the visible page gives, for pages whose
// JSON-LD and <meta> tags say nothing or say it wrongly: the machine dates
// of <time datetime> and microdata, bylines and datelines.
type onPageMeta struct {
	published []string // itemprop=datePublished, then <time pubdate>, in page order
	times     []string // other <time datetime> values
	modified  []string // itemprop=dateModified
	authors   []string // itemprop=author and rel=author texts
	bylines   []string // elements named byline/author, and "By …" lines
	datelines []string // short blocks that only date the story
}

// bylineWords mark the class or id of an element holding the byline.
var bylineWords = []string{"byline", "author", "writer", "autor", "auteur"}

// dateClassWords mark the class or id of an element holding the dateline.
var dateClassWords = []string{"date", "time", "published", "dateline", "timestamp", "posted", "meta"}

// bylineLabels open a visible byline, in the languages of the month table.
var bylineLabels = []string{
	"by ", "by:", "von ", "par ", "por ", "door ", "av ", "di ", "af ", "oleh ",
	"text:", "text von", "texte:", "texto:", "tekst:", "testo:", "autor:", "autorin:", "auteur:", "author:",
	"written by", "words by", "reporting by", "автор:", "текст:", "yazar:", "kirjoittanut",
}

// visit records n when it carries metadata. It never stops the walk, which
// collectMeta shares.
func (o *onPageMeta) visit(n *html.Node) {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Meta, atom.Link, atom.Title:
		// <meta itemprop> is read with the other meta tags, so that one
		// value is not counted twice when sources vote.
		return
	}
	prop := strings.ToLower(attr(n, "itemprop"))
	machine := first(attr(n, "datetime"), attr(n, "content"))
	switch {
	case prop == "datepublished" || prop == "datecreated":
		o.published = add(o.published, first(machine, textContent(n)))
	case prop == "datemodified":
		o.modified = add(o.modified, first(machine, textContent(n)))
	case n.DataAtom == atom.Time && machine != "":
		if hasAttr(n, "pubdate") {
			o.published = add(o.published, machine)
		} else {
			o.times = add(o.times, machine)
		}
	}
	if len(o.bylines) >= maxOnPage && len(o.datelines) >= maxOnPage {
		return
	}
	switch {
	case prop == "author" || prop == "creator":
		if !inFurniture(n) {
			o.authors = add(o.authors, itempropName(n))
		}
		return
	case n.DataAtom == atom.A && strings.Contains(" "+strings.ToLower(attr(n, "rel"))+" ", " author "):
		if !inFurniture(n) {
			o.authors = add(o.authors, textContent(n))
		}
		return
	}
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Span, atom.Address, atom.Li, atom.Section, atom.Header:
	default:
		return
	}
	label := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	text := ""
	textOf := func() string {
		if text == "" {
			text = textContent(n)
		}
		return text
	}
	if hasAny(label, bylineWords) && !strings.Contains(label, "bio") {
		if t := textOf(); t != "" && article.WordCount(t) <= 16 && !inFurniture(n) {
			o.bylines = add(o.bylines, t)
		}
	}
	if n.DataAtom == atom.P || n.DataAtom == atom.Div && onlyInline(n) || n.DataAtom == atom.Span || n.DataAtom == atom.Address {
		if t := textOf(); t != "" && article.WordCount(t) <= 16 {
			byline := hasBylineLabel(t)
			dateline := (hasAny(label, dateClassWords) || n.DataAtom == atom.P) && article.IsDateLine(t)
			if (byline || dateline) && !inFurniture(n) {
				if byline {
					o.bylines = add(o.bylines, t)
				}
				if dateline {
					o.datelines = add(o.datelines, t)
				}
			}
		}
	}
}

// inFurniture reports a node inside navigation, a footer or an aside,
// whose bylines and dates are other articles'.
func inFurniture(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Nav, atom.Footer, atom.Aside:
			return true
		}
	}
	return false
}

// itempropName is an itemprop=author element's name: its own content, a
// nested itemprop=name, or its text.
func itempropName(n *html.Node) string {
	if c := strings.TrimSpace(attr(n, "content")); c != "" {
		return c
	}
	name := ""
	walk(n, func(c *html.Node) bool {
		if name == "" && c.Type == html.ElementNode && strings.EqualFold(attr(c, "itemprop"), "name") {
			name = first(attr(c, "content"), textContent(c))
		}
		return name == ""
	})
	if name != "" {
		return name
	}
	return textContent(n)
}

// onlyInline reports an element with no block children, a div used as a
// paragraph.
func onlyInline(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.Div, atom.P, atom.Ul, atom.Ol, atom.Table, atom.Section, atom.Article, atom.H1, atom.H2, atom.H3, atom.Figure:
				return false
			}
		}
	}
	return true
}

func hasBylineLabel(t string) bool {
	lower := strings.ToLower(t)
	for _, l := range bylineLabels {
		if strings.HasPrefix(lower, l) {
			return true
		}
	}
	return false
}

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// add appends a non-empty value while the list is under maxOnPage.
func add(list []string, v string) []string {
	v = strings.TrimSpace(v)
	if v == "" || len(list) >= maxOnPage {
		return list
	}
	return append(list, v)
}
