package build_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/sitetest"
	"github.com/brief-ssg/brief/internal/theme"
)

// sharedGuards changes, for each shared partial (render.Templates'
// SharedPartials), an input its output depends on. TestSharedPartialGuards
// checks that a rebuild after each change matches a full build byte for
// byte, in memory and on disk, and that every shared partial has a guard.
var sharedGuards = map[string][]struct{ file, old, new string }{
	"nav": {
		{"site.yaml", "title: Trade", "title: Trade and tariffs"},
		{"content/pages/about.md", "title: About", "title: About us"},
	},
	"footer": {
		{"site.yaml", "description: A briefing for tests.", "description: Another description."},
		{"site.yaml", "author: Test Editor", "author: Another Editor"},
	},
	"item": {
		{"content/articles/tariff-talk.md", "title: Tariffs on the table", "title: Tariffs still on the table"},
		{"content/articles/tariff-talk.md", "source: Ledger", "source: The Ledger"},
	},
	// tariff-talk is in blinken-visit's related list; the guards run in
	// the order of the partials' names, so after item's edits.
	"related": {
		{"content/articles/tariff-talk.md", "title: Tariffs still on the table", "title: Tariffs are back"},
		{"content/articles/tariff-talk.md", "source: The Ledger", "source: Ledger Weekly"},
	},
}

func TestSharedPartialGuards(t *testing.T) {
	tm, err := render.Load(theme.Templates(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range tm.SharedPartials() {
		names = append(names, name)
		if len(sharedGuards[name]) == 0 {
			t.Errorf("shared partial %q has no guard: add an edit of its input to sharedGuards", name)
		}
	}
	sort.Strings(names)
	s := fixture(t, "", sitetest.OnDisk())
	age(t, s.Dir())
	s.Build()
	dest := filepath.Join(t.TempDir(), "public")
	opt := build.Options{Now: sitetest.Now(), Tool: "guard"}
	toDir := func(step string) {
		t.Helper()
		res, err := build.ToDir(context.Background(), s.Dir(), dest, opt)
		if err != nil {
			t.Fatalf("%s: ToDir: %v", step, err)
		}
		disk := snapshot(t, dest)
		for _, n := range s.Names() {
			if got := disk[filepath.Join(dest, filepath.FromSlash(n))]; got != string(s.File(n)) {
				t.Errorf("%s: %s on disk differs from a full build", step, n)
			}
		}
		if len(disk) != len(s.Names())+2 {
			t.Errorf("%s: %d files on disk, want %d and brief's own 2", step, len(disk), len(s.Names()))
		}
		t.Logf("%s: rendered %d in memory, %d on disk, of %d", step, s.Rendered(), res.Rendered, len(s.Names()))
	}
	toDir("first build")
	for _, name := range names {
		for _, g := range sharedGuards[name] {
			// Rebuild fails the test unless the incremental rebuild in
			// memory equals a full build.
			s.ReplaceInFile(g.file, g.old, g.new).Rebuild()
			toDir(name + ": " + g.file)
		}
	}
}

// age sets every file under dir a day back, as an editor's files are
// older than the last build; files written within the cache's racy
// window are read again anyway.
func age(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-24 * time.Hour)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}
