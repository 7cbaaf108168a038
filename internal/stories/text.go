package stories

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// rawToken is one word or number of a text, as the scanner reads it.
type rawToken struct {
	// text is lowercased, accents removed; numbers without separators. It
	// points into the scanner's buffer and is valid until the next token.
	text []byte
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

// scanner splits a text into words and numbers, one at a time, into
// buffers it reuses: tokenizing a site's bodies allocates nothing per
// word. A word is a run of letters and marks (so "Zieliński" and
// "Słubice" stay whole); apostrophes and hyphens split words, which keeps
// "Norrland Steel's" and "Norrland Steel" alike.
type scanner struct {
	s               string
	i               int
	initial, joined bool
	buf, nfd        []byte
}

// reset starts scanning s.
func (sc *scanner) reset(s string) {
	sc.s, sc.i, sc.initial, sc.joined = s, 0, true, false
}

// next reads the next token into t and reports whether there was one.
func (sc *scanner) next(t *rawToken) bool {
	s := sc.s
	for sc.i < len(s) {
		i := sc.i
		// ASCII letters, most of the text, are classed and lowercased
		// here; the rest goes through package unicode, as it always did.
		if c := s[i]; c < utf8.RuneSelf && asciiLetter(c) {
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && asciiLetter(s[j]) {
				j++
			}
			if j == len(s) || s[j] < utf8.RuneSelf {
				sc.buf = sc.buf[:0]
				for k := i; k < j; k++ {
					c := s[k]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					sc.buf = append(sc.buf, c)
				}
				*t = rawToken{text: sc.buf, capital: 'A' <= c && c <= 'Z', initial: sc.initial, joined: sc.joined}
				sc.initial, sc.joined, sc.i = false, true, j
				return true
			}
		}
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
			sc.buf = sc.buf[:0]
			for k := i; k < j; k++ {
				if c := s[k]; c != '.' && c != ',' {
					sc.buf = append(sc.buf, c)
				}
			}
			*t = rawToken{text: sc.buf, number: true, initial: sc.initial, joined: sc.joined}
			sc.initial, sc.joined, sc.i = false, true, j
			return true
		case unicode.IsLetter(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.IsMark(r2) {
					break
				}
				j += n2
			}
			sc.buf = sc.fold(sc.buf[:0], s[i:j])
			*t = rawToken{text: sc.buf, capital: unicode.IsUpper(r), initial: sc.initial, joined: sc.joined}
			sc.initial, sc.joined, sc.i = false, true, j
			return true
		default:
			switch r {
			case '.', '!', '?', ':', ';', '\n', '—', '–', '|', '•':
				sc.initial = true
			}
			if r != ' ' {
				sc.joined = false
			}
			sc.i += n
		}
	}
	return false
}

func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// fold appends w lowercased and without its accents to dst, as writers
// in other languages and careless ones often do ("Errazuriz" for
// "Errázuriz").
func (sc *scanner) fold(dst []byte, w string) []byte {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	sc.nfd = norm.NFD.AppendString(sc.nfd[:0], w)
	for k := 0; k < len(sc.nfd); {
		r, n := utf8.DecodeRune(sc.nfd[k:])
		k += n
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// Term kinds are prefixed so that they never collide with words.
const (
	numberPrefix = "#"
	namePrefix   = "@"
)

// table numbers the words, numbers and names one goroutine has seen, so
// that each is hashed, looked up among the stop words and stored once,
// and documents are lists of small numbers rather than of strings. Its
// numbers are its own: vectorise maps them to the site's.
//
// It is an open-addressing hash table keyed by wordHash, which shingles
// need anyway, so that a word is hashed once for both.
type table struct {
	langs *languages
	slots []int32 // term number + 1; 0: empty
	terms []tableTerm
	key   []byte // scratch for the keys of names
}

// tableTerm is one entry of a table.
type tableTerm struct {
	// text is the term as vectors name it: a word, a number as #1400, a
	// name as "@catalina errazuriz".
	text string
	// hash is wordHash of the token (of the digits, for a number), for
	// shingles; for a name, its place in the table.
	hash uint64
	// stop says which languages have it as a stop word (bit i:
	// languages.tags[i]).
	stop   uint8
	number bool
}

func newTable(langs *languages) *table {
	return &table{langs: langs, slots: make([]int32, 1024)}
}

// find returns the slot of the term with hash h whose text is prefix +
// text, or of the empty slot where it goes.
func (tb *table) find(h uint64, prefix string, text []byte) int {
	mask := uint64(len(tb.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := tb.slots[i]
		if s == 0 {
			return int(i)
		}
		t := &tb.terms[s-1]
		if t.hash == h && len(t.text) == len(prefix)+len(text) && t.text[:len(prefix)] == prefix && t.text[len(prefix):] == string(text) {
			return int(i)
		}
	}
}

// insert adds a term at the empty slot i and returns its number.
func (tb *table) insert(i int, t tableTerm) int32 {
	id := int32(len(tb.terms))
	tb.terms = append(tb.terms, t)
	tb.slots[i] = id + 1
	// At most half full, so that probes stay short.
	if 2*len(tb.terms) > len(tb.slots) {
		tb.slots = make([]int32, 2*len(tb.slots))
		mask := uint64(len(tb.slots) - 1)
		for k := range tb.terms {
			j := tb.terms[k].hash & mask
			for tb.slots[j] != 0 {
				j = (j + 1) & mask
			}
			tb.slots[j] = int32(k) + 1
		}
	}
	return id
}

// intern returns the number of a token, adding it when new.
func (tb *table) intern(t *rawToken) int32 {
	h := wordHash(t.text)
	prefix := ""
	if t.number {
		prefix = numberPrefix
	}
	i := tb.find(h, prefix, t.text)
	if s := tb.slots[i]; s != 0 {
		return s - 1
	}
	tt := tableTerm{text: prefix + string(t.text), hash: h, number: t.number}
	if !t.number {
		tt.stop = tb.langs.of[tt.text]
	}
	return tb.insert(i, tt)
}

// name returns the number of the name made of the words numbered a and b.
func (tb *table) name(a, b int32) int32 {
	tb.key = append(tb.key[:0], tb.terms[a].text...)
	tb.key = append(tb.key, ' ')
	tb.key = append(tb.key, tb.terms[b].text...)
	h := mix(uint64(a)<<32 | uint64(b))
	i := tb.find(h, namePrefix, tb.key)
	if s := tb.slots[i]; s != 0 {
		return s - 1
	}
	return tb.insert(i, tableTerm{text: namePrefix + string(tb.key), hash: h})
}

// token is one token of a document, by its number in a table.
type token struct {
	id                               int32
	number, capital, initial, joined bool
}

// tokenize appends the tokens of s to out, numbered in tb.
func (tb *table) tokenize(sc *scanner, s string, out []token) []token {
	var t rawToken
	sc.reset(s)
	for sc.next(&t) {
		out = append(out, token{id: tb.intern(&t), number: t.number, capital: t.capital, initial: t.initial, joined: t.joined})
	}
	return out
}

// length is the length in bytes of a token's text (without the prefix of
// a number).
func (tb *table) length(t token) int {
	if t.number {
		return len(tb.terms[t.id].text) - len(numberPrefix)
	}
	return len(tb.terms[t.id].text)
}

// counter counts the terms of one document at a time, by their numbers in
// a table, in a slice it reuses.
type counter struct {
	n       []float32 // by term number
	touched []int32   // the numbers counted, in order of first count
}

// add counts id with weight w.
func (c *counter) add(id int32, w float32) {
	if int(id) >= len(c.n) {
		c.n = append(c.n, make([]float32, int(id)+1-len(c.n)+len(c.n)/2)...)
	}
	if c.n[id] == 0 {
		c.touched = append(c.touched, id)
	}
	c.n[id] += w
}

// take returns the counts and clears the counter.
func (c *counter) take() []termCount {
	out := make([]termCount, len(c.touched))
	for i, id := range c.touched {
		out[i] = termCount{term: id, w: c.n[id]}
		c.n[id] = 0
	}
	c.touched = c.touched[:0]
	return out
}

// termCounts counts the terms of toks with weight w: every word of two
// letters or more that is not a stop word of the language stop (a bit of
// tableTerm.stop; 0: none), every number of two digits or more (#1400),
// and every pair of adjacent capitalised words that are not sentence
// starts alone (@catalina errazuriz). Names count twice, once as words and
// once as a pair: a full name is a much stronger sign of one event than
// either of its words.
func (tb *table) termCounts(toks []token, stop uint8, w float32, c *counter) {
	for i, t := range toks {
		switch {
		case t.number:
			if tb.length(t) >= 2 {
				c.add(t.id, w)
			}
			continue
		case tb.length(t) < 2 || tb.terms[t.id].stop&stop != 0:
			continue
		}
		c.add(t.id, w)
		if i > 0 && t.capital && t.joined {
			p := toks[i-1]
			if p.capital && !p.number && tb.terms[p.id].stop&stop == 0 && tb.length(p) >= 2 {
				c.add(tb.name(p.id, t.id), w)
			}
		}
	}
}
