package textdump

import (
	"regexp"
	"time"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// viewLabel labels the stamp a scraper or a browser leaves of when a page
// was viewed or saved, not published.
var viewLabel = regexp.MustCompile(`(?i)\b(view(ed)?\s*(date|on|at)|accessed(\s+on)?|retrieved(\s+on)?|saved\s+on|captured\s+on|abgerufen\s+am|consult[ée]\s+le|consultado\s+(el|em))\b`)

// viewStamped reports whether published, as findDates chose it, was read
// from a view stamp: the first labelled date line near the article that
// gives that date is labelled as one.
func viewStamped(body []line, start, end int, published time.Time, loc *time.Location) bool {
	if published.IsZero() {
		return false
	}
	if loc == nil {
		loc = time.UTC
	}
	for i := max(0, start-40); i < min(len(body), end+3); i++ {
		l := body[i].text
		if article.WordCount(l) > 24 || !dateKeyword.MatchString(l) && !viewLabel.MatchString(l) {
			continue
		}
		text := l
		if _, ok := article.FindDate(text, loc); !ok && i+1 < len(body) {
			text += " " + body[i+1].text
		}
		if t, ok := article.FindDate(text, loc); ok && t.Equal(published) {
			return viewLabel.MatchString(l)
		}
	}
	return false
}
