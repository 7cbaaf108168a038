package content

import "regexp"

// The values brief import writes in `date_from`: where a date came from
// when it is not the page's date of publication. An editor may write
// other text; it is shown to nobody but them.
const (
	// DateFromUpdated: the page gave only when it was last changed.
	DateFromUpdated = "updated"
	// DateFromViewStamp: the only date was the stamp of when the page was
	// viewed or saved (a dump's "View Date:"), not its publication.
	DateFromViewStamp = "page view stamp"
	// DateFromCapture: the page gave no date; the article is dated with
	// when a web archive captured it (WARC, SingleFile, ArchiveBox).
	DateFromCapture = "capture date"
	// DateFromImport: the page gave no date; the article is dated with
	// the time of its import and imported as a draft.
	DateFromImport = "import time"
)

// languageTag is the shape of a BCP 47 tag, which <html lang> needs; it
// does not check the registry.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// LanguageTag reports whether s has the shape of a language tag.
func LanguageTag(s string) bool { return languageTag.MatchString(s) }
