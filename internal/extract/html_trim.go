package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// trimBody drops the furniture that sits inside the article element: the
// repeated headline, date lines, pointers to other stories and the lists
// under them, promotion boxes, and whatever non-prose precedes the first
// or follows the last paragraph (bylines, share bars, tag lists).
func trimBody(blocks []*textBlock, removed map[*html.Node]bool, title string) {
	drop := func(b *textBlock) {
		for _, t := range b.nodes {
			removed[t] = true
		}
	}
	firstGood, lastGood := -1, -1
	for i, b := range blocks {
		if b.weight > 0 {
			if firstGood < 0 {
				firstGood = i
			}
			lastGood = i
		}
	}
	linky := func(b *textBlock) bool { return 2*b.linkWords > b.words }
	for _, box := range promoBoxes(blocks) {
		for _, b := range box {
			drop(b)
		}
	}
	afterCue := false
	titleKey := normKey(title) // a block with the same letters repeats the headline
	for i, b := range blocks {
		switch {
		case b.hint:
			afterCue = false
			continue
		case titleKey != "" && normKey(b.text) == titleKey, isDateLine(b.text), looksLikeMarkup(b.text):
			drop(b)
			continue
		case isCue(b.text) || linky(b) && startsWithCue(b.text) || b.words <= 8 && b.weight <= 0 && startsLinkList(blocks[i+1:]):
			// A pointer to other stories ("Related: …", "READ MORE …"),
			// or the label over a list of them.
			drop(b)
			afterCue = true
			continue
		case afterCue && linky(b):
			drop(b)
			continue
		}
		afterCue = false
		if (i < firstGood || i > lastGood) && b.weight < 0 {
			drop(b)
		}
	}
}

// startsLinkList reports blocks that open with at least two list items that
// are mostly links.
func startsLinkList(next []*textBlock) bool {
	if len(next) < 2 {
		return false
	}
	for _, b := range next[:2] {
		if b.owner.DataAtom != atom.Li || 2*b.linkWords <= b.words || b.hint {
			return false
		}
	}
	return true
}

// cues are the labels editors put on pointers to other stories and on
// in-story ads; matched case-insensitively on letters only.
var cues = []string{
	"related", "relatedcontent", "relatedarticles", "relatedstories", "relatedposts", "readmore",
	"seemore", "seealso", "alsoread", "readalso", "dontmiss", "morestories", "moreonthis",
	"recommended", "youmayalsolike", "youmightalsolike", "advertisement", "advert", "ad",
	"sponsored", "trending", "popular", "mostread", "mostpopular", "watch", "listen", "more",
	"clickhere", "signup", "subscribe", "readnext", "upnext", "readthis", "elsewhere",
}

func isCue(s string) bool {
	k := normKey(s)
	for _, c := range cues {
		if k == c {
			return true
		}
	}
	return false
}

func startsWithCue(s string) bool {
	head, _, found := strings.Cut(s, ":")
	if !found || len(head) > 30 {
		// "READ MORE Some headline" has no colon: compare the start.
		k := normKey(s)
		for _, c := range cues {
			if len(c) >= 6 && strings.HasPrefix(k, c) {
				return true
			}
		}
		return false
	}
	return isCue(head)
}

// promoWords mark calls to action that interrupt a story.
var promoWords = []string{"newsletter", "subscribe", "subscribing", "adblocker", "ad blocker", "sign up for", "download the app", "get the app"}

// isPromo reports a short block that asks the reader to subscribe or sign
// up rather than telling the story.
func isPromo(b *textBlock) bool {
	if b.words > 25 || b.hint {
		return false
	}
	l := strings.ToLower(b.text)
	for _, w := range promoWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// promoBoxes finds the small boxes (at most 80 words) that open with a
// call to action: a newsletter sign-up with its blurb and its messages.
// A call to action inside the running text is left alone.
func promoBoxes(blocks []*textBlock) [][]*textBlock {
	count := map[*html.Node]int{}
	words := map[*html.Node]int{}
	for _, b := range blocks {
		for n := b.owner; n != nil; n = n.Parent {
			count[n]++
			words[n] += b.words
		}
	}
	var boxes [][]*textBlock
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if !isPromo(b) {
			continue
		}
		u := b.owner
		for u.Parent != nil && count[u] < 2 {
			u = u.Parent
		}
		if words[u] > 80 {
			continue
		}
		var box []*textBlock
		for ; i < len(blocks) && isWithin(blocks[i].owner, u); i++ {
			box = append(box, blocks[i])
		}
		i--
		boxes = append(boxes, box)
	}
	return boxes
}

// looksLikeMarkup reports text that is escaped HTML shown as text, left by
// broken templates.
func looksLikeMarkup(s string) bool {
	if len(s) < 4 || s[0] != '<' {
		return false
	}
	i := 1
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	return i > 1 && i < len(s) && (s[i] == ' ' || s[i] == '>' || s[i] == '/') && strings.Contains(s, "=")
}

// dateWords may fill a line that only dates the story.
var dateWords = map[string]bool{
	"published": true, "updated": true, "posted": true, "last": true, "on": true, "at": true,
	"am": true, "pm": true, "gmt": true, "utc": true, "bst": true, "est": true, "edt": true,
	"cst": true, "cdt": true, "pst": true, "pdt": true, "ist": true, "cet": true, "cest": true,
	"amt": true, "uk": true, "et": true, "pt": true, "th": true, "st": true, "nd": true, "rd": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "mon": true, "tue": true, "wed": true, "thu": true, "fri": true,
	"sat": true, "sun": true, "a": true, "m": true, "p": true,
}

// isDateLine reports a line made only of a date, a time and words such as
// "Published" or "Updated".
func isDateLine(s string) bool {
	ws := splitWords(strings.ToLower(s))
	if len(ws) < 2 || len(ws) > 12 {
		return false
	}
	month, digits := false, false
	for _, w := range ws {
		isNum := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
		switch {
		case isNum:
			digits = true
		case dateWords[w]:
			if len(w) >= 3 && w != "last" && w != "gmt" && w != "utc" {
				month = true
			}
		case len(w) > 2 && (strings.HasSuffix(w, "th") || strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") || strings.HasSuffix(w, "rd")) && strings.IndexFunc(w[:len(w)-2], func(r rune) bool { return !unicode.IsDigit(r) }) < 0:
			digits = true
		default:
			return false
		}
	}
	return digits && month
}
