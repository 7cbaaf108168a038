package build_test

import (
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestTagsNeverMergeBySlug: tags that differ only in symbols the slug
// drops ("C", "C#", "C++", "F#") stay distinct tags with readable URLs;
// spellings of one tag ("Trade", "trade"; "C#", "c#") still make one.
func TestTagsNeverMergeBySlug(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/b/
-- content/articles/one.md --
---
title: One
date: 2025-01-03T00:00:00Z
tags: ["C#", "C++", "C", "F#", "Trade"]
---
Body.
-- content/articles/two.md --
---
title: Two
date: 2025-01-02T00:00:00Z
tags: ["C++", "trade"]
---
Body.
-- content/articles/three.md --
---
title: Three
date: 2025-01-01T00:00:00Z
tags: ["C", "c#"]
---
Body.
`).Build()
	for _, c := range []struct {
		page  string
		wants []string
	}{
		{"tags/c/index.html", []string{"Three", "One", "! Two"}},
		{"tags/c-sharp/index.html", []string{"C#", "One", "Three", "! Two"}},
		{"tags/c-plus-plus/index.html", []string{"C&#43;&#43;", "One", "Two", "! Three"}},
		{"tags/f/index.html", []string{"F#", "One"}},
		{"tags/trade/index.html", []string{"One", "Two"}},
		{"articles/one/index.html", []string{`tags/c-sharp/"`, `tags/c-plus-plus/"`, `tags/c/"`, `tags/f/"`}},
		{"feed.json", []string{`"C#"`, `"C++"`, `"C"`, `"F#"`}},
	} {
		s.AssertFileContent(c.page, c.wants...)
	}
}

// TestTopicNamedBySymbol: an article naming topic "C#" lands in it, not in
// topic C, whose slug "C#" would otherwise slug to.
func TestTopicNamedBySymbol(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
topics:
  - title: C
  - title: "C#"
    slug: c-sharp
-- content/articles/one.md --
---
title: Sharp one
date: 2025-01-03T00:00:00Z
topics: ["C#"]
---
Body.
-- content/articles/two.md --
---
title: Plain two
date: 2025-01-03T00:00:00Z
topics: ["c"]
---
Body.
`).Build()
	s.AssertFileContent("topics/c-sharp/index.html", "Sharp one", "! Plain two")
	s.AssertFileContent("topics/c/index.html", "Plain two", "! Sharp one")
}

// TestTagSlugMovesOnRebuild: a new tag "C" moves "C#" from tags/c/ to
// tags/c-sharp/; an incremental build must follow as a full one does.
func TestTagSlugMovesOnRebuild(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
-- content/articles/one.md --
---
title: One
date: 2025-01-03T00:00:00Z
tags: ["C#"]
---
Body.
`).Build()
	s.AssertFileContent("tags/c/index.html", "C#")
	s.EditFiles("content/articles/two.md", "---\ntitle: Two\ndate: 2025-01-02T00:00:00Z\ntags: [C]\n---\nBody.\n").Rebuild()
	s.AssertFileContent("tags/c-sharp/index.html", "C#", "One")
	s.AssertFileContent("articles/one/index.html", `tags/c-sharp/"`)
}
