package output

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestCheckName(t *testing.T) {
	good := []string{"index.html", "topics/x/index.html", "a/b.c"}
	bad := []string{"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", ".", "..", "a\\b", "a\x00b", "a/"}
	for _, n := range good {
		if err := CheckName(n); err != nil {
			t.Errorf("CheckName(%q) = %v", n, err)
		}
	}
	for _, n := range bad {
		if err := CheckName(n); err == nil {
			t.Errorf("CheckName(%q) accepted", n)
		}
	}
}

func TestMemoryRejectsTwoWrites(t *testing.T) {
	m := NewMemory()
	if err := m.WriteFile("a.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteFile("a.html", []byte("y")); err == nil {
		t.Error("second write of one name accepted: two pages would share a URL")
	}
}

func build(t *testing.T, dest string, files map[string]string) *Dir {
	t.Helper()
	d, err := OpenDir(dest, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for n, s := range files {
		if err := d.WriteFile(n, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

func TestDirReusesUnchangedFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, map[string]string{"same.html": "same", "changed.html": "old", "gone.html": "x"})
	same, changed := inode(t, filepath.Join(dest, "same.html")), inode(t, filepath.Join(dest, "changed.html"))

	d := build(t, dest, map[string]string{"same.html": "same", "changed.html": "new"})
	if d.Reused() != 1 {
		t.Errorf("reused %d files, want 1", d.Reused())
	}
	if inode(t, filepath.Join(dest, "same.html")) != same {
		t.Error("an unchanged file was rewritten")
	}
	if inode(t, filepath.Join(dest, "changed.html")) == changed {
		t.Error("a changed file kept its old inode")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "changed.html")); string(b) != "new" {
		t.Errorf("changed.html = %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "gone.html")); !os.IsNotExist(err) {
		t.Error("a file the new build did not write survived")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 2 || entries[0].Name() != filepath.Base(Kept(dest)) {
		t.Errorf("beside public/: %v, want it and the kept previous build", entries)
	}
}

func TestDirRefusesForeignFolders(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "mine")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "notes.txt"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDir(dest, DirOptions{}); err == nil || !strings.Contains(err.Error(), "not built by brief") {
		t.Fatalf("OpenDir on a foreign folder: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "notes.txt")); string(b) != "precious" {
		t.Error("foreign folder touched")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("staging folder left behind: %v", entries)
	}
}

func TestDirAbortLeavesOldBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, map[string]string{"index.html": "v1"})
	d, err := OpenDir(dest, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("v2")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "v1" {
		t.Errorf("index.html = %q after an aborted build", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("leftovers: %v", entries)
	}
}

// files lists dir's files with their contents, leaving out brief's own.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if os.IsNotExist(err) && p == dir {
			return nil
		}
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == Marker || rel == ManifestFile {
			return nil
		}
		b, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestDirUpdatesKeptBuildInPlace builds a folder several times: from the
// third build on, the kept tree (the published build's twin) is updated
// in place.
// Each build must publish exactly its files, whatever the kept tree held,
// and never write through a file the published build shares.
func TestDirUpdatesKeptBuildInPlace(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	kept := Kept(dest)
	outside := filepath.Join(t.TempDir(), "backup-of-b")
	builds := []map[string]string{
		{"a/index.html": "a1", "b/index.html": "b1", "c/d/index.html": "d1", "same.txt": "s"},
		{"a/index.html": "a2", "b/index.html": "b1", "c/d/index.html": "d1", "same.txt": "s", "new/x.html": "x"},
		{"a/index.html": "a3", "b/index.html": "b1", "same.txt": "s", "new/x.html": "x"},
		{"a/index.html": "a3", "b/index.html": "b2", "same.txt": "s", "new/x.html": "x"},
		{"a/index.html": "a3", "same.txt": "s2", "e/index.html": "e"},
	}
	for i, want := range builds {
		if i == 3 {
			// Files left by hand in the published and the kept folder.
			if err := os.WriteFile(filepath.Join(dest, "stray.txt"), []byte("?"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(kept, "junk", "deep"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(kept, "junk", "deep", "f"), []byte("?"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(kept, "stray.txt"), []byte("?"), 0o644); err != nil {
				t.Fatal(err)
			}
			// A backup made with hard links (rsync --link-dest, cp -al)
			// shares the kept tree's file that this build changes.
			if err := os.Link(filepath.Join(kept, "b", "index.html"), outside); err != nil {
				t.Fatal(err)
			}
		}
		published := files(t, dest)
		d, err := OpenDir(dest, DirOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if (i >= 2) != d.st.adopted {
			t.Errorf("build %d: in place = %v", i+1, d.st.adopted)
		}
		for n, s := range want {
			key := uint64(len(s)) // any key that changes with the bytes
			for _, c := range s {
				key = key*31 + uint64(c)
			}
			if ok, err := d.Carry(n, key); err != nil {
				t.Fatal(err)
			} else if !ok {
				if err := d.WriteKeyed(n, key, []byte(s)); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Until Commit, the published build is untouched, shared links
		// included.
		if got := files(t, dest); !equal(got, published) {
			t.Errorf("build %d: the published folder changed before Commit:\n%v\nwas\n%v", i+1, got, published)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		if got := files(t, dest); !equal(got, want) {
			t.Errorf("build %d: published\n%v\nwant\n%v", i+1, got, want)
		}
		if i >= 1 {
			// The kept tree is brought up to date with the published one.
			if got := files(t, kept); !equal(got, want) {
				t.Errorf("build %d: kept\n%v\nwant the published build\n%v", i+1, got, want)
			}
		}
		if got, err := os.ReadFile(outside); i >= 3 && (err != nil || string(got) != "b1") {
			t.Errorf("build %d: a file linked from outside brief's folders was written through: %q, %v", i+1, got, err)
		}
		if _, err := os.Stat(filepath.Join(dest, "c")); i >= 2 && !os.IsNotExist(err) {
			t.Errorf("build %d: a folder no file is in any more survived", i+1)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public-build-*"))
	if len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestDirKeptTreeIsLocked checks that two builds at once never update the
// same kept tree: the second stages afresh.
func TestDirKeptTreeIsLocked(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, map[string]string{"a.html": "1"})
	build(t, dest, map[string]string{"a.html": "2"})
	first, err := OpenDir(dest, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	second, err := OpenDir(dest, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !first.st.adopted || second.st.adopted {
		t.Fatalf("in place: first %v, second %v; want only the first", first.st.adopted, second.st.adopted)
	}
	for _, d := range []*Dir{first, second} {
		if err := d.WriteFile("a.html", []byte("3")); err != nil {
			t.Fatal(err)
		}
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := files(t, dest); !equal(got, map[string]string{"a.html": "3"}) {
		t.Errorf("published %v", got)
	}
}
