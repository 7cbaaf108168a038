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
// visible bylines ("By …", "Von …", "Text: …", then byline elements that
// hold names alone). Every value goes through article.CleanAuthors, so
// organisations, the publisher, CMS accounts and interface phrases never
// become authors and a source full of them falls through to the next.
// A labelled visible byline that names everyone the metadata names and
// more wins over it: metadata often keeps only the first of several.
func chooseAuthors(m *pageMeta, publishers []string) []string {
	meta := metaAuthors(m, publishers)
	var visible []string
	for _, b := range m.onPage.bylines {
		if names := article.BylineNames(b, publishers...); len(names) > 0 {
			visible = names
			break
		}
	}
	if len(meta) > 0 && len(visible) > len(meta) && containsAll(visible, meta) {
		return visible
	}
	if len(meta) > 0 {
		return meta
	}
	if len(visible) > 0 {
		return visible
	}
	for _, b := range m.onPage.bylines {
		if names := article.NameLine(b, publishers...); len(names) > 0 {
			return names
		}
	}
	return nil
}

// metaAuthors reads the authors that metadata gives: JSON-LD, <meta>
// tags, microdata and rel=author links.
func metaAuthors(m *pageMeta, publishers []string) []string {
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
	return full
}

// containsAll reports whether every name of some is in all, folded.
func containsAll(all, some []string) bool {
	for _, s := range some {
		found := false
		for _, a := range all {
			if article.Fold(a) == article.Fold(s) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
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
