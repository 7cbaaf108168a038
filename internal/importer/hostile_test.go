package importer

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/htmlcheck"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sitetest"
	"github.com/brief-ssg/brief/internal/slug"
)

// hostileDir holds scraped pages written to attack the site they are
// imported into: each is an ordinary article carrying script vectors in its
// body, its metadata or its markup. See the file names for the vector.
const hostileDir = "testdata/hostile"

// TestHostileCorpus imports every hostile page into a fresh site, builds
// it, and checks the published files with htmlcheck: whatever the pages
// tried, nothing may run in a reader's browser, no file may land outside
// content/ or the output, and no title may take another page's URL.
func TestHostileCorpus(t *testing.T) {
	entries, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 40 {
		t.Fatalf("the hostile corpus has %d pages; it must keep at least 40", len(entries))
	}
	// The editor's own page and article must come through untouched.
	editorFiles := map[string]string{
		"content/pages/about.md":         "---\ntitle: About\n---\nWritten by the editor.\n",
		"content/articles/index-html.md": "---\ntitle: The editor's index\ndate: 2024-01-02T10:00:00Z\n---\nMine.\n",
	}
	s := sitetest.New(t, "-- site.yaml --\n"+siteYAML, sitetest.OnDisk(),
		// Drafts too: the pages without a date are imported as drafts, and
		// what they carry must be built safely all the same.
		sitetest.WithOptions(build.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Drafts: true}))
	for rel, data := range editorFiles {
		s.EditFiles(rel, data)
	}
	root := s.Dir()
	cfg, err := site.Load(s.FS(), site.Options{})
	if err != nil {
		t.Fatal(err)
	}

	res, err := Import(context.Background(), []string{hostileDir}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reports) != len(entries) {
		t.Fatalf("%d reports for %d pages", len(res.Reports), len(entries))
	}
	seen := map[string]string{}
	for _, r := range res.Reports {
		// A page that is not imported tests nothing: each must still read
		// as an article, whatever it carries.
		if r.Outcome != Imported {
			t.Errorf("%s: outcome %v, err %v: every hostile page must still be imported", r.Input, r.Outcome, r.Err)
			continue
		}
		if !strings.HasPrefix(r.Path, ArticlesDir+"/") || strings.Count(r.Path, "/") != 2 || !strings.HasSuffix(r.Path, ".md") {
			t.Errorf("%s: written to %q, outside %s", r.Input, r.Path, ArticlesDir)
		}
		s := strings.TrimSuffix(path.Base(r.Path), ".md")
		if slug.Make(s) != s {
			t.Errorf("%s: file name %q is not a slug", r.Input, r.Path)
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("%s and %s share the URL /articles/%s/", prev, r.Input, s)
		}
		seen[s] = r.Input
	}
	for rel, want := range editorFiles {
		if got, err := os.ReadFile(filepath.Join(root, rel)); err != nil || string(got) != want {
			t.Errorf("the editor's %s changed: %q, %v", rel, got, err)
		}
	}
	checkContentFiles(t, root, cfg.Location)

	s.Build()
	if want := res.Count(Imported) + 1; s.Result().Articles != want {
		t.Errorf("built %d articles, want %d", s.Result().Articles, want)
	}
	for sl := range seen {
		s.AssertFileExists("articles/" + sl + "/index.html")
	}
	s.AssertFileExists("about/index.html")
	for _, name := range s.Names() {
		if bytes.ContainsAny(s.File(name), "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
			t.Errorf("%s: a Unicode direction override survived", name)
		}
	}
	s.AssertNoLiveMarkup()
	t.Logf("%d hostile pages imported and built; %d files checked", len(seen), len(s.Names()))
}

// checkContentFiles walks the site: every file is site.yaml or under
// content/, and every article parses, holds valid UTF-8 and no NUL.
func checkContentFiles(t *testing.T, root string, loc *time.Location) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "site.yaml" {
			return nil
		}
		if !strings.HasPrefix(rel, content.Dir+"/") {
			t.Errorf("import wrote %s, outside content/", rel)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			t.Errorf("a temporary file was left behind: %s", rel)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			t.Errorf("%s: not clean UTF-8 text", rel)
		}
		if content.KindOf(rel) != content.KindArticle {
			return nil
		}
		a, err := content.ParseArticle(rel, data, loc)
		if err != nil {
			t.Errorf("%s does not parse: %v", rel, err)
			return nil
		}
		// The file is the editor's to publish with any tool: its Markdown
		// must be inert even where raw HTML is rendered.
		findings, err := htmlcheck.Markdown([]byte(a.Body))
		if err != nil {
			return err
		}
		for _, f := range findings {
			t.Errorf("%s: live markup in the Markdown: %s", rel, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
