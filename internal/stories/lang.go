package stories

import (
	"math/bits"
	"strings"
)

// The languages whose stop words are known. A document in one of them is
// tokenized without its language's stop words; a document in any other
// language keeps every word, and joins a story in another language only
// on the terms they share (see Options.CrossLanguage).
//
// Cross-language matching needs no translation: names of people, places
// and companies, and numbers, are written the same way in English,
// Spanish, German, French, Italian, Portuguese and Dutch news, and a term
// seen in documents of two languages is such a term (see crossTerms in
// vector.go). Scripts that write names differently (Cyrillic, Chinese,
// Arabic) share only numbers with Latin-script text, which is rarely
// enough: they group within their language.
var stopLists = []struct {
	tag   string
	words string
}{
	{"en", "a about after again against all also am an and any are as at be because been before being between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own said same says she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours"},
	{"es", "a al algo ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era es esa ese eso esta este esto fue ha han hasta hay la las le les lo los mas me mientras muy ni no nos o para pero por porque que se ser si sin sobre son su sus también tiene un una uno unos y ya dijo según"},
	{"de", "aber als am an auch auf aus bei bin bis da dann das dass dem den der des die dies diese dieser doch durch ein eine einem einen einer eines er es für hat hatte ich ihr im in ist ja kann mit nach nicht noch nur oder sich sie sind so über um und uns von vor war wie wird wir wurde zu zum zur sagte"},
	{"fr", "au aux avec ce ces dans de des du elle en est et il ils je la le les leur lui ma mais me même mes mon ne nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous été être a ont sont était selon"},
	{"it", "a ai al alla alle anche che chi con da dal dalla dei del della delle di e gli ha hanno i il in la le lo ma nei nel nella non o per più si sono su sua suo tra un una uno è ha detto"},
	{"pt", "a ao aos as com como da das de do dos e ela ele em entre era foi há isso mais mas na nas no nos o os ou para pela pelo por que se sem ser seu sua são também um uma disse"},
	{"nl", "aan al bij dat de die dit door een en er had heeft het hij in is ja je kan maar met naar niet nog of om ook op over te tot uit van voor was wat werd wij zal ze zei zijn"},
}

// languages holds the stop words of each known language, by tag.
type languages struct {
	tags []string
	// of maps a stop word to the languages it is one in (bit i: tags[i]),
	// so that guessing looks each word up once.
	of map[string]uint8
}

func newLanguages() *languages {
	l := &languages{of: map[string]uint8{}}
	for i, s := range stopLists {
		for _, w := range strings.Fields(s.words) {
			l.of[w] |= 1 << i
		}
		l.tags = append(l.tags, s.tag)
	}
	return l
}

// index returns the position of a language tag's primary subtag among the
// known languages, or -1.
func (l *languages) index(tag string) int {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	for i, t := range l.tags {
		if t == primary {
			return i
		}
	}
	return -1
}

// guess returns the known language whose stop words are most of the
// first words given (already lowercased), or -1 when fewer than one word
// in ten is a stop word of any: stop words make up a third to a half of
// running text in these languages, so a lower share is another language.
func (l *languages) guess(words []string) int {
	stops := make([]uint8, len(words))
	for i, w := range words {
		stops[i] = l.of[w]
	}
	return l.guessStops(stops)
}

// guessStops is guess on the words' stop-word bits (languages.of).
func (l *languages) guessStops(stops []uint8) int {
	if len(stops) > 400 {
		stops = stops[:400]
	}
	var n [8]int
	for _, m := range stops {
		for ; m != 0; m &= m - 1 {
			n[bits.TrailingZeros8(m)]++
		}
	}
	best, bestN := -1, 0
	for i := range l.tags {
		if n[i] > bestN {
			best, bestN = i, n[i]
		}
	}
	if bestN*10 < len(stops) {
		return -1
	}
	return best
}
