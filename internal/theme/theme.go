// Package theme is brief's default theme, embedded in the binary so that a
// new site needs no template or stylesheet of its own. A site replaces any
// one of its files by keeping a file at the same path (see Files).
package theme

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var files embed.FS

// Templates returns the theme's template files ("base.html",
// "partials/...").
func Templates() fs.FS {
	sub, _ := fs.Sub(files, "templates")
	return sub
}

// Static returns the theme's static files, published at the site's root
// unless the site's static/ has a file of the same name.
func Static() fs.FS {
	sub, _ := fs.Sub(files, "static")
	return sub
}
