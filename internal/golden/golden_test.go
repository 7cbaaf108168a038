package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/tbfake"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "page.golden")
	if err := os.WriteFile(path, []byte("<h1>Title</h1>\n<p>one</p>\n<p>two</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		got    string
		failed bool
		says   []string
	}{
		{"equal", path, "<h1>Title</h1>\n<p>one</p>\n<p>two</p>\n", false, nil},
		{"a line changed", path, "<h1>Title</h1>\n<p>one</p>\n<p>three</p>\n", true,
			[]string{"-<p>two</p>", "+<p>three</p>", " <p>one</p>", "-update"}},
		{"final newline", path, "<h1>Title</h1>\n<p>one</p>\n<p>two</p>", true, []string{"No newline at end of file"}},
		{"missing file", filepath.Join(dir, "none.golden"), "x", true, []string{"does not exist", "-update"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tbfake.Run(t, func(tb testing.TB) { check(tb, tt.path, []byte(tt.got), false) })
			if o.Failed != tt.failed {
				t.Fatalf("failed = %v, want %v:\n%s", o.Failed, tt.failed, o.Text())
			}
			for _, s := range tt.says {
				if !strings.Contains(o.Text(), s) {
					t.Errorf("the failure does not say %q:\n%s", s, o.Text())
				}
			}
		})
	}
}

func TestUpdateWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "new.golden")
	if o := tbfake.Run(t, func(tb testing.TB) { check(tb, path, []byte("fresh\n"), true) }); o.Failed {
		t.Fatal(o.Text())
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "fresh\n" {
		t.Fatalf("update wrote %q, %v", b, err)
	}
	if o := tbfake.Run(t, func(tb testing.TB) { check(tb, path, []byte("fresh\n"), false) }); o.Failed {
		t.Errorf("the updated file does not match: %s", o.Text())
	}
}

func TestDiffIsBounded(t *testing.T) {
	want := strings.Repeat("same line\n", 10) + strings.Repeat("old\n", 5000)
	got := strings.Repeat("same line\n", 10) + strings.Repeat("new\n", 5000)
	d := Diff("want", []byte(want), "got", []byte(got))
	if len(d) > maxDiff+100 || !strings.Contains(d, "more bytes of diff") || !strings.Contains(d, "--- want\n+++ got\n") {
		t.Errorf("diff of %d bytes:\n%.300s", len(d), d)
	}
}
