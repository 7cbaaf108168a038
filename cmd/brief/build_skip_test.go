package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildSkipsWhenNothingChanged: a second build of the same inputs
// leaves public/ as it is, and any edit, --force or another option builds
// again.
func TestBuildSkipsWhenNothingChanged(t *testing.T) {
	tmp := t.TempDir()
	if code, _, errOut := brief(t, tmp, "init", "site"); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	build := func(args ...string) string {
		t.Helper()
		code, out, errOut := brief(t, tmp, append([]string{"build", "--source", "site"}, args...)...)
		if code != 0 {
			t.Fatalf("build %v: %d %s", args, code, errOut)
		}
		return out
	}
	if out := build(); !strings.HasPrefix(out, "built ") {
		t.Fatalf("first build: %q", out)
	}
	index := filepath.Join(tmp, "site", "public", "index.html")
	before, err := os.Stat(index)
	if err != nil {
		t.Fatal(err)
	}
	if out := build(); !strings.HasPrefix(out, "up to date") {
		t.Errorf("second build with nothing changed: %q", out)
	}
	after, err := os.Stat(index)
	if err != nil || !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("a skipped build touched public/")
	}
	if out := build("--force"); !strings.HasPrefix(out, "built ") {
		t.Errorf("--force: %q", out)
	}
	if out := build("--drafts"); !strings.HasPrefix(out, "built ") {
		t.Errorf("other options: %q", out)
	}
	build()
	yaml := filepath.Join(tmp, "site", "site.yaml")
	data, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yaml, append(data, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := build(); !strings.HasPrefix(out, "built ") {
		t.Errorf("after an edit: %q", out)
	}
}
