package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
)

// sitemapLimit is the protocol's cap on URLs in one sitemap file; larger
// sites get a sitemap index pointing at numbered parts.
const sitemapLimit = 50000

// sitemapJobs writes sitemap.xml (or, past limit URLs, an index and its
// numbered parts) and robots.txt pointing at it. Every URL carries its
// <lastmod> when it has one (see sitemapURL); a part's is its newest.
func (m *Model) sitemapJobs(pages []sitemapURL, limit int) []job {
	var jobs []job
	// list writes one file of <loc> entries: a urlset of pages or a
	// sitemapindex of parts.
	list := func(name, root, item string, urls []sitemapURL) {
		jobs = append(jobs, job{name: name, in: urls, run: func() ([]byte, error) {
			var b bytes.Buffer
			b.WriteString(xml.Header)
			b.WriteString("<" + root + ` xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
			for _, u := range urls {
				b.WriteString("<" + item + "><loc>")
				xml.EscapeText(&b, []byte(m.abs(u.Path)))
				b.WriteString("</loc>")
				if u.Lastmod != "" {
					b.WriteString("<lastmod>" + u.Lastmod + "</lastmod>")
				}
				b.WriteString("</" + item + ">\n")
			}
			b.WriteString("</" + root + ">\n")
			return b.Bytes(), nil
		}})
	}
	if len(pages) <= limit {
		list("sitemap.xml", "urlset", "url", pages)
	} else {
		var parts []sitemapURL
		for i := 0; i*limit < len(pages); i++ {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			part := pages[i*limit : min((i+1)*limit, len(pages))]
			last := sitemapURL{Path: name}
			for _, u := range part {
				if u.Lastmod != "" && (last.Lastmod == "" || u.at > last.at) {
					last.Lastmod, last.at = u.Lastmod, u.at
				}
			}
			parts = append(parts, last)
			list(name, "urlset", "url", part)
		}
		list("sitemap.xml", "sitemapindex", "sitemap", parts)
	}
	jobs = append(jobs, job{name: "robots.txt", run: func() ([]byte, error) {
		return m.robots(), nil
	}})
	return jobs
}

// robots is robots.txt: it allows everything and names the sitemap by
// its absolute URL. Crawlers read robots.txt only at the root of a host,
// so a site published under a sub-path says so in it: its sitemap line
// belongs in the host's own robots.txt.
func (m *Model) robots() []byte {
	var b bytes.Buffer
	if p := m.Config.Base.Path; p != "/" && p != "" {
		root := url.URL{Scheme: m.Config.Base.Scheme, Host: m.Config.Base.Host, Path: "/robots.txt"}
		fmt.Fprintf(&b, "# This site is published under %s, but crawlers read robots.txt only at\n", p)
		fmt.Fprintf(&b, "# the root of the host (%s). Add the Sitemap line below\n", root.String())
		b.WriteString("# to that file for crawlers to find this site's sitemap.\n\n")
	}
	b.WriteString("User-agent: *\nAllow: /\n\nSitemap: " + m.abs("sitemap.xml") + "\n")
	return b.Bytes()
}
