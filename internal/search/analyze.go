package search

import (
	"strings"
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

// analyzer splits text into tokens for one language. It is not safe for
// concurrent use; it memoises stems, which repeat across a site.
type analyzer struct {
	st    stemmer
	ok    bool
	stems map[string]string
	stop  map[string]bool
}

func newAnalyzer(lang string) *analyzer {
	st, ok := stemmerFor(lang)
	return &analyzer{st: st, ok: ok, stems: map[string]string{}, stop: map[string]bool{}}
}

// each calls fn for every token of text, in order. Words are runs of
// letters and digits (an apostrophe inside a word keeps it whole, so
// English "China's" stems to "china"); stop words of the language are
// skipped. Runs of CJK characters, which are written without spaces,
// become overlapping character pairs (a lone character stays one), so
// that any substring of two or more characters is found.
func (a *analyzer) each(text string, fn func(token)) {
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
					pair := string(prev) + string(c)
					fn(token{pair, pair})
				}
				prev, prevAt = c, j
				j += cs
				n++
			}
			if n == 1 {
				one := string(prev)
				fn(token{one, one})
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
			a.word(text[i:j], fn)
			i = j
		default:
			i += size
		}
	}
}

// word files one word.
func (a *analyzer) word(w string, fn func(token)) {
	if len(w) > maxWord {
		return
	}
	lower := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	if a.ok && a.stop[lower] {
		return
	}
	term, seen := a.stems[lower]
	if !seen {
		term = lower
		if a.ok {
			if a.st.stop(lower) {
				a.stop[lower] = true
				return
			}
			term = a.st.stem(lower, true)
		}
		term = Fold(term)
		a.stems[lower] = term
	}
	form := Fold(lower)
	if form == "" || term == "" {
		return
	}
	fn(token{form, term})
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
