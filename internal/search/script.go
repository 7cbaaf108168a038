package search

import (
	_ "embed"
)

//go:embed search.js
var script string

// Script is the search page's script, to be inlined in the page and
// allowed by its hash: it reads data-root (the way from the page to the
// site's root) from its own element and expects the search page's
// elements (see the theme's search.html).
func Script() string { return script }
