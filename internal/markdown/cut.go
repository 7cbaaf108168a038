package markdown

import (
	"strings"
)

// Cut returns the opening of a Markdown text for an excerpt: whole
// blocks (paragraphs, lists, quotes, headings, tables) while they fit in
// words words and paragraphs blocks of text (0: no bound of that kind),
// and at least the first block of text, cut after its words-th word when
// it alone is longer (never inside a link or an inline code span), with
// "…" added. cut says whether anything was left out. Headings before
// the first block of text come along and do not count as paragraphs;
// blocks only of images are left out, since an excerpt quotes text.
func Cut(src string, words, paragraphs int) (out string, cut bool) {
	blocks := splitBlocks(strings.ReplaceAll(src, "\r\n", "\n"))
	var b strings.Builder
	total, texts := 0, 0
	for _, blk := range blocks {
		if imagesOnly(blk) {
			cut = true
			continue
		}
		n := Words(blk)
		isText := n > 0 && !strings.HasPrefix(blk, "#")
		over := words > 0 && total+n > words || paragraphs > 0 && isText && texts == paragraphs
		if over {
			if texts == 0 && isText && words > 0 {
				b.WriteString(cutWords(blk, words-total))
			}
			return strings.TrimSpace(b.String()) + "\n", true
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(blk)
		total += n
		if isText {
			texts++
		}
	}
	return strings.TrimSpace(b.String()) + "\n", cut
}

// splitBlocks splits Markdown at blank lines outside fenced code.
func splitBlocks(src string) []string {
	var blocks []string
	var cur []string
	fence := ""
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```"):
			fence = "```"
		case strings.HasPrefix(t, "~~~"):
			fence = "~~~"
		case t == "":
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return blocks
}

// imagesOnly reports whether a block holds nothing but images.
func imagesOnly(blk string) bool {
	rest := strings.TrimSpace(blk)
	if !strings.HasPrefix(rest, "![") {
		return false
	}
	for rest != "" {
		if !strings.HasPrefix(rest, "![") {
			return false
		}
		end := strings.Index(rest, ")")
		if end < 0 {
			return false
		}
		rest = strings.TrimSpace(rest[end+1:])
	}
	return true
}

// cutWords keeps the first n words of a block (at least one), ending at
// a space outside brackets, parentheses and code spans, so that no link
// or span is left open, and adds "…".
func cutWords(blk string, n int) string {
	n = max(n, 1)
	count, depth, code := 0, 0, false
	inWord := false
	for i := 0; i < len(blk); i++ {
		c := blk[i]
		switch {
		case c == '`':
			code = !code
		case code:
		case c == '[' || c == '(':
			depth++
		case (c == ']' || c == ')') && depth > 0:
			depth--
		}
		space := c == ' ' || c == '\n' || c == '\t'
		if space && inWord && depth == 0 && !code {
			count++
			if count >= n {
				return strings.TrimRight(blk[:i], ",;:—–-") + "…"
			}
		}
		inWord = !space
	}
	return blk
}
