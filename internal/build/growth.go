package build

import (
	"log/slog"
	"strconv"
)

// Topics whose rules take most articles make a site grow with topics ×
// articles: each topic lists its articles over pages of its own, each
// article page names every topic it is in, and every page's navigation
// names every topic. List entries name no topic, which keeps each entry
// small, but the number of entries and pages still grows with both.
const (
	// growthPerArticle is the average number of topics per article above
	// which a build warns.
	growthPerArticle = 20
	// growthMinEntries keeps small sites, where the total stays small
	// whatever the average, from warning.
	growthMinEntries = 10_000
)

// warnGrowth warns, once per build, when the site's topics take so many
// places in lists that its output grows with topics × articles, and says
// what to do.
func (m *Model) warnGrowth(log *slog.Logger) {
	entries, pages := 0, 0
	for _, t := range m.Topics {
		entries += len(t.articles)
		pages += max(1, (len(t.articles)+m.Config.PerPage-1)/m.Config.PerPage)
	}
	n := len(m.Articles)
	if n == 0 || entries < growthMinEntries || entries <= growthPerArticle*n {
		return
	}
	log.Warn("site.yaml: the topics take "+strconv.Itoa(entries/n)+" topics per article on average, so the site grows with topics × articles; narrow the broad topics' rules (match: all, none) or merge topics",
		"topics", len(m.Topics), "articles", n, "list entries", entries, "topic pages", pages)
}
