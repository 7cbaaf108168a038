package build

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden pins the complete output of a few representative files of the
// fixture site, so that any change to what readers get (markup, feeds,
// escaping) shows up in review as a diff of testdata/golden. Regenerate
// with: go test ./internal/build -run TestGolden -update
func TestGolden(t *testing.T) {
	out, _ := buildMem(t, loadTxtar(t, "site.txtar"), Options{})
	for _, name := range []string{
		"index.html",
		"articles/blinken-visit/index.html",
		"topics/us-china/index.html",
		"feed.xml",
		"rss.xml",
		"feed.json",
		"sitemap.xml",
	} {
		got, ok := out.File(name)
		if !ok {
			t.Errorf("%s not built", name)
			continue
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "_")+".golden")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; if the change is intended, run go test ./internal/build -run TestGolden -update and review the diff", name, golden)
		}
	}
}
