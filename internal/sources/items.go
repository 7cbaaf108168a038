package sources

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/safetext"
	"github.com/brief-ssg/brief/internal/site"
)

// Item is one article a source lists.
type Item struct {
	// URL is the article's address as listed, resolved and cleaned.
	URL     string    `json:"url"`
	Title   string    `json:"title,omitempty"`
	Date    time.Time `json:"date,omitzero"`
	Authors []string  `json:"authors,omitempty"`
	Tags    []string  `json:"tags,omitempty"`
	// Summary is the feed's description of the item, Content the
	// article's HTML when the feed carries it (either may be "").
	Summary string `json:"summary,omitempty"`
	Content string `json:"content,omitempty"`
	// Publisher is the title of the feed that lists the item, "" for
	// other sources.
	Publisher string `json:"publisher,omitempty"`
}

// errUnknownType is a document that is none of the sources brief reads.
var errUnknownType = errors.New("neither a feed (RSS, Atom, JSON Feed), a sitemap nor a web page")

// detect says what a source's document is, when site.yaml does not.
func detect(mediaType string, body []byte) string {
	if isGzip(body) {
		return site.SourceSitemap // feeds and pages come gzipped by the transport
	}
	switch gofeed.DetectFeedType(bytes.NewReader(head(body))) {
	case gofeed.FeedTypeAtom, gofeed.FeedTypeRSS, gofeed.FeedTypeJSON:
		return site.SourceFeed
	}
	lower := bytes.ToLower(head(body))
	switch {
	case bytes.Contains(lower, []byte("<urlset")), bytes.Contains(lower, []byte("<sitemapindex")):
		return site.SourceSitemap
	case strings.Contains(mediaType, "html"), bytes.Contains(lower, []byte("<html")), bytes.Contains(lower, []byte("<!doctype html")):
		return site.SourcePage
	}
	return ""
}

func head(b []byte) []byte { return b[:min(len(b), 4096)] }

func isGzip(b []byte) bool { return len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b }

// parse reads the items of a source's document of type typ, served from
// base. Documents are the server's and may be hostile: the parsers are
// bounded by the size the fetch allowed, and a panic in one (a library's
// bug on input it never saw) is an error for this source, not a crash.
func parse(typ string, body []byte, base *url.URL) (items []Item, children []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			items, children, err = nil, nil, fmt.Errorf("the %s does not parse (%v)", typ, r)
		}
	}()
	switch typ {
	case site.SourceFeed:
		items, err = parseFeed(body, base)
		return items, nil, err
	case site.SourceSitemap:
		return parseSitemap(body, base)
	case site.SourcePage:
		items, err = parsePage(body, base)
		return items, nil, err
	}
	return nil, nil, errUnknownType
}

// parseFeed reads RSS 0.9x, 1.0 (RDF) and 2.0, Atom and JSON Feed with
// gofeed.
func parseFeed(body []byte, base *url.URL) ([]Item, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("the feed does not parse: %w", err)
	}
	if f.Link != "" {
		// Relative item links resolve against the site the feed names.
		if l, err := base.Parse(f.Link); err == nil && (l.Scheme == "http" || l.Scheme == "https") {
			base = l
		}
	}
	var out []Item
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" && (strings.HasPrefix(it.GUID, "http://") || strings.HasPrefix(it.GUID, "https://")) {
			link = it.GUID
		}
		item := Item{
			URL:       article.CleanURL(link, base),
			Title:     safetext.Line(html2text(it.Title)),
			Summary:   it.Description,
			Content:   it.Content,
			Tags:      it.Categories,
			Publisher: safetext.Line(html2text(f.Title)),
		}
		switch {
		case it.PublishedParsed != nil:
			item.Date = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			item.Date = *it.UpdatedParsed
		}
		for _, a := range it.Authors {
			if a != nil && a.Name != "" {
				item.Authors = append(item.Authors, a.Name)
			}
		}
		if it.DublinCoreExt != nil && len(item.Authors) == 0 {
			item.Authors = append(item.Authors, it.DublinCoreExt.Creator...)
		}
		out = append(out, item)
	}
	return out, nil
}

// html2text is the text of a title that a feed escaped as HTML.
func html2text(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	n, err := html.Parse(strings.NewReader("<body><div>" + s + "</div>"))
	if err != nil {
		return s
	}
	return textOf(n, "")
}

// maxSitemapBytes bounds a gzipped sitemap once expanded: the protocol's
// own limit is 50 MB.
const maxSitemapBytes = 50 << 20

// sitemapXML is a sitemap (urlset) or a sitemap index; the news fields
// are Google News sitemaps'.
type sitemapXML struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    struct {
			PublicationDate string `xml:"publication_date"`
			Title           string `xml:"title"`
			Keywords        string `xml:"keywords"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

// parseSitemap reads a sitemap, a Google News sitemap or a sitemap index
// (whose sitemaps it returns as children, newest first), gzipped or not.
func parseSitemap(body []byte, base *url.URL) ([]Item, []string, error) {
	if isGzip(body) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, nil, fmt.Errorf("the sitemap does not unzip: %w", err)
		}
		body, err = io.ReadAll(io.LimitReader(zr, maxSitemapBytes+1))
		if err != nil {
			return nil, nil, fmt.Errorf("the sitemap does not unzip: %w", err)
		}
		if len(body) > maxSitemapBytes {
			return nil, nil, fmt.Errorf("the sitemap is over %d MB unzipped", maxSitemapBytes>>20)
		}
	}
	var sm sitemapXML
	if err := decodeXML(body, &sm); err != nil {
		return nil, nil, fmt.Errorf("the sitemap does not parse: %w", err)
	}
	switch sm.XMLName.Local {
	case "sitemapindex":
		type child struct {
			url  string
			date time.Time
		}
		var cs []child
		for _, s := range sm.Sitemaps {
			if u := article.CleanURL(s.Loc, base); u != "" {
				cs = append(cs, child{u, w3cDate(s.LastMod)})
			}
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].date.After(cs[j].date) })
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = c.url
		}
		return nil, out, nil
	case "urlset":
	default:
		return nil, nil, fmt.Errorf("the sitemap's root is <%s>, not <urlset> or <sitemapindex>", safetext.Line(sm.XMLName.Local))
	}
	var items []Item
	for _, u := range sm.URLs {
		it := Item{URL: article.CleanURL(u.Loc, base), Title: safetext.Line(u.News.Title)}
		if it.Date = w3cDate(u.News.PublicationDate); it.Date.IsZero() {
			it.Date = w3cDate(u.LastMod)
		}
		for _, k := range strings.Split(u.News.Keywords, ",") {
			if k = strings.TrimSpace(k); k != "" {
				it.Tags = append(it.Tags, k)
			}
		}
		items = append(items, it)
	}
	return items, nil, nil
}

// decodeXML decodes a sitemap or an OPML file, leniently (unknown
// entities, unclosed tags: what hand-made files have), refusing charsets
// other than UTF-8, which both formats require.
func decodeXML(data []byte, v any) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("the file says it is %s; it must be UTF-8", charset)
	}
	return dec.Decode(v)
}

// w3cDate reads the W3C datetime forms sitemaps use; zero if none fits.
func w3cDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// parsePage lists the links of a page (a section front, a list of
// posts) that lead to articles of the same site: the text of the link is
// the item's title. What counts as an article address is a guess (see
// looksLikeArticle); a source's include and exclude rules refine it.
func parsePage(body []byte, base *url.URL) ([]Item, error) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("the page does not parse: %w", err)
	}
	self := Key(base.String())
	seen := map[string]bool{}
	var items []Item
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Base {
			for _, a := range n.Attr {
				if a.Key == "href" {
					if b, err := base.Parse(a.Val); err == nil && (b.Scheme == "http" || b.Scheme == "https") {
						base = b
					}
				}
			}
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			for _, a := range n.Attr {
				if a.Key != "href" {
					continue
				}
				u := article.CleanURL(a.Val, base)
				k := Key(u)
				if k == "" || k == self || seen[k] || !sameSite(u, base) || !looksLikeArticle(u) {
					continue
				}
				seen[k] = true
				items = append(items, Item{URL: u, Title: safetext.Line(textOf(n, " "))})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return items, nil
}

// textOf is the text under n, its text nodes joined by sep, spaces
// collapsed.
func textOf(n *html.Node, sep string) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteString(sep)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// sameSite reports a link on the page's site: the same host, give or take
// a www.
func sameSite(link string, base *url.URL) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	trim := func(h string) string { return strings.TrimPrefix(strings.ToLower(h), "www.") }
	return trim(u.Host) == trim(base.Host)
}

// notArticles are first path segments of pages that list or serve rather
// than report.
var notArticles = map[string]bool{
	"tag": true, "tags": true, "topic": true, "topics": true, "category": true, "categories": true,
	"author": true, "authors": true, "search": true, "login": true, "account": true, "subscribe": true,
	"newsletter": true, "newsletters": true, "about": true, "contact": true, "privacy": true, "terms": true,
	"feed": true, "rss": true, "page": true, "video": true, "videos": true, "podcast": true, "podcasts": true,
}

// looksLikeArticle guesses from its path whether a link leads to an
// article rather than a section, a tag or a service page: an article's
// last segment is a slug of three words or more, or carries a number of
// four digits or more (an id, a date).
func looksLikeArticle(link string) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if len(segs) == 0 || notArticles[strings.ToLower(segs[0])] {
		return false
	}
	last := strings.ToLower(segs[len(segs)-1])
	for _, ext := range []string{".html", ".htm", ".php", ".aspx"} {
		last = strings.TrimSuffix(last, ext)
	}
	if len(strings.FieldsFunc(last, func(r rune) bool { return r == '-' || r == '_' })) >= 3 {
		return true
	}
	digits := 0
	for _, r := range u.Path + "?" + u.RawQuery {
		if r >= '0' && r <= '9' {
			if digits++; digits >= 4 {
				return true
			}
		} else {
			digits = 0
		}
	}
	return false
}
