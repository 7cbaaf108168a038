package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A text dump is what a scraper saves when it keeps only the visible text of
// a page: the page title on the first line, then one block per line, list
// items as "- item". Nothing says which lines are the article, so Text reads
// the shape of the lines: articles are runs of long, punctuated sentences,
// while navigation, link lists, counters and footers are short fragments.

// Text extracts the article from a plain-text dump.
//
// The title is the first line without its breadcrumb and site suffix, as
// confirmed by a later line that repeats it; the suffix is the Source. The
// body is the run of lines after the title with the most prose net of
// fragments (menus, link lists, counters, share and newsletter lines, lines
// the page or, through opt.Boilerplate, the site repeats), stopping at the
// comments. Dates come from labelled lines near the top ("Published …",
// "View Date: …") and are read in opt.Location when they carry no zone;
// tags from a list after an "In:" or "Tags:" label. The text is NFC with
// soft hyphens and zero-width spaces removed. A dump with no such run of
// prose, or one that is binary, gives ErrNoArticle; one over opt.MaxBytes
// gives ErrTooLarge.
func Text(data []byte, opt Options) (*Article, error) {
	p, err := ParseText(data, opt)
	if err != nil {
		return nil, err
	}
	return p.Extract(opt)
}

// TextBlocks returns the site key and the blocks of a dump, so that callers
// can teach a Boilerplate store every page of a site before extracting any.
// The site key is the one Text uses; it is empty when the dump names no
// site, and such dumps take no part in cross-page learning.
func TextBlocks(data []byte) (site string, blocks []string) {
	p, err := parseText(data)
	if err != nil {
		return "", nil
	}
	return p.Blocks()
}

// TextPage is a dump split into clean lines once, for callers that learn a
// batch of dumps' blocks before extracting them: Blocks and Extract only
// read the lines, so one split serves both passes.
type TextPage struct {
	lines []dumpLine
	head  dumpHead
	size  int
}

// ParseText checks a dump and splits it into lines for Blocks and Extract.
// Of opt, it uses MaxBytes; it fails as Text would on the same bytes.
func ParseText(data []byte, opt Options) (*TextPage, error) {
	if len(data) > opt.maxBytes() {
		return nil, fmt.Errorf("%w: %d bytes, over the %s limit", ErrTooLarge, len(data), sizeName(opt.maxBytes()))
	}
	return parseText(data)
}

func parseText(data []byte) (*TextPage, error) {
	lines, err := dumpLines(data)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("%w: the dump is empty", ErrNoArticle)
	}
	p := &TextPage{lines: lines, head: parseTitleLine(lines)}
	for _, l := range lines {
		p.size += len(l.text)
	}
	return p, nil
}

// Size is the length in bytes of the dump's text, a measure of the memory
// the page holds.
func (p *TextPage) Size() int { return p.size }

// Blocks returns the dump's site key and blocks, as TextBlocks.
func (p *TextPage) Blocks() (site string, blocks []string) {
	for _, l := range p.lines[1:] {
		blocks = append(blocks, l.text)
	}
	return dumpSiteKey(p.head.source), blocks
}

// Extract finds the article as Text does. Of opt, it uses URL, Location
// and Boilerplate; MaxBytes was applied by ParseText.
func (p *TextPage) Extract(opt Options) (*Article, error) {
	head := p.head
	a := &Article{}
	a.Title, a.Source = head.title, head.source
	site := dumpSiteKey(a.Source)

	body := p.lines[1:]
	info := dumpClassify(body, head, site, opt.Boilerplate)
	start, end, ok := dumpSelectBody(info, head.line)
	if !ok {
		return nil, fmt.Errorf("%w: no run of article paragraphs in the text", ErrNoArticle)
	}
	kept := dumpKeepBody(info, start, end)
	if len(kept) == 0 {
		return nil, fmt.Errorf("%w: no run of article paragraphs in the text", ErrNoArticle)
	}
	a.Markdown, a.Text = dumpRenderBody(kept)

	meta := dumpFindMeta(body, start, end, opt.Location)
	a.Published, a.Updated = meta.published, meta.updated
	a.Authors = meta.authors
	a.Tags = meta.tags
	if a.Title == "" {
		a.Title = dumpFirstWords(kept[0].text, 12)
	}
	a.Description = LeadSentences(a.Text, 300)
	if u := CleanURL(opt.URL, nil); strings.HasPrefix(u, "http") {
		a.SourceURL = u
	}
	return a, nil
}

// dumpSiteKey folds a publisher name so that "Fox Business" and "FOX BUSINESS"
// learn together.
func dumpSiteKey(source string) string {
	return strings.ToLower(strings.Join(strings.Fields(source), " "))
}

// dumpLine is one non-empty line of a dump.
type dumpLine struct {
	text string // cleaned, without the list marker
	item bool   // written as "- item"
}

// dumpLines checks that data is text and splits it into cleaned lines.
func dumpLines(data []byte) ([]dumpLine, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("%w: the file is binary (it contains NUL bytes)", ErrNoArticle)
	}
	if !utf8.Valid(data) {
		if dumpInvalidShare(data) > 0.05 {
			return nil, fmt.Errorf("%w: the file is not UTF-8 text", ErrNoArticle)
		}
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	s := norm.NFC.String(string(data))
	s = strings.TrimPrefix(s, "\uFEFF")
	raw := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []dumpLine
	pendingItem := false
	for _, r := range raw {
		t := dumpCleanLine(r)
		if t == "" {
			continue
		}
		// Some dumps write a list item's marker on a line of its own and the
		// item on the next.
		if t == "-" || t == "•" || t == "*" {
			pendingItem = true
			continue
		}
		item := pendingItem
		pendingItem = false
		for _, m := range []string{"- ", "• ", "* "} {
			if strings.HasPrefix(t, m) {
				t, item = strings.TrimSpace(t[len(m):]), true
				break
			}
		}
		if t == "" {
			continue
		}
		out = append(out, dumpLine{text: t, item: item})
	}
	return out, nil
}

func dumpInvalidShare(b []byte) float64 {
	bad, n := 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		n++
		b = b[size:]
	}
	if n == 0 {
		return 0
	}
	return float64(bad) / float64(n)
}

// dumpCleanLine drops invisible characters that only break words apart (soft
// hyphens, zero-width spaces) and folds runs of white space.
func dumpCleanLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u00AD', r == '\u200B', r == '\u2060', r == '\uFEFF':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// dumpWordCount counts runs of letters and digits; each ideograph counts as a
// word, since those scripts do not separate words with spaces.
func dumpWordCount(s string) int {
	n := 0
	in := false
	for _, r := range s {
		switch {
		case dumpIsIdeograph(r):
			n++
			in = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r):
			if !in {
				n++
			}
			in = true
		default:
			in = false
		}
	}
	return n
}

func dumpIsIdeograph(r rune) bool {
	// No rune below U+2E80 is in these scripts; most text is below it.
	return r >= 0x2e80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func dumpFirstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}
