package search

import (
	"regexp"
	"strings"
)

var (
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRef      = regexp.MustCompile(`\[\^[^\]]*\]:?`)
	mdAutolink = regexp.MustCompile(`<(https?://[^>\s]*)>`)
	mdMarks    = strings.NewReplacer("**", "", "*", "", "__", "", "`", "", "~~", "", "\\", "")
	mdLead     = regexp.MustCompile(`^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+|\|)+`)
	mdRule     = regexp.MustCompile(`^\s*(?:[-*_]\s*){3,}$|^\s*\|?\s*:?-{3,}`)
)

// PlainText is Markdown reduced to its words, one space between them,
// for the index and the snippets: link and image text without their
// addresses, without emphasis, heading and list markers, table rules and
// footnote marks. It does not parse Markdown (the renderer does that for
// pages); what it leaves over is punctuation the tokenizer skips.
func PlainText(md string) string {
	if md == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(md))
	for line := range strings.SplitSeq(md, "\n") {
		// The expressions run only on lines that can hold what they
		// look for: most lines are plain prose.
		lead := strings.TrimLeft(line, " \t")
		if lead == "" {
			continue
		}
		if c := lead[0]; c == '#' || c == '>' || c == '-' || c == '*' || c == '+' || c == '_' || c == '|' || c == ':' || '0' <= c && c <= '9' {
			if mdRule.MatchString(line) {
				continue
			}
			line = mdLead.ReplaceAllString(line, "")
		}
		if strings.Contains(line, "](") {
			line = mdImage.ReplaceAllString(line, "$1")
			line = mdLink.ReplaceAllString(line, "$1")
		}
		if strings.Contains(line, "[^") {
			line = mdRef.ReplaceAllString(line, "")
		}
		if strings.Contains(line, "<http") {
			line = mdAutolink.ReplaceAllString(line, "$1")
		}
		if strings.ContainsAny(line, "*_`~\\") {
			line = mdMarks.Replace(line)
		}
		if strings.IndexByte(line, '|') >= 0 {
			line = strings.ReplaceAll(line, " | ", " ")
		}
		line = strings.Trim(strings.TrimSpace(line), "|")
		// Words one space apart, as they are written: no second pass
		// over the whole text.
		for w := range strings.FieldsSeq(line) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	return b.String()
}
