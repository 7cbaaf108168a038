package htmlpage

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// mdBlock is one rendered block: its Markdown and its plain text (either
// may be empty: an image has no text, a caption may be left out of it).
type mdBlock struct {
	md, text string
}

// renderer turns a DOM subtree into Markdown and plain text in one pass, so
// the two never disagree about what the article is.
type renderer struct {
	base *url.URL
	skip map[*html.Node]bool
	// blocky caches whether an inline element wraps block content.
	blocky map[*html.Node]bool
	// noText counts the enclosing figures and captions: their text belongs
	// in the Markdown but is not part of the article's running text.
	noText int
	// flat counts the enclosing table cells, whose blocks are rendered
	// inline: a pipe table's cells hold one line each.
	flat int
	// embedded are the data: images met (see article.Article.Embedded).
	embedded [][]byte
}

func newRenderer(base *url.URL, skip map[*html.Node]bool) *renderer {
	return &renderer{base: base, skip: skip, blocky: map[*html.Node]bool{}}
}

// render returns the Markdown and the text of n's content.
func (r *renderer) render(n *html.Node) (md, text string) {
	var mds, txts []string
	for _, b := range r.flow(n) {
		if strings.TrimSpace(b.md) != "" {
			mds = append(mds, b.md)
		}
		if strings.TrimSpace(b.text) != "" {
			txts = append(txts, b.text)
		}
	}
	return strings.Join(mds, "\n\n"), strings.Join(txts, "\n\n")
}

// flow renders n's children: runs of inline content become paragraphs and
// block children render in place.
func (r *renderer) flow(n *html.Node) []mdBlock {
	var out []mdBlock
	in := &inline{}
	flushInline := func() {
		out = append(out, in.paragraphs()...)
		in = &inline{}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r.skip[c] {
			continue
		}
		switch c.Type {
		case html.TextNode:
			in.text(c.Data)
		case html.ElementNode:
			if isBlock(c) || r.hasBlock(c) {
				flushInline()
				out = append(out, r.block(c)...)
			} else {
				r.inlineNode(in, c)
			}
		}
	}
	flushInline()
	return out
}

// hasBlock reports whether an inline element contains block elements, as
// when a link wraps a whole teaser; such elements are rendered as blocks.
func (r *renderer) hasBlock(n *html.Node) bool {
	if v, ok := r.blocky[n]; ok {
		return v
	}
	v := false
	for c := n.FirstChild; c != nil && !v; c = c.NextSibling {
		if c.Type == html.ElementNode && !r.skip[c] && (isBlock(c) || r.hasBlock(c)) {
			v = true
		}
	}
	r.blocky[n] = v
	return v
}

func (r *renderer) block(n *html.Node) []mdBlock {
	if isCaption(n) {
		r.noText++
		out := r.block1(n)
		r.noText--
		for i := range out {
			out[i].text = ""
		}
		return out
	}
	return r.block1(n)
}

// isCaption reports figures, captions and photo credits.
func isCaption(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Figcaption:
		return true
	case atom.Figure:
		return findFirst(n, atom.Blockquote) == nil
	}
	for _, w := range nameWords(n) {
		switch w {
		case "caption", "captions", "credit", "credits", "figcaption":
			return true
		}
	}
	return false
}

func (r *renderer) block1(n *html.Node) []mdBlock {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		in := &inline{}
		r.inlineChildren(in, n)
		b, ok := in.paragraph()
		if !ok || b.text == "" {
			return nil
		}
		level := int(n.Data[1] - '0')
		b.md = strings.Repeat("#", level) + " " + escapeClosingHashes(oneLine(b.md))
		b.text = oneLine(b.text)
		return []mdBlock{b}
	case atom.Ul, atom.Ol:
		return r.list(n)
	case atom.Blockquote:
		mds, txts := split(r.flow(n))
		if len(mds) == 0 {
			return nil
		}
		return []mdBlock{{md: prefixLines(strings.Join(mds, "\n\n"), "> ", "> "), text: strings.Join(txts, "\n\n")}}
	case atom.Pre:
		return r.pre(n)
	case atom.Table:
		return r.table(n)
	case atom.Hr:
		return []mdBlock{{md: "---"}}
	case atom.Figcaption, atom.Caption:
		in := &inline{}
		r.inlineChildren(in, n)
		if b, ok := in.paragraph(); ok {
			return []mdBlock{b}
		}
		return nil
	case atom.Dt:
		in := &inline{}
		r.inlineChildren(in, n)
		if b, ok := in.paragraph(); ok {
			b.md = "**" + oneLine(b.md) + "**"
			return []mdBlock{b}
		}
		return nil
	}
	return r.flow(n)
}

// escapeClosingHashes escapes the last "#" of a heading's text that ends
// in a run of them after a space ("Why we write C #"), which would
// otherwise be read as the heading's optional closing sequence and dropped.
func escapeClosingHashes(md string) string {
	t := strings.TrimRight(md, "#")
	if t == md || t != "" && !strings.HasSuffix(t, " ") {
		return md
	}
	return md[:len(md)-1] + `\#`
}

// split separates blocks' Markdown and text, dropping empty ones.
func split(blocks []mdBlock) (mds, txts []string) {
	for _, b := range blocks {
		if b.md != "" {
			mds = append(mds, b.md)
		}
		if b.text != "" {
			txts = append(txts, b.text)
		}
	}
	return mds, txts
}

func (r *renderer) list(n *html.Node) []mdBlock {
	ordered := n.DataAtom == atom.Ol
	num := 1
	if s, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && s >= 0 && s < 1e6 {
		num = s
	}
	var mds, txts []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r.skip[c] {
			continue
		}
		var blocks []mdBlock
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Li:
			blocks = r.flow(c)
		case c.Type == html.ElementNode:
			blocks = r.block(c)
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			in := &inline{}
			in.text(c.Data)
			blocks = in.paragraphs()
		}
		bm, bt := split(blocks)
		if len(bm) == 0 {
			continue
		}
		item := bm[0]
		for _, md := range bm[1:] {
			// A nested list may follow the item's text directly; any other
			// block needs a blank line, or it would run into the
			// paragraph before it ("---" would underline it as a heading).
			if isList(md) {
				item += "\n" + md
			} else {
				item += "\n\n" + md
			}
		}
		marker := "- "
		if ordered {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		pad := strings.Repeat(" ", len(marker))
		mds = append(mds, prefixLines(item, marker, pad))
		if len(bt) > 0 {
			txts = append(txts, strings.Join(bt, "\n"))
		}
	}
	if len(mds) == 0 {
		return nil
	}
	return []mdBlock{{md: strings.Join(mds, "\n"), text: strings.Join(txts, "\n")}}
}

// isList reports the Markdown of a list: paragraphs never start like one,
// since their line starts are escaped.
func isList(md string) bool {
	if strings.HasPrefix(md, "- ") {
		return true
	}
	i := 0
	for i < len(md) && i < 9 && md[i] >= '0' && md[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(md[i:], ". ")
}

func (r *renderer) pre(n *html.Node) []mdBlock {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if r.skip[c] {
			return false
		}
		switch {
		case c.Type == html.TextNode:
			b.WriteString(article.StripInvisible(c.Data))
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			b.WriteByte('\n')
		}
		return true
	})
	code := strings.Trim(b.String(), "\n")
	if strings.TrimSpace(code) == "" {
		return nil
	}
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	lang := ""
	for _, el := range []*html.Node{n, findFirst(n, atom.Code)} {
		if el == nil {
			continue
		}
		for _, cl := range strings.Fields(attr(el, "class")) {
			if l, ok := strings.CutPrefix(cl, "language-"); ok && isPlainWord(l) {
				lang = l
			}
		}
	}
	return []mdBlock{{md: fence + lang + "\n" + code + "\n" + fence, text: code}}
}

func isPlainWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '+' || r == '#') {
			return false
		}
	}
	return s != ""
}

// table renders a data table as a GFM pipe table, each cell on one line.
// Tables used for layout (nested tables, a single column, cells holding
// prose, see isLayoutCell) are rendered as their content instead.
func (r *renderer) table(n *html.Node) []mdBlock {
	var rows []*html.Node
	var caption *html.Node
	layout := false
	var scan func(*html.Node)
	scan = func(p *html.Node) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || r.skip[c] {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				scan(c)
			case atom.Caption:
				caption = c
			}
		}
	}
	scan(n)
	var grid [][]mdBlock
	cols := 0
	for _, tr := range rows {
		var row []mdBlock
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || r.skip[c] || c.DataAtom != atom.Td && c.DataAtom != atom.Th {
				continue
			}
			if findFirst(c, atom.Table) != nil || isLayoutCell(c) {
				layout = true
			}
			row = append(row, r.cell(c))
		}
		if len(row) > 0 {
			grid = append(grid, row)
			cols = max(cols, len(row))
		}
	}
	if layout || cols < 2 || len(grid) == 0 {
		return r.flow(n)
	}
	var md, text []string
	if caption != nil {
		if b := r.block(caption); len(b) > 0 {
			md = append(md, b[0].md, "")
			text = append(text, b[0].text)
		}
	}
	for i, row := range grid {
		cells := make([]string, cols)
		var tcells []string
		for j := range cols {
			if j < len(row) {
				cells[j] = row[j].md
				if row[j].text != "" {
					tcells = append(tcells, row[j].text)
				}
			}
		}
		md = append(md, "| "+strings.Join(cells, " | ")+" |")
		if i == 0 {
			md = append(md, strings.TrimSuffix(strings.Repeat("| --- ", cols), " ")+" |")
		}
		if len(tcells) > 0 {
			text = append(text, strings.Join(tcells, " "))
		}
	}
	return []mdBlock{{md: strings.Join(md, "\n"), text: strings.Join(text, "\n")}}
}

// isLayoutCell reports a table cell that holds what a data table's cells
// do not: a heading, several blocks of prose (over 40 words), or a page's
// worth of text (over 100 words). Short blocks ("<div>Roads</div><div>and
// bridges</div>") are a data cell's content set on lines of their own.
func isLayoutCell(c *html.Node) bool {
	blocks := collectBlocks(c)
	words := 0
	for _, b := range blocks {
		switch b.owner.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return true
		}
		words += b.words
	}
	return words > 100 || len(blocks) > 1 && words > 40
}

// cell renders a table cell on one line: its blocks flow inline, set
// apart by spaces, and line breaks become spaces.
func (r *renderer) cell(c *html.Node) mdBlock {
	in := &inline{one: true}
	r.flat++
	r.inlineChildren(in, c)
	r.flat--
	b, _ := in.block()
	return b
}

func (r *renderer) inlineChildren(in *inline, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r.skip[c] {
			continue
		}
		switch c.Type {
		case html.TextNode:
			in.text(c.Data)
		case html.ElementNode:
			r.inlineNode(in, c)
		}
	}
}

func (r *renderer) inlineNode(in *inline, n *html.Node) {
	if n.DataAtom != atom.Img && isCaption(n) {
		in.noText++
		defer func() { in.noText-- }()
	}
	switch n.DataAtom {
	case atom.Br:
		if r.flat > 0 {
			in.space = true
		} else {
			in.lineBreak()
		}
	case atom.Sup, atom.Sub:
		// A footnote mark or an exponent must not run into the word
		// before it ("shift1", "m2"): digits become super- or
		// subscript characters, as the page shows them.
		if s, ok := scripted(article.CollapseSpace(rawText(n)), n.DataAtom == atom.Sup); ok && !r.hasLink(n) {
			in.emit(s, s)
		} else {
			r.inlineChildren(in, n)
		}
	case atom.Img:
		if src := r.imageSrc(n); src != "" {
			in.emit("!["+article.EscapeMarkdown(article.CollapseSpace(attr(n, "alt")))+"]("+mdURL(src)+")", "")
		}
	case atom.A:
		target := r.linkTarget(n)
		if target == "" {
			r.inlineChildren(in, n)
			return
		}
		r.wrap(in, n, "[", "]("+mdURL(target)+")")
	case atom.Strong, atom.B:
		r.wrap(in, n, "**", "**")
	case atom.Em, atom.I, atom.Cite, atom.Dfn:
		r.wrap(in, n, "*", "*")
	case atom.Del, atom.S, atom.Strike:
		r.wrap(in, n, "~~", "~~")
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		code := article.CollapseSpace(rawText(n))
		if code == "" {
			return
		}
		fence := "`"
		for strings.Contains(code, fence) {
			fence += "`"
		}
		pad := ""
		if strings.HasPrefix(code, "`") || strings.HasSuffix(code, "`") {
			pad = " "
		}
		if startsWithSpace(n) {
			in.space = true
		}
		in.emit(fence+pad+code+pad+fence, code)
	default:
		// Blocks flattened into a table cell are set apart by spaces.
		flat := r.flat > 0 && isBlock(n)
		if flat {
			in.space = true
		}
		r.inlineChildren(in, n)
		if flat {
			in.space = true
		}
	}
}

// superscripts and subscripts map the characters that have a super- or
// subscript form to it.
var (
	superscripts = strings.NewReplacer("0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹", "+", "⁺", "-", "⁻", "−", "⁻", "=", "⁼", "(", "⁽", ")", "⁾")
	subscripts   = strings.NewReplacer("0", "₀", "1", "₁", "2", "₂", "3", "₃", "4", "₄", "5", "₅", "6", "₆", "7", "₇", "8", "₈", "9", "₉", "+", "₊", "-", "₋", "−", "₋", "=", "₌", "(", "₍", ")", "₎")
)

// scripted writes s in superscript (sup) or subscript characters, when s
// is a short number or formula that has them: "12", "-3", "(2)".
func scripted(s string, sup bool) (string, bool) {
	if s == "" || len(s) > 8 || strings.Trim(s, "0123456789+-−=()") != "" || !strings.ContainsAny(s, "0123456789") {
		return "", false
	}
	if sup {
		return superscripts.Replace(s), true
	}
	return subscripts.Replace(s), true
}

// hasLink reports whether n holds a link the renderer would keep.
func (r *renderer) hasLink(n *html.Node) bool {
	a := findFirst(n, atom.A)
	return a != nil && r.linkTarget(a) != ""
}

// linkTarget is where a link goes, absolute and clean, or "" for links a
// reader must not follow (scripts, data, in-page anchors).
func (r *renderer) linkTarget(a *html.Node) string {
	href := strings.TrimSpace(attr(a, "href"))
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	return article.CleanURL(href, r.base)
}

// wrap renders n's content between Markdown delimiters, keeping the
// surrounding white space outside them: "** bold **" is not bold.
//
// Emphasis counts only where CommonMark finds its delimiters flanking:
// "word**(x)**" and "**Note:**word" are read as text, asterisks and all.
// There the delimiters are left out, keeping the page's text as it is.
func (r *renderer) wrap(in *inline, n *html.Node, open, close string) {
	sub := &inline{noText: in.noText, one: true}
	r.inlineChildren(sub, n)
	if sub.lead {
		in.space = true
	}
	if !sub.started {
		if sub.space {
			in.space = true
		}
		return
	}
	md := sub.md.String()
	emphasis := open != "["
	// Delimiters of emphasis inside are not what the page shows.
	shown := strings.Trim(md, "*~")
	if emphasis && !in.space {
		first, _ := utf8.DecodeRuneInString(shown)
		prev, _ := utf8.DecodeLastRuneInString(in.md.String())
		if isPunct(first) && isAlnum(prev) {
			open, close = "", ""
		}
	}
	// A run of the same emphasis right after this one ("<b>Game
	// D</b><b>ay</b>") continues it: "**Game D****ay**" would show its
	// asterisks.
	start, openLen := in.md.Len(), len(open)
	if r := in.run; emphasis && open != "" && r != nil && !in.space && in.unflanked == nil && !in.split &&
		r.delim == open && r.end == in.md.Len() {
		was := in.md.String()
		in.md.Reset()
		in.md.WriteString(was[:len(was)-len(open)])
		start, open = r.start, ""
	}
	in.emit(open+md+close, sub.txt.String())
	in.space = sub.space
	if close != "" && emphasis {
		in.run = &emphasisRun{delim: close, start: start, end: in.md.Len()}
		if last, _ := utf8.DecodeLastRuneInString(shown); isPunct(last) {
			in.unflanked = &delimiters{start: start, open: openLen, close: len(close)}
		}
	}
}

// emphasisRun is the emphasis written last in a paragraph's Markdown: its
// delimiter and where it starts and ends, for a run of the same emphasis
// that follows it directly to continue it.
type emphasisRun struct {
	delim      string
	start, end int
}

// delimiters are where an emphasis was written in a paragraph's Markdown:
// from start, open bytes of opening and close bytes of closing delimiter
// around its content, up to the end of what was written.
type delimiters struct{ start, open, close int }

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isPunct reports what CommonMark counts as punctuation next to a
// delimiter: Unicode punctuation and symbols.
func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func startsWithSpace(n *html.Node) bool {
	t := rawText(n)
	return t != "" && article.IsSpace([]rune(t)[0])
}

func rawText(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return true
	})
	return b.String()
}

// imageSrc finds an image's real source, looking past lazy-loading
// placeholders; tracking pixels give "".
func (r *renderer) imageSrc(n *html.Node) string {
	if attr(n, "width") == "1" || attr(n, "height") == "1" {
		return ""
	}
	for _, key := range []string{"src", "data-src", "data-lazy-src", "data-original", "data-url", "data-lazy", "data-srcset", "srcset"} {
		v := strings.TrimSpace(attr(n, key))
		if strings.HasSuffix(key, "srcset") {
			v, _, _ = strings.Cut(v, ",")
			v, _, _ = strings.Cut(strings.TrimSpace(v), " ")
		}
		if v == "" || strings.HasPrefix(strings.ToLower(v), "data:") {
			continue
		}
		if u := article.CleanURL(v, r.base); u != "" {
			return u
		}
	}
	// Only when no address is given is a data: source the picture, not a
	// lazy-loading placeholder.
	if data, ok := embeddedImage(attr(n, "src")); ok {
		r.embedded = append(r.embedded, data)
		return article.EmbeddedScheme + strconv.Itoa(len(r.embedded)-1)
	}
	return ""
}

// embeddedImage decodes a data: URL of a raster image (PNG, JPEG, GIF,
// WebP, AVIF), base64 or percent-encoded. The bytes are the page's and
// unchecked; SVG, which can carry script, is never taken.
func embeddedImage(src string) ([]byte, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(src), "data:")
	if !ok {
		rest, ok = strings.CutPrefix(strings.TrimSpace(src), "DATA:")
	}
	head, payload, found := strings.Cut(rest, ",")
	if !ok || !found {
		return nil, false
	}
	params := strings.Split(strings.ToLower(head), ";")
	switch strings.TrimSpace(params[0]) {
	case "image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/avif":
	default:
		return nil, false
	}
	if params[len(params)-1] == "base64" {
		clean := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, payload)
		data, err := base64.StdEncoding.DecodeString(clean)
		if err != nil {
			data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
		}
		return data, err == nil && len(data) > 0
	}
	data, err := url.PathUnescape(payload)
	return []byte(data), err == nil && data != ""
}

// inline accumulates a paragraph's Markdown and text, collapsing white space
// as a browser does. Two line breaks in a row end the paragraph, as they
// look on the page, and the next content starts another.
type inline struct {
	md, txt strings.Builder
	done    []mdBlock // the paragraphs ended so far
	one     bool      // the content of emphasis or a link: one paragraph
	space   bool      // white space pending before the next word
	lead    bool      // the content began with white space
	started bool      // something was written
	newline bool      // the last thing written was a line break
	split   bool      // a second line break came: end the paragraph
	noText  int       // inside a caption: Markdown only
	txtGap  bool      // a space is owed to the text once more text comes
	// run is the emphasis just written, if nothing has been since.
	run *emphasisRun
	// unflanked is an emphasis just written that ends in punctuation: if
	// a letter or digit follows it directly, its closing delimiter cannot
	// close, and the delimiters come out again (see renderer.wrap).
	unflanked *delimiters
}

func (in *inline) text(s string) {
	for len(s) > 0 {
		i := strings.IndexFunc(s, article.IsSpace)
		if i == 0 {
			if !in.started {
				in.lead = true
			}
			in.space = true
			j := strings.IndexFunc(s, func(r rune) bool { return !article.IsSpace(r) })
			if j < 0 {
				return
			}
			s = s[j:]
			continue
		}
		word := s
		if i > 0 {
			word, s = s[:i], s[i:]
		} else {
			s = ""
		}
		word = article.StripInvisible(word)
		if word != "" {
			in.emit(article.EscapeMarkdown(word), word)
		}
	}
}

func (in *inline) emit(md, txt string) {
	if in.split {
		in.endParagraph()
	}
	in.run = nil
	if in.noText > 0 {
		txt = ""
	}
	gap := in.space && in.started && !in.newline
	if d := in.unflanked; d != nil {
		in.unflanked = nil
		if next, _ := utf8.DecodeRuneInString(md); !gap && isAlnum(next) {
			was := in.md.String()
			in.md.Reset()
			in.md.WriteString(was[:d.start] + was[d.start+d.open:len(was)-d.close])
		}
	}
	if gap {
		in.md.WriteByte(' ')
	}
	if txt == "" {
		// Text left out (an image, a caption) still separates words.
		in.txtGap = in.txtGap || gap
	} else {
		if (gap || in.txtGap) && in.txt.Len() > 0 {
			in.txt.WriteByte(' ')
		}
		in.txtGap = false
	}
	in.md.WriteString(md)
	in.txt.WriteString(txt)
	in.space, in.started, in.newline = false, true, false
}

func (in *inline) lineBreak() {
	switch {
	case !in.started:
	case in.newline:
		in.split = !in.one
	default:
		in.md.WriteString("  \n")
		in.txt.WriteByte('\n')
		in.space, in.newline, in.unflanked = false, true, nil
	}
}

// endParagraph files the paragraph written so far and starts another.
func (in *inline) endParagraph() {
	done := in.done
	if b, ok := in.block(); ok {
		done = append(done, b)
	}
	*in = inline{done: done, one: in.one, noText: in.noText}
}

// block is the paragraph being written, if any.
func (in *inline) block() (mdBlock, bool) {
	md := strings.TrimRight(in.md.String(), " \n")
	if md == "" {
		return mdBlock{}, false
	}
	return mdBlock{md: article.EscapeLineStarts(md), text: strings.TrimSpace(in.txt.String())}, true
}

// paragraphs returns every paragraph written.
func (in *inline) paragraphs() []mdBlock {
	if b, ok := in.block(); ok {
		return append(in.done, b)
	}
	return in.done
}

// paragraph returns what was written as one paragraph, for places that
// hold only one (headings, captions): paragraphs are joined by line
// breaks.
func (in *inline) paragraph() (mdBlock, bool) {
	ps := in.paragraphs()
	if len(ps) == 0 {
		return mdBlock{}, false
	}
	mds, txts := split(ps)
	return mdBlock{md: strings.Join(mds, "  \n"), text: strings.Join(txts, "\n")}, true
}

// mdURL makes a URL safe inside Markdown's (...) destination.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

func oneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("  \n", " ", "\n", " ").Replace(s))
}

func prefixLines(s, first, rest string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		p := rest
		if i == 0 {
			p = first
		}
		if l == "" {
			lines[i] = strings.TrimRight(p, " ")
		} else {
			lines[i] = p + l
		}
	}
	return strings.Join(lines, "\n")
}
