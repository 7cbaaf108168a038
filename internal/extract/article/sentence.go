package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// EndsSentence reports text that ends like prose rather than like a label
// or a headline: with a full stop, question or exclamation mark, ellipsis,
// colon or semicolon (Western or CJK), maybe followed by closing quotes
// and brackets.
func EndsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'”’)]»*", r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;。！？", r)
}

// LeadSentences returns whole sentences from the start of text's first
// paragraph, up to about limit bytes, or its first words followed by "…"
// when the first sentence is longer. It makes summaries and fallback titles.
func LeadSentences(text string, limit int) string {
	para, _, _ := strings.Cut(strings.TrimSpace(text), "\n\n")
	para = strings.Join(strings.Fields(para), " ")
	if len(para) <= limit {
		return para
	}
	cut := 0
	for i, r := range para {
		if i > limit {
			break
		}
		if (r == '.' || r == '!' || r == '?') && i+1 < len(para) && para[i+1] == ' ' {
			cut = i + 1
		}
	}
	if cut > 0 {
		return para[:cut]
	}
	var b strings.Builder
	for _, w := range strings.Fields(para) {
		if b.Len()+len(w)+1 > limit {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String() + "…"
}
