// Package feed publishes the briefing, and each of its topics, as Atom 1.0,
// RSS 2.0 and JSON Feed 1.1, so that readers can follow it in whatever feed
// reader they already use.
//
// All three writers work from one checked and cleaned copy of the Feed, so
// the formats never disagree about what an item says. Text is cleaned of
// everything XML 1.0 cannot carry, which makes the output well-formed for any
// input; URLs, on the other hand, are refused rather than repaired, because a
// relative or malformed link here means the build computed it wrongly and a
// feed reader would resolve it against the wrong base.
//
// Output depends only on the input: nothing reads the clock and nothing
// iterates over a map, so rebuilding an unchanged site gives byte-identical
// files and deploys only what really changed.
package feed

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/safetext"
)

// Feed is one feed: the whole site or a single topic.
type Feed struct {
	Title       string
	Description string
	// Language is a BCP 47 tag such as "en" or "zh-Hans"; empty leaves it out.
	Language string
	// HomeURL is the absolute URL of the HTML page the feed mirrors.
	HomeURL string
	// Author is the editor, named at feed level so that items without
	// authors of their own are still attributed (Atom requires it).
	Author string
	// Updated is when the feed last changed. The writers use the later of
	// it and the newest item time, so it may be left zero; a feed with no
	// items and no Updated has no date at all, see WriteAtom.
	Updated time.Time
	// Items are newest first and already limited in number; the writers
	// keep them as they are.
	Items []Item
}

// Item is one article.
type Item struct {
	// URL is the absolute URL of the article page on this site; it is also
	// the item's permanent id, so it must not change once published.
	URL     string
	Title   string
	Summary string // plain text
	// ContentHTML is the full article as HTML. Readers show it away from
	// the site, so every relative URL in it ("../x/", "img.png", "#fn:1")
	// is resolved against URL, the page it was written for; root-relative
	// ones ("/x/") too, so the caller should have made those absolute
	// against the site's base if the site lives under a sub-path.
	ContentHTML string
	Published   time.Time
	// Updated is zero when the article was never revised.
	Updated time.Time
	Authors []string
	Tags    []string
	// ExternalURL is the original article at its publisher; optional.
	ExternalURL string
	// Image is an absolute image URL; optional.
	Image string
	// Source names the publisher of the original; optional. It travels with
	// ExternalURL and is dropped when there is none.
	Source string
}

// doc is a Feed checked and cleaned once for all three writers.
type doc struct {
	title, description, lang string
	home, self               string
	author                   string    // may be empty
	updated                  time.Time // zero only when there are no items
	items                    []item
}

type item struct {
	url, title, summary, content string
	published, updated           time.Time // updated is never before published
	modified                     bool      // the article was revised
	authors, tags                []string
	external, image, source      string
}

// prepare checks f and returns a cleaned copy; f itself is never modified,
// since callers reuse the same items for several feeds.
func prepare(f *Feed, selfURL string) (*doc, error) {
	d, err := check(f, selfURL)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return d, nil
}

func check(f *Feed, selfURL string) (*doc, error) {
	if f == nil {
		return nil, fmt.Errorf("nil Feed")
	}
	d := &doc{
		description: paragraph(f.Description),
		lang:        line(f.Language),
		author:      line(f.Author),
	}
	var err error
	if d.home, err = absURL("home URL", f.HomeURL); err != nil {
		return nil, err
	}
	if d.self, err = absURL("self URL", selfURL); err != nil {
		return nil, err
	}
	if d.lang != "" && !isLanguageTag(d.lang) {
		return nil, fmt.Errorf("language %q is not a BCP 47 language tag such as en or zh-Hans", f.Language)
	}
	// Every format wants a channel title; a blank one would make readers
	// list the feed under nothing at all, so fall back to the host name.
	d.title = line(f.Title)
	if d.title == "" {
		u, _ := url.Parse(d.home)
		d.title = u.Host
	}
	if !f.Updated.IsZero() {
		if d.updated, err = feedTime("feed updated time", f.Updated); err != nil {
			return nil, err
		}
	}
	seen := make(map[string]bool, len(f.Items))
	for i := range f.Items {
		it, err := prepareItem(&f.Items[i])
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
		// Atom forbids two entries with the same id, and readers would
		// merge them anyway; two items with one URL is an upstream bug.
		if seen[it.url] {
			return nil, fmt.Errorf("item %d: URL %q appears twice", i+1, it.url)
		}
		seen[it.url] = true
		if it.updated.After(d.updated) {
			d.updated = it.updated
		}
		d.items = append(d.items, it)
	}
	return d, nil
}

func prepareItem(src *Item) (item, error) {
	var it item
	var err error
	if it.url, err = absURL("URL", src.URL); err != nil {
		return it, err
	}
	if src.ExternalURL != "" {
		if it.external, err = absURL("external URL", src.ExternalURL); err != nil {
			return it, err
		}
		it.source = line(src.Source)
	}
	if src.Image != "" {
		if it.image, err = absURL("image URL", src.Image); err != nil {
			return it, err
		}
	}
	// A dateless item cannot be placed in a reader's timeline, and Atom
	// requires the date; inventing one would be worse than failing.
	if src.Published.IsZero() {
		return it, fmt.Errorf("%s has no published time", it.url)
	}
	if it.published, err = feedTime("published time", src.Published); err != nil {
		return it, err
	}
	it.updated = it.published
	if !src.Updated.IsZero() {
		up, err := feedTime("updated time", src.Updated)
		if err != nil {
			return it, err
		}
		// An update stamped before publication is a typo; treating it as
		// "not revised" keeps updated >= published, which readers assume.
		if up.After(it.published) {
			it.updated, it.modified = up, true
		}
	}
	it.title = line(src.Title)
	if it.title == "" {
		// RSS needs a title or a description and readers need something
		// to list; the URL at least tells the reader where it leads.
		it.title = it.url
	}
	it.summary = line(src.Summary)
	page, _ := url.Parse(it.url) // checked by absURL
	it.content = paragraph(AbsoluteLinks(src.ContentHTML, page))
	it.authors = lines(src.Authors)
	it.tags = lines(src.Tags)
	return it, nil
}

// absURL accepts only absolute http(s) URLs, because feeds are read away
// from the site and nothing there could resolve a relative one. The string
// is returned unchanged so that ids stay exactly what the site links to.
func absURL(what, s string) (string, error) {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return "", fmt.Errorf("%s %q contains invalid bytes, spaces or control characters", what, s)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("%s %q is not an absolute http(s) URL", what, s)
	}
	return s, nil
}

// isLanguageTag checks the shape of a BCP 47 tag (alphanumeric subtags of
// at most eight characters, the first alphabetic) without a registry: the
// goal is only that xml:lang and <language> never carry free text.
func isLanguageTag(s string) bool {
	for i, sub := range strings.Split(s, "-") {
		if len(sub) == 0 || len(sub) > 8 {
			return false
		}
		for _, c := range sub {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			digit := c >= '0' && c <= '9'
			if !letter && (i == 0 || !digit) {
				return false
			}
		}
	}
	return true
}

// feedTime prepares a time for RFC 3339 and RFC 1123: those formats carry
// only whole-minute offsets and four-digit years. Historic zone offsets with
// seconds (local mean time) are moved to UTC instead of being truncated,
// which would shift the instant.
func feedTime(what string, t time.Time) (time.Time, error) {
	t = t.Truncate(time.Second)
	if _, off := t.Zone(); off%60 != 0 {
		t = t.UTC()
	}
	if y := t.Year(); y < 1 || y > 9999 {
		return time.Time{}, fmt.Errorf("%s %v is outside years 1-9999", what, t)
	}
	return t, nil
}

func rfc3339(t time.Time) string { return t.Format(time.RFC3339) }

// clean removes what XML 1.0 cannot carry: invalid UTF-8 (each broken run
// becomes one U+FFFD so the reader sees something was lost), lone
// surrogates, control characters and U+FFFE/U+FFFF. DEL and the C1 controls
// are legal XML but never meaningful in prose, so they go too. Line endings
// become "\n", as an XML parser would make them anyway; doing it here keeps
// the JSON feed saying the same as the XML ones.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case !xmlChar(r) || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return -1
		}
		return r
	}, s)
}

// xmlChar reports whether r matches the Char production of XML 1.0.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xd7ff ||
		r >= 0xe000 && r <= 0xfffd ||
		r >= 0x10000 && r <= 0x10ffff
}

// paragraph cleans multi-line text such as summaries and HTML.
func paragraph(s string) string { return strings.TrimSpace(clean(s)) }

// line cleans text that readers show on one line (titles, names, tags,
// summaries) as every one-line field of brief is cleaned (safetext.Line):
// a stray newline would break list layouts, and a summary derived from a
// body must lose the direction overrides an explicit one loses.
func line(s string) string { return safetext.Line(clean(s)) }

// lines cleans a list, dropping entries that end up blank, since an empty
// category or author is invalid in Atom.
func lines(in []string) []string {
	var out []string
	for _, s := range in {
		if s = line(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
