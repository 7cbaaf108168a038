package article

import "strings"

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
