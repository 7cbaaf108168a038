package build_test

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestStallingMarkdownRefused: a body over the structure limits fails its
// file at the line, before goldmark parses it, and the other files are
// still checked (their problems reported in the same run).
func TestStallingMarkdownRefused(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
-- content/articles/fine.md --
---
title: Fine
date: 2025-01-01T00:00:00Z
---
Body.
-- content/articles/bad-date.md --
---
title: Bad date
date: someday
---
Body.
`)
	s.EditFiles("content/articles/dashes.md", "---\ntitle: Dashes\ndate: 2025-01-02T00:00:00Z\n---\nIntro.\n\n"+strings.Repeat("- ", 100000)+"\n")
	s.AssertBuildError("content/articles/dashes.md:7:", "list or quote markers", "content/articles/bad-date.md:")
}
