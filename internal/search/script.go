package search

import (
	_ "embed"
	"strings"
)

//go:embed search.js
var source string

// script is search.js as pages carry it: without its comment lines and
// indentation, which every first query downloads (the script is inline)
// and no reader runs. search.js has no template literal, so no line's
// leading space is part of a string.
var script = compact(source)

// compact drops whole-line // comments and each line's leading spaces.
func compact(js string) string {
	var b strings.Builder
	b.Grow(len(js))
	for line := range strings.SplitSeq(js, "\n") {
		line = strings.TrimLeft(line, " \t")
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// Script is the search page's script, to be inlined in the page and
// allowed by its hash: it reads data-root (the way from the page to the
// site's root) from its own element and expects the search page's
// elements (see the theme's search.html).
func Script() string { return script }
