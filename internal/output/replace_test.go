package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writerFunc adapts a function to io.WriterTo.
type writerFunc func(io.Writer) (int64, error)

func (f writerFunc) WriteTo(w io.Writer) (int64, error) { return f(w) }

func text(s string) io.WriterTo { return strings.NewReader(s) }

// TestReplaceFile: the new bytes replace the old with the mode asked for;
// a failing writer or a folder at the name leaves what was there, and no
// temporary file stays behind.
func TestReplaceFile(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(t *testing.T, p string)
		data     io.WriterTo
		perm     os.FileMode
		wantErr  string
		wantText string // the file's bytes afterwards; "" for a folder kept
	}{
		{"new file", nil, text("learnt\n"), 0o644, "", "learnt\n"},
		{"replaces the old bytes", func(t *testing.T, p string) { write(t, p, "old\n") }, text("new\n"), 0o600, "", "new\n"},
		{"a failing writer keeps the old file", func(t *testing.T, p string) { write(t, p, "old\n") },
			writerFunc(func(w io.Writer) (int64, error) {
				w.Write([]byte("half"))
				return 4, errors.New("disk full")
			}), 0o644, "disk full", "old\n"},
		{"a folder at the name is refused", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, text("x"), 0o644, "not a file brief wrote", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "part.blocks")
			if tt.setup != nil {
				tt.setup(t, p)
			}
			n, err := ReplaceFile(p, tt.perm, tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ReplaceFile: %v, want an error saying %q", err, tt.wantErr)
				}
			} else if err != nil || n != int64(len(tt.wantText)) {
				t.Fatalf("ReplaceFile = %d, %v", n, err)
			}
			if tt.wantText != "" {
				data, err := os.ReadFile(p)
				if err != nil || string(data) != tt.wantText {
					t.Errorf("file holds %q (%v), want %q", data, err, tt.wantText)
				}
			}
			if tt.wantErr == "" {
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != tt.perm {
					t.Errorf("mode %v (%v), want %v", fi.Mode().Perm(), err, tt.perm)
				}
			}
			list, _ := os.ReadDir(dir)
			if len(list) != 1 {
				t.Errorf("folder holds %v, want the file alone", list)
			}
		})
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}
