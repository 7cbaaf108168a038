//go:build linux

package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestDiskBuildCarriesUnchangedFiles edits a copy of the example site step
// by step and builds it into one folder each time, as `brief build` does:
// files whose inputs did not change are carried over from the previous
// build by their recorded key, and the folder must hold exactly what a
// full build into memory writes. Keys written by another brief (Tool) or
// with other options must never carry a file over.
func TestDiskBuildCarriesUnchangedFiles(t *testing.T) {
	s := sitetest.New(t, "", sitetest.Example(), sitetest.OnDisk())
	dest := filepath.Join(t.TempDir(), "public")
	ctx := context.Background()
	article := "content/articles/yellen-beijing-visit.md"
	page := "articles/yellen-beijing-visit/index.html"

	steps := []struct {
		name string
		edit func()
		opt  build.Options
		// carried says whether the page's file must come from the
		// previous build: yes, no, or -1 for no expectation.
		carried int
	}{
		{name: "first build", edit: func() {}, carried: 0},
		{name: "nothing changed", edit: func() {}, carried: 1},
		{name: "note added", edit: func() {
			s.ReplaceInFile(article, "summary:", "note: \"Watch the *minerals* story.\"\nsummary:")
		}, carried: 0},
		{name: "other article edited", edit: func() {
			s.ReplaceInFile(otherArticle(t, s, article), "\n---\n", "\n---\nOne more line.\n\n")
		}, carried: 1},
		{name: "another brief", edit: func() {
			// A file changed behind brief's back, same size: only a key
			// match could carry it over, and another tool's keys never do.
			p := filepath.Join(dest, filepath.FromSlash(page))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(p); err != nil { // keep the other links intact
				t.Fatal(err)
			}
			b = []byte(strings.Replace(string(b), "<h1>", "<h2>", 1))
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, opt: build.Options{Tool: "brief-test-2"}, carried: 0},
		// The page's bytes do not change with --drafts, so the old file may be
		// linked after a comparison; the other files must still match.
		{name: "other options", edit: func() {}, opt: build.Options{Tool: "brief-test-2", Drafts: true}, carried: -1},
		{name: "template overridden", edit: func() {
			base, _ := os.ReadFile(filepath.Join("..", "theme", "templates", "article.html"))
			s.EditFiles("templates/article.html", strings.Replace(string(base), "<h1>", "<h1 class=\"x\">", 1))
		}, opt: build.Options{Tool: "brief-test-2", Drafts: true}, carried: 0},
		{name: "article removed", edit: func() {
			s.RemoveFiles(article)
		}, opt: build.Options{Tool: "brief-test-2", Drafts: true}, carried: -1},
	}
	for _, st := range steps {
		st.edit()
		opt := st.opt
		if opt.Tool == "" {
			opt.Tool = "brief-test-1"
		}
		opt.Now = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		before := madeAt(filepath.Join(dest, filepath.FromSlash(page)))
		d, err := output.OpenDir(dest, output.DirOptions{})
		if err != nil {
			t.Fatal(err)
		}
		progress := 0
		opt.Progress = func(done, total int) {
			if done != progress+1 || done > total {
				t.Errorf("%s: progress %d/%d after %d", st.name, done, total, progress)
			}
			progress = done
		}
		res, err := build.Build(ctx, s.FS(), d, opt)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		if progress != res.Files {
			t.Errorf("%s: progress ended at %d of %d files", st.name, progress, res.Files)
		}
		mem := output.NewMemory()
		full := opt
		full.Progress = nil
		if _, err := build.Build(ctx, s.FS(), mem, full); err != nil {
			t.Fatal(err)
		}
		got := snapshot(t, dest)
		for _, n := range mem.Names() {
			want, _ := mem.File(n)
			p := filepath.Clean(filepath.Join(dest, filepath.FromSlash(n)))
			if got[p] != string(want) {
				t.Errorf("%s: %s differs from a full build", st.name, n)
			}
			delete(got, p)
		}
		for p := range got {
			if b := filepath.Base(p); b != output.Marker && b != output.ManifestFile {
				t.Errorf("%s: %s is not in a full build", st.name, p)
			}
		}
		after := madeAt(filepath.Join(dest, filepath.FromSlash(page)))
		if st.carried == 1 && (before == 0 || after != before) {
			t.Errorf("%s: %s was not carried over", st.name, page)
		}
		if st.carried == 0 && before != 0 && after == before {
			t.Errorf("%s: %s was carried over", st.name, page)
		}
		t.Logf("%s: %d of %d files reused", st.name, d.Reused(), res.Files)
	}
}

// otherArticle names an article of the site other than skip.
func otherArticle(t *testing.T, s *sitetest.Site, skip string) string {
	entries, err := os.ReadDir(filepath.Join(s.Dir(), "content", "articles"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if p := "content/articles/" + e.Name(); !e.IsDir() && strings.HasSuffix(p, ".md") && p != skip {
			return p
		}
	}
	t.Fatal("no other article")
	return ""
}

// madeAt tells which build wrote the file at p: its modification time,
// which a carried file keeps (hard-linked, or copied into the kept tree
// with its time) and a rendered one does not; 0 when there is none.
func madeAt(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.ModTime().UnixNano()
}
