package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// sitemapLimit is the protocol's cap on URLs in one sitemap file; larger
// sites get a sitemap index pointing at numbered parts.
const sitemapLimit = 50000

// sitemapJobs writes sitemap.xml (or, past limit URLs, an index and its
// numbered parts) and robots.txt pointing at it.
func (m *Model) sitemapJobs(pages []string, limit int) []job {
	var jobs []job
	// list writes one file of <loc> entries: a urlset of pages or a
	// sitemapindex of parts.
	list := func(name, root, item string, paths []string) {
		jobs = append(jobs, job{name: name, in: paths, run: func() ([]byte, error) {
			var b bytes.Buffer
			b.WriteString(xml.Header)
			b.WriteString("<" + root + ` xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
			for _, p := range paths {
				b.WriteString("<" + item + "><loc>")
				xml.EscapeText(&b, []byte(m.abs(p)))
				b.WriteString("</loc></" + item + ">\n")
			}
			b.WriteString("</" + root + ">\n")
			return b.Bytes(), nil
		}})
	}
	if len(pages) <= limit {
		list("sitemap.xml", "urlset", "url", pages)
	} else {
		var parts []string
		for i := 0; i*limit < len(pages); i++ {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			parts = append(parts, name)
			list(name, "urlset", "url", pages[i*limit:min((i+1)*limit, len(pages))])
		}
		list("sitemap.xml", "sitemapindex", "sitemap", parts)
	}
	jobs = append(jobs, job{name: "robots.txt", run: func() ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + m.abs("sitemap.xml") + "\n"), nil
	}})
	return jobs
}
