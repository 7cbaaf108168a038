package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
	"golang.org/x/text/unicode/norm"
)

// stemmer holds what the index needs of one language's Snowball stemmer.
type stemmer struct {
	stem func(word string, stemStopWords bool) string
	stop func(word string) bool
}

// stemmers are the languages github.com/kljensen/snowball stems, by the
// BCP 47 primary tag langdetect gives. Norwegian Bokmål and Nynorsk share
// one stemmer.
var stemmers = map[string]stemmer{
	"en": {english.Stem, english.IsStopWord},
	"fr": {french.Stem, french.IsStopWord},
	"es": {spanish.Stem, spanish.IsStopWord},
	"ru": {russian.Stem, russian.IsStopWord},
	"sv": {swedish.Stem, swedish.IsStopWord},
	"no": {norwegian.Stem, norwegian.IsStopWord},
	"nb": {norwegian.Stem, norwegian.IsStopWord},
	"nn": {norwegian.Stem, norwegian.IsStopWord},
	"hu": {hungarian.Stem, hungarian.IsStopWord},
}

// stemmerFor returns the stemmer of a language tag ("en-GB" uses "en"),
// and false for a language without one: its words are indexed as written.
func stemmerFor(tag string) (stemmer, bool) {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	s, ok := stemmers[base]
	return s, ok
}

// token is one indexed unit of text: a word's folded surface form (what
// a reader types, lower case without accents) and the term it is filed
// under (its stem, or the form itself).
type token struct {
	form string
	term string
}

// maxWord bounds the bytes of one indexed word: longer runs (hashes,
// base64, URLs without punctuation) are no one's query.
const maxWord = 40

// analyzer splits text into tokens for one language and counts them. It
// is not safe for concurrent use. It memoises what each word as written
// becomes (a site's vocabulary is small next to its word count, so most
// words are looked up, not stemmed) and numbers the forms and terms it
// has seen, so that counting a document's terms needs no map of its own.
type analyzer struct {
	st      stemmer
	ok      bool
	lex     *lexicon
	words   map[string]int32 // word as written, or CJK unit -> pair id; -1: not indexed; ≤ -2: stop word -2-v
	pairs   []pair
	lowers  map[string]int32 // word in lower case -> as words
	termIDs map[string]int32
	terms   []string
	// stops are the stop words met, folded, by number (-2-v above).
	stops   []string
	stopIDs map[string]int32

	// One document's counts (analyse), by term and pair id, and the ids
	// it touched, to clear them after.
	weight       []uint32
	seen         []bool
	touchedTerms []int32
	touchedPairs []int32
	stopSeen     []bool
	touchedStops []int32
}

// pair is a folded form and the term it is filed under.
type pair struct {
	form, term string
	termID     int32
}

// lexicon is what the words of one language became (a form and term,
// or nothing), by the word in lower case, shared by the analyzers of one
// Build, so that each word is stemmed once however it is capitalised
// and however many workers meet it. Safe for concurrent use.
type lexicon struct {
	mu    sync.RWMutex
	words map[string]lexeme
}

type lexeme struct {
	form, term string
	skip       bool // a stop word, or nothing left after folding
	stop       bool // a stop word (form is it, folded)
}

func newLexicon() *lexicon { return &lexicon{words: map[string]lexeme{}} }

// newAnalyzer returns an analyzer of language lang that shares lex (nil:
// a lexicon of its own).
func newAnalyzer(lang string, lex *lexicon) *analyzer {
	st, ok := stemmerFor(lang)
	if lex == nil {
		lex = newLexicon()
	}
	return &analyzer{st: st, ok: ok, lex: lex, words: map[string]int32{}, lowers: map[string]int32{}, termIDs: map[string]int32{}, stopIDs: map[string]int32{}}
}

// each calls fn for every token of text, in order (see scan).
func (a *analyzer) each(text string, fn func(token)) {
	a.scan(text, func(p int32) { fn(token{a.pairs[p].form, a.pairs[p].term}) }, nil)
}

// scan calls fn with the pair id of every token of text, in order. Words
// are runs of letters and digits (an apostrophe inside a word keeps it
// whole, so English "China's" stems to "china"); stop words of the
// language are skipped (and given to stop, when set, by number), but
// for acronyms written in capitals: "US", "WHO" and "IT" are names, not
// "us", "who" and "it". Runs of CJK characters, which are written
// without spaces, become overlapping character pairs (a lone character
// stays one), so that any substring of two or more characters is found.
func (a *analyzer) scan(text string, fn func(int32), stop func(int32)) {
	var buf [2 * utf8.UTFMax]byte
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isCJK(r):
			j := i
			var prev rune
			prevAt, n := -1, 0
			for j < len(text) {
				c, cs := utf8.DecodeRuneInString(text[j:])
				if !isCJK(c) {
					break
				}
				if prevAt >= 0 {
					k := utf8.EncodeRune(buf[:], prev)
					k += utf8.EncodeRune(buf[k:], c)
					fn(a.unit(buf[:k]))
				}
				prev, prevAt = c, j
				j += cs
				n++
			}
			if n == 1 {
				fn(a.unit(buf[:utf8.EncodeRune(buf[:], prev)]))
			}
			i = j
		case isWordRune(r):
			j := i + size
			for j < len(text) {
				c, cs := utf8.DecodeRuneInString(text[j:])
				if isWordRune(c) && !isCJK(c) {
					j += cs
					continue
				}
				// An apostrophe between letters stays in the word.
				if c == '\'' || c == '’' {
					if n, ns := utf8.DecodeRuneInString(text[j+cs:]); j+cs < len(text) && isWordRune(n) && !isCJK(n) {
						j += cs + ns
						continue
					}
				}
				break
			}
			// A name of short runs of letters joined by "&" or dots
			// (AT&T, U.S., e.g.) is one word: its parts alone are no
			// one's query.
			if k := joined(text, i, j); k > j {
				if w := text[i:k]; len(w) <= maxWord {
					if p := a.name(w); p >= 0 {
						fn(p)
					}
				}
				i = k
				if k < len(text) && text[k] == '.' {
					i++
				}
				continue
			}
			if w := text[i:j]; len(w) <= maxWord {
				p, seen := a.words[w]
				if !seen {
					// A copy, so that the memo does not keep the whole
					// text alive.
					w = strings.Clone(w)
					p = a.learn(w)
					a.words[w] = p
				}
				if p >= 0 {
					fn(p)
				} else if p <= -2 && stop != nil {
					stop(-2 - p)
				}
			}
			i = j
		default:
			i += size
		}
	}
}

// joinedPart is the longest run of letters a part of a joined name
// (joined) may be.
const joinedPart = 3

// joined returns the end of the name of short runs of letters joined by
// "&" or "." that starts at i, whose first run ends at j ("AT&T",
// "U.S": a final dot is not part of it), or j when there is none: every
// run must be one to joinedPart letters (not CJK, not digits), each
// separator one character followed by a letter, and there must be two
// runs or more. The search script (search.js, tokens) reads a query by
// the same rule.
func joined(text string, i, j int) int {
	if !shortRun(text[i:j]) {
		return j
	}
	end := j
	for end < len(text) && (text[end] == '&' || text[end] == '.') {
		k := end + 1
		for k < len(text) {
			c, cs := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsLetter(c) || isCJK(c) {
				break
			}
			k += cs
		}
		if k == end+1 {
			break
		}
		if !shortRun(text[end+1 : k]) {
			// "U.Sabc" or "www.example": not a joined name at all.
			return j
		}
		end = k
	}
	// A run of letters that goes on past the name ("AT&T2") is not one.
	if end < len(text) {
		if c, _ := utf8.DecodeRuneInString(text[end:]); isWordRune(c) {
			return j
		}
	}
	return end
}

// shortRun reports whether s is one to joinedPart letters, none CJK.
func shortRun(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) || isCJK(r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= joinedPart
}

// name is the pair id of a joined name (see joined): its folded form as
// written, filed under the form without its dots, so that "U.S." and
// "US" are one term; it is neither stemmed nor a stop word.
func (a *analyzer) name(w string) int32 {
	if p, ok := a.words[w]; ok {
		return p
	}
	w = strings.Clone(w)
	form := Fold(w)
	p := int32(-1)
	if form != "" {
		p = a.pairID(form, strings.ReplaceAll(form, ".", ""))
	}
	a.words[w] = p
	return p
}

// unit is the pair id of a CJK character or character pair, indexed as
// written.
func (a *analyzer) unit(b []byte) int32 {
	if p, ok := a.words[string(b)]; ok {
		return p
	}
	u := string(b)
	p := a.pairID(u, u)
	a.words[u] = p
	return p
}

// learn works out what word w is indexed as: its pair id, -1, or a
// stop word's number (-2-v).
func (a *analyzer) learn(w string) int32 {
	lower := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	if a.ok && acronym(w) && a.st.stop(lower) {
		return a.pairID(Fold(lower), Fold(a.st.stem(lower, true)))
	}
	if p, ok := a.lowers[lower]; ok {
		return p
	}
	a.lex.mu.RLock()
	x, ok := a.lex.words[lower]
	a.lex.mu.RUnlock()
	if !ok {
		x = a.lexeme(lower)
		a.lex.mu.Lock()
		a.lex.words[lower] = x
		a.lex.mu.Unlock()
	}
	p := int32(-1)
	switch {
	case x.stop:
		id, ok := a.stopIDs[x.form]
		if !ok {
			id = int32(len(a.stops))
			a.stops = append(a.stops, x.form)
			a.stopIDs[x.form] = id
			a.stopSeen = append(a.stopSeen, false)
		}
		p = -2 - id
	case !x.skip:
		p = a.pairID(x.form, x.term)
	}
	a.lowers[lower] = p
	return p
}

// acronym reports whether w is two or more letters, all capitals.
func acronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// lexeme stems and folds a word in lower case.
func (a *analyzer) lexeme(lower string) lexeme {
	term := lower
	if a.ok {
		if a.st.stop(lower) {
			f := Fold(lower)
			return lexeme{form: f, skip: true, stop: f != ""}
		}
		term = a.st.stem(lower, true)
	}
	x := lexeme{form: Fold(lower), term: Fold(term)}
	x.skip = x.form == "" || x.term == ""
	return x
}

// pairID numbers a form and term, and the term the first time it is
// seen. Two words that fold alike ("café", "cafe") get two numbers for
// one pair, which a document then lists twice: Build merges forms as sets.
func (a *analyzer) pairID(form, term string) int32 {
	t, ok := a.termIDs[term]
	if !ok {
		t = int32(len(a.terms))
		a.terms = append(a.terms, term)
		a.termIDs[term] = t
		a.weight = append(a.weight, 0)
	}
	p := int32(len(a.pairs))
	a.pairs = append(a.pairs, pair{form, term, t})
	a.seen = append(a.seen, false)
	return p
}

// Fold is how a word is compared with what a reader types: lower case,
// combining accents (U+0300–U+036F, after decomposition) and apostrophes
// dropped ("Zürich" and "zurich", "China's" and "chinas" are one). The search script folds the
// query the same way.
func Fold(w string) string {
	if strings.IndexFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) < 0 {
		if strings.IndexByte(w, '\'') < 0 && strings.ToLower(w) == w {
			return w
		}
		return strings.ToLower(strings.ReplaceAll(w, "'", ""))
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if r >= 0x300 && r <= 0x36f || r == '\'' || r == '’' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isCJK reports whether r belongs to a script written without spaces
// between words: Han, Hiragana, Katakana, Hangul.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}
