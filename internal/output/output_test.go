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
	d, err := NewDir(dest)
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
	if len(entries) != 1 {
		t.Errorf("leftovers beside public/: %v", entries)
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
	if _, err := NewDir(dest); err == nil || !strings.Contains(err.Error(), "not built by brief") {
		t.Fatalf("NewDir on a foreign folder: %v", err)
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
	d, err := NewDir(dest)
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
