package sitetest

import "testing"

// TestDocExample runs the package documentation's example, so that it stays true.
func TestDocExample(t *testing.T) {
	s := New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
-- content/articles/tariffs.md --
---
title: Tariffs rise
date: 2025-01-01
---
Body.
`).Build()
	s.AssertFileContent("articles/tariffs/index.html", "<h1>Tariffs rise</h1>", "! draft")
	s.AssertNoFile("articles/draft/index.html")
	s.ReplaceInFile("content/articles/tariffs.md", "Tariffs rise", "Tariffs fall")
	s.Rebuild().AssertFileContent("index.html", "Tariffs fall")
}
