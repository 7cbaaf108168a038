package htmlpage

import (
	"net/url"
	"strings"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// articleHeading picks, among the page's <h1>s in order, the one that is
// the article's visible headline: not the site's name (a logo or masthead
// set as <h1>), and about the same story as the metadata titles. Metadata
// titles are often a shorter SEO or social variant ("Sweden drops Assange
// rape investigation") of the headline the reader sees ("Julian Assange:
// Sweden drops rape investigation"), so the heading that agrees with them
// wins over them. It returns "" when no <h1> qualifies.
func articleHeading(h1s []string, site string, base *url.URL, titles ...string) string {
	host := ""
	if base != nil {
		host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	for _, h := range h1s {
		h = article.CollapseSpace(h)
		if h == "" || article.WordCount(h) > maxHeadingWords || namesSite(h, site, host) {
			continue
		}
		if article.SameStory(h, titles...) {
			return h
		}
	}
	return ""
}

// maxHeadingWords bounds a headline: a longer <h1> wraps a whole block.
const maxHeadingWords = 40
