package htmlpage

import (
	"strings"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// authorMetaKeys are the <meta> names that give the author, most used first.
var authorMetaKeys = []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"}

// chooseAuthors takes the people's names from the first source that gives
// any, in this order: JSON-LD author (Person objects and @id references),
// author <meta> tags, microdata itemprop=author and rel=author links, and
// visible bylines ("By …", "Von …", "Text: …"). Every value goes through
// article.CleanAuthors, so organisations, the publisher, CMS accounts and
// interface phrases never become authors and a source full of them falls
// through to the next.
func chooseAuthors(m *pageMeta, publishers []string) []string {
	if names := article.CleanAuthors(m.ld.authors, publishers...); len(names) > 0 {
		return names
	}
	for _, key := range authorMetaKeys {
		if names := article.CleanAuthors(m.metaAll[key], publishers...); len(names) > 0 {
			return names
		}
	}
	// Names on the page, unlike metadata values, are often a handle or a
	// first name alone: only full names are taken.
	var full []string
	for _, n := range article.CleanAuthors(m.onPage.authors, publishers...) {
		if len(strings.Fields(n)) >= 2 {
			full = append(full, n)
		}
	}
	if len(full) > 0 {
		return full
	}
	for _, b := range m.onPage.bylines {
		if names := article.BylineNames(b); len(names) > 0 {
			return article.CleanAuthors(names, publishers...)
		}
	}
	return nil
}

// ldOrganisations lists the names of the Organization objects among
// JSON-LD author values.
func ldOrganisations(v any) []string {
	var out []string
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			out = append(out, ldOrganisations(e)...)
		}
	case map[string]any:
		for _, ty := range ldTypes(t["@type"]) {
			if strings.Contains(strings.ToLower(ty), "organization") {
				if name := ldString(t["name"]); name != "" {
					out = append(out, name)
				}
				break
			}
		}
	}
	return out
}
