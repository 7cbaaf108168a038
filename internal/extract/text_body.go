package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// dumpLineInfo is a dump line with what Text concluded about it.
type dumpLineInfo struct {
	dumpLine
	words int
	// para marks a line shaped like article prose.
	para bool
	// junk marks a line that never belongs to an article: share buttons,
	// counters, copyright, cookie and newsletter boxes, repeated
	// boilerplate, the title itself.
	junk bool
	// comments marks the heading of a comments section, which closes an
	// article for sure ("Related" boxes also stand inside articles).
	comments bool
	score    float64
}

// dumpClassify scores each line for dumpSelectBody: prose counts for its length,
// anything else against.
func dumpClassify(body []dumpLine, h dumpHead, site string, bp *Boilerplate) []dumpLineInfo {
	info := make([]dumpLineInfo, len(body))
	useStore := bp != nil && site != "" && !dumpSameArticleSeen(body, site, bp)
	seen := map[string]int{}
	for _, l := range body {
		seen[l.text]++
	}
	blob := dumpCopiesOtherLines(body)
	barrier := make([]bool, len(body))
	for i, l := range body {
		li := dumpLineInfo{dumpLine: l, words: dumpWordCount(l.text)}
		li.para = dumpIsProse(l, li.words)
		barrier[i] = dumpIsBarrier(l.text, li.words)
		li.comments = li.words <= 12 && (dumpCommentsHeading.MatchString(l.text) || dumpCommentHeader.MatchString(l.text))
		li.junk = barrier[i] || dumpIsJunkLine(l.text, li.words) ||
			(h.title != "" && dumpSameWords(l.text, h.title)) ||
			(useStore && bp.Repeated(site, l.text)) ||
			// A fragment the page repeats is a menu entry or a teaser
			// headline; articles do not repeat their own lines.
			(seen[l.text] > 1 && li.words >= 2) || dumpIsCaption(l.text, li.words) ||
			blob[i]
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
		switch {
		case (li.para && !isolated) || listed:
			gap = 0
		case isolated:
			gap = min(gap, 1)
		default:
			gap = min(gap+1, 12)
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

// dumpCopiesOtherLines marks long lines that hold other lines of the page
// whole: the article's text as one blob from the page's metadata, shown
// again after the article. Keeping them would print the article twice.
func dumpCopiesOtherLines(body []dumpLine) []bool {
	out := make([]bool, len(body))
	for i, l := range body {
		if dumpWordCount(l.text) < 100 {
			continue
		}
		for j, o := range body {
			if j != i && len(o.text) < len(l.text) && dumpWordCount(o.text) >= 15 && strings.Contains(l.text, o.text) {
				out[i] = true
				break
			}
		}
	}
	return out
}

// dumpSameArticleSeen reports whether most of the page's prose is known to the
// store, which happens when the same article was learnt twice (a re-import,
// two dumps of one page). Trusting the store then would erase the article.
func dumpSameArticleSeen(body []dumpLine, site string, bp *Boilerplate) bool {
	total, known := 0, 0
	for _, l := range body {
		n := dumpWordCount(l.text)
		if !dumpIsProse(l, n) {
			continue
		}
		total += n
		if bp.Repeated(site, l.text) {
			known += n
		}
	}
	return total > 0 && known*2 > total
}

// dumpIsProse reports whether a line reads like a paragraph of an article: long
// enough, and ending like a sentence unless it is very long.
func dumpIsProse(l dumpLine, words int) bool {
	if words >= 30 && !dumpGluedTeaser(l.text) {
		return true
	}
	return words >= 10 && dumpEndsSentence(l.text) && !dumpIsHeadline(l.text) && !dumpGluedTeaser(l.text)
}

// dumpGluedTeaser reports a headline glued to its summary, as teaser lists come
// out of a dump: "Ford Recalls F-150sFord is recalling over 168,000 …".
func dumpGluedTeaser(s string) bool {
	prev := rune(0)
	for i, r := range s {
		if i > 200 {
			break
		}
		if unicode.IsUpper(r) && (unicode.IsLower(prev) || prev == '?' || prev == '!') {
			left := s[:i]
			next := []rune(s[i:])
			// "McDonald" and "iPhone" glue inside a word; a teaser glues a
			// whole headline to a capitalised sentence.
			if len(next) > 2 && unicode.IsLower(next[1]) && dumpWordCount(left) >= 4 && dumpIsHeadline(left) {
				return true
			}
		}
		prev = r
	}
	return false
}

// dumpIsHeadline reports text in title case, as headlines of other articles
// are written: most words capitalised, not just the names in a sentence.
func dumpIsHeadline(s string) bool {
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

func dumpEndsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for s != "" {
		r := dumpLastRune(s)
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

func dumpLastRune(s string) rune {
	r := []rune(s[max(0, len(s)-4):])
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// dumpSelectBody finds the run of lines with the greatest total score: the
// stretch of prose least interrupted by fragments. The article follows its
// heading, so when the title is repeated on line titleAt, the run between
// it and the comments is taken if
// it holds a paragraph's worth of prose, else the best run after the title
// unless it is much weaker than the best run anywhere (the heading may
// also stand in a list of teasers). It returns the bounds, end exclusive.
func dumpSelectBody(info []dumpLineInfo, titleAt int) (start, end int, ok bool) {
	best, start, end := dumpBestRun(info, 0, len(info))
	if titleAt >= 0 && titleAt+1 < len(info) {
		closing := titleAt + 1
		for closing < len(info) && !info[closing].comments {
			closing++
		}
		if b, s, e := dumpBestRun(info, titleAt+1, closing); b >= 20 {
			best, start, end = b, s, e
		} else if b, s, e := dumpBestRun(info, titleAt+1, len(info)); b*2 >= best && start <= titleAt {
			best, start, end = b, s, e
		}
	}
	if best < 10 {
		return 0, 0, false
	}
	return start, end, true
}

// dumpBestRun is Kadane's maximum-sum subarray over info[from:to].
func dumpBestRun(info []dumpLineInfo, from, to int) (best float64, start, end int) {
	sum := 0.0
	s := from
	for i := from; i < to; i++ {
		if sum <= 0 {
			sum, s = 0, i
		}
		sum += info[i].score
		if sum > best {
			best, start, end = sum, s, i+1
		}
	}
	return best, start, end
}

// dumpKeepBody returns the lines of the run that belong to the article: junk
// goes, and so do fragments before the first and after the last paragraph.
func dumpKeepBody(info []dumpLineInfo, start, end int) []dumpLineInfo {
	for start < end && !info[start].para {
		start++
	}
	for end > start && !info[end-1].para {
		end--
	}
	// A last paragraph ending in a colon announces what follows it: a
	// list of dates, a table. Its short lines belong to the article up to
	// the first piece of page furniture.
	if end > start && end < len(info) && strings.HasSuffix(info[end].text, ":") && !info[end].junk && !info[end].item {
		end++
		for n := 0; end < len(info) && n < 80 && !info[end].junk && info[end].words <= 20 && !info[end].para; n++ {
			end++
		}
	}
	var out []dumpLineInfo
	for _, li := range info[start:end] {
		if !li.junk {
			out = append(out, li)
		}
	}
	return out
}

// dumpBarrierLine matches the headings that close an article: comments, and
// the lists of other articles that follow it.
var dumpBarrierLine = regexp.MustCompile(`^(?i:(\d+\s+)?(comments?|responses?|replies)( to .*)?|leave a (reply|comment)|post a comment|join the (discussion|conversation)|add a comment|related( articles| stories| posts| news| content| coverage)?|recommended( for you| stories| articles)?|recommendations?|ranking|you (may|might) also like|more (stories|articles|news) from .*|read next|most (read|popular|viewed|shared))\s*:?$`)

// dumpCommentsHeading matches the heading of a comments section.
var dumpCommentsHeading = regexp.MustCompile(`^(?i:(\d+\s+)?(comments?|responses?|replies)( to .*)?|leave a (reply|comment)|post a comment|join the (discussion|conversation)|add a comment)\s*:?$`)

// dumpCommentHeader matches a comment's "Name says:" or "Name on <date> said:".
var dumpCommentHeader = regexp.MustCompile(`(?i)\b(says|said|wrote|writes|sagt|schreibt|dice|disse|diz|a écrit)\s*:\s*$`)

// dumpIsBarrier reports lines that no article run may cross.
func dumpIsBarrier(s string, words int) bool {
	return words <= 12 && (dumpBarrierLine.MatchString(s) || dumpCommentHeader.MatchString(s))
}

// dumpCaptionCredit marks a picture's caption by its credit line.
var dumpCaptionCredit = guardedRegexp{
	re:      regexp.MustCompile(`(?i)(\bAP Photo\b|Getty Images|\(Photo\b|\bPhoto:|\bPhoto by\b|\bCredit:|\bImage:|\bImage credit|\bpictured\)|\bFile Photo\b|Shutterstock|/AFP\b|\bEPA\b|\bReuters/)`),
	needles: []string{"photo", "getty images", "credit:", "image", "pictured)", "shutterstock", "/afp", "epa", "reuters/"},
}

// dumpIsCaption reports a picture's caption: short, with a photo credit.
func dumpIsCaption(s string, words int) bool {
	return words <= 60 && dumpCaptionCredit.MatchString(s)
}

// dumpJunkStarts open short lines that are page furniture, not article text.
var dumpJunkStarts = regexp.MustCompile(`^(?i:share|tweet|e-?mail|print|comments?|reply|advertisement|advertising|sponsored|loading|read more|read also|also read|see also|see more|don'?t miss|don’t miss|must read|continue reading|see more|show more|view more|load more|related|recommended|recommendations?|ranking|most (read|popular|viewed|shared)|trending|popular|newsletters?|sign up|subscribe|log ?in|sign in|register|menu|search|skip to|cookies?|accept|close|back to top|next|previous|prev|top stories|more stories|more from|you may also like|follow us|follow|watch|listen|download|click here|photo|image|video|getty|ap photo|credit|source|tags?|topics?|filed under|posted in|categories|category|home|about us|contact|privacy|terms|facebook|twitter|instagram|linkedin|pinterest|whatsapp|reddit|youtube|flipboard|tumblr|telegram)\b`)

// dumpJunkAnywhere marks lines of any length that are legal or consent text.
var dumpJunkAnywhere = guardedRegexp{
	re:      regexp.MustCompile(`(?i)(all rights reserved|©|\(c\) \d{4}|copyright \d{4}|cookie)`),
	needles: []string{"all rights reserved", "©", "(c) ", "copyright ", "cookie"},
}

// dumpTeaserTag ends a link to another story: "… [VIDEO]", "… [INSIGHT]".
var dumpTeaserTag = regexp.MustCompile(`\[\p{Lu}[\p{Lu} ]+\]\s*\|?\s*$`)

// dumpCounterLine matches a short label followed by a count, "veryGood! (7186)".
var dumpCounterLine = regexp.MustCompile(`\(\s*[\d.,]+[kKmM]?\s*\)\s*$`)

// dumpByline matches "By Jane Doe" and its cousins in other languages.
var dumpByline = regexp.MustCompile(`^(?i:by|von|por|par|di|door|av)\s+\p{Lu}`)

// dumpIsJunkLine recognises page furniture by its words alone.
func dumpIsJunkLine(s string, words int) bool {
	if words == 0 {
		return true
	}
	if words < 120 && dumpJunkAnywhere.MatchString(s) {
		return true
	}
	if words <= 6 && dumpJunkStarts.MatchString(s) {
		return true
	}
	if words <= 25 && (strings.HasPrefix(strings.ToLower(s), "read more:") || strings.HasPrefix(strings.ToLower(s), "see more:") || dumpTeaserTag.MatchString(s)) {
		return true
	}
	if words <= 30 && dumpTagLabel.MatchString(s) {
		return true
	}
	if strings.Count(s, " | ") >= 2 {
		// Links side by side: "Home | News | Sport".
		return true
	}
	if words <= 5 && dumpCounterLine.MatchString(s) {
		return true
	}
	if words <= 8 && dumpByline.MatchString(s) {
		return true
	}
	if words <= 10 && dumpIsDateLine(s) {
		return true
	}
	if words <= 25 && (dumpContainsFold(s, "sign up") || dumpContainsFold(s, "subscribe")) && (dumpContainsFold(s, "newsletter") || dumpContainsFold(s, "inbox") || dumpContainsFold(s, "email")) {
		return true
	}
	return false
}

func dumpContainsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), sub)
}

// dumpIsDateLine reports a line that is a date and little else: a dateline,
// a timestamp under a teaser.
func dumpIsDateLine(s string) bool {
	if _, ok := parseDumpDate(s, nil); !ok {
		return false
	}
	rest := dumpIsoDate.ReplaceAllString(s, "")
	rest = dumpMdyDate.ReplaceAllString(rest, "")
	rest = dumpDmyWords.ReplaceAllString(rest, "")
	rest = dumpDmyDate.ReplaceAllString(rest, "")
	rest = dumpClock.ReplaceAllString(rest, "")
	return dumpWordCount(rest) <= 3
}
