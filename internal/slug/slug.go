// Package slug turns titles, tags and file names into the readable,
// deterministic path segments brief uses in URLs.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen bounds a slug's length in bytes so that a long headline still gives
// a usable URL and a legal file name on every file system.
const MaxLen = 80

// Make returns the slug of s: lower case, words joined by single hyphens,
// accents of Latin letters folded ("Zürich" → "zurich", "Việt" → "viet"),
// letters of other scripts kept whole with their marks ("дней", "で",
// "हिन्दी"), and punctuation inside words dropped so that "U.S." and "Xi's" stay
// one word. The result never contains a path separator, never starts or ends
// with a hyphen and is empty only when s holds no letter or digit. Names
// Windows reserves get an underscore (see legal).
func Make(s string) string {
	var b strings.Builder
	pendingHyphen := false
	// keepMarks is set after a letter of a script other than Latin: its
	// combining marks are part of the letter (the breve of й, the dakuten
	// of で, Devanagari vowel signs) and NFC puts them back together.
	keepMarks := false
	// Invalid bytes become separators first: left in, they stop the
	// normaliser from decomposing what follows, and the slug of a slug
	// would then differ.
	for _, r := range norm.NFKD.String(strings.ToValidUTF8(s, " ")) {
		switch {
		case unicode.IsMark(r):
			// Combining marks left by NFKD: dropped after a Latin letter,
			// which folds accents (é → e), kept after any other.
			if keepMarks {
				b.WriteRune(r)
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			keepMarks = unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r)
			b.WriteRune(unicode.ToLower(r))
		case isJoiner(r):
			keepMarks = false
			// Apostrophes and dots join: "U.S." → "us", "Xi’s" → "xis".
		default:
			pendingHyphen, keepMarks = true, false
		}
	}
	return legal(truncate(norm.NFC.String(b.String())))
}

// legal alters the names Windows reserves for devices (con, prn, aux, nul,
// com0–com9, lpt0–lpt9, in any case): a folder of that name cannot be
// created or copied there, and published sites are copied everywhere. An
// underscore is added (con → con_): it reads as the same word, and since
// Make never writes one otherwise, the result cannot be the slug of
// another name, so collisions stay what they were. Make's other rules
// already keep names legal: no trailing dot or space, no reserved
// punctuation, at most MaxLen bytes.
func legal(s string) string {
	if reserved(s) {
		return s + "_"
	}
	return s
}

func reserved(s string) bool {
	switch s {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(s) == 4 && (s[:3] == "com" || s[:3] == "lpt") && s[3] >= '0' && s[3] <= '9'
}

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '‘', '.', 'ʼ', '`':
		return true
	}
	return false
}

// truncate cuts at the last hyphen before MaxLen so that a slug never ends
// inside a word, or at a rune boundary when the words are too long.
func truncate(s string) string {
	if len(s) <= MaxLen {
		return s
	}
	cut := s[:MaxLen]
	if i := strings.LastIndexByte(cut, '-'); i > MaxLen/2 {
		return cut[:i]
	}
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return strings.TrimRight(cut, "-")
}

// Set detects collisions: two different things that would be published at
// the same slug. The zero value is ready to use.
type Set struct {
	owners map[string]string
}

// Claim records that owner wants slug. When another owner already holds it,
// Claim returns that owner and false; the slug stays with the first owner.
func (s *Set) Claim(slug, owner string) (string, bool) {
	if s.owners == nil {
		s.owners = make(map[string]string)
	}
	if prev, ok := s.owners[slug]; ok && prev != owner {
		return prev, false
	}
	s.owners[slug] = owner
	return "", true
}
