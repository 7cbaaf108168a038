package textdump

import (
	"strings"
	"unicode"
)

// minorWords stay lower case in a title-cased headline.
var minorWords = map[string]bool{
	"with": true, "from": true, "into": true, "over": true, "upon": true, "onto": true,
	"than": true, "that": true, "this": true, "about": true, "after": true, "before": true,
	"under": true, "amid": true, "when": true, "what": true, "your": true, "their": true,
	"will": true, "were": true, "have": true, "been": true, "they": true, "says": true,
}

// titleCased reports text written in title case: every word of four
// letters or more capitalised but for a few minor ones. A sentence that
// names a few people and places still has lower-case verbs ("is
// investigating"), so a camel-case brand inside it ("FlexiRide") does not
// make it a headline glued to a teaser.
func titleCased(s string) bool {
	for _, w := range strings.Fields(s) {
		r := []rune(strings.TrimLeft(w, `"'“‘(`))
		if len(r) < 4 || !unicode.IsLetter(r[0]) || unicode.IsUpper(r[0]) {
			continue
		}
		if !minorWords[strings.ToLower(strings.TrimRightFunc(string(r), func(r rune) bool { return !unicode.IsLetter(r) }))] {
			return false
		}
	}
	return true
}
