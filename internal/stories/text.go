package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word or number of a text.
type token struct {
	text string // lowercased, accents removed; numbers without separators
	// number says the token is digits (1,400 and 2.1 become 1400 and 21,
	// so that 2,1 in German text is the same number).
	number bool
	// capital says the word began with a capital letter; initial, that it
	// began a sentence (or the text), where a capital says nothing.
	capital, initial bool
	// joined says only one space separates it from the token before, so a
	// name may run on over it.
	joined bool
}

// tokenize splits s into words and numbers. A word is a run of letters and
// marks (so "Zieliński" and "Słubice" stay whole); apostrophes and hyphens
// split words, which keeps "Norrland Steel's" and "Norrland Steel" alike.
func tokenize(s string, out []token) []token {
	initial, joined := true, false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsDigit(r):
			j := i + n
			for j < len(s) {
				c := s[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == '.' || c == ',') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			digits := strings.Map(func(r rune) rune {
				if r == '.' || r == ',' {
					return -1
				}
				return r
			}, s[i:j])
			out = append(out, token{text: digits, number: true, initial: initial, joined: joined})
			initial, joined, i = false, true, j
		case unicode.IsLetter(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.IsMark(r2) {
					break
				}
				j += n2
			}
			out = append(out, token{text: fold(s[i:j]), capital: unicode.IsUpper(r), initial: initial, joined: joined})
			initial, joined, i = false, true, j
		default:
			switch r {
			case '.', '!', '?', ':', ';', '\n', '—', '–', '|', '•':
				initial = true
			}
			if r != ' ' {
				joined = false
			}
			i += n
		}
	}
	return out
}

// fold lowercases w and removes its accents, as writers in other languages
// and careless ones often do ("Errazuriz" for "Errázuriz").
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Term kinds are prefixed so that they never collide with words.
const (
	numberPrefix = "#"
	namePrefix   = "@"
)

// termCounts adds the terms of toks to counts with weight w: every word of
// two letters or more that is not a stop word (stop may be nil), every
// number of two digits or more (#1400), and every pair of adjacent
// capitalised words that are not sentence starts alone (@catalina
// errazuriz). Names count twice, once as words and once as a pair: a full
// name is a much stronger sign of one event than either of its words.
func termCounts(toks []token, stop map[string]bool, w float32, counts map[string]float32) {
	for i, t := range toks {
		switch {
		case t.number:
			if len(t.text) >= 2 {
				counts[numberPrefix+t.text] += w
			}
			continue
		case len(t.text) < 2 || stop[t.text]:
			continue
		}
		counts[t.text] += w
		if i > 0 && t.capital && t.joined {
			p := toks[i-1]
			if p.capital && !p.number && !stop[p.text] && len(p.text) >= 2 {
				counts[namePrefix+p.text+" "+t.text] += w
			}
		}
	}
}
