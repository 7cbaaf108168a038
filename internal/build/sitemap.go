package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// sitemapLimit is the protocol's cap on URLs in one sitemap file; larger
// sites get a sitemap index pointing at numbered parts.
const sitemapLimit = 50000

// sitemapJobs writes sitemap.xml (or an index and its parts) and
// robots.txt pointing at it.
func (m *Model) sitemapJobs(pages []string) []job {
	var jobs []job
	write := func(name string, urls []string) {
		jobs = append(jobs, job{name: name, in: urls, run: func() ([]byte, error) {
			var b bytes.Buffer
			b.WriteString(xml.Header)
			b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
			for _, u := range urls {
				b.WriteString("<url><loc>")
				xml.EscapeText(&b, []byte(m.abs(u)))
				b.WriteString("</loc></url>\n")
			}
			b.WriteString("</urlset>\n")
			return b.Bytes(), nil
		}})
	}
	if len(pages) <= sitemapLimit {
		write("sitemap.xml", pages)
	} else {
		var parts []string
		for i := 0; i*sitemapLimit < len(pages); i++ {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			parts = append(parts, name)
			write(name, pages[i*sitemapLimit:min((i+1)*sitemapLimit, len(pages))])
		}
		jobs = append(jobs, job{name: "sitemap.xml", in: parts, run: func() ([]byte, error) {
			var b bytes.Buffer
			b.WriteString(xml.Header)
			b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
			for _, p := range parts {
				b.WriteString("<sitemap><loc>")
				xml.EscapeText(&b, []byte(m.abs(p)))
				b.WriteString("</loc></sitemap>\n")
			}
			b.WriteString("</sitemapindex>\n")
			return b.Bytes(), nil
		}})
	}
	jobs = append(jobs, job{name: "robots.txt", run: func() ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + m.abs("sitemap.xml") + "\n"), nil
	}})
	return jobs
}
