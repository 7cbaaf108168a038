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

	ldRoots []any                     // parsed JSON-LD scripts, read once the page is walked
	ldByID  map[string]map[string]any // JSON-LD nodes by @id, to follow references
	ldOrgs  []string                  // organisations given as the article's JSON-LD author
	// ldPage holds the dates of the first JSON-LD page-like object
	// (WebPage, ClaimReview…), which some sites date instead of an article.
	ldPage struct{ published, modified string }
	onPage onPageMeta // what the visible page says
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

// pageTypes are the JSON-LD types that date a page holding an article
// without being one: a fact check's ClaimReview, a plain WebPage.
var pageTypes = map[string]bool{"webpage": true, "itempage": true, "claimreview": true, "review": true}

// maxOnPage bounds each list of onPageMeta: the metadata of an article is
// near its top, and a page listing hundreds of teasers must not cost more.
const maxOnPage = 12

func collectMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{metas: map[string]string{}, metaAll: map[string][]string{}, ldByID: map[string]map[string]any{}}
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		m.onPage.visit(n)
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
	// References may point forward in a graph or into another script, so
	// nodes are indexed before any is read.
	for _, v := range m.ldRoots {
		m.indexLD(v, 0)
	}
	for _, v := range m.ldRoots {
		m.visitLD(v, 0)
	}
	return m
}

// indexLD records every JSON-LD object that has an @id.
func (m *pageMeta) indexLD(v any, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			m.indexLD(e, depth+1)
		}
	case map[string]any:
		if id, ok := x["@id"].(string); ok && id != "" && len(x) > 1 {
			if _, seen := m.ldByID[id]; !seen {
				m.ldByID[id] = x
			}
		}
		for k, e := range x {
			if k != "@context" {
				m.indexLD(e, depth+1)
			}
		}
	}
}

// resolve follows an @id reference ({"@id": "…"} alone) to the node it
// names; other values are returned as they are.
func (m *pageMeta) resolve(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["@id"].(string); ok && len(x) == 1 {
			if n, ok := m.ldByID[id]; ok {
				return n
			}
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = m.resolve(e)
		}
		return out
	}
	return v
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
	m.ldRoots = append(m.ldRoots, v)
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
			m.ld = m.parseLDArticle(x)
		}
		for _, t := range types {
			if pageTypes[strings.ToLower(t)] && m.ldPage.published == "" {
				m.ldPage.published = first(ldString(x["datePublished"]), ldString(x["dateCreated"]))
				m.ldPage.modified = ldString(x["dateModified"])
			}
		}
		// WebPage objects often nest the article as mainEntity.
		if me, ok := x["mainEntity"]; ok && !m.ld.found {
			m.visitLD(me, depth+1)
		}
	}
}

func (m *pageMeta) parseLDArticle(x map[string]any) ldArticle {
	a := ldArticle{found: true}
	a.headline = ldString(x["headline"])
	if a.headline == "" {
		a.headline = ldString(x["name"])
	}
	author := m.resolve(x["author"])
	if author == nil {
		author = m.resolve(x["creator"])
	}
	a.authors = ldPeople(author)
	m.ldOrgs = ldOrganisations(author)
	if p, ok := m.resolve(x["publisher"]).(map[string]any); ok {
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
		out = append(out, t)
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
		if name := ldString(t["name"]); name != "" {
			out = append(out, name)
		}
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

// applyMeta fills a's metadata fields from the candidates in m, each
// field by its own order and agreement rules (chooseSource, the date and
// author choosers).
func applyMeta(a *article.Article, m *pageMeta, base *url.URL, loc *time.Location) {
	mt := m.metas
	a.Source = chooseSource(m, base)

	raw := first(m.ld.headline, mt["og:title"], mt["twitter:title"], mt["title"], m.title)
	if raw == "" && len(m.h1) > 0 {
		raw = m.h1[0]
	}
	a.Title = cleanTitle(raw, a.Source, base, m.h1)
	if h := articleHeading(m.h1, a.Source, base, a.Title, m.ld.headline, mt["og:title"], mt["twitter:title"], cleanTitle(m.title, a.Source, base, nil)); h != "" {
		a.Title = h
	}

	publishers := []string{m.ld.publisher, mt["og:site_name"], mt["application-name"], m.ldSite, a.Source}
	publishers = append(publishers, m.ldOrgs...)
	if base != nil {
		// The host names the site too: a one-word CMS account named after
		// it is the site posting, not a person.
		publishers = append(publishers, strings.TrimPrefix(strings.ToLower(base.Hostname()), "www."))
	}
	a.Authors = chooseAuthors(m, publishers)

	a.Published = chooseDate(publishedCandidates(m, loc))
	a.Updated = chooseDate(modifiedCandidates(m, loc))
	if !a.Updated.IsZero() && a.Updated.Before(a.Published) {
		a.Updated = time.Time{}
	}

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
	a.Tags = article.CleanTags(a.Tags)

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
	// An h1 that holds the whole title confirms every segment of it:
	// "Storm season 2024 - what to expect" is a headline, not a headline
	// and a site name.
	for _, h := range h1s {
		if kh, kt := article.Fold(h), article.Fold(t); kt != "" && strings.Contains(kh, kt) {
			return t
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
