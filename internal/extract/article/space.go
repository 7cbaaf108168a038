package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsSpace reports the characters that separate words: Unicode white
// space, which scraped text uses interchangeably with the ASCII space
// (no-break and thin spaces, the ideographic space).
func IsSpace(r rune) bool { return unicode.IsSpace(r) }

// isInvisible reports the characters that only break words apart or mark
// the encoding (soft hyphen, zero-width space, word joiner, byte order
// mark), and control characters other than white space: a reader never
// sees them, and they would split or hide words.
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsControl(r) && !IsSpace(r)
}

// CollapseSpace folds runs of white space into one space and trims, the
// way HTML renders normal text, and drops invisible and control
// characters.
func CollapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case IsSpace(r):
			space = b.Len() > 0
			continue
		case isInvisible(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// StripInvisible drops invisible and control characters, keeping white
// space as it is (for code, where spacing matters).
func StripInvisible(s string) string {
	if strings.IndexFunc(s, isInvisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isInvisible(r) {
			return -1
		}
		return r
	}, s)
}

// MaxInvalidUTF8 is the share of invalid bytes above which text that should
// be UTF-8 is refused rather than patched with U+FFFD: at that point it is
// binary data or in some other charset, and its text would be noise.
const MaxInvalidUTF8 = 0.05

// InvalidUTF8Share is the share of b's characters that are invalid UTF-8
// bytes, from 0 to 1.
func InvalidUTF8Share(b []byte) float64 {
	bad, n := 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		n++
		b = b[size:]
	}
	if n == 0 {
		return 0
	}
	return float64(bad) / float64(n)
}
