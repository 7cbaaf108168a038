// Package topics holds the match rules of site.yaml's topics and tests
// articles against them. The build files an article under the topics its
// editor listed plus those whose rules select its title, tags or body,
// minus those it excludes; rules are evaluated at every build, never
// stored in the article, so a topic added today gathers articles imported
// last year and a narrowed rule lets go of the ones it no longer selects.
package topics

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Rules are the match rules of one topic. Phrases are matched whole-word and
// case-insensitively, so "AI" does not match "said" and "Taiwan Strait"
// matches "the taiwan strait's". An article matches when it contains at least
// one Any phrase (if Any is set), every All phrase, and no None phrase: an
// exclusion always wins.
type Rules struct {
	Any  []string `yaml:"any"`
	All  []string `yaml:"all"`
	None []string `yaml:"none"`
	// In restricts where phrases are looked for: any of "title", "tags",
	// "body". Empty means all three.
	In []string `yaml:"in"`
}

// Fields an article offers to the rules.
const (
	FieldTitle = "title"
	FieldTags  = "tags"
	FieldBody  = "body"
)

// IsZero reports whether the rules match nothing: a topic without rules
// gathers only the articles that name it.
func (r Rules) IsZero() bool { return len(r.Any) == 0 && len(r.All) == 0 }

// Check reports rules that can never do what the editor meant.
func (r Rules) Check() error {
	var errs []error
	for _, f := range r.In {
		if f != FieldTitle && f != FieldTags && f != FieldBody {
			errs = append(errs, fmt.Errorf("match.in: %q is not one of title, tags, body", f))
		}
	}
	for _, list := range [][]string{r.Any, r.All, r.None} {
		for _, p := range list {
			if len(tokenize(p)) == 0 {
				errs = append(errs, fmt.Errorf("match phrase %q has no letters or digits", p))
			}
		}
	}
	if len(r.None) > 0 && r.IsZero() {
		errs = append(errs, errors.New("match has only `none` phrases; add `any` or `all` phrases for it to match anything"))
	}
	return errors.Join(errs...)
}

// Doc is what the rules look at in an article.
type Doc struct {
	Title string
	Tags  []string
	Body  string
}

// Index is a Doc tokenized once, so that many topics can be tested against
// it cheaply.
type Index struct {
	fields map[string]*tokens
}

// tokens is a field's words with, for each distinct word, a chain of the
// positions it occurs at: first[w] is its first position and next[i] the
// position after i holding the same word, or -1. One map entry per distinct
// word, rather than a slice per word, keeps indexing a long body to a few
// allocations.
type tokens struct {
	words []string
	first map[string]int32
	next  []int32
}

// NewIndex tokenizes d.
func NewIndex(d Doc) *Index {
	return &Index{fields: map[string]*tokens{
		FieldTitle: newTokens(d.Title),
		// The break token between tags keeps a phrase from spanning two of
		// them: tags "South" and "China Sea" do not make "south china".
		FieldTags: newTokens(strings.Join(d.Tags, " \u2029 ")),
		FieldBody: newTokens(d.Body),
	}}
}

func newTokens(s string) *tokens {
	words := tokenizeKeepBreaks(s)
	t := &tokens{words: words, first: make(map[string]int32, len(words)/3+1), next: make([]int32, len(words))}
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if p, ok := t.first[w]; ok {
			t.next[i] = p
		} else {
			t.next[i] = -1
		}
		t.first[w] = int32(i)
	}
	return t
}

// Match reports whether the rules select the document.
func (r Rules) Match(ix *Index) bool {
	if r.IsZero() {
		return false
	}
	fields := r.In
	if len(fields) == 0 {
		fields = []string{FieldTitle, FieldTags, FieldBody}
	}
	has := func(phrase string) bool {
		p := tokenize(phrase)
		for _, f := range fields {
			if t := ix.fields[f]; t != nil && t.contains(p) {
				return true
			}
		}
		return false
	}
	for _, p := range r.None {
		if has(p) {
			return false
		}
	}
	for _, p := range r.All {
		if !has(p) {
			return false
		}
	}
	if len(r.Any) == 0 {
		return true
	}
	for _, p := range r.Any {
		if has(p) {
			return true
		}
	}
	return false
}

func (t *tokens) contains(phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	start, ok := t.first[phrase[0]]
	for ; ok && start >= 0; start = t.next[start] {
		if int(start)+len(phrase) > len(t.words) {
			break
		}
		ok := true
		for k := 1; k < len(phrase); k++ {
			if t.words[int(start)+k] != phrase[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// breakToken stands between tags so that no phrase spans two of them.
const breakToken = "\u2029"

func tokenize(s string) []string {
	var out []string
	for _, w := range tokenizeKeepBreaks(s) {
		if w != breakToken {
			out = append(out, w)
		}
	}
	return out
}

// tokenizeKeepBreaks splits s into lower-case words, folding accents. Dots
// inside a word join it ("U.S." → "us"); apostrophes split, so that "China"
// matches "China's". Text and phrases go through the same function, so both
// sides always agree.
//
// It does what lowering the NFKD form of s rune by rune would, without
// building that form: ASCII, nearly all of an English body, takes a byte
// fast path, and other runes are decomposed one at a time from the
// normalization tables. (NFKD's reordering of combining marks does not
// matter here, since marks are dropped.) The words are substrings of one
// buffer, so a body costs two allocations, not one per word.
func tokenizeKeepBreaks(s string) []string {
	var t tokenizer
	t.buf = make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			t.ascii(c)
			i++
			continue
		}
		p := norm.NFKD.PropertiesString(s[i:])
		n := p.Size()
		if n == 0 { // invalid UTF-8: a separator, as the rune loop saw it
			t.flush()
			i++
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		switch d := p.Decomposition(); {
		case d != nil:
			for _, r := range string(d) {
				t.rune(r)
			}
		case r >= 0xAC00 && r <= 0xD7A3:
			// Hangul syllables decompose by formula, not from the table.
			for _, r := range norm.NFKD.String(string(r)) {
				t.rune(r)
			}
		default:
			t.rune(r)
		}
		i += n
	}
	t.flush()
	text := string(t.buf)
	out := make([]string, len(t.bounds))
	for k, b := range t.bounds {
		if b[0] < 0 {
			out[k] = breakToken
			continue
		}
		out[k] = text[b[0]:b[1]]
	}
	return out
}

// tokenizer accumulates words into one buffer; bounds holds each word's
// start and end in it, or {-1, -1} for a break token.
type tokenizer struct {
	buf    []byte
	start  int
	bounds [][2]int
}

func (t *tokenizer) flush() {
	if len(t.buf) > t.start {
		t.bounds = append(t.bounds, [2]int{t.start, len(t.buf)})
		t.start = len(t.buf)
	}
}

func (t *tokenizer) ascii(c byte) {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		t.buf = append(t.buf, c)
	case c >= 'A' && c <= 'Z':
		t.buf = append(t.buf, c+'a'-'A')
	case c == '.':
	default:
		t.flush()
	}
}

func (t *tokenizer) rune(r rune) {
	switch {
	case r < utf8.RuneSelf:
		t.ascii(byte(r))
	case unicode.Is(unicode.Mn, r):
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		t.buf = utf8.AppendRune(t.buf, unicode.ToLower(r))
	case r == '\u2029':
		t.flush()
		t.bounds = append(t.bounds, [2]int{-1, -1})
	default:
		t.flush()
	}
}
