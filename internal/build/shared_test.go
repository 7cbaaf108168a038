package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/render"
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
	ctx := context.Background()
	opt := Options{Now: now, Tool: "guard"}
	dir := t.TempDir()
	for name, f := range loadTxtar(t, "site.txtar") {
		write(t, dir, name, string(f.Data))
	}
	age(t, dir)
	inc := NewIncremental(os.DirFS(dir), opt)
	dest := filepath.Join(t.TempDir(), "public")
	check := func(step string) {
		t.Helper()
		mem := output.NewMemory()
		if _, err := Build(ctx, os.DirFS(dir), mem, Options{Now: now}); err != nil {
			t.Fatalf("%s: full build: %v", step, err)
		}
		u, err := inc.Build(ctx)
		if err != nil {
			t.Fatalf("%s: incremental: %v", step, err)
		}
		res, err := ToDir(ctx, dir, dest, opt)
		if err != nil {
			t.Fatalf("%s: ToDir: %v", step, err)
		}
		disk := snapshot(t, dest)
		for _, n := range mem.Names() {
			want, _ := mem.File(n)
			if got := u.Files[n]; !bytes.Equal(got, want) {
				t.Errorf("%s: %s in memory differs from a full build", step, n)
			}
			if got := disk[filepath.Join(dest, filepath.FromSlash(n))]; got != string(want) {
				t.Errorf("%s: %s on disk differs from a full build", step, n)
			}
		}
		if len(u.Files) != len(mem.Names()) || len(disk) != len(mem.Names())+3 {
			t.Errorf("%s: %d files in memory, %d on disk, want %d (+3 of brief's own)", step, len(u.Files), len(disk), len(mem.Names()))
		}
		t.Logf("%s: rendered %d in memory, %d on disk, of %d", step, u.Rendered, res.Rendered, len(mem.Names()))
	}
	check("first build")
	for _, name := range names {
		for _, g := range sharedGuards[name] {
			edit(t, dir, g.file, g.old, g.new)
			inc.Changed(g.file)
			check(name + ": " + g.file)
		}
	}
}

// age sets every file under dir a day back, as an editor's files are
// older than the last build; files written within the cache's racy
// window would be read again anyway.
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
