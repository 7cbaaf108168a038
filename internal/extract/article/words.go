package article

import (
	"strings"
	"unicode"
)

// IsWordRune reports the characters words are made of: letters, digits,
// combining marks (which belong to the letter before them) and connector
// punctuation such as "_".
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Pc)
}

// isDense reports the scripts written without spaces between words.
func isDense(r rune) bool {
	// No rune below U+0E00 is in these scripts; most text is below it.
	return r >= 0x0e00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// WordCount is the one measure of text length both extractors weigh text
// by: runs of word runes, except that scripts written without spaces
// (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) count one word for every
// two characters, rounded up, about the length of their words, so that
// their prose weighs like prose.
func WordCount(s string) int {
	words, dense, in := 0, 0, false
	for _, r := range s {
		if r < 0x80 { // most text, without the Unicode tables
			w := 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9' || r == '_'
			if w && !in {
				words++
			}
			in = w
			continue
		}
		switch {
		case unicode.In(r, unicode.Mn, unicode.Mc):
			// A mark belongs to the character before it.
		case isDense(r):
			dense++
			in = false
		case IsWordRune(r):
			if !in {
				words++
			}
			in = true
		default:
			in = false
		}
	}
	return words + (dense+1)/2
}

// Words splits s into its runs of word runes.
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !IsWordRune(r) })
}

// Fold keeps the letters and digits of s, lower-cased, for comparisons
// that ignore case, spacing and punctuation: two texts with the same Fold
// say the same words.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
