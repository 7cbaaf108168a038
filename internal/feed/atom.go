package feed

import (
	"io"
	"time"
)

// Namespaces used by the XML formats.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

// WriteAtom writes f as an Atom 1.0 (RFC 4287) document served at selfURL.
// Nothing is written when f is invalid.
//
// The feed's id is selfURL: the feed is a different resource from the page
// it mirrors, and the page URL is already the alternate link. Atom requires
// a feed date even when there are no items; with f.Updated zero such a feed
// is dated 1970-01-01T00:00:00Z, the only date available without reading
// the clock. Callers who want a better one set f.Updated.
func WriteAtom(w io.Writer, f *Feed, selfURL string) error {
	d, err := prepare(f, selfURL)
	if err != nil {
		return err
	}
	updated := d.updated
	if updated.IsZero() {
		updated = time.Unix(0, 0).UTC()
	}
	// Atom requires an author for every entry, directly or through the
	// feed; the title stands in when the editor is not named.
	author := d.author
	if author == "" {
		author = d.title
	}

	x := newXMLWriter()
	x.open("feed", "xmlns", nsAtom, "xmlns:media", nsMedia, "xml:lang", d.lang)
	x.text("id", d.self)
	x.text("title", d.title)
	x.opt("subtitle", d.description)
	x.text("updated", rfc3339(updated))
	x.open("author")
	x.text("name", author)
	x.close("author")
	x.empty("link", "rel", "self", "type", "application/atom+xml", "href", d.self)
	x.empty("link", "rel", "alternate", "type", "text/html", "href", d.home)
	for i := range d.items {
		it := &d.items[i]
		x.open("entry")
		x.text("id", it.url)
		x.text("title", it.title)
		x.text("updated", rfc3339(it.updated))
		x.text("published", rfc3339(it.published))
		x.empty("link", "rel", "alternate", "type", "text/html", "href", it.url)
		if it.external != "" {
			x.empty("link", "rel", "related", "href", it.external, "title", it.source)
		}
		for _, a := range it.authors {
			x.open("author")
			x.text("name", a)
			x.close("author")
		}
		for _, t := range it.tags {
			x.empty("category", "term", t)
		}
		x.opt("summary", it.summary)
		x.opt("content", it.content, "type", "html")
		if it.image != "" {
			x.empty("media:thumbnail", "url", it.image)
		}
		x.close("entry")
	}
	x.close("feed")
	return x.writeTo(w)
}
