package htmlpage

import (
	"net/url"
	"strconv"
	"strings"

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
		if b, ok := in.paragraph(); ok {
			out = append(out, b)
		}
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
		b.md = strings.Repeat("#", level) + " " + oneLine(b.md)
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
			if b, ok := in.paragraph(); ok {
				blocks = []mdBlock{b}
			}
		}
		bm, bt := split(blocks)
		if len(bm) == 0 {
			continue
		}
		marker := "- "
		if ordered {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		pad := strings.Repeat(" ", len(marker))
		mds = append(mds, prefixLines(strings.Join(bm, "\n"), marker, pad))
		if len(bt) > 0 {
			txts = append(txts, strings.Join(bt, "\n"))
		}
	}
	if len(mds) == 0 {
		return nil
	}
	return []mdBlock{{md: strings.Join(mds, "\n"), text: strings.Join(txts, "\n")}}
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

// table renders a data table as a GFM pipe table. Tables used for layout
// (nested tables, a single column, cells holding several paragraphs) are
// rendered as their content instead.
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
			if findFirst(c, atom.Table) != nil {
				layout = true
			}
			blocks := r.flow(c)
			if len(blocks) > 1 {
				layout = true
			}
			var cell mdBlock
			for _, b := range blocks {
				cell.md = strings.TrimSpace(cell.md + " " + oneLine(b.md))
				cell.text = strings.TrimSpace(cell.text + " " + oneLine(b.text))
			}
			row = append(row, cell)
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
		in.lineBreak()
	case atom.Img:
		if src := r.imageSrc(n); src != "" {
			in.emit("!["+article.EscapeMarkdown(article.CollapseSpace(attr(n, "alt")))+"]("+mdURL(src)+")", "")
		}
	case atom.A:
		href := strings.TrimSpace(attr(n, "href"))
		target := ""
		if href != "" && !strings.HasPrefix(href, "#") {
			target = article.CleanURL(href, r.base)
		}
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
		r.inlineChildren(in, n)
	}
}

// wrap renders n's content between Markdown delimiters, keeping the
// surrounding white space outside them: "** bold **" is not bold.
func (r *renderer) wrap(in *inline, n *html.Node, open, close string) {
	sub := &inline{noText: in.noText}
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
	in.emit(open+sub.md.String()+close, sub.txt.String())
	in.space = sub.space
}

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
	return ""
}

// inline accumulates a paragraph's Markdown and text, collapsing white space
// as a browser does.
type inline struct {
	md, txt strings.Builder
	space   bool // white space pending before the next word
	lead    bool // the content began with white space
	started bool // something was written
	newline bool // the last thing written was a line break
	noText  int  // inside a caption: Markdown only
	txtGap  bool // a space is owed to the text once more text comes
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
	if in.noText > 0 {
		txt = ""
	}
	gap := in.space && in.started && !in.newline
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
	if !in.started || in.newline {
		return
	}
	in.md.WriteString("  \n")
	in.txt.WriteByte('\n')
	in.space, in.newline = false, true
}

func (in *inline) paragraph() (mdBlock, bool) {
	md := strings.TrimRight(in.md.String(), " \n")
	if md == "" {
		return mdBlock{}, false
	}
	return mdBlock{md: article.EscapeLineStarts(md), text: strings.TrimSpace(in.txt.String())}, true
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
