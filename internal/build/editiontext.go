package build

import (
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/render"
)

// textWidth is where the plain-text email wraps its prose, the width
// plain-text mail has always been written to.
const textWidth = 72

// emailText is an edition's plain-text part: what the HTML says, with
// each link's address written out after its text.
func (m *Model) emailText(mv *render.Email) []byte {
	var b strings.Builder
	head := m.Config.Title
	b.WriteString(head + "\n")
	kind := "Daily edition"
	if mv.Cadence == "weekly" {
		kind = "Weekly edition"
	}
	line := kind + " · " + mv.Title
	if m.Config.Author != "" {
		line += " · edited by " + m.Config.Author
	}
	b.WriteString(line + "\n")
	if mv.Headline != "" {
		b.WriteString("\n" + mv.Headline + "\n")
	}
	b.WriteString(strings.Repeat("=", textWidth) + "\n")
	if mv.Intro != "" {
		b.WriteString("\n" + htmlText(mv.Intro, textWidth))
	}
	for _, s := range mv.Sections {
		title := strings.ToUpper(s.Title)
		b.WriteString("\n\n" + title + "\n" + strings.Repeat("-", utf8.RuneCountInString(title)) + "\n")
		for _, it := range s.Items {
			b.WriteString("\n" + wrap("* "+it.Title, "  ") + "\n")
			meta := it.Date.Format("January 2, 3:04 PM MST")
			if it.DateOnly {
				meta = it.Date.Format("January 2")
			}
			if it.Source != "" {
				meta = it.Source + " · " + meta
			}
			b.WriteString("  " + meta + "\n  " + it.URL + "\n")
			if it.Summary != "" {
				b.WriteString("\n" + wrap("  "+it.Summary, "  ") + "\n")
			}
			if it.Note != "" {
				b.WriteString("\n  Editor’s note:\n" + indent(htmlText(it.Note, textWidth-4), "  | "))
			}
			if it.More > 0 {
				word := "reports"
				if it.More == 1 {
					word = "report"
				}
				b.WriteString("\n  " + strconv.Itoa(it.More) + " more " + word + " on this story: " + it.StoryURL + "\n")
			}
		}
	}
	b.WriteString("\n" + strings.Repeat("-", textWidth) + "\nRead this edition on the web: " + mv.URL + "\n")
	if mv.Unsubscribe != "" {
		b.WriteString("Unsubscribe: " + mv.Unsubscribe + "\n")
	}
	return []byte(b.String())
}

// htmlText is a fragment of brief's own HTML (an intro, a note) as
// wrapped plain text, one blank line between blocks, links followed by
// their address.
func htmlText(frag template.HTML, width int) string {
	z := html.NewTokenizer(strings.NewReader(string(frag)))
	var blocks []string
	var cur strings.Builder
	var hrefs []string
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			blocks = append(blocks, t)
		}
		cur.Reset()
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.TextToken:
			cur.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			switch string(tn) {
			case "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "br":
				flush()
				if string(tn) == "li" {
					cur.WriteString("- ")
				}
			case "a":
				href := ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = string(v)
					}
				}
				hrefs = append(hrefs, href)
			case "img":
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "alt" && len(v) > 0 {
						cur.WriteString("[" + string(v) + "]")
					}
				}
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			switch string(tn) {
			case "a":
				if n := len(hrefs); n > 0 {
					if h := hrefs[n-1]; h != "" && !strings.HasPrefix(h, "#") {
						cur.WriteString(" <" + h + ">")
					}
					hrefs = hrefs[:n-1]
				}
			case "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre":
				flush()
			}
		}
	}
	flush()
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(wrapAt(bl, "", width) + "\n")
	}
	return b.String()
}

// wrap breaks s into lines of at most textWidth runes at spaces, the
// lines after the first starting with hang; a word longer than a line
// (an address) stays whole.
func wrap(s, hang string) string { return wrapAt(s, hang, textWidth) }

// wrapAt is wrap at width runes.
func wrapAt(s, hang string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(s) {
		n := utf8.RuneCountInString(w)
		switch {
		case i == 0:
			if strings.HasPrefix(s, hang) && hang != "" {
				b.WriteString(hang)
				col = utf8.RuneCountInString(hang)
			}
		case col+1+n > width:
			b.WriteString("\n" + hang)
			col = utf8.RuneCountInString(hang)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}

// indent starts every line of s with prefix.
func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(prefix+l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}
