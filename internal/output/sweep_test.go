//go:build linux

package output

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestOpenDirSweepsStaleStaging: the staging folders a killed build left
// beside dest (each up to a whole copy of the site) are removed by the
// next build, but never one a live build holds, nor what is not brief's.
func TestOpenDirSweepsStaleStaging(t *testing.T) {
	for _, tc := range []struct {
		name     string
		entry    string // beside dest
		dir      bool
		locked   bool // held by a live build
		noDest   bool // nothing published yet
		wantGone bool
	}{
		{name: "left by a killed build", entry: ".public-build-1234", dir: true, wantGone: true},
		{name: "a live build's", entry: ".public-build-5678", dir: true, locked: true},
		{name: "the previous build moved aside by a swap that died", entry: ".public-build-9.old", dir: true, noDest: true},
		{name: "the same, once a build is published again", entry: ".public-build-9.old", dir: true, wantGone: true},
		{name: "another destination's", entry: ".site-build-1234", dir: true},
		{name: "a file, not a folder", entry: ".public-build-notes", dir: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			if !tc.noDest {
				build(t, dest, map[string]string{"index.html": "old"})
			}
			p := filepath.Join(root, tc.entry)
			if tc.dir {
				if err := os.MkdirAll(filepath.Join(p, "articles", "a"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(p, "articles", "a", "index.html"), []byte("a whole site"), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.locked {
				unlock, ok := lockDir(p)
				if !ok {
					t.Fatal("cannot lock the folder")
				}
				defer unlock()
			}
			build(t, dest, map[string]string{"index.html": "new"})
			_, err := os.Lstat(p)
			if gone := os.IsNotExist(err); gone != tc.wantGone {
				t.Errorf("%s gone after the next build: %v, want %v", tc.entry, gone, tc.wantGone)
			}
		})
	}
}

// TestLiveStageIsNotSwept: a build's staging folder is locked from its
// creation to its swap, so a sweep (another build's) passes it by.
func TestLiveStageIsNotSwept(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	d, err := OpenDir(dest, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if removed, err := SweepStale(dest); err != nil || len(removed) > 0 {
		t.Fatalf("sweep removed %v (err %v) while the build was live", removed, err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "x" {
		t.Errorf("published index.html = %q", b)
	}
}

// TestAbandon: a cancelled build spends at most its budget removing its
// staging folder; what it leaves, under a staging name and unlocked, the
// next build sweeps. A kept tree half updated in place is moved aside
// first, and one not yet changed stays the kept tree.
func TestAbandon(t *testing.T) {
	for _, tc := range []struct {
		name       string
		keptTree   bool // the build updates the kept tree in place
		change     bool // the build has written a file
		budget     time.Duration
		wantLeft   bool // a staging folder is left for the next build
		wantKeptOK bool // the kept tree is still there to be adopted
	}{
		{name: "fresh stage, time enough", change: true, budget: time.Minute},
		{name: "fresh stage, no time", change: true, budget: 0, wantLeft: true},
		{name: "kept tree changed, time enough", keptTree: true, change: true, budget: time.Minute},
		{name: "kept tree changed, no time", keptTree: true, change: true, budget: 0, wantLeft: true},
		{name: "kept tree untouched", keptTree: true, budget: 0, wantKeptOK: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			if tc.keptTree {
				build(t, dest, map[string]string{"index.html": "1", "a/index.html": "a"})
				build(t, dest, map[string]string{"index.html": "2", "a/index.html": "a"})
			}
			d, err := OpenDir(dest, DirOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if tc.keptTree != d.st.adopted {
				t.Fatalf("adopted the kept tree: %v, want %v", d.st.adopted, tc.keptTree)
			}
			if tc.change {
				if err := d.WriteFile("b/index.html", []byte("b")); err != nil {
					t.Fatal(err)
				}
			}
			d.Abandon(tc.budget)
			left, _ := filepath.Glob(filepath.Join(root, ".public-build-*"))
			if (len(left) > 0) != tc.wantLeft {
				t.Errorf("left %v, want a staging folder left: %v", left, tc.wantLeft)
			}
			if ok := isBuild(Kept(dest)) && readManifest(Kept(dest)) != nil; ok != tc.wantKeptOK {
				t.Errorf("kept tree usable: %v, want %v", ok, tc.wantKeptOK)
			}
			build(t, dest, map[string]string{"index.html": "3"})
			if left, _ := filepath.Glob(filepath.Join(root, ".public-build-*")); len(left) > 0 {
				t.Errorf("the next build left %v", left)
			}
			if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "3" {
				t.Errorf("published index.html = %q", b)
			}
		})
	}
}
