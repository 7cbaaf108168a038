// Package golden compares test output with files kept under testdata/ and
// shows a unified diff when they differ. Run the tests with -update to
// write the current output as the new golden files, then review the
// change with git diff.
package golden

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// update is the -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite golden files from the current output instead of comparing")

// maxDiff bounds the diff shown in a failure: enough to see what changed
// in a page, not a whole regenerated site.
const maxDiff = 8 << 10

// Check compares got with the golden file at path and fails t with a
// unified diff if they differ. With -update it writes got to path instead.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	check(t, path, got, *update)
}

func check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s does not exist; run the test with -update to create it", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	if d := Diff(path, want, "got", got); d != "" {
		t.Errorf("output differs from %s (-want +got); if the change is intended, run the test with -update and review the diff:\n%s", path, d)
	}
}

// Diff returns a unified diff from want to got, at most a few kilobytes
// of it, or "" when they are equal.
func Diff(wantName string, want []byte, gotName string, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	d := diff.Diff(wantName, want, gotName, got)
	if len(d) > maxDiff {
		cut := bytes.LastIndexByte(d[:maxDiff], '\n') + 1
		return fmt.Sprintf("%s… (%d more bytes of diff)\n", d[:cut], len(d)-cut)
	}
	return string(d)
}
