package textdump

import (
	"regexp"
	"strings"
)

// guardedRegexp is a case-insensitive regexp behind a cheap test: it can
// only match text that holds one of needles once folded by foldForGuard, so
// text without any is answered without running it. Unanchored, case-folded
// alternations run the regexp engine from every position of a line, which
// cost more than all the rest of a dump's extraction; few lines hold a
// needle. TestGuardsNeverHideAMatch checks the needles against the
// patterns.
type guardedRegexp struct {
	re *regexp.Regexp
	// needles hold, for every alternative of re, a piece of text it must
	// match, in lower case: letters match only their case variants, and
	// other characters only themselves.
	needles []string
}

func (g guardedRegexp) MatchString(s string) bool {
	folded := foldForGuard(s)
	for _, n := range g.needles {
		if strings.Contains(folded, n) {
			return g.re.MatchString(s)
		}
	}
	return false
}

// foldForGuard lower-cases ASCII letters, and folds to their ASCII letter
// the only two other runes that (?i) matches with one, U+017F (long s) and
// U+212A (Kelvin sign); every other rune stays as it is.
func foldForGuard(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r == '\u017F':
			r = 's'
		case r == '\u212A':
			r = 'k'
		}
		b.WriteRune(r)
	}
	return b.String()
}
