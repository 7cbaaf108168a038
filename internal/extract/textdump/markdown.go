package textdump

import (
	"strings"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// renderBody writes the kept lines as Markdown (items grouped into lists)
// and as plain text (paragraphs separated by blank lines; the items of one
// list stay together, one per line).
func renderBody(lines []lineInfo) (markdown, text string) {
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
		}
		md.WriteString(article.EscapeLineStarts(article.EscapeMarkdown(l.text)))
		tx.WriteString(l.text)
	}
	if md.Len() > 0 {
		md.WriteByte('\n')
	}
	return md.String(), tx.String()
}
