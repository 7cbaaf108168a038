package htmlpage

import (
	"net/url"
	"sort"
	"strings"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// chooseSource names the publisher. Candidates, in order of trust: the
// JSON-LD article's publisher, og:site_name, application-name, a JSON-LD
// WebSite or Organization, an organisation given as the JSON-LD author.
// Values that are links or too long to be a name are refused. Among the
// rest, the first that another candidate or the page's host confirms wins
// (so a section name or menu label in og:site_name gives way to the
// publisher named elsewhere); with no confirmation, the first. The Twitter
// handle and then the host are the last resorts.
func chooseSource(m *pageMeta, base *url.URL) string {
	mt := m.metas
	var cands []string
	for _, c := range append([]string{m.ld.publisher, mt["og:site_name"], mt["application-name"], m.ldSite}, m.ldOrgs...) {
		if c = sourceName(c); c != "" {
			cands = append(cands, c)
		}
	}
	host := ""
	if base != nil {
		host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	// A name spelt as a host ("Spokesman.com") is the brand's web address;
	// a name written as words comes first.
	sort.SliceStable(cands, func(i, j int) bool { return !hostLike(cands[i]) && hostLike(cands[j]) })
	for i, c := range cands {
		if hostLike(c) && !hostLike(cands[0]) {
			break
		}
		if confirmsSource(c, host) {
			return bestSpelling(c, cands)
		}
		for j, o := range cands {
			if i != j && sameSource(c, o) {
				return bestSpelling(c, cands)
			}
		}
	}
	if len(cands) > 0 {
		return cands[0]
	}
	if name := titleSiteName(m.title, host); name != "" {
		return name
	}
	if h := sourceName(strings.TrimPrefix(mt["twitter:site"], "@")); h != "" {
		return h
	}
	return host
}

// titleSiteName is the segment of a <title> that names the site its host
// spells ("About bugs – Vortex Cannon Entertainment" on vortexcannon.org),
// as a dump's title suffix is read: the last or first segment, shorter than
// the rest.
func titleSiteName(title, host string) string {
	label := hostLabel(host)
	if len(label) < 4 {
		return ""
	}
	title = article.CollapseSpace(title)
	for _, sep := range article.TitleSeparators {
		i, j := strings.Index(title, sep), strings.LastIndex(title, sep)
		if i < 0 {
			continue
		}
		for _, seg := range []string{title[j+len(sep):], title[:i]} {
			seg = strings.TrimSpace(seg)
			k := article.Fold(seg)
			if sourceName(seg) != "" && len(seg)*2 < len(title) && len(k) >= 4 && (strings.HasPrefix(k, label) || strings.HasPrefix(label, k)) {
				return seg
			}
		}
		return ""
	}
	return ""
}

// hostLabel is the folded name part of a host: "vortexcannon" for
// www.vortexcannon.org.
func hostLabel(host string) string {
	parts := strings.Split(strings.TrimPrefix(host, "www."), ".")
	if len(parts) < 2 {
		return ""
	}
	return article.Fold(parts[0])
}

// sourceName cleans a candidate publisher name; links and sentences give "".
func sourceName(s string) string {
	s = article.CollapseSpace(s)
	s = strings.TrimPrefix(s, "@")
	if s == "" || looksLikeURL(s) || strings.Contains(s, "://") || strings.ContainsAny(s, "<>") || len(s) > 120 || len(strings.Fields(s)) > 8 {
		return ""
	}
	return s
}

// hostLike reports a name written as a host name: one word with a dot.
func hostLike(s string) bool {
	return !strings.ContainsAny(s, " \t") && strings.Contains(s, ".") && len(s) > 4
}

// bestSpelling prefers, among the candidates naming c's publisher alike, one
// written with capitals ("9to5Mac" over "9to5mac").
func bestSpelling(c string, cands []string) string {
	if strings.ToLower(c) != c {
		return c
	}
	for _, o := range cands {
		if article.Fold(o) == article.Fold(c) && strings.ToLower(o) != o {
			return o
		}
	}
	return c
}

// sameSource reports two names of one publisher: equal when folded, or one
// holding the other ("The Harbour Post", "Harbour Post").
func sameSource(a, b string) bool {
	ka, kb := article.Fold(a), article.Fold(b)
	if ka == "" || kb == "" {
		return false
	}
	if len(ka) > len(kb) {
		ka, kb = kb, ka
	}
	return ka == kb || len(ka) > 3 && strings.Contains(kb, ka)
}

// confirmsSource reports a name that the host spells ("Harbour Post" on
// harbourpost.example).
func confirmsSource(name, host string) bool {
	if host == "" {
		return false
	}
	k := article.Fold(strings.TrimPrefix(strings.ToLower(name), "the "))
	return len(k) > 3 && strings.Contains(article.Fold(host), k)
}
