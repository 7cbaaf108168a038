package build_test

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestConcurrentBuildsIntoOneFolder builds two different sites into one
// folder at the same time, several times over: the folder must always
// hold exactly one of the two sites, whole, and the next build of that
// site may call it up to date while the other's must rebuild.
func TestConcurrentBuildsIntoOneFolder(t *testing.T) {
	mk := func(name string, n int) *sitetest.Site {
		txt := fmt.Sprintf("-- site.yaml --\ntitle: %s\nbase_url: https://example.org/\ntopics:\n  - title: All %s\n    match:\n      any: [story]\n", name, name)
		for i := range n {
			txt += fmt.Sprintf("-- content/articles/%s-%d.md --\n---\ntitle: %s story %d\ndate: 2025-01-%02dT00:00:00Z\ntags: [%s%d]\n---\nBody of %s.\n", name, i, name, i, i%28+1, name, i%5, name)
		}
		return sitetest.New(t, txt, sitetest.OnDisk())
	}
	sites := []*sitetest.Site{mk("alpha", 30), mk("beta", 24)}
	opt := build.Options{Now: sitetest.Now(), Tool: "test"}
	want := make([]map[string]string, len(sites))
	for i, s := range sites {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := build.ToDir(context.Background(), s.Dir(), dest, opt); err != nil {
			t.Fatal(err)
		}
		want[i] = readTree(t, dest)
	}
	dest := filepath.Join(t.TempDir(), "public")
	for round := range 6 {
		var wg sync.WaitGroup
		errs := make([]error, len(sites))
		for i, s := range sites {
			wg.Go(func() {
				_, errs[i] = build.ToDir(context.Background(), s.Dir(), dest, opt)
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: build of site %d: %v", round, i, err)
			}
		}
		got := readTree(t, dest)
		which := -1
		for i := range sites {
			if maps.Equal(got, want[i]) {
				which = i
			}
		}
		if which < 0 {
			t.Fatalf("round %d: the folder holds neither site whole (%d files; alpha %d, beta %d)", round, len(got), len(want[0]), len(want[1]))
		}
		for i, s := range sites {
			res, err := build.ToDir(context.Background(), s.Dir(), dest, opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Skipped != (i == which) {
				t.Fatalf("round %d: site %d skipped=%v, but the folder held site %d", round, i, res.Skipped, which)
			}
			which = i
		}
	}
}

// readTree reads every published file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(filepath.Base(rel), ".") {
			return nil // brief's marker and manifest
		}
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
