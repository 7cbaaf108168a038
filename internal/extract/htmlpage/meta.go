package htmlpage

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// pageMeta gathers every metadata source of a page before precedence is
// applied, so that each field can fall back independently.
type pageMeta struct {
	ld        ldArticle         // first article-like JSON-LD object
	ldSite    string            // publisher or WebSite name from any JSON-LD object
	metas     map[string]string // first value of each meta name/property, lower-cased key
	metaAll   map[string][]string
	canonical string
	title     string // <title>
	lang      string // <html lang>
	h1        []string
}

// ldArticle is the subset of schema.org Article we read.
type ldArticle struct {
	found       bool
	headline    string
	authors     []string
	publisher   string
	published   string
	modified    string
	keywords    []string
	description string
	image       string
	lang        string
	url         string
	body        string
}

var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "blogposting": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
	"backgroundnewsarticle": true, "scholarlyarticle": true, "techarticle": true,
	"socialmediaposting": true, "liveblogposting": true, "report": true, "posting": true,
	"askpublicnewsarticle": true, "satiricalarticle": true,
}

func collectMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{metas: map[string]string{}, metaAll: map[string][]string{}}
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Html:
			m.lang = strings.TrimSpace(attr(n, "lang"))
		case atom.Title:
			if m.title == "" && n.Parent != nil && n.Parent.DataAtom != atom.Svg {
				m.title = textContent(n)
			}
			return false
		case atom.Meta:
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			if key == "" {
				key = attr(n, "itemprop")
			}
			if key == "" {
				key = attr(n, "http-equiv")
			}
			val := strings.TrimSpace(attr(n, "content"))
			if key != "" && val != "" {
				key = strings.ToLower(strings.TrimSpace(key))
				if _, ok := m.metas[key]; !ok {
					m.metas[key] = val
				}
				m.metaAll[key] = append(m.metaAll[key], val)
			}
		case atom.Link:
			if m.canonical == "" && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				m.readJSONLD(n.FirstChild.Data)
			}
			return false
		case atom.H1:
			if t := textContent(n); t != "" {
				m.h1 = append(m.h1, t)
			}
		case atom.Style, atom.Template:
			return false
		}
		return true
	})
	return m
}

func (m *pageMeta) readJSONLD(src string) {
	src = strings.TrimSpace(src)
	// Some CMSs wrap the JSON in HTML comments or CDATA markers.
	src = strings.TrimPrefix(strings.TrimSuffix(src, "-->"), "<!--")
	src = strings.TrimPrefix(strings.TrimSuffix(strings.TrimSpace(src), "]]>"), "//<![CDATA[")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return
	}
	m.visitLD(v, 0)
}

func (m *pageMeta) visitLD(v any, depth int) {
	if depth > 6 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			m.visitLD(e, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			m.visitLD(g, depth+1)
		}
		types := ldTypes(x["@type"])
		isArticle := false
		for _, t := range types {
			if articleTypes[strings.ToLower(t)] {
				isArticle = true
			}
			if (strings.EqualFold(t, "WebSite") || strings.EqualFold(t, "Organization") || strings.EqualFold(t, "NewsMediaOrganization")) && m.ldSite == "" {
				m.ldSite = ldString(x["name"])
			}
		}
		if isArticle && !m.ld.found {
			m.ld = parseLDArticle(x)
		}
		// WebPage objects often nest the article as mainEntity.
		if me, ok := x["mainEntity"]; ok && !m.ld.found {
			m.visitLD(me, depth+1)
		}
	}
}

func parseLDArticle(x map[string]any) ldArticle {
	a := ldArticle{found: true}
	a.headline = ldString(x["headline"])
	if a.headline == "" {
		a.headline = ldString(x["name"])
	}
	a.authors = ldPeople(x["author"])
	if p, ok := x["publisher"].(map[string]any); ok {
		a.publisher = ldString(p["name"])
	} else {
		a.publisher = ldString(x["publisher"])
	}
	a.published = ldString(x["datePublished"])
	if a.published == "" {
		a.published = ldString(x["dateCreated"])
	}
	a.modified = ldString(x["dateModified"])
	a.keywords = ldList(x["keywords"])
	a.description = ldString(x["description"])
	a.image = ldImage(x["image"])
	a.lang = ldString(x["inLanguage"])
	a.url = ldURL(x["mainEntityOfPage"])
	if a.url == "" {
		a.url = ldString(x["url"])
	}
	a.body = ldString(x["articleBody"])
	return a
}

func ldTypes(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldString reads a plain value, the first of a list, or an object's name or
// @value.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(html.UnescapeString(t))
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case []any:
		for _, e := range t {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := ldString(t["name"]); s != "" {
			return s
		}
		return ldString(t["@value"])
	}
	return ""
}

func ldList(v any) []string {
	var out []string
	switch t := v.(type) {
	case string:
		for _, s := range strings.Split(t, ",") {
			if s = strings.TrimSpace(html.UnescapeString(s)); s != "" {
				out = append(out, s)
			}
		}
	case []any:
		for _, e := range t {
			out = append(out, ldList(e)...)
		}
	case map[string]any:
		if s := ldString(t); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ldPeople lists author names, leaving out organisations: the publisher is
// reported as Source, not as an author.
func ldPeople(v any) []string {
	var out []string
	switch t := v.(type) {
	case string:
		out = append(out, splitAuthors(t)...)
	case []any:
		for _, e := range t {
			out = append(out, ldPeople(e)...)
		}
	case map[string]any:
		for _, ty := range ldTypes(t["@type"]) {
			if strings.Contains(strings.ToLower(ty), "organization") {
				return nil
			}
		}
		out = append(out, splitAuthors(ldString(t["name"]))...)
	}
	return out
}

func ldImage(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		for _, e := range t {
			if s := ldImage(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := ldString(t["url"]); s != "" {
			return s
		}
		return ldString(t["contentUrl"])
	}
	return ""
}

func ldURL(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case map[string]any:
		if s, ok := t["@id"].(string); ok {
			return strings.TrimSpace(s)
		}
		return ldString(t["url"])
	}
	return ""
}

// splitAuthors turns a byline into names: "By A, B and C" gives three.
func splitAuthors(s string) []string {
	s = article.CollapseSpace(s)
	if s == "" || looksLikeURL(s) {
		return nil
	}
	lower := strings.ToLower(s)
	for _, p := range []string{"by:", "by ", "von ", "par ", "por "} {
		if strings.HasPrefix(lower, p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	var out []string
	for _, part := range strings.FieldsFunc(strings.NewReplacer(" and ", ",", " & ", ",", ";", ",", "|", ",").Replace(s), func(r rune) bool { return r == ',' }) {
		part = strings.TrimSpace(part)
		if part == "" || looksLikeURL(part) {
			continue
		}
		out = append(out, part)
	}
	return out
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

// first returns the first non-empty value.
func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// applyMeta fills a's metadata fields; see HTML for the precedence.
func applyMeta(a *article.Article, m *pageMeta, base *url.URL, loc *time.Location) {
	mt := m.metas
	a.Source = first(m.ld.publisher, mt["og:site_name"], mt["application-name"], mt["twitter:site"], m.ldSite)
	a.Source = strings.TrimPrefix(a.Source, "@")
	if a.Source == "" && base != nil {
		a.Source = strings.TrimPrefix(base.Hostname(), "www.")
	}

	raw := first(m.ld.headline, mt["og:title"], mt["twitter:title"], mt["title"], m.title)
	if raw == "" && len(m.h1) > 0 {
		raw = m.h1[0]
	}
	a.Title = cleanTitle(raw, a.Source, base, m.h1)

	a.Authors = m.ld.authors
	if len(a.Authors) == 0 {
		for _, key := range []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"} {
			for _, v := range m.metaAll[key] {
				a.Authors = append(a.Authors, splitAuthors(v)...)
			}
			if len(a.Authors) > 0 {
				break
			}
		}
	}
	a.Authors = dedupe(a.Authors)

	a.Published = parseDate(first(m.ld.published, mt["article:published_time"], mt["datepublished"], mt["og:published_time"],
		mt["parsely-pub-date"], mt["sailthru.date"], mt["dc.date.issued"], mt["dc.date"], mt["date"], mt["pubdate"], mt["publish-date"]), loc)
	a.Updated = parseDate(first(m.ld.modified, mt["article:modified_time"], mt["datemodified"], mt["og:updated_time"], mt["last-modified"]), loc)

	a.Tags = m.ld.keywords
	if len(a.Tags) == 0 {
		a.Tags = m.metaAll["article:tag"]
	}
	if len(a.Tags) == 0 {
		for _, key := range []string{"news_keywords", "keywords", "parsely-tags"} {
			if v := mt[key]; v != "" {
				a.Tags = ldList(v)
				break
			}
		}
	}
	a.Tags = dedupe(a.Tags)

	a.Description = article.CollapseSpace(html.UnescapeString(first(m.ld.description, mt["og:description"], mt["twitter:description"], mt["description"])))
	if img := first(m.ld.image, mt["og:image"], mt["og:image:url"], mt["twitter:image"], mt["twitter:image:src"]); img != "" {
		a.Image = article.CleanURL(img, base)
	}
	a.Language = first(m.ld.lang, mt["og:locale"], mt["content-language"], mt["language"], m.lang)
	a.Language = strings.ReplaceAll(a.Language, "_", "-")

	if c := first(m.canonical, mt["og:url"], m.ld.url); c != "" {
		a.SourceURL = article.CleanURL(c, base)
	}
	if a.SourceURL == "" && base != nil {
		a.SourceURL = article.CleanURL(base.String(), nil)
	}
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		x = strings.TrimSpace(x)
		k := strings.ToLower(x)
		if x == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, x)
	}
	return out
}

// cleanTitle removes the site name and breadcrumb around a title. It keeps
// the segment that an on-page h1 confirms, else drops the segments that
// name the site, else drops a short trailing segment.
func cleanTitle(t, site string, base *url.URL, h1s []string) string {
	t = article.CollapseSpace(html.UnescapeString(t))
	if t == "" {
		return ""
	}
	// The page's own headline, when the title merely wraps it, is the
	// title; this also handles separators we do not know.
	for _, h := range h1s {
		kh, kt := article.Fold(h), article.Fold(t)
		if kh != "" && len(kh) < len(kt) && strings.Contains(kt, kh) && 2*len(kh) > len(kt) {
			return h
		}
	}
	var sep string
	for _, s := range article.TitleSeparators {
		if strings.Contains(t, s) {
			sep = s
			break
		}
	}
	if sep == "" {
		return t
	}
	parts := strings.Split(t, sep)
	host := ""
	if base != nil {
		host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	kept := parts[:0:0]
	for _, p := range parts {
		if namesSite(p, site, host) {
			continue
		}
		kept = append(kept, p)
	}
	if len(kept) > 0 && len(kept) < len(parts) {
		return strings.TrimSpace(longest(kept, sep))
	}
	// No site name to match: a short last segment is almost always one.
	last := parts[len(parts)-1]
	rest := strings.Join(parts[:len(parts)-1], sep)
	if len(strings.Fields(last)) <= 4 && len(last) <= len(rest) {
		return strings.TrimSpace(rest)
	}
	return t
}

// longest keeps the longest segment when several remain, which is the
// headline in a "Section | Headline" breadcrumb.
func longest(parts []string, sep string) string {
	if strings.TrimSpace(sep) != "|" && strings.TrimSpace(sep) != "»" && strings.TrimSpace(sep) != "›" && strings.TrimSpace(sep) != ">" {
		return strings.Join(parts, sep)
	}
	best := parts[0]
	for _, p := range parts[1:] {
		if len(p) > len(best) {
			best = p
		}
	}
	return best
}

func namesSite(seg, site, host string) bool {
	k := article.Fold(seg)
	if k == "" {
		return false
	}
	if site != "" && (k == article.Fold(site) || strings.Contains(article.Fold(site), k) && len(k) > 3) {
		return true
	}
	if host != "" {
		hk := article.Fold(host)
		if k == hk || strings.HasPrefix(hk, k) && len(k) > 3 {
			return true
		}
	}
	return false
}

var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z0700", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05", "2006-01-02T15:04:05.000", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "20060102",
}

// parseDate reads the usual machine-readable date forms; a value with no
// offset is wall-clock time in loc.
func parseDate(s string, loc *time.Location) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if loc == nil {
		loc = time.UTC
	}
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t
		}
	}
	return time.Time{}
}
