package article

import (
	"strings"
	"unicode"
)

// TitleSeparators split a page's <title> into the article's title and the
// site's name or a section trail ("Title | Site", "News » Title"), most
// telling first: a title holding several is split at the first of this
// list that it holds.
// The full-width bar of Chinese and Japanese titles is a separator with or
// without spaces around it; the underscore only between spaces.
var TitleSeparators = []string{" | ", "｜", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " / ", " » ", " › ", " > ", " _ ", " : "}

// titleSeparatorRunes are the characters of TitleSeparators.
const titleSeparatorRunes = "|｜–—-:·•/»›>_"

// IsTitleSeparator reports a character that separates the parts of a
// title, as in TitleSeparators, when it stands next to one of them.
func IsTitleSeparator(r rune) bool { return strings.ContainsRune(titleSeparatorRunes, r) }

// SameStory reports whether heading tells the same story as one of the
// titles: at least two of its content words, or half of them, occur in
// that title. A masthead ("Kabar tentang Dunia Islam") or a sidebar story
// that shares a word or two of the lesser kind with the title does not.
func SameStory(heading string, titles ...string) bool {
	words := contentWords(heading)
	if len(words) == 0 {
		return false
	}
	for _, t := range titles {
		have := map[string]bool{}
		for _, w := range contentWords(t) {
			have[w] = true
		}
		n := 0
		for _, w := range words {
			if have[w] {
				n++
			}
		}
		if n >= 2 || n > 0 && 2*n >= len(words) {
			return true
		}
	}
	return false
}

// contentWords are the folded words of s that carry meaning: four letters
// or more, or two in scripts without case (Hangul, Han, kana), where words
// are short; a possessive "'s" is dropped so that "Swift's" is "swift".
func contentWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
	}) {
		f = strings.ToLower(strings.Trim(f, "'’-"))
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
		n, caseless := 0, false
		for _, r := range f {
			n++
			if unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r) {
				caseless = true
			}
		}
		if n >= 4 || caseless && n >= 2 {
			out = append(out, Fold(f))
		}
	}
	return out
}
