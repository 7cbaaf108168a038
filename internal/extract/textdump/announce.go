package textdump

import (
	"regexp"
	"strings"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// extendAnnounced extends a run whose last paragraph, or the short line
// right after it, ends in a colon: it announces what follows (a list of
// items, a table, the story's pictures), and those short lines belong to
// the article up to the first piece of page furniture. It returns the new
// end, exclusive.
func extendAnnounced(info []lineInfo, start, end int) int {
	if end <= start {
		return end
	}
	switch {
	case strings.HasSuffix(info[end-1].text, ":"):
	case end < len(info) && strings.HasSuffix(info[end].text, ":") && !info[end].junk && !info[end].item &&
		!pointsElsewhere(info[end].text):
		end++
	default:
		return end
	}
	for n := 0; end < len(info) && n < 80 && !info[end].junk && info[end].words <= 20 && !info[end].para; n++ {
		end++
	}
	return end
}

// pointsElsewhere reports a line that announces the site's things rather
// than the story's: "Related coverage from Money:", "Subscribe to our
// channel for more:". What it announces is a list of links.
func pointsElsewhere(s string) bool {
	if introducesMedia(s, article.WordCount(s)) {
		// "See more pictures below:" announces the story's own.
		return false
	}
	return elsewhereLabel.MatchString(s) || isClosingPromo(s)
}

// elsewhereLabel opens a line that lists other pages.
var elsewhereLabel = regexp.MustCompile(`^(?i:related|more|see (also|more)|read (more|also|next)|recommended|further reading|you (may|might) also)\b`)
