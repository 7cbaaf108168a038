package textdump

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// lineInfo is a dump line with what Text concluded about it.
type lineInfo struct {
	line
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
	// caption marks a picture's caption or credit line (junk too).
	caption bool
	// row marks a line of a table written out as text, one row a line.
	row bool
	// repeat marks a line that is junk only because the page repeats it.
	repeat bool
	// barrier marks a heading that no article run may cross lightly.
	barrier bool
	// shout marks a line written all in capitals, dropped from the
	// article but weighed as any fragment when choosing it.
	shout bool
	score float64
}

// classify scores each line for selectBody: prose counts for its length,
// anything else against.
func classify(body []line, h header, site string, bp *article.Boilerplate) []lineInfo {
	info := make([]lineInfo, len(body))
	useStore := bp != nil && site != "" && !sameArticleSeen(body, site, bp)
	seen := map[string]int{}
	for _, l := range body {
		seen[l.text]++
	}
	blob := copiesOtherLines(body)
	barrier := make([]bool, len(body))
	for i, l := range body {
		li := lineInfo{line: l, words: article.WordCount(l.text)}
		li.para = isProse(l, li.words)
		barrier[i], li.comments = headingKind(l.text, li.words)
		li.shout = shouted(l.text, li.words)
		// A caption that says it is one stands between paragraphs
		// without parting them.
		li.caption = li.words <= 60 && captionLabel.MatchString(l.text)
		li.junk = barrier[i] || isJunkLine(l.text, li.words) ||
			(h.title != "" && sameWords(l.text, h.title)) ||
			(useStore && bp.Repeated(site, l.text)) ||
			isCaption(l.text, li.words) || blob[i]
		// A fragment the page repeats is a menu entry or a teaser
		// headline; restoreRepeats gives back those that turn out to
		// repeat inside the article (the questions of a double interview).
		li.repeat = !li.junk && seen[l.text] > 1 && li.words >= 2
		li.junk = li.junk || li.repeat
		if li.junk {
			li.para = false
		}
		info[i] = li
	}
	markHeader(info, h.line)
	markCreditedCaptions(info)
	markArrowTeasers(info)
	markAuthorBoxes(info, barrier)
	markTableRows(info)
	for i := range info {
		info[i].barrier = barrier[i]
	}
	gap := 0
	// underBarrier holds from a barrier heading ("You may also like") to
	// the next pair of paragraphs or the article's heading: a paragraph
	// alone in that stretch is a teaser's summary, not the article
	// resuming after an inline box.
	underBarrier := false
	for i := range info {
		li := &info[i]
		// A paragraph alone between fragments is more often a teaser's
		// summary or an author's bio than part of the article, whose
		// paragraphs follow one another.
		// Captions stand between paragraphs without parting them.
		isolated := li.para && !paraNear(info, i, -1) && !paraNear(info, i, 1)
		listed := (li.item && (li.para || li.words >= 10)) || li.row
		switch {
		case barrier[i]:
			underBarrier = true
		case li.para && !isolated, i == h.line:
			underBarrier = false
		}
		switch {
		case li.caption:
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
		case li.caption:
			li.score = -2
		case li.repeat && strings.HasSuffix(li.text, "?") && i+1 < len(info) && info[i+1].para:
			// A question over its answer may be one the article puts to
			// several people (see restoreRepeats): it costs what any
			// heading costs. Repeated headlines over summaries stay junk.
			li.score = -float64(gap)
		case li.junk:
			li.score = -8 - float64(gap)
		case listed:
			// Items of a list inside an article cost nothing, but a list
			// of teasers must not pass for an article either.
			li.score = 0
		case isolated && underBarrier:
			li.score = -float64(gap)
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

// paraNear reports whether the nearest line before (dir -1) or after
// (dir 1) line i that is not a caption is a paragraph.
func paraNear(info []lineInfo, i, dir int) bool {
	for j := i + dir; j >= 0 && j < len(info); j += dir {
		if !info[j].caption {
			return info[j].para
		}
	}
	return false
}

// copiesOtherLines marks long lines that hold other lines of the page
// whole: the article's text as one blob from the page's metadata, shown
// again after the article. Keeping them would print the article twice.
func copiesOtherLines(body []line) []bool {
	out := make([]bool, len(body))
	for i, l := range body {
		if article.WordCount(l.text) < 100 {
			continue
		}
		for j, o := range body {
			if j != i && len(o.text) < len(l.text) && article.WordCount(o.text) >= 15 && strings.Contains(l.text, o.text) {
				out[i] = true
				break
			}
		}
	}
	return out
}

// sameArticleSeen reports whether most of the page's prose is known to the
// store, which happens when the same article was learnt twice (a re-import,
// two dumps of one page). Trusting the store then would erase the article.
func sameArticleSeen(body []line, site string, bp *article.Boilerplate) bool {
	total, known := 0, 0
	for _, l := range body {
		n := article.WordCount(l.text)
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
func isProse(l line, words int) bool {
	if words >= 30 && !gluedTeaser(l.text) {
		return true
	}
	return words >= 10 && article.EndsSentence(l.text) && !isHeadline(l.text) && !gluedTeaser(l.text)
}

// gluedTeaser reports a headline glued to its summary, as teaser lists come
// out of a dump: "Ford Recalls F-150sFord is recalling over 168,000 …".
func gluedTeaser(s string) bool {
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
			if len(next) > 2 && unicode.IsLower(next[1]) && article.WordCount(left) >= 4 && isHeadline(left) && titleCased(left) {
				return true
			}
		}
		prev = r
	}
	return false
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

func lastRune(s string) rune {
	r := []rune(s[max(0, len(s)-4):])
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// selectBody finds the run of lines with the greatest total score: the
// stretch of prose least interrupted by fragments. The article follows its
// heading, so when the title is repeated on line titleAt, the run between
// it and the comments is taken if
// it holds a paragraph's worth of prose, else the best run after the title
// unless it is much weaker than the best run anywhere (the heading may
// also stand in a list of teasers). It returns the bounds, end exclusive.
func selectBody(info []lineInfo, titleAt int) (start, end int, ok bool) {
	best, start, end := bestRun(info, 0, len(info))
	if titleAt >= 0 && titleAt+1 < len(info) {
		closing := titleAt + 1
		for closing < len(info) && !info[closing].comments {
			closing++
		}
		if b, s, e := bestRun(info, titleAt+1, closing); b >= 20 {
			best, start, end = b, s, e
		} else if b, s, e := bestRun(info, titleAt+1, len(info)); b*2 >= best && start <= titleAt {
			best, start, end = b, s, e
		}
	}
	// Comments follow the article: a run that reaches across their
	// heading (when the page's heading was not found to close it above)
	// ends there, unless too little stands before it.
	for c := start; c < end; c++ {
		if info[c].comments {
			if b, s, e := bestRun(info, start, c); b >= 20 {
				best, start, end = b, s, e
			}
			break
		}
	}
	if best < 10 {
		return 0, 0, false
	}
	return start, end, true
}

// bestRun is Kadane's maximum-sum subarray over info[from:to].
func bestRun(info []lineInfo, from, to int) (best float64, start, end int) {
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

// keepBody returns the lines of the run that belong to the article: junk
// goes, and so do fragments before the first and after the last paragraph.
func keepBody(info []lineInfo, start, end int) []lineInfo {
	for start < end && !info[start].para {
		start++
	}
	if cut := cutClosingNotes(info, start, end); cut < end {
		// The short lines above the first note stay: a quoted post's
		// attribution, a credit or a list of sources may end the story.
		end = cut
	} else {
		for end > start && (!info[end-1].para || isStandingNote(info[end-1].text)) {
			end--
		}
		end = extendClosingLines(info, start, end)
	}
	end = extendAnnounced(info, start, end)
	var out []lineInfo
	for _, li := range info[start:end] {
		if !li.junk {
			out = append(out, li)
		}
	}
	return out
}

// barrierLine matches the headings that close an article: comments, and
// the lists of other articles that follow it, in the languages the dumps
// come in. Such a heading may trail off in a colon or an ellipsis ("Você
// pode gostar...").
var barrierLine = regexp.MustCompile(`^(?i:(\d+\s+)?(comments?|responses?|replies)( to .*)?|leave a (reply|comment)|post a comment|join the (discussion|conversation)|add a comment|related( articles| stories| posts| news| content| coverage| reading)?|recommended( for you| stories| articles| reading)?|recommendations?|ranking|you (may|might) also( like| enjoy| be interested in)|more (stories|articles|news) from .*|more (in|from|on) \S+( \S+){0,4}|more like this|read next|most (read|popular|viewed|shared)|trending now|popular now|editor'?s picks|` +
	// Portuguese, Spanish, French, German, Italian, Dutch.
	`(você )?(também )?(pode|podem) (gostar|interessar)|veja também|leia também|(también )?te (puede|podría) interesar|quizás te interese|vous (aimerez|pourriez aimer) aussi|à lire aussi|sur le même sujet|das könnte sie auch interessieren|weitere artikel|mehr zum thema|(ti )?potrebbe interessarti|potrebbero interessarti|ook interessant|gerelateerde artikelen)\s*(:|\.\.\.|…)?$`)

// commentsHeading matches the heading of a comments section.
var commentsHeading = regexp.MustCompile(`^(?i:(\d+\s+)?(comments?|responses?|replies)( to .*)?|leave a (reply|comment)|post a comment|join the (discussion|conversation)|add a comment)\s*:?$`)

// commentsOnTitle matches the heading a blog puts over the comments on a
// post, quoting the post's title, however long: "10 thoughts on “…”",
// "One response to "…"".
var commentsOnTitle = regexp.MustCompile(`^(?i:(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(thoughts?|responses?|comments?|replies|reactions?)\s+(on|to)\s+["“”'‘’«„])`)

// commentHeader matches a comment's "Name says:" or "Name on <date> said:".
var commentHeader = regexp.MustCompile(`(?i)\b(says|said|wrote|writes|sagt|schreibt|dice|disse|diz|a écrit)\s*:\s*$`)

// headingKind tells whether a line is a barrier, a line that no article
// run may cross lightly, and whether it is the heading of a comments
// section, which closes an article for sure ("Related" boxes also stand
// inside articles).
func headingKind(s string, words int) (barrier, comments bool) {
	if words > 40 {
		return false, false
	}
	if commentsOnTitle.MatchString(s) {
		return true, true
	}
	if words > 12 {
		return false, false
	}
	if commentHeader.MatchString(s) || commentsHeading.MatchString(s) {
		return true, true
	}
	return barrierLine.MatchString(s), false
}

// captionCredit marks a picture's caption by its credit line.
var captionCredit = guardedRegexp{
	re:      regexp.MustCompile(`(?i)(\bAP Photo\b|Getty Images|\(Photo\b|\bPhoto:|\bPhoto by\b|Credit:|\bImage:|\bImage credit|\bpictured\)|\bFile Photo\b|Shutterstock|/AFP\b|(?-i:/\s?EPA\b|\bEPA(-EFE)?\s?/|\(EPA\)|\bEPA\s*$)|\bReuters/)`),
	needles: []string{"photo", "getty images", "credit:", "image", "pictured)", "shutterstock", "/afp", "epa", "reuters/"},
}

// isCaption reports a picture's caption: short, with a photo credit, or
// labelled as a caption the way players and galleries write it out
// ("Image caption …", "Media caption…", "2of4 …").
func isCaption(s string, words int) bool {
	return words <= 60 && (captionCredit.MatchString(s) || captionLabel.MatchString(s))
}

// captionLabel opens a caption that says what it is.
var captionLabel = regexp.MustCompile(`^(?:(?i:image|media|video|photo) ?caption(?:\b|\p{Lu})|\d{1,3} ?of ?\d{1,3}\p{Lu})`)

// junkStarts open short lines that are page furniture, not article text.
var junkStarts = regexp.MustCompile(`^(?i:share|tweet|e-?mail|print|comments?|reply|advertisement|advertising|sponsored|loading|read more|read also|also read|see also|see more|don'?t miss|don’t miss|must read|continue reading|see more|show more|view more|load more|related|recommended|recommendations?|ranking|most (read|popular|viewed|shared)|trending|popular|newsletters?|sign up|subscribe|log ?in|sign in|register|menu|search|skip to|cookies?|accept|close|back to top|next|previous|prev|top stories|more stories|more from|you may also like|follow us|follow|watch|listen|download|click here|photo|image|video|getty|ap photo|credit|source|tags?|topics?|filed under|posted in|categories|category|home|about us|contact|privacy|terms|facebook|twitter|instagram|linkedin|pinterest|whatsapp|reddit|youtube|flipboard|tumblr|telegram)\b`)

// junkAnywhere marks lines of any length that are legal or consent text.
var junkAnywhere = guardedRegexp{
	re:      regexp.MustCompile(`(?i)(all rights reserved|©|\(c\) \d{4}|copyright \d{4}|cookie)`),
	needles: []string{"all rights reserved", "©", "(c) ", "copyright ", "cookie"},
}

// teaserTag ends a link to another story: "… [VIDEO]", "… [INSIGHT]".
var teaserTag = regexp.MustCompile(`\[\p{Lu}[\p{Lu} ]+\]\s*\|?\s*$`)

// counterLine matches a short label followed by a count, "veryGood! (7186)".
var counterLine = regexp.MustCompile(`\(\s*[\d.,]+[kKmM]?\s*\)\s*$`)

// byline matches "By Jane Doe" and its cousins in other languages.
var byline = regexp.MustCompile(`^(?i:by|von|por|par|di|door|av)\s+\p{Lu}`)

// dropInlineBoxes marks as junk, inside the run info[start:end], the
// fragments right under a barrier heading down to the next paragraph (the
// headlines of a "Related" box set inside the story) and the lines
// written all in capitals (other stories' headlines, app plugs). They are
// weighed as any fragment when the run is chosen, so that the story's
// paragraphs on both sides still join up.
func dropInlineBoxes(info []lineInfo, start, end int) {
	for i := start; i < end; i++ {
		if info[i].shout {
			info[i].junk, info[i].para = true, false
		}
		if !info[i].barrier || info[i].comments {
			continue
		}
		for j := i + 1; j < end && !info[j].para && !info[j].barrier; j++ {
			info[j].junk = true
		}
	}
}

// shouted reports a line written all in capitals, as sites set the
// headlines of other stories and their app plugs inside an article
// ("CLICK HERE TO GET THE APP"); a paragraph is never written so. A
// question so written is a subheading the next paragraphs answer.
func shouted(s string, words int) bool {
	if words < 4 || words > 25 || strings.HasSuffix(s, "?") {
		return false
	}
	upper, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r):
			digits++
		}
	}
	// Ticker symbols and figures ("HD THE HOME DEPOT INC. 225.86 -5.44%")
	// are data, not a headline.
	return upper >= 12 && digits*4 < upper
}

// isJunkLine recognises page furniture by its words alone.
func isJunkLine(s string, words int) bool {
	if words == 0 {
		return true
	}
	if words < 120 && junkAnywhere.MatchString(s) {
		return true
	}
	if words <= 6 && junkStarts.MatchString(s) && !introducesMedia(s, words) {
		return true
	}
	if words <= 25 && (pointerLabel.MatchString(s) || teaserTag.MatchString(s)) {
		return true
	}
	if words <= 12 && linkArrow.MatchString(s) {
		return true
	}
	if words <= 30 && tagLabel.MatchString(s) {
		return true
	}
	if strings.Count(s, " | ") >= 2 {
		// Links side by side: "Home | News | Sport".
		return true
	}
	if words <= 5 && counterLine.MatchString(s) {
		return true
	}
	if words <= 8 && byline.MatchString(s) {
		return true
	}
	if article.IsDateLine(s) {
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
