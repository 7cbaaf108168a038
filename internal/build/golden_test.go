package build_test

import (
	"path/filepath"
	"testing"
)

// TestGolden pins the complete output of a few representative files of the
// fixture site, so that any change to what readers get (markup, feeds,
// escaping) shows up in review as a diff of testdata/golden. Regenerate
// with: go test ./internal/build -run TestGolden -update
func TestGolden(t *testing.T) {
	fixture(t, "").Build().AssertGolden(filepath.Join("testdata", "golden"),
		"index.html",
		"articles/blinken-visit/index.html",
		"topics/us-china/index.html",
		"feed.xml",
		"rss.xml",
		"feed.json",
		"sitemap.xml",
	)
}
