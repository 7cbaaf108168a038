// Package article holds what brief's extractors share: the article they
// return, the options they take, the errors they give, the store of
// cross-page boilerplate, and the text rules both must apply alike (what a
// word is, what ends a sentence, what a date line and a title separator
// are, how text is escaped for Markdown, how links are cleaned).
//
// Each kind of input has its own extractor package (htmlpage, textdump)
// built on this one; package extract runs them over a batch of inputs.
package article

import (
	"errors"
	"fmt"
	"time"
)

// ErrNoArticle reports a page that holds no article: an index page, an error
// page, a binary file. Callers skip such inputs with the reason.
var ErrNoArticle = errors.New("no article found")

// ErrTooLarge reports a page over the size limit, before or after
// gunzipping. Reading stops at the limit, so that a small gzip bomb cannot
// exhaust memory.
var ErrTooLarge = errors.New("page too large")

// DefaultMaxBytes is the largest page the extractors read, after gunzipping,
// when Options.MaxBytes is zero. News pages weigh well under 5 MiB even with
// inline styles and scripts; past 16 MiB a "page" is a dump, a bomb or a
// mistake, and parsing it would cost seconds and hundreds of MiB.
const DefaultMaxBytes = 16 << 20

// Article is what extraction found in one page.
type Article struct {
	Title       string    // without site suffix or breadcrumb
	Authors     []string  // people, not the publisher
	Source      string    // the publisher or site name
	SourceURL   string    // canonical URL of the original article
	Published   time.Time // zero when unknown
	Updated     time.Time // zero when unknown
	DateSource  string    // "" for a date of publication; see DateViewStamp
	Tags        []string
	Description string
	Image       string // absolute URL of the lead image
	Language    string
	// Markdown is the body: paragraphs, headings, lists, quotes, tables and
	// images in order, links absolute and free of tracking parameters.
	Markdown string
	// Text is the body as plain text: paragraphs separated by blank lines,
	// no Markdown syntax.
	Text string
	// Embedded are the pictures the page carries inside itself, as data:
	// URLs (SingleFile saves every image so), decoded but unchecked: the
	// Markdown refers to Embedded[i] as the image address EmbeddedScheme
	// followed by i ("embedded:0"), which whoever publishes the article
	// must replace (brief import stores the checked image) or drop.
	Embedded [][]byte
}

// EmbeddedScheme opens the Markdown address of an image in
// Article.Embedded: not a scheme any browser loads.
const EmbeddedScheme = "embedded:"

// Options tune one extraction.
type Options struct {
	// URL is where the page came from, when known; relative links are
	// resolved against it (or against the page's own canonical URL).
	URL string
	// Location reads dates that carry no offset; nil means UTC.
	Location *time.Location
	// Boilerplate holds blocks learnt to repeat across a site's pages; nil
	// means no cross-page knowledge.
	Boilerplate *Boilerplate
	// MaxBytes bounds the page, after gunzipping; 0 means DefaultMaxBytes.
	// Larger pages give ErrTooLarge.
	MaxBytes int
}

// Limit is the size bound in bytes that MaxBytes sets.
func (o Options) Limit() int {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// CheckSize returns an ErrTooLarge error naming both sizes when n bytes are
// over limit, else nil.
func CheckSize(n, limit int) error {
	if n > limit {
		return fmt.Errorf("%w: %d bytes, over the %s limit", ErrTooLarge, n, SizeName(limit))
	}
	return nil
}

// SizeName writes a byte limit for people: "16 MiB", or bytes when small
// (tests set small limits).
func SizeName(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d-byte", n)
}
