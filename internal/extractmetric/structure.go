package extractmetric

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The structure figure measures the Markdown an extractor publishes, not
// only its words: how many of the article's headings, list items, table
// cells, links and block quotes come out as that construct. The benchmark
// has no reference Markdown, so the reference structure is read from the
// page's own markup, kept to the elements whose text is the article's:
//
//   - The page's <body> is read in document order as one text (script,
//     style, template, noscript, svg and head left out; block elements and
//     <br> set apart by white space) and split into lower-cased words as
//     Words does. A word is in the article when one of the word 4-grams
//     that contain it is a 4-gram of the reference text (lower-cased); a
//     reference of fewer than four words marks the words it contains.
//   - An element is in the article when more than half of its words are,
//     and it stands in place: one of the 4-grams that reach across its
//     first or its last word, joining it to the words around it, is the
//     reference's (an element with no such 4-gram, alone on the page,
//     needs none). This keeps out a title h1 whose words the first
//     sentence repeats, and a navigation link that happens to be a phrase
//     of the article.
//   - The constructs counted are h1–h6 (a title h1 counts only where the
//     reference text holds the title), li, td and th of a
//     data table (one with at least two rows, a row of at least two cells
//     and no table inside it), a[href] whose target resolves (against the
//     page URL and its <base>) to an http, https or mailto URL, and
//     blockquote; each needs at least one word of text.
//   - A construct's key is its words joined by spaces; a link's also holds
//     its target, normalized: fragment and query dropped, host lower-cased
//     without "www.", a trailing "/" of the path dropped.
//
// The extractor's Markdown is rendered to HTML by goldmark with GFM (raw
// HTML off and dangerous link targets emptied, as brief publishes it), and
// the same elements are collected from that HTML, all of them, with links
// resolved against the page URL. A page's true positives of a kind are the
// keys in both multisets (with multiplicity); recall is tp over the
// reference's count, precision tp over the output's count. Counts are
// summed over pages before dividing (micro-averaged): most pages have
// none of most kinds. The combined figure sums all kinds.

// Kind is a kind of construct the structure figure counts.
type Kind int

const (
	Heading Kind = iota
	ListItem
	TableCell
	Link
	Quote
	NumKinds
)

var kindNames = [NumKinds]string{"heading", "list item", "table cell", "link", "quote"}

func (k Kind) String() string { return kindNames[k] }

// Structure is a page's constructs: per kind, a multiset of keys.
type Structure [NumKinds]map[string]int

func newStructure() Structure {
	var s Structure
	for k := range s {
		s[k] = map[string]int{}
	}
	return s
}

// Count is the number of constructs of kind k.
func (s Structure) Count(k Kind) int {
	n := 0
	for _, c := range s[k] {
		n += c
	}
	return n
}

// ReferenceStructure reads the constructs of a page's article markup:
// page is the page's HTML (UTF-8), pageURL its address and reference the
// reference text of its article.
func ReferenceStructure(page []byte, pageURL, reference string) (Structure, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return Structure{}, err
	}
	base, _ := url.Parse(pageURL)
	if b := findElement(doc, atom.Base); b != nil && base != nil {
		if href := attrOf(b, "href"); href != "" {
			if u, err := base.Parse(href); err == nil {
				base = u
			}
		}
	}
	root := findElement(doc, atom.Body)
	if root == nil {
		root = doc
	}
	f := flatten(root)
	in, match := f.inArticle(lowerWords(reference))
	keep := func(n *html.Node) bool {
		r := f.spans[n]
		words, inside := 0, 0
		for i := r[0]; i < r[1]; i++ {
			words++
			if in[i] {
				inside++
			}
		}
		return words > 0 && 2*inside > words && inPlace(r, match)
	}
	return collect(root, f, base, keep), nil
}

// MarkdownStructure reads the constructs of an extractor's Markdown as it
// is published; pageURL resolves relative link targets.
func MarkdownStructure(md, pageURL string) Structure {
	root := renderMarkdown(md)
	base, _ := url.Parse(pageURL)
	return collect(root, flatten(root), base, func(*html.Node) bool { return true })
}

// MarkdownText is the text of Markdown as published (rendered by goldmark
// with GFM, raw HTML off): what a reader sees, blocks on lines of their
// own, images' alternative text left out. Any converter's output scored
// through it is scored alike.
func MarkdownText(md string) string {
	f := flatten(renderMarkdown(md))
	var b strings.Builder
	for _, line := range strings.Split(f.text, "\n") {
		if l := strings.Join(strings.Fields(line), " "); l != "" {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(l)
		}
	}
	return b.String()
}

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

func renderMarkdown(md string) *html.Node {
	var out bytes.Buffer
	if err := gfm.Convert([]byte(md), &out); err != nil {
		// goldmark fails only when its writer does; a bytes.Buffer
		// does not.
		panic(fmt.Sprintf("rendering Markdown: %v", err))
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(&out, body)
	if err != nil {
		panic(fmt.Sprintf("parsing rendered Markdown: %v", err))
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return body
}

// flat is a subtree's text in document order, split into words, with each
// element's span of words.
type flat struct {
	text  string
	words []string              // lower-cased
	spans map[*html.Node][2]int // element → [first word, end)
}

func flatten(root *html.Node) *flat {
	var b strings.Builder
	offsets := map[*html.Node][2]int{} // element → byte range in text
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Svg, atom.Head:
				return
			case atom.Br:
				b.WriteByte('\n')
				return
			}
		case html.DocumentNode:
		default:
			return
		}
		block := n.Type == html.ElementNode && !inlineElements[n.DataAtom]
		if block {
			b.WriteByte('\n')
		}
		start := b.Len()
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			offsets[n] = [2]int{start, b.Len()}
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(root)
	f := &flat{text: b.String(), spans: map[*html.Node][2]int{}}
	// Words with their byte offsets, split as Words splits.
	var starts []int
	for i := 0; i < len(f.text); {
		r, size := utf8.DecodeRuneInString(f.text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(f.text) {
			r, size := utf8.DecodeRuneInString(f.text[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		starts = append(starts, i)
		f.words = append(f.words, strings.ToLower(f.text[i:j]))
		i = j
	}
	index := func(off int) int { // first word starting at or after off
		lo, hi := 0, len(starts)
		for lo < hi {
			m := (lo + hi) / 2
			if starts[m] < off {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return lo
	}
	for n, r := range offsets {
		f.spans[n] = [2]int{index(r[0]), index(r[1])}
	}
	return f
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' }

func lowerWords(s string) []string {
	ws := Words(s)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return ws
}

// inArticle marks the words of f covered by a 4-gram of the reference
// (in), and the 4-grams of f, by their first word, that are the
// reference's (match; nil for a reference of fewer than four words).
func (f *flat) inArticle(ref []string) (in, match []bool) {
	in = make([]bool, len(f.words))
	if len(ref) < 4 {
		set := map[string]bool{}
		for _, w := range ref {
			set[w] = true
		}
		for i, w := range f.words {
			in[i] = set[w]
		}
		return in, nil
	}
	grams := map[string]bool{}
	for i := 0; i+4 <= len(ref); i++ {
		grams[strings.Join(ref[i:i+4], "\x00")] = true
	}
	match = make([]bool, len(f.words))
	for i := 0; i+4 <= len(f.words); i++ {
		if grams[strings.Join(f.words[i:i+4], "\x00")] {
			match[i] = true
			for j := i; j < i+4; j++ {
				in[j] = true
			}
		}
	}
	return in, match
}

// inPlace reports whether the words r (first, end) stand in the page as
// they do in the reference: a 4-gram that reaches across r's start or
// end, joining its words to their neighbours, is the reference's. Words
// with no such 4-gram (the page has no other text) stand in place. This
// keeps out a title whose words the first sentence repeats: the
// navigation before it and the byline after it are not the reference's.
func inPlace(r [2]int, match []bool) bool {
	if match == nil {
		return true
	}
	any := false
	for j := max(0, r[0]-3); j < r[1] && j+4 <= len(match); j++ {
		if j >= r[0] && j+4 <= r[1] {
			continue // inside r
		}
		any = true
		if match[j] {
			return true
		}
	}
	return !any
}

// collect gathers the constructs under root that keep accepts.
func collect(root *html.Node, f *flat, base *url.URL, keep func(*html.Node) bool) Structure {
	s := newStructure()
	key := func(n *html.Node) string {
		r := f.spans[n]
		return strings.Join(f.words[r[0]:r[1]], " ")
	}
	add := func(k Kind, n *html.Node, suffix string) {
		if kk := key(n); kk != "" && keep(n) {
			s[k][kk+suffix]++
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if _, ok := f.spans[n]; !ok {
				return // left out of the text: script, style, …
			}
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				add(Heading, n, "")
			case atom.Li:
				add(ListItem, n, "")
			case atom.Blockquote:
				add(Quote, n, "")
			case atom.A:
				if t := linkTarget(attrOf(n, "href"), base); t != "" {
					add(Link, n, "\x00"+t)
				}
			case atom.Table:
				if isDataTable(n) {
					for _, c := range tableCells(n) {
						add(TableCell, c, "")
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return s
}

// linkTarget normalizes a link's target for comparison, or returns "" for
// targets that are not http, https or mailto URLs.
func linkTarget(href string, base *url.URL) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "mailto":
		return "mailto:" + strings.ToLower(u.Opaque)
	case "http", "https":
	default:
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	return host + strings.TrimSuffix(u.EscapedPath(), "/")
}

// tableRows are a table's own rows, not those of tables inside it.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	var scan func(*html.Node)
	scan = func(p *html.Node) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				scan(c)
			}
		}
	}
	scan(t)
	return rows
}

func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cells = append(cells, c)
		}
	}
	return cells
}

func tableCells(t *html.Node) []*html.Node {
	var cells []*html.Node
	for _, tr := range tableRows(t) {
		cells = append(cells, rowCells(tr)...)
	}
	return cells
}

// isDataTable reports a table of at least two rows, one of at least two
// cells, with no table inside it.
func isDataTable(t *html.Node) bool {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if findElement(c, atom.Table) != nil {
			return false
		}
	}
	rows := tableRows(t)
	if len(rows) < 2 {
		return false
	}
	for _, tr := range rows {
		if len(rowCells(tr)) >= 2 {
			return true
		}
	}
	return false
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// inlineElements run on with the text around them; every other element
// is set apart by white space.
var inlineElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.I: true, atom.Kbd: true,
	atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true,
	atom.Del: true, atom.Ins: true, atom.Strike: true, atom.Tt: true, atom.Font: true, atom.Label: true,
	atom.Img: true, atom.Wbr: true,
}

// StructureScore is the structure figure's counts, for one page or summed
// over many.
type StructureScore struct {
	TP, Want, Got [NumKinds]int
}

// ScoreStructure compares an extractor's constructs with the reference's.
func ScoreStructure(got, want Structure) StructureScore {
	var s StructureScore
	for k := range NumKinds {
		for key, c := range got[k] {
			s.TP[k] += min(c, want[k][key])
			s.Got[k] += c
		}
		s.Want[k] = want.Count(k)
	}
	return s
}

// Add adds another page's counts.
func (s *StructureScore) Add(o StructureScore) {
	for k := range NumKinds {
		s.TP[k] += o.TP[k]
		s.Want[k] += o.Want[k]
		s.Got[k] += o.Got[k]
	}
}

// Recall is the share of the reference's constructs of kind k that the
// output has; 0 where the reference has none.
func (s StructureScore) Recall(k Kind) float64 { return frac(s.TP[k], s.Want[k]) }

// Precision is the share of the output's constructs of kind k that the
// reference has; 0 where the output has none.
func (s StructureScore) Precision(k Kind) float64 { return frac(s.TP[k], s.Got[k]) }

// Totals are the counts of all kinds together.
func (s StructureScore) Totals() (tp, want, got int) {
	for k := range NumKinds {
		tp += s.TP[k]
		want += s.Want[k]
		got += s.Got[k]
	}
	return tp, want, got
}

// F1 is the combined figure: the F1 of recall and precision over all
// kinds' counts together.
func (s StructureScore) F1() float64 {
	tp, want, got := s.Totals()
	r, p := frac(tp, want), frac(tp, got)
	if r+p == 0 {
		return 0
	}
	return 2 * r * p / (r + p)
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
