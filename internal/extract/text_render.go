package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// dumpRenderBody writes the kept lines as Markdown (items grouped into lists)
// and as plain text (paragraphs separated by blank lines; the items of one
// list stay together, one per line).
func dumpRenderBody(lines []dumpLineInfo) (markdown, text string) {
	var md, tx strings.Builder
	for i, l := range lines {
		if i > 0 {
			if l.item && lines[i-1].item {
				md.WriteByte('\n')
				tx.WriteByte('\n')
			} else {
				md.WriteString("\n\n")
				tx.WriteString("\n\n")
			}
		}
		if l.item {
			md.WriteString("- ")
			md.WriteString(dumpEscapeMarkdown(l.text))
		} else {
			md.WriteString(dumpEscapeMarkdown(l.text))
		}
		tx.WriteString(l.text)
	}
	if md.Len() > 0 {
		md.WriteByte('\n')
	}
	return md.String(), tx.String()
}

// dumpEscapeMarkdown keeps text that happens to contain Markdown syntax from
// turning into emphasis, links, HTML or, at the start of a paragraph, into
// a heading, list or quote (also inside a list item, where it would nest).
// Underscores inside words are left alone: they
// cannot start emphasis, and escaping them would only clutter the file.
func dumpEscapeMarkdown(s string) string {
	var b strings.Builder
	prev := rune(0)
	for i, r := range s {
		switch r {
		case '\\', '*', '`', '[', ']', '<', '>':
			if r == '>' && i > 0 {
				break
			}
			b.WriteByte('\\')
		case '_':
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !(dumpIsWordRune(prev) && dumpIsWordRune(next)) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return dumpEscapeBlockStart(b.String())
}

// dumpEscapeBlockStart escapes what would make a paragraph another block:
// "# ", "- ", "+ ", "1. ", "1) ", "=", "|" and "~~~" at its start.
func dumpEscapeBlockStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '-', '+', '=', '|', '~':
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

func dumpIsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
