package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// EscapeMarkdown escapes text so that nothing in it reads as inline
// Markdown (GFM) or raw HTML: emphasis, code, links and images, table
// cells, strikethrough, tags and entity references all come out as the
// characters they are. What only matters at the start of a line is
// EscapeLineStarts' concern.
//
// It leaves alone what cannot be syntax where it stands, so that ordinary
// text stays readable in the file: an underscore inside a word
// ("snake_case"), an ampersand that does not begin an entity ("AT&T"), a
// ">" after the start of a line.
func EscapeMarkdown(s string) string {
	if !strings.ContainsAny(s, "\\`*_[]<|~&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := rune(0)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '|', '~':
			b.WriteByte('\\')
		case '_':
			// Between two letters or digits, "_" can neither open nor
			// close emphasis.
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !isAlnum(prev) || !isAlnum(next) {
				b.WriteByte('\\')
			}
		case '&':
			if isEntity(s[i:]) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isEntity reports whether s starts with what CommonMark could read as an
// entity or numeric character reference: "&name;", "&#123;", "&#x1F;".
func isEntity(s string) bool {
	i := 1
	if i < len(s) && s[i] == '#' {
		i++
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i++
		}
	}
	start := i
	for i < len(s) && i-start < 32 && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	return i > start && i < len(s) && s[i] == ';'
}

// EscapeLineStarts escapes, at the start of each line of md, what would
// open another block there: an ATX heading ("#"), a list item ("-", "+",
// "1." or "1)" and a space), a block quote (">"), a setext underline or
// thematic break ("=", "-"). Leading spaces go, as they could make a code
// block. The other block starts ("*", "|", "~~~", "```", "<") are escaped
// wherever they stand by EscapeMarkdown, which md must have been through.
func EscapeLineStarts(md string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if t == "" {
			continue
		}
		lines[i] = t
		switch t[0] {
		case '#', '+', '-', '=', '>':
			lines[i] = `\` + t
			continue
		}
		j := 0
		for j < len(t) && j < 9 && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j > 0 && j < len(t) && (t[j] == '.' || t[j] == ')') && (j+1 == len(t) || t[j+1] == ' ' || t[j+1] == '\t') {
			lines[i] = t[:j] + `\` + t[j:]
		}
	}
	return strings.Join(lines, "\n")
}
