package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReuse(t *testing.T) {
	dest := t.TempDir()
	os.WriteFile(filepath.Join(dest, "a.html"), []byte("aaa"), 0o644)
	os.WriteFile(filepath.Join(dest, "grown.html"), []byte("grown by hand"), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(dest, "link.html"))
	var prev, kept Manifest
	prev.Set("a.html", Entry{Key: 7, Size: 3})
	prev.Set("grown.html", Entry{Key: 8, Size: 5})
	prev.Set("link.html", Entry{Key: 9, Size: 11})
	kept.Set("k.html", Entry{Key: 5, Size: 1})
	r := reuse{dest: dest, prev: &prev, kept: &kept}

	tests := []struct {
		name      string
		key       uint64
		inPlace   bool
		published bool
	}{
		{"k.html", 5, true, false},
		{"k.html", 6, false, false},
		{"k.html", 0, false, false},
		{"a.html", 7, false, true},
		{"a.html", 8, false, false},
		{"grown.html", 8, false, false}, // size differs from the manifest
		{"link.html", 9, false, false},  // not a regular file
		{"missing.html", 1, false, false},
	}
	for _, tt := range tests {
		if _, ok := r.inPlace(tt.name, tt.key); ok != tt.inPlace {
			t.Errorf("inPlace(%s, %d) = %v", tt.name, tt.key, ok)
		}
		if _, _, ok := r.published(tt.name, tt.key); ok != tt.published {
			t.Errorf("published(%s, %d) = %v", tt.name, tt.key, ok)
		}
	}
	if _, ok := r.sameAsPublished("a.html", []byte("aaa")); !ok {
		t.Error("same bytes not found")
	}
	if _, ok := r.sameAsPublished("a.html", []byte("aab")); ok {
		t.Error("other bytes taken for the same")
	}
	if _, ok := (&reuse{}).sameAsPublished("a.html", []byte("aaa")); ok {
		t.Error("reuse without a published build found a file")
	}
}
