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

	paragraphs int // <p> elements seen so far
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
	case n.DataAtom == atom.Time && !inFurniture(n):
		// A <time> without datetime still marks its text as a date
		// ("November 18, 2019").
		if t := shortText(n, maxBylineBytes); article.IsDateLine(t) {
			o.times = add(o.times, t)
		}
	}
	if len(o.bylines) >= maxLines && len(o.datelines) >= maxLines {
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
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		// Some pages set the byline as a small heading under the
		// headline; only its class tells.
	default:
		return
	}
	label := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if strings.TrimSpace(label) == "" && n.Parent != nil {
		// A bare <div> inside "…__date" holds the parent's date.
		label = strings.ToLower(attr(n.Parent, "class") + " " + attr(n.Parent, "id"))
	}
	byClass := hasAny(label, bylineWords) && !strings.Contains(label, "bio")
	dateClass := hasAny(label, dateClassWords)
	block := n.DataAtom == atom.P || n.DataAtom == atom.Div && onlyInline(n) || n.DataAtom == atom.Span || n.DataAtom == atom.Address
	if !byClass && !(block && dateClass) {
		// A plain block is read only when it opens with a byline label,
		// or as a dateline when it is one of the page's first paragraphs:
		// reading every block's text would cost more than the rest of the
		// metadata.
		if !block {
			return
		}
		early := false
		if n.DataAtom == atom.P {
			o.paragraphs++
			early = o.paragraphs <= maxDatelineParagraphs
		}
		ft := firstText(n)
		if !early && !hasBylineLabel(ft+" ") && !hasDateLabel(ft) {
			return
		}
		dateClass = dateClass || hasDateLabel(ft)
	}
	text := shortText(n, maxBylineBytes)
	if text == "" || article.WordCount(text) > maxBylineWords || inFurniture(n) {
		return
	}
	if len(o.bylines) < maxLines && (byClass || block && hasBylineLabel(text)) {
		o.bylines = append(o.bylines, text)
	}
	if len(o.datelines) < maxLines && block && (dateClass || n.DataAtom == atom.P) && article.IsDateLine(text) {
		o.datelines = append(o.datelines, text)
	}
}

// maxLines is how many bylines and datelines are kept: the article's own
// come first, and testing every teaser's on a listing page costs time.
const maxLines = 4

// maxDatelineParagraphs is how many of a page's first paragraphs may be
// its dateline.
const maxDatelineParagraphs = 20

// firstText is the first non-blank text in n.
func firstText(n *html.Node) string {
	out := ""
	walk(n, func(c *html.Node) bool {
		if out != "" {
			return false
		}
		if c.Type == html.TextNode {
			out = strings.TrimSpace(c.Data)
		}
		return c.Type != html.ElementNode || c.DataAtom != atom.Script && c.DataAtom != atom.Style
	})
	return out
}

// maxBylineBytes bounds the text of a byline or dateline: longer blocks are
// paragraphs, and are not read whole for this.
const maxBylineBytes = 300

// shortText is n's text as textContent gives it, or "" when it is longer
// than limit bytes; it stops reading there.
func shortText(n *html.Node, limit int) string {
	size := 0
	walk(n, func(c *html.Node) bool {
		if size > limit {
			return false
		}
		switch c.Type {
		case html.TextNode:
			size += len(c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				return false
			}
		}
		return true
	})
	if size > limit {
		return ""
	}
	return textContent(n)
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

// dateLabelWords open a visible dateline ("publiziert am 25. September
// 2018"), lower-cased.
var dateLabelWords = []string{
	"published", "posted", "updated", "publiziert", "veröffentlicht", "aktualisiert", "publicado", "publié", "pubblicato",
	"gepubliceerd", "publicerad", "opublikowano", "опубликовано", "date:",
}

func hasDateLabel(t string) bool {
	lower := strings.ToLower(t)
	for _, l := range dateLabelWords {
		if strings.HasPrefix(lower, l) {
			return true
		}
	}
	return false
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

// maxBylineWords bounds a byline or dateline: names, roles, the date and
// time in two zones ("By Ada Byrne and Li Wei Monday, November 18, 2019,
// 04:05 pm PT (07:05 pm ET)") fit; a paragraph does not.
const maxBylineWords = 24
