// Package textdump finds the article in a text dump: what a scraper saves
// when it keeps only the visible text of a page, the page title on the
// first line, then one block per line, list items as "- item". Nothing
// says which lines are the article, so the shape of the lines does:
// articles are runs of long, punctuated sentences, while navigation, link
// lists, counters and footers are short fragments.
package textdump

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// Extract finds the article in a text dump.
//
// The title is the first line without its breadcrumb and site suffix, as
// confirmed by a later line that repeats it; the suffix is the Source. The
// body is the run of lines after the title with the most prose net of
// fragments (menus, link lists, counters, share and newsletter lines, lines
// the page or, through opt.Boilerplate, the site repeats), stopping at the
// comments. Dates come from labelled lines near the top ("Published …",
// "View Date: …") and are read in opt.Location when they carry no zone;
// tags from a list after an "In:" or "Tags:" label. The text is NFC with
// invisible characters (soft hyphens, zero-width spaces) removed. A dump
// with no such run of prose, or one that is binary, gives
// article.ErrNoArticle; one over opt.MaxBytes gives article.ErrTooLarge.
func Extract(data []byte, opt article.Options) (*article.Article, error) {
	p, err := Parse(data, opt)
	if err != nil {
		return nil, err
	}
	return p.Extract(opt)
}

// Page is a dump split into clean lines once, for callers that learn a
// batch of dumps' blocks before extracting them: Blocks and Extract only
// read the lines, so one split serves both passes.
type Page struct {
	lines []line
	head  header
	size  int
}

// Parse checks a dump and splits it into lines for Blocks and Extract. Of
// opt, it uses MaxBytes; it fails as Extract would on the same bytes.
func Parse(data []byte, opt article.Options) (*Page, error) {
	if err := article.CheckSize(len(data), opt.Limit()); err != nil {
		return nil, err
	}
	lines, err := splitLines(data)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("%w: the dump is empty", article.ErrNoArticle)
	}
	p := &Page{lines: lines, head: parseTitleLine(lines)}
	for _, l := range lines {
		p.size += len(l.text)
	}
	return p, nil
}

// Size is the length in bytes of the dump's text, a measure of the memory
// the page holds.
func (p *Page) Size() int { return p.size }

// Blocks returns the dump's site key and its blocks (its lines after the
// title), for Boilerplate.Learn. The site key is the publisher's name
// read from the title line, folded; it is empty when the dump names no
// site, and such dumps take no part in cross-page learning.
func (p *Page) Blocks() (site string, blocks []string) {
	for _, l := range p.lines[1:] {
		blocks = append(blocks, l.text)
	}
	return siteKey(p.head.source), blocks
}

// Extract finds the article as the function Extract does. Of opt, it uses
// URL, Location and Boilerplate; MaxBytes was applied by Parse.
func (p *Page) Extract(opt article.Options) (*article.Article, error) {
	head := p.head
	a := &article.Article{}
	a.Title, a.Source = head.title, head.source
	site := siteKey(a.Source)

	body := p.lines[1:]
	if head.line >= 0 && body[head.line].item {
		// The title repeated as a list item is a teaser's link to this
		// page (a "latest stories" box), not the heading the article
		// follows.
		head.line = -1
	}
	info := classify(body, head, site, opt.Boilerplate)
	start, end, ok := selectBody(info, head.line)
	if !ok {
		return nil, fmt.Errorf("%w: no run of article paragraphs in the text", article.ErrNoArticle)
	}
	restoreRepeats(info, start, end)
	dropInlineBoxes(info, start, end)
	kept := keepBody(info, start, end)
	if len(kept) == 0 {
		return nil, fmt.Errorf("%w: no run of article paragraphs in the text", article.ErrNoArticle)
	}
	a.Markdown, a.Text = renderBody(kept)

	meta := findMeta(body, head.line, start, end, opt.Location, publishers(a.Source, opt.URL))
	a.Published, a.Updated = meta.published, meta.updated
	if viewStamped(body, start, end, a.Published, opt.Location) {
		a.DateSource = article.DateViewStamp
	}
	a.Authors = meta.authors
	a.Tags = meta.tags
	if a.Title == "" {
		a.Title = firstWords(kept[0].text, 12)
	}
	a.Description = article.LeadSentences(a.Text, 300)
	if u := article.CleanURL(opt.URL, nil); strings.HasPrefix(u, "http") {
		a.SourceURL = u
	}
	return a, nil
}

// siteKey folds a publisher name so that "Fox Business" and "FOX BUSINESS"
// learn together.
func siteKey(source string) string {
	return strings.ToLower(strings.Join(strings.Fields(source), " "))
}

// line is one non-empty line of a dump.
type line struct {
	text string // cleaned, without the list marker
	item bool   // written as "- item"
}

// splitLines checks that data is text and splits it into cleaned lines.
func splitLines(data []byte) ([]line, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("%w: the file is binary (it contains NUL bytes)", article.ErrNoArticle)
	}
	if !utf8.Valid(data) {
		if article.InvalidUTF8Share(data) > article.MaxInvalidUTF8 {
			return nil, fmt.Errorf("%w: the file is not UTF-8 text", article.ErrNoArticle)
		}
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	s := norm.NFC.String(string(data))
	s = strings.TrimPrefix(s, "\uFEFF")
	raw := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []line
	pendingItem := false
	for _, r := range raw {
		t := article.CollapseSpace(r)
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
		out = append(out, line{text: t, item: item})
	}
	return out, nil
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}
