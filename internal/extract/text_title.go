package extract

import (
	"strings"
	"unicode"
)

// head is what the first line of a dump says.
type head struct {
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
func parseTitleLine(lines []dumpLine) head {
	h := head{line: -1}
	if len(lines) == 0 {
		return h
	}
	first := lines[0].text
	best, bestAt := "", -1
	for i, l := range lines[1:] {
		t := l.text
		if len(t) <= len(best) || wordCount(t) < 2 || !strings.Contains(first, t) {
			continue
		}
		// A site name or a menu word also occurs in the title line; the
		// repeat must carry most of it.
		if letterCount(t)*2 < letterCount(first) {
			continue
		}
		best, bestAt = t, i
	}
	if best != "" {
		h.title, h.line = best, bestAt
		at := strings.Index(first, best)
		h.source = siteName(first[at+len(best):])
		if h.source == "" {
			// Some sites put their name first: "Site | Title".
			h.source = siteNameBefore(first[:at])
		}
		return h
	}
	h.title, h.source = splitTitle(first)
	// The heading may differ from <title> by case or punctuation.
	for i, l := range lines[1:] {
		if sameWords(l.text, h.title) {
			h.title, h.line = l.text, i
			break
		}
	}
	return h
}

// siteName reads the tail after the title: separators, then the name.
func siteName(tail string) string {
	t := strings.TrimSpace(strings.TrimLeftFunc(tail, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("|-–—:·•»/", r)
	}))
	if n := wordCount(t); n == 0 || n > 6 {
		return ""
	}
	return t
}

// siteNameBefore reads a site name that precedes the title, ignoring
// breadcrumbs ("Home > News > ").
func siteNameBefore(prefix string) string {
	p := strings.TrimSpace(prefix)
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: "} {
		if strings.HasSuffix(p, strings.TrimSpace(sep)) && strings.Contains(prefix, sep) {
			name := strings.TrimSpace(strings.TrimSuffix(p, strings.TrimSpace(sep)))
			if !strings.ContainsAny(name, ">»") && wordCount(name) > 0 && wordCount(name) <= 6 {
				return name
			}
		}
	}
	return ""
}

// splitTitle splits "Title | Site" when no later line confirms the title:
// the shorter, outer part is the site.
func splitTitle(first string) (title, source string) {
	first = stripBreadcrumb(first)
	for _, sep := range dumpTitleSeparators[:9] {
		i := strings.LastIndex(first, sep)
		if i <= 0 {
			continue
		}
		left, right := strings.TrimSpace(first[:i]), strings.TrimSpace(first[i+len(sep):])
		if wordCount(right) > 0 && wordCount(right) <= 5 && letterCount(right) < letterCount(left) {
			return left, right
		}
		j := strings.Index(first, sep)
		left, right = strings.TrimSpace(first[:j]), strings.TrimSpace(first[j+len(sep):])
		if wordCount(left) > 0 && wordCount(left) <= 4 && letterCount(left)*2 < letterCount(right) {
			return right, left
		}
	}
	return first, ""
}

// stripBreadcrumb drops a "Home > Section > " trail in front of a title.
func stripBreadcrumb(s string) string {
	for _, sep := range []string{" > ", " » ", " › "} {
		if i := strings.LastIndex(s, sep); i >= 0 && i < len(s)/2 {
			s = strings.TrimSpace(s[i+len(sep):])
		}
	}
	return s
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// sameWords compares two strings by their letters and digits, ignoring
// case, spacing and punctuation.
func sameWords(a, b string) bool {
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
