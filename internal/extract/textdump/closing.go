package textdump

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// closingPromo asks the reader to do something for the site: subscribe,
// sign up, follow, download its app, join its forum or membership.
var closingPromo = guardedRegexp{
	re: regexp.MustCompile(`(?i)(\b(subscribe|sign up|sign-up|newsletter|inbox|unsubscribe|no spam)\b|\bfollow (us|him|her|them|me)\b|\bclick here\b|\b(download|get) (the|our) [\w ]{0,30}\bapp\b|\bjoin (our|the) [\w ]{0,30}\b(forums?|community|club|members?)\b|\bif you (enjoyed|liked) this\b|\bsupport (our|us)\b)`),
	needles: []string{"subscri", "sign up", "sign-up", "newsletter", "inbox", "no spam",
		"follow ", "click here", "download ", "get ", "join ", "if you ", "support "},
}

// readerAddress marks a line written to the reader, as promotions are.
var readerAddress = regexp.MustCompile(`(?i)\b(you|your|our|us|we)\b|^(subscribe|sign up|follow|click|download|get|join|need|want|support)\b`)

// isClosingPromo reports a site's standing promotion written as a
// sentence: "Need more space? Subscribe to our sister magazine…", "Get
// breaking news delivered to your inbox". After the story it is furniture,
// however well it reads.
func isClosingPromo(s string) bool {
	return closingPromo.MatchString(s) && readerAddress.MatchString(s)
}

// authorBio opens the few lines about the writer that sites append to a
// story: "Jane Doe is a staff writer at …", "Jane Doe (jane@…) is the
// editor of …".
var authorBio = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]+( \p{Lu}[\p{L}.'’-]+){1,3}( \([^)]*\))? (is|was|has been) (a|an|the)\b`)

// bioRole is what an author bio says the person is.
var bioRole = regexp.MustCompile(`(?i)\b(writer|editor|reporter|journalist|correspondent|columnist|author|contributor|freelancer?|staff|educator|fellow|professor|founder|producer|blogger|critic|host)s?\b`)

// isAuthorBio reports a short paragraph about the story's writer.
func isAuthorBio(s string) bool {
	return len(strings.Fields(s)) <= 80 && authorBio.MatchString(s) && bioRole.MatchString(s)
}

// cutClosingNotes ends the run info[start:end] at the first promotion,
// author bio or standing note after which the story does not go on: no
// two paragraphs in a row that are not such notes follow it. Sites stack
// these after the story (bio, newsletter box, app plug, forum invitation)
// with teasers and short lines between them, which one rule per line
// cannot tell from the story's own closing lines. It returns the new end,
// exclusive.
func cutClosingNotes(info []lineInfo, start, end int) int {
	// note[i-start] says whether line i is such a note, each line judged
	// once: the regexps cost more than the rest of the walk.
	note := make([]bool, end-start)
	last := -1
	for i := start; i < end; i++ {
		li := info[i]
		note[i-start] = !li.junk && (isAuthorBio(li.text) ||
			(li.para && (isClosingPromo(li.text) || isStandingNote(li.text))))
	}
	// goesOn: a pair of paragraphs that are not notes stands at or after
	// line i; computed from the end.
	goesOn := make([]bool, end-start+1)
	for i := end - 2; i >= start; i-- {
		pair := info[i].para && info[i+1].para && !note[i-start] && !note[i+1-start]
		goesOn[i-start] = pair || goesOn[i+1-start]
	}
	for p := start + 1; p < end; p++ {
		if note[p-start] && !goesOn[p+1-start] {
			last = p
			break
		}
	}
	if last < 0 {
		return end
	}
	return last
}

// extendClosingLines extends a run over the short sentences right after
// its last paragraph: a story often ends on one ("Officials gave no
// other details.", "“That's correct,” she said.", "Originally published
// in …"), too short to count as prose on its own. A line qualifies when
// it is a whole sentence of a few words in sentence case, not furniture,
// a list item, a heading or a promotion. It returns the new end,
// exclusive.
func extendClosingLines(info []lineInfo, start, end int) int {
	if end <= start || end >= len(info) || strings.HasSuffix(info[end-1].text, ":") {
		return end
	}
	for n := 0; n < 2 && end < len(info) && isClosingLine(info[end]); n++ {
		end++
	}
	return end
}

func isClosingLine(li lineInfo) bool {
	if li.junk || li.item || li.para || li.row || li.words < 3 || li.words >= 10 {
		return false
	}
	s := li.text
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "\"'“‘«„"))
	return unicode.IsUpper(r) && article.EndsSentence(s) && !strings.HasSuffix(s, ":") &&
		!titleCased(s) && !isClosingPromo(s) && !followLine.MatchString(s)
}

// followLine invites readers to a site's accounts: "Follow Newsbeat on
// Instagram and Twitter."
var followLine = regexp.MustCompile(`(?i)^follow\b.*\b(twitter|facebook|instagram|youtube|tiktok|linkedin)\b`)
