package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestExtractShowsWhatImportWrites runs `brief extract --format md` and
// `brief import` on the same page in the same site: the article extract
// prints and the file import writes must be the same, front matter and
// body, apart from what only an import records.
func TestExtractShowsWhatImportWrites(t *testing.T) {
	tests := []struct{ name, input string }{
		{"html page", filepath.Join("..", "..", "internal", "extract", "htmlpage", "testdata", "html", "story.html")},
		{"text dump", filepath.Join("..", "..", "..", "shared", "seeds", "000_07219cdc563dbbb4.txt")},
		{"small text dump", ""}, // dumpPage
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := []byte(dumpPage)
			if tt.input != "" {
				var err error
				if page, err = os.ReadFile(tt.input); err != nil {
					if os.IsNotExist(err) && strings.Contains(tt.input, "shared") {
						t.Skip("../shared/seeds is not present")
					}
					t.Fatal(err)
				}
			}
			// A zone of its own, so that both read dates without an
			// offset in the site's zone, not in UTC; and a rule that
			// matches every page, which import must not write.
			s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://t.example/
timezone: Asia/Shanghai
topics:
  - title: Everything
    match:
      any: [the]
`, sitetest.OnDisk())
			root := s.Dir()
			in := "inbox/" + filepath.Base(tt.input)
			if tt.input == "" {
				in = "inbox/night.txt"
			}
			s.EditFiles(in, string(page))

			code, shown, errOut := brief(t, root, "extract", "--format", "md", in)
			if code != 0 {
				t.Fatalf("extract: exit %d: %s", code, errOut)
			}
			code, out, errOut := brief(t, root, "import", in)
			if code != 0 {
				t.Fatalf("import: exit %d: %s%s", code, out, errOut)
			}
			matches, _ := filepath.Glob(filepath.Join(root, "content", "articles", "*.md"))
			if len(matches) != 1 {
				t.Fatalf("import wrote %q", matches)
			}
			written, err := os.ReadFile(matches[0])
			if err != nil {
				t.Fatal(err)
			}

			if a, b := withoutBookkeeping(shown), withoutBookkeeping(string(written)); a != b {
				t.Errorf("extract shows:\n%s\nimport wrote:\n%s", a, b)
			}
			rel := "content/articles/" + filepath.Base(matches[0])
			cfg, err := site.Load(os.DirFS(root), site.Options{})
			if err != nil {
				t.Fatal(err)
			}
			x, err := content.ParseArticle(rel, []byte(shown), cfg.Location)
			if err != nil {
				t.Fatalf("extract's article does not read: %v\n%s", err, shown)
			}
			y, err := content.ParseArticle(rel, written, cfg.Location)
			if err != nil {
				t.Fatal(err)
			}
			if y.Topics != nil || y.Imported.IsZero() || y.Fingerprint == "" || len(y.ImportHashes) == 0 {
				t.Errorf("import wrote topics %q, imported %v, fingerprint %q, hashes %v", y.Topics, y.Imported, y.Fingerprint, y.ImportHashes)
			}
			for _, a := range []*content.Article{x, y} {
				a.Imported, a.ScrapedFrom, a.Fingerprint, a.ImportHashes = y.Imported, "", "", nil
				a.Lines, a.BodyLine = nil, 0
			}
			if !reflect.DeepEqual(x, y) {
				t.Errorf("extract's article:\n%+v\nimport's:\n%+v", x, y)
			}
		})
	}
}

// withoutBookkeeping drops the front matter lines that only an import
// writes (and scraped_from, which names the input as each command was
// given it).
func withoutBookkeeping(file string) string {
	var b strings.Builder
	skip := false
	for _, l := range strings.SplitAfter(file, "\n") {
		if skip && strings.HasPrefix(l, "  ") {
			continue
		}
		skip = false
		switch {
		case strings.HasPrefix(l, "import_hashes:"):
			skip = true
			continue
		case strings.HasPrefix(l, "imported:"), strings.HasPrefix(l, "fingerprint:"), strings.HasPrefix(l, "scraped_from:"):
			continue
		}
		b.WriteString(l)
	}
	return b.String()
}
