package sitetest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/site"
)

// WriteFile writes data to name (slash- or OS-separated, relative) below
// dir, making the folders it needs, and returns the file's path: for the
// files tests keep outside a site, such as scraped pages to import.
func WriteFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// ReadFiles returns the bytes of every regular file below dir by its
// slash-separated path relative to dir, to compare a folder before and
// after a command.
func ReadFiles(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Config reads the site's site.yaml as every command reads it (site.Load),
// failing the test when it does not load.
func (s *Site) Config() *site.Config {
	s.t.Helper()
	cfg, err := site.Load(s.fsys, site.Options{})
	if err != nil {
		s.t.Fatal(err)
	}
	return cfg
}

// deadlineMargin is how long before go test's -timeout a wait of Context
// gives up, leaving the test time to report what it waited for and to
// clean up; a tenth of the time left when that is less.
const deadlineMargin = 30 * time.Second

// Context is a context for the test's waits, ending a little before the
// test binary's deadline (go test -timeout) when it has one: a test waits
// on events with it, with no time bound of its own, and one that waits in
// vain fails with its own message instead of the whole binary panicking
// at the deadline. Unlike t.Context, it is cancelled only once the
// cleanups registered after the call have run, so that they can wait with
// it too (a server's cleanup waiting for it to stop).
func Context(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if dl, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if end, ok := dl.Deadline(); ok {
			cancel()
			end = end.Add(-min(deadlineMargin, time.Until(end)/10))
			ctx, cancel = context.WithDeadline(context.Background(), end)
		}
	}
	t.Cleanup(cancel)
	return ctx
}
