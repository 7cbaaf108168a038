package output

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestStageWritesAndPrunes(t *testing.T) {
	st, err := newStage(t.TempDir(), ".x-build-")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a/b/c.html", "a/d.html", "e.html"} {
		if err := st.write(n, []byte(n)); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.remove("a/b/c.html"); err != nil {
		t.Fatal(err)
	}
	if err := st.prune([]string{"a/d.html", "e.html"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(st.root, "a", "b")); !os.IsNotExist(err) {
		t.Error("an emptied folder survived prune")
	}
	if b, _ := os.ReadFile(filepath.Join(st.root, "a", "d.html")); string(b) != "a/d.html" {
		t.Errorf("a/d.html = %q", b)
	}
}

// TestAdoptedStageDropsItsManifestFirst: an adopted tree loses its
// manifest before its first change, so a build that dies half-way leaves
// nothing a later build would trust.
func TestAdoptedStageDropsItsManifestFirst(t *testing.T) {
	root := t.TempDir()
	var m Manifest
	m.Set("a/x.html", Entry{Key: 1, Size: 1})
	if err := os.MkdirAll(filepath.Join(root, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "a", "x.html"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, ManifestFile), m.Bytes(), 0o644)
	st := adoptStage(root, &m)
	if !st.dirs["a"] {
		t.Error("the manifest's folders are not known")
	}
	st.discard() // nothing changed: the tree stays
	if readManifest(root) == nil {
		t.Fatal("an unchanged adopted tree lost its manifest")
	}
	if err := st.write("b/y.html", []byte("y")); err != nil {
		t.Fatal(err)
	}
	if readManifest(root) != nil {
		t.Error("the adopted tree kept its manifest after a change")
	}
}

func TestSweepRootRemovesStrays(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"a/x.html", "stray/y", "loose.txt", Marker, ".brief-cache"} {
		os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte("?"), 0o644)
	}
	var m Manifest
	st := adoptStage(root, &m)
	if err := st.sweepRoot([]string{"a/x.html"}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{"a/x.html": true, "stray": false, "loose.txt": false, Marker: true, ".brief-cache": true} {
		_, err := os.Stat(filepath.Join(root, p))
		if (err == nil) != want {
			t.Errorf("%s present = %v, want %v", p, err == nil, want)
		}
	}
}

// TestStageOverwrite: an adopted tree's file that nothing else links is
// written through (same inode, the cheap path); a shared one is replaced
// and its other name keeps the old bytes; a missing one is created.
func TestStageOverwrite(t *testing.T) {
	if !canKeep {
		t.Skip("kept trees are not updated in place on this system")
	}
	root := t.TempDir()
	var m Manifest
	for _, n := range []string{"sole.html", "shared.html"} {
		m.Set(n, Entry{Key: 1, Size: 3})
		if err := os.WriteFile(filepath.Join(root, n), []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(t.TempDir(), "published.html")
	if err := os.Link(filepath.Join(root, "shared.html"), other); err != nil {
		t.Fatal(err)
	}
	sole, shared := inode(t, filepath.Join(root, "sole.html")), inode(t, filepath.Join(root, "shared.html"))
	st := adoptStage(root, &m)
	for _, n := range []string{"sole.html", "shared.html", "new/made.html"} {
		if err := st.overwrite(n, []byte("new bytes")); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(n))); err != nil || string(b) != "new bytes" {
			t.Errorf("%s = %q, %v", n, b, err)
		}
	}
	if inode(t, filepath.Join(root, "sole.html")) != sole {
		t.Error("a file nothing else links was replaced, not written through")
	}
	if inode(t, filepath.Join(root, "shared.html")) == shared {
		t.Error("a shared file was written through")
	}
	if b, _ := os.ReadFile(other); string(b) != "old" {
		t.Errorf("the other name of a shared file now holds %q", b)
	}
}

// TestStageWritesConcurrently writes files into shared and separate new
// folders, several levels deep, from many goroutines at once, as the
// build's workers do: every file must land, whichever writer makes its
// folder (run with -race).
func TestStageWritesConcurrently(t *testing.T) {
	st, err := newStage(t.TempDir(), ".x-build-")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("t/%d/index.html", i%7), fmt.Sprintf("t/%d/p/%d/index.html", i%7, i), fmt.Sprintf("u%d/v/w/%d.html", i%3, i))
	}
	errs := make(chan error, len(names))
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Go(func() { errs <- st.write(n, []byte(n)) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	for _, n := range names {
		if b, err := os.ReadFile(st.path(n)); err != nil || string(b) != n {
			t.Errorf("%s: %q, %v", n, b, err)
		}
	}
}
