package content_test

import (
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestSiteReportsYAMLMistakes builds a site whose articles hold the YAML
// mistakes editors make most: every one is reported in the same build, at
// its file and line, with the value to write instead.
func TestSiteReportsYAMLMistakes(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
-- content/articles/colon.md --
---
title: Breaking: floods in the south
date: 2025-01-01
---
Body.
-- content/articles/quote.md --
---
title: "Quoted" headline
date: 2025-01-01
---
Body.
-- content/articles/hash.md --
---
title: #1 pick of the week
date: 2025-01-01
---
Body.
-- content/articles/tab.md --
---
title: Tabs
	date: 2025-01-01
---
Body.
-- content/articles/tags.md --
---
title: Tags
date: 2025-01-01
tags: China, trade
---
Body.
`)
	s.AssertBuildError(
		`content/articles/colon.md:2: title contains ": "`, `title: "Breaking: floods in the south"`,
		`content/articles/quote.md:2: title starts with a quote`, `title: '"Quoted" headline'`,
		`content/articles/hash.md:2: title starts with #`, `title: "#1 pick of the week"`,
		`content/articles/tab.md:3: this line is indented with a tab`,
		"! mapping values are not allowed", "! did not find expected key", "! title is missing", "! tags.md",
	)
	s.RemoveFiles("content/articles/colon.md", "content/articles/quote.md", "content/articles/hash.md", "content/articles/tab.md")
	s.Build()
	s.AssertFileExists("tags/china/index.html", "tags/trade/index.html")
	s.AssertNoFile("tags/china-trade/index.html")
}
