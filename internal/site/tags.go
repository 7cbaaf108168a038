package site

import (
	"maps"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/slug"
)

// Tags is site.yaml's `tags:` section: how the editor cleans the tags
// that scraped pages bring, once for every article, at import and at
// every build.
//
//	tags:
//	  aliases:
//	    ios9: iOS 9           # this tag, in any case or spacing, becomes that one
//	    U.S.: United States
//	  ignore: [autoplay_video, "@*", "*_widget"]   # dropped; * matches any text
//
// Tags are compared by their letters and digits only, in lower case, so
// that "iOS 9", "ios9" and "IOS-9" are one tag.
type Tags struct {
	Aliases map[string]string `yaml:"aliases"`
	Ignore  []string          `yaml:"ignore"`

	alias  map[string]string // Key(from) → to
	ignore map[string]bool   // Key of a plain entry
	globs  []string          // lower-cased patterns
}

// TagKey is what two spellings of one tag share: its slug.Key without
// the hyphens ("iOS 9", "ios9", "IOS-9" → "ios9"), so symbols the slug
// drops still tell tags apart ("C#" → "csharp", "C" → "c").
func TagKey(tag string) string {
	return strings.ReplaceAll(slug.Key(tag), "-", "")
}

// Apply returns tags without the ignored ones, aliases replaced, and
// spellings of one tag after the first left out. A nil Tags only merges
// spellings.
func (t *Tags) Apply(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, name := range tags {
		k := TagKey(name)
		if t != nil {
			if t.ignored(name, k) {
				continue
			}
			if to, ok := t.alias[k]; ok {
				name, k = to, TagKey(to)
			}
		}
		// A tag with no letter or digit is passed on: the build
		// explains why it cannot name a page.
		if k != "" && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, name)
	}
	return out
}

func (t *Tags) ignored(name, key string) bool {
	if t.ignore[key] {
		return true
	}
	low := strings.ToLower(strings.TrimSpace(name))
	for _, g := range t.globs {
		if ok, _ := path.Match(g, low); ok {
			return true
		}
	}
	return false
}

// check resolves the section, reporting each mistake with its line.
func (t *Tags) check(doc *yaml.Node, bad func(line int, format string, args ...any)) {
	lines, ignoreLines := tagLines(doc)
	t.alias, t.ignore = map[string]string{}, map[string]bool{}
	// In sorted order, so that the errors come in the same order each run.
	for _, from := range slices.Sorted(maps.Keys(t.Aliases)) {
		to, line := t.Aliases[from], lines[from]
		to = strings.TrimSpace(to)
		switch {
		case TagKey(from) == "":
			bad(line, "tags: alias %q has no letters or digits to match a tag by", from)
		case TagKey(to) == "":
			bad(line, "tags: alias %q → %q: the tag it becomes needs letters or digits", from, to)
		default:
			t.alias[TagKey(from)] = to
		}
	}
	for _, from := range slices.Sorted(maps.Keys(t.Aliases)) {
		to := t.alias[TagKey(from)]
		if next, ok := t.alias[TagKey(to)]; ok && TagKey(to) != TagKey(from) {
			bad(lines[from], "tags: alias %q becomes %q, itself an alias of %q; point it straight at %q", from, to, next, next)
		}
	}
	for i, ig := range t.Ignore {
		line := 0
		if i < len(ignoreLines) {
			line = ignoreLines[i]
		}
		ig = strings.TrimSpace(ig)
		if strings.Contains(ig, "*") || strings.Contains(ig, "?") || strings.Contains(ig, "[") {
			if _, err := path.Match(strings.ToLower(ig), ""); err != nil {
				bad(line, "tags: ignore %q is not a pattern: use * for any text", ig)
				continue
			}
			t.globs = append(t.globs, strings.ToLower(ig))
			continue
		}
		k := TagKey(ig)
		if k == "" {
			bad(line, "tags: ignore %q has no letters or digits to match a tag by; use a pattern such as \"@*\"", ig)
			continue
		}
		if _, ok := t.alias[k]; ok {
			bad(line, "tags: %q is both ignored and an alias; keep one", ig)
		}
		t.ignore[k] = true
	}
}

// tagLines finds the line of each alias (by its key as written) and of
// each ignore entry in site.yaml's tree: the typed decoder keeps no lines.
func tagLines(doc *yaml.Node) (aliases map[string]int, ignore []int) {
	aliases = map[string]int{}
	if doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return aliases, nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "tags" || m.Content[i+1].Kind != yaml.MappingNode {
			continue
		}
		sec := m.Content[i+1]
		for j := 0; j+1 < len(sec.Content); j += 2 {
			v := sec.Content[j+1]
			switch sec.Content[j].Value {
			case "aliases":
				for k := 0; k+1 < len(v.Content); k += 2 {
					aliases[v.Content[k].Value] = v.Content[k].Line
				}
			case "ignore":
				for _, item := range v.Content {
					ignore = append(ignore, item.Line)
				}
			}
		}
	}
	return aliases, ignore
}
