// Package extract finds the article in a scraped page, saved HTML or a
// plain-text dump, and returns its metadata and body as Markdown and text.
package extract

import (
	"errors"
	"time"
)

// ErrNoArticle reports a page that holds no article: an index page, an error
// page, a binary file. Callers skip such inputs with the reason.
var ErrNoArticle = errors.New("no article found")

// Article is what extraction found in one page.
type Article struct {
	Title       string    // without site suffix or breadcrumb
	Authors     []string  // people, not the publisher
	Source      string    // the publisher or site name
	SourceURL   string    // canonical URL of the original article
	Published   time.Time // zero when unknown
	Updated     time.Time // zero when unknown
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
}

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
