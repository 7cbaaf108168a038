package textdump

import (
	"strings"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// headerSpan is how many lines may stand between a headline and its
// byline: a standfirst (dek), a line of labels.
const headerSpan = 4

// markHeader reads the lines under the headline (at titleAt, or -1):
// everything down to a "By …" byline is header material (the standfirst,
// the byline however long), not the article's first paragraphs; and the
// lines of paragraph length right after the byline and its date lines are
// the article's lead even without a closing full stop.
func markHeader(info []lineInfo, titleAt int) {
	if titleAt < 0 {
		return
	}
	by := -1
	for i := titleAt + 1; i < len(info) && i <= titleAt+headerSpan; i++ {
		if info[i].words <= 20 && byline.MatchString(info[i].text) && !article.EndsSentence(info[i].text) {
			by = i
			break
		}
	}
	if by < 0 {
		return
	}
	for i := titleAt + 1; i <= by; i++ {
		info[i].junk, info[i].para = true, false
	}
	i := by + 1
	for i < len(info) && i <= by+2 && info[i].words <= 12 && article.IsDateLine(info[i].text) {
		i++
	}
	for ; i < len(info) && isUnpunctuatedLead(info[i]); i++ {
		info[i].para = true
	}
}

// isUnpunctuatedLead reports a line of paragraph length in sentence case
// that lacks only its closing full stop, as some leads and subtitles do.
func isUnpunctuatedLead(li lineInfo) bool {
	return !li.junk && !li.para && !li.item && li.words >= 10 && li.words < 30 &&
		!isHeadline(li.text) && !strings.HasSuffix(li.text, ":")
}
