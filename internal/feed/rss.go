package feed

import (
	"io"
	"strings"
	"time"
)

// htmlText turns plain text into HTML text. Unlike html.EscapeString it
// leaves quotes alone: they are harmless outside attributes, and &#34;
// escaped once more for XML would make the feed needlessly hard to read.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// WriteRSS writes f as an RSS 2.0 document served at selfURL. Nothing is
// written when f is invalid.
//
// RSS has no place for the original article: <source> must point to an RSS
// feed, not a web page, and <enclosure> needs a length and type we do not
// know. So the original goes in an atom:link rel="related", mirroring the
// Atom feed, and the image in media:thumbnail, as in Atom.
func WriteRSS(w io.Writer, f *Feed, selfURL string) error {
	d, err := prepare(f, selfURL)
	if err != nil {
		return err
	}
	// <description> is required; repeating the title beats an empty one,
	// which validators flag and some readers display as "(no description)".
	desc := d.description
	if desc == "" {
		desc = d.title
	}

	x := newXMLWriter()
	x.open("rss", "version", "2.0",
		"xmlns:atom", nsAtom, "xmlns:content", nsContent, "xmlns:dc", nsDC, "xmlns:media", nsMedia)
	x.open("channel")
	x.text("title", d.title)
	x.text("link", d.home)
	x.text("description", desc)
	x.opt("language", d.lang)
	if !d.updated.IsZero() {
		x.text("lastBuildDate", rfc1123(d.updated))
	}
	// managingEditor would need an e-mail address; dc:creator takes a name.
	x.opt("dc:creator", d.author)
	x.empty("atom:link", "href", d.self, "rel", "self", "type", "application/rss+xml")
	for i := range d.items {
		it := &d.items[i]
		x.open("item")
		x.text("title", it.title)
		x.text("link", it.url)
		x.text("guid", it.url, "isPermaLink", "true")
		x.text("pubDate", rfc1123(it.published))
		for _, a := range it.authors {
			x.text("dc:creator", a)
		}
		for _, t := range it.tags {
			x.text("category", t)
		}
		// Readers render <description> as HTML, so the plain-text summary
		// is HTML-escaped first: "<script>" in a summary must reach the
		// reader as text, not as markup.
		x.opt("description", htmlText.Replace(it.summary))
		x.opt("content:encoded", it.content)
		if it.external != "" {
			x.empty("atom:link", "href", it.external, "rel", "related", "title", it.source)
		}
		if it.image != "" {
			x.empty("media:thumbnail", "url", it.image)
		}
		x.close("item")
	}
	x.close("channel")
	x.close("rss")
	return x.writeTo(w)
}

// rfc1123 formats t for RSS: RFC 822 dates with a four-digit year and a
// numeric zone, since named zones other than GMT are ambiguous and
// validators reject them.
func rfc1123(t time.Time) string { return t.Format(time.RFC1123Z) }
