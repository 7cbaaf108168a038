package textdump

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// header is what the first line of a dump says.
type header struct {
	title  string
	source string
	// line is the index (after the title line) of the line that repeats
	// the title, or -1.
	line int
}

// parseTitleLine reads the first line, the page's <title>. Pages glue a
// breadcrumb in front of it and the site's name after it; the clean title
// is usually repeated further down as the article's heading, and that
// repeat tells where the title starts and ends.
func parseTitleLine(lines []line) header {
	h := header{line: -1}
	if len(lines) == 0 {
		return h
	}
	first := lines[0].text
	if isBreadcrumb(first) {
		// The scraper kept the page's trail, not its <title>: the trail's
		// last crumb is a section, neither the title nor the site.
		return headlineAfter(lines)
	}
	best, bestAt := "", -1
	for i, l := range lines[1:] {
		t := l.text
		if len(t) <= len(best) || article.WordCount(t) < 2 || !strings.Contains(first, t) {
			continue
		}
		// A site name or a menu word also occurs in the title line; the
		// repeat must carry most of it, or be a phrase of several words
		// set apart from the rest (a long site name, icon names glued on).
		if letterCount(t)*2 < letterCount(first) && (article.WordCount(t) < 4 || !standsAlone(first, t)) {
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

// Breadcrumb bounds: a crumb is a short navigation label, and a trail
// has a few of them.
const (
	maxCrumbWords   = 3
	maxCrumbLetters = 30
	maxCrumbs       = 8
	// headlineWithin is how many lines after a trail the headline is
	// looked for, past menu items and further trails.
	headlineWithin = 8
	// maxHeadlineWords is the longest line read as a headline; longer
	// ones are paragraphs.
	maxHeadlineWords = 25
)

// isBreadcrumb reports whether s is a navigation trail and nothing else:
// "Home > News > Telecom", "Startseite » Wirtschaft", "News / Business /
// Markets", every crumb a short label without sentence punctuation. A
// slash-separated one needs three crumbs, as "A / B" is a common title.
func isBreadcrumb(s string) bool {
	for _, sep := range []string{">", "›", "»", "/"} {
		parts := strings.Split(s, sep)
		if len(parts) < 2 || len(parts) > maxCrumbs || sep == "/" && len(parts) < 3 {
			continue
		}
		crumbs := true
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if n := article.WordCount(p); n == 0 || n > maxCrumbWords || letterCount(p) > maxCrumbLetters || strings.ContainsAny(p, ".?!:;,|") {
				crumbs = false
				break
			}
		}
		if crumbs {
			return true
		}
	}
	return false
}

// headlineAfter reads the title from the first line below a trail in the
// first line that reads as a headline (a few words, not a menu item or
// another trail): the heading the article follows. It returns no title
// when there is none, and the extractor falls back on the body's start.
func headlineAfter(lines []line) header {
	h := header{line: -1}
	for i, l := range lines[1:min(len(lines), 1+headlineWithin)] {
		if l.item || isBreadcrumb(l.text) || article.WordCount(l.text) < 3 {
			continue
		}
		if article.WordCount(l.text) > maxHeadlineWords || strings.HasSuffix(l.text, ".") {
			// The story's first paragraph: the page shows no headline.
			break
		}
		h.title, h.line = l.text, i
		break
	}
	return h
}

// standsAlone reports whether sub occurs in line as a whole part: what
// precedes it ends in a separator or is glued to it (a breadcrumb), and
// what follows starts with a separator or is glued to it (a site name).
// "Fallen Order" does not stand alone in "Fallen Order review – …".
func standsAlone(line, sub string) bool {
	at := strings.Index(line, sub)
	if at < 0 {
		return false
	}
	before, after := line[:at], line[at+len(sub):]
	if b := strings.TrimRightFunc(before, unicode.IsSpace); b != "" && b == before {
		// Glued: "BackTitle".
	} else if b != "" && !article.IsTitleSeparator(lastRune(b)) {
		return false
	}
	a := strings.TrimLeftFunc(after, unicode.IsSpace)
	if a == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(a)
	if a == after {
		return unicode.IsUpper(r) || article.IsTitleSeparator(r)
	}
	return article.IsTitleSeparator(r)
}

// siteName reads the tail after the title: separators, then the name.
func siteName(tail string) string {
	t := strings.TrimSpace(strings.TrimLeftFunc(tail, func(r rune) bool {
		return unicode.IsSpace(r) || article.IsTitleSeparator(r)
	}))
	if n := article.WordCount(t); n == 0 || n > 6 {
		return ""
	}
	return t
}

// siteNameBefore reads a site name that precedes the title, ignoring
// breadcrumbs ("Home > News > ").
func siteNameBefore(prefix string) string {
	p := strings.TrimSpace(prefix)
	for _, sep := range article.TitleSeparators {
		if strings.HasSuffix(p, strings.TrimSpace(sep)) && strings.Contains(prefix, sep) {
			name := strings.TrimSpace(strings.TrimSuffix(p, strings.TrimSpace(sep)))
			if !strings.ContainsAny(name, ">»") && article.WordCount(name) > 0 && article.WordCount(name) <= 6 {
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
	for _, sep := range article.TitleSeparators {
		i := strings.LastIndex(first, sep)
		if i <= 0 {
			continue
		}
		left, right := strings.TrimSpace(first[:i]), strings.TrimSpace(first[i+len(sep):])
		if article.WordCount(right) > 0 && article.WordCount(right) <= 5 && letterCount(right) < letterCount(left) {
			return left, right
		}
		j := strings.Index(first, sep)
		left, right = strings.TrimSpace(first[:j]), strings.TrimSpace(first[j+len(sep):])
		if article.WordCount(left) > 0 && article.WordCount(left) <= 4 && letterCount(left)*2 < letterCount(right) {
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
	fa := article.Fold(a)
	return fa != "" && fa == article.Fold(b)
}
