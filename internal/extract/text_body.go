package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// lineInfo is a dump line with what Text concluded about it.
type lineInfo struct {
	dumpLine
	words int
	// para marks a line shaped like article prose.
	para bool
	// junk marks a line that never belongs to an article: share buttons,
	// counters, copyright, cookie and newsletter boxes, repeated
	// boilerplate, the title itself.
	junk  bool
	score float64
}

// classify scores each line for selectBody: prose counts for its length,
// anything else against.
func classify(body []dumpLine, h head, site string, bp *Boilerplate) []lineInfo {
	info := make([]lineInfo, len(body))
	useStore := bp != nil && site != "" && !sameArticleSeen(body, site, bp)
	seen := map[string]int{}
	for _, l := range body {
		seen[l.text]++
	}
	barrier := make([]bool, len(body))
	for i, l := range body {
		li := lineInfo{dumpLine: l, words: wordCount(l.text)}
		li.para = isProse(l, li.words)
		barrier[i] = isBarrier(l.text, li.words)
		li.junk = barrier[i] || isJunkLine(l.text, li.words) ||
			(h.title != "" && sameWords(l.text, h.title)) ||
			(useStore && bp.Repeated(site, l.text)) ||
			// A fragment the page repeats is a menu entry or a teaser
			// headline; articles do not repeat their own lines.
			(!li.para && seen[l.text] > 1 && li.words >= 2)
		if li.junk {
			li.para = false
		}
		info[i] = li
	}
	gap := 0
	for i := range info {
		li := &info[i]
		// A paragraph alone between fragments is more often a teaser's
		// summary or an author's bio than part of the article, whose
		// paragraphs follow one another.
		isolated := li.para && (i == 0 || !info[i-1].para) && (i+1 == len(info) || !info[i+1].para)
		listed := li.item && (li.para || li.words >= 10)
		if (li.para && !isolated) || listed {
			gap = 0
		} else {
			gap++
		}
		// Each fragment in a row costs more than the one before: a caption
		// or an "Advertisement" between two paragraphs is a small gap, a
		// menu or a footer a chasm that no later paragraph can bridge.
		switch {
		case barrier[i]:
			li.score = -40 - float64(gap)
		case li.junk:
			li.score = -8 - float64(gap)
		case listed:
			// Items of a list inside an article cost nothing, but a list
			// of teasers must not pass for an article either.
			li.score = 0
		case isolated:
			li.score = float64(li.words)/2 - float64(gap)
		case li.para:
			li.score = float64(li.words)
		default:
			li.score = -float64(gap)
		}
	}
	return info
}

// sameArticleSeen reports whether most of the page's prose is known to the
// store, which happens when the same article was learnt twice (a re-import,
// two dumps of one page). Trusting the store then would erase the article.
func sameArticleSeen(body []dumpLine, site string, bp *Boilerplate) bool {
	total, known := 0, 0
	for _, l := range body {
		n := wordCount(l.text)
		if !isProse(l, n) {
			continue
		}
		total += n
		if bp.Repeated(site, l.text) {
			known += n
		}
	}
	return total > 0 && known*2 > total
}

// isProse reports whether a line reads like a paragraph of an article: long
// enough, and ending like a sentence unless it is very long.
func isProse(l dumpLine, words int) bool {
	if words >= 30 {
		return true
	}
	return words >= 10 && endsSentence(l.text) && !isHeadline(l.text)
}

// isHeadline reports text in title case, as headlines of other articles
// are written: most words capitalised, not just the names in a sentence.
func isHeadline(s string) bool {
	upper, total := 0, 0
	for _, w := range strings.Fields(s) {
		r := []rune(strings.TrimLeft(w, `"'“‘(`))
		if len(r) < 4 || !unicode.IsLetter(r[0]) {
			continue
		}
		total++
		if unicode.IsUpper(r[0]) {
			upper++
		}
	}
	return total >= 4 && upper*10 >= total*7
}

func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for s != "" {
		r := lastRune(s)
		switch {
		case strings.ContainsRune(`"'”’»)]*`, r):
			// Closing quotes and brackets may follow the full stop.
			s = s[:len(s)-len(string(r))]
			continue
		case strings.ContainsRune(".!?…。！？:;", r):
			return true
		}
		return false
	}
	return false
}

func lastRune(s string) rune {
	r := []rune(s[max(0, len(s)-4):])
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// selectBody finds the run of lines with the greatest total score: the
// stretch of prose least interrupted by fragments. It returns the bounds,
// end exclusive.
func selectBody(info []lineInfo) (start, end int, ok bool) {
	best, sum := 0.0, 0.0
	s := 0
	for i, li := range info {
		if sum <= 0 {
			sum, s = 0, i
		}
		sum += li.score
		if sum > best {
			best, start, end = sum, s, i+1
		}
	}
	if best < 10 {
		return 0, 0, false
	}
	return start, end, true
}

// keepBody returns the lines of the run that belong to the article: junk
// goes, and so do fragments before the first and after the last paragraph.
func keepBody(info []lineInfo, start, end int) []lineInfo {
	for start < end && !info[start].para {
		start++
	}
	for end > start && !info[end-1].para {
		end--
	}
	var out []lineInfo
	for _, li := range info[start:end] {
		if !li.junk {
			out = append(out, li)
		}
	}
	return out
}

// barrierLine matches the headings that close an article: comments, and
// the lists of other articles that follow it.
var barrierLine = regexp.MustCompile(`^(?i:(\d+\s+)?(comments?|responses?|replies)( to .*)?|leave a (reply|comment)|post a comment|join the (discussion|conversation)|add a comment|related( articles| stories| posts| news| content| coverage)?|recommended( for you| stories| articles)?|recommendations?|ranking|you (may|might) also like|more (stories|articles|news) from .*|read next|most (read|popular|viewed|shared))\s*:?$`)

// commentHeader matches a comment's "Name says:" or "Name on <date> said:".
var commentHeader = regexp.MustCompile(`(?i)\b(says|said|wrote|writes|sagt|schreibt|dice|disse|diz|a écrit)\s*:\s*$`)

// isBarrier reports lines that no article run may cross.
func isBarrier(s string, words int) bool {
	return words <= 12 && (barrierLine.MatchString(s) || commentHeader.MatchString(s))
}

// junkStarts open short lines that are page furniture, not article text.
var junkStarts = regexp.MustCompile(`^(?i:share|tweet|e-?mail|print|comments?|reply|advertisement|advertising|sponsored|loading|read more|continue reading|see more|show more|view more|load more|related|recommended|recommendations?|ranking|most (read|popular|viewed|shared)|trending|popular|newsletters?|sign up|subscribe|log ?in|sign in|register|menu|search|skip to|cookies?|accept|close|back to top|next|previous|prev|top stories|more stories|more from|you may also like|follow us|follow|watch|listen|download|click here|photo|image|video|getty|ap photo|credit|source|tags?|topics?|filed under|posted in|categories|category|home|about us|contact|privacy|terms)\b`)

// junkAnywhere marks lines of any length that are legal or consent text.
var junkAnywhere = regexp.MustCompile(`(?i)(all rights reserved|©|\(c\) \d{4}|copyright \d{4}|cookie)`)

// counterLine matches a short label followed by a count, "veryGood! (7186)".
var counterLine = regexp.MustCompile(`\(\s*[\d.,]+[kKmM]?\s*\)\s*$`)

// byline matches "By Jane Doe" and its cousins in other languages.
var byline = regexp.MustCompile(`^(?i:by|von|por|par|di|door|av)\s+\p{Lu}`)

// isJunkLine recognises page furniture by its words alone.
func isJunkLine(s string, words int) bool {
	if words == 0 {
		return true
	}
	if junkAnywhere.MatchString(s) && words < 120 {
		return true
	}
	if words <= 6 && junkStarts.MatchString(s) {
		return true
	}
	if words <= 5 && counterLine.MatchString(s) {
		return true
	}
	if words <= 8 && byline.MatchString(s) {
		return true
	}
	if words <= 10 && isDateLine(s) {
		return true
	}
	if words <= 25 && (containsFold(s, "sign up") || containsFold(s, "subscribe")) && (containsFold(s, "newsletter") || containsFold(s, "inbox") || containsFold(s, "email")) {
		return true
	}
	return false
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), sub)
}

// isDateLine reports a line that is a date and little else: a dateline,
// a timestamp under a teaser.
func isDateLine(s string) bool {
	if _, ok := parseDumpDate(s, nil); !ok {
		return false
	}
	rest := isoDate.ReplaceAllString(s, "")
	rest = mdyDate.ReplaceAllString(rest, "")
	rest = dmyWords.ReplaceAllString(rest, "")
	rest = dmyDate.ReplaceAllString(rest, "")
	rest = clock.ReplaceAllString(rest, "")
	return wordCount(rest) <= 3
}
