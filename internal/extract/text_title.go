package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// dumpHead is what the first line of a dump says.
type dumpHead struct {
	title  string
	source string
	// line is the index (after the title line) of the line that repeats
	// the title, or -1.
	line int
}

// dumpTitleSeparators split a page title from its site name, most telling
// first.
var dumpTitleSeparators = []string{" | ", " – ", " — ", " - ", " :: ", " · ", " • ", " » ", " / ", "|", " — ", "–", "—", "-", ":"}

// parseTitleLine reads the first line, the page's <title>. Pages glue a
// breadcrumb in front of it and the site's name after it; the clean title
// is usually repeated further down as the article's heading, and that
// repeat tells where the title starts and ends.
func parseTitleLine(lines []dumpLine) dumpHead {
	h := dumpHead{line: -1}
	if len(lines) == 0 {
		return h
	}
	first := lines[0].text
	best, bestAt := "", -1
	for i, l := range lines[1:] {
		t := l.text
		if len(t) <= len(best) || dumpWordCount(t) < 2 || !strings.Contains(first, t) {
			continue
		}
		// A site name or a menu word also occurs in the title line; the
		// repeat must carry most of it, or be a phrase of several words
		// set apart from the rest (a long site name, icon names glued on).
		if dumpLetterCount(t)*2 < dumpLetterCount(first) && (dumpWordCount(t) < 4 || !dumpStandsAlone(first, t)) {
			continue
		}
		best, bestAt = t, i
	}
	if best != "" {
		h.title, h.line = best, bestAt
		at := strings.Index(first, best)
		h.source = dumpSiteName(first[at+len(best):])
		if h.source == "" {
			// Some sites put their name first: "Site | Title".
			h.source = dumpSiteNameBefore(first[:at])
		}
		return h
	}
	h.title, h.source = dumpSplitTitle(first)
	// The heading may differ from <title> by case or punctuation.
	for i, l := range lines[1:] {
		if dumpSameWords(l.text, h.title) {
			h.title, h.line = l.text, i
			break
		}
	}
	return h
}

// dumpStandsAlone reports whether sub occurs in line as a whole part: what
// precedes it ends in a separator or is glued to it (a breadcrumb), and
// what follows starts with a separator or is glued to it (a site name).
// "Fallen Order" does not stand alone in "Fallen Order review – …".
func dumpStandsAlone(line, sub string) bool {
	at := strings.Index(line, sub)
	if at < 0 {
		return false
	}
	const seps = "|-–—:·•»›>/"
	before, after := line[:at], line[at+len(sub):]
	if b := strings.TrimRightFunc(before, unicode.IsSpace); b != "" && b == before {
		// Glued: "BackTitle".
	} else if b != "" && !strings.ContainsRune(seps, dumpLastRune(b)) {
		return false
	}
	a := strings.TrimLeftFunc(after, unicode.IsSpace)
	if a == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(a)
	if a == after {
		return unicode.IsUpper(r) || strings.ContainsRune(seps, r)
	}
	return strings.ContainsRune(seps, r)
}

// dumpSiteName reads the tail after the title: separators, then the name.
func dumpSiteName(tail string) string {
	t := strings.TrimSpace(strings.TrimLeftFunc(tail, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("|-–—:·•»/", r)
	}))
	if n := dumpWordCount(t); n == 0 || n > 6 {
		return ""
	}
	return t
}

// dumpSiteNameBefore reads a site name that precedes the title, ignoring
// breadcrumbs ("Home > News > ").
func dumpSiteNameBefore(prefix string) string {
	p := strings.TrimSpace(prefix)
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: "} {
		if strings.HasSuffix(p, strings.TrimSpace(sep)) && strings.Contains(prefix, sep) {
			name := strings.TrimSpace(strings.TrimSuffix(p, strings.TrimSpace(sep)))
			if !strings.ContainsAny(name, ">»") && dumpWordCount(name) > 0 && dumpWordCount(name) <= 6 {
				return name
			}
		}
	}
	return ""
}

// dumpSplitTitle splits "Title | Site" when no later line confirms the title:
// the shorter, outer part is the site.
func dumpSplitTitle(first string) (title, source string) {
	first = dumpStripBreadcrumb(first)
	for _, sep := range dumpTitleSeparators[:9] {
		i := strings.LastIndex(first, sep)
		if i <= 0 {
			continue
		}
		left, right := strings.TrimSpace(first[:i]), strings.TrimSpace(first[i+len(sep):])
		if dumpWordCount(right) > 0 && dumpWordCount(right) <= 5 && dumpLetterCount(right) < dumpLetterCount(left) {
			return left, right
		}
		j := strings.Index(first, sep)
		left, right = strings.TrimSpace(first[:j]), strings.TrimSpace(first[j+len(sep):])
		if dumpWordCount(left) > 0 && dumpWordCount(left) <= 4 && dumpLetterCount(left)*2 < dumpLetterCount(right) {
			return right, left
		}
	}
	return first, ""
}

// dumpStripBreadcrumb drops a "Home > Section > " trail in front of a title.
func dumpStripBreadcrumb(s string) string {
	for _, sep := range []string{" > ", " » ", " › "} {
		if i := strings.LastIndex(s, sep); i >= 0 && i < len(s)/2 {
			s = strings.TrimSpace(s[i+len(sep):])
		}
	}
	return s
}

func dumpLetterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// dumpSameWords compares two strings by their letters and digits, ignoring
// case, spacing and punctuation.
func dumpSameWords(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	fold := func(s string) string {
		var sb strings.Builder
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				sb.WriteRune(r)
			}
		}
		return sb.String()
	}
	fa := fold(a)
	return fa != "" && fa == fold(b)
}
