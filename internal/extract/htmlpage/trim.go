package htmlpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
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
	titleKey := article.Fold(title) // a block with the same letters repeats the headline
	titleWords := article.WordCount(title)
	isTitle := func(b *textBlock) bool {
		// Folding every block is a measurable cost; a repeat of the
		// headline has about as many words.
		return titleKey != "" && b.words <= 2*titleWords+2 && article.Fold(b.text) == titleKey
	}
	firstGood, lastGood := -1, -1
	for i, b := range blocks {
		// The headline is not the story's first paragraph: furniture
		// between it and the text ("Copy short link") is still leading.
		if b.weight > 0 && b.owner.DataAtom != atom.H1 && !isTitle(b) {
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
	for _, b := range trailingCalls(blocks, lastGood) {
		drop(b)
	}
	for _, b := range relatedLists(blocks) {
		drop(b)
	}
	for i, b := range blocks {
		switch {
		case b.hint:
			afterCue = false
			continue
		case isTitle(b), article.IsDateLine(b.text), looksLikeMarkup(b.text):
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
		edge := i < firstGood || i > lastGood
		switch {
		case edge && b.weight < 0 && !(i > lastGood && isCredit(b)),
			edge && isDatedLabel(b),
			isUnmarkedCaption(b), isLinkedPromo(b), isControlLabel(b):
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
	"relatednews", "relatedpost", "relatedarticle", "relatedstory", "relatedlinks", "relatedreading",
	"furtherreading", "morenews", "morefromthisauthor", "morefromtheauthor", "latestnews",
	"sharethis", "shareon", "shareonfacebook", "shareontwitter", "shareviaemail",
	// the same labels in other languages
	"leiatambém", "leiatambem", "vejatambém", "vejatambem", "leatambién", "leatambien",
	"lireaussi", "àlireaussi", "alireaussi", "lesensieauch", "auchinteressant", "leggianche",
	"bacajuga", "compartilhe", "compartir", "partager", "teilen",
}

func isCue(s string) bool {
	k := article.Fold(s)
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
		k := article.Fold(s)
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
		if words[u] > 80 || storyList(u, blocks, i) {
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
