package site

import _ "embed"

// Reference is the site.yaml reference, every key with its meaning and
// default, as `brief help site` prints it: the binary carries it, so that
// an installed brief needs no README. It is internal/site/reference.md,
// which the README links.
//
//go:embed reference.md
var Reference string
