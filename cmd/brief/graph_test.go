package main

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

const module = "github.com/brief-ssg/brief/"

// layers orders the packages from the command line down to the leaves.
// A package may import only packages of a later layer, so data flows one
// way: cmd → import, build, serve → extract, content, render → ….
var layers = [][]string{
	{"cmd/brief", "cmd/briefcorpus"},
	{"internal/sources"},
	{"internal/importer", "internal/serve", "internal/scaffold", "internal/deploy"},
	{"internal/build", "internal/extract"},
	{"internal/render", "internal/feed", "internal/output", "internal/content", "internal/site",
		"internal/markdown", "internal/theme", "internal/fetch",
		"internal/extract/htmlpage", "internal/extract/textdump", "bench/corpus", "internal/stories", "internal/related", "internal/archive",
		"internal/email", "internal/search"},
	{"internal/topics", "internal/editions", "internal/extract/article", "internal/diag", "internal/slug", "internal/pool", "internal/langdetect", "internal/images"},
	{"internal/safetext"},
}

// testSupport are packages for tests and benchmarks only: nothing that
// ships may import them.
var testSupport = []string{
	"internal/sitetest", "internal/golden", "internal/tbfake", "internal/htmlcheck",
	"internal/extractmetric", "internal/extract/articletest", "internal/browsertest",
	"bench/build", "bench/stories", "bench/archive", "internal/archive/warctest", "internal/s3test", "internal/smtptest",
	"bench/search", "bench/measure",
}

// TestPackageGraphReadsOneWay fails when a package imports one of its own
// layer's betters, when a shipped package imports test support, or when a
// package is in neither list (so a new package gets a place on purpose).
func TestPackageGraphReadsOneWay(t *testing.T) {
	root := sitetest.RepoRoot(t)
	layer := map[string]int{}
	for i, l := range layers {
		for _, p := range l {
			layer[p] = i
		}
	}
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules") {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if rel == "bench/extraction" {
			return filepath.SkipDir // a module of its own
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		seen[rel] = true
		l, ranked := layer[rel]
		if !ranked && !slices.Contains(testSupport, rel) {
			t.Errorf("%s is in no layer: give it a place in layers or testSupport", rel)
			return nil
		}
		for _, imp := range pkg.Imports {
			dep, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			if slices.Contains(testSupport, dep) {
				if ranked {
					t.Errorf("%s imports %s, which is for tests only", rel, dep)
				}
				continue
			}
			if ranked {
				if dl, ok := layer[dep]; ok && dl <= l {
					t.Errorf("%s (layer %d) imports %s (layer %d): imports must go down the layers", rel, l, dep, dl)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range layer {
		if !seen[p] {
			t.Errorf("layers name %s, which holds no Go package", p)
		}
	}
}
