package main

import (
	"encoding/json"
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

// sitePage is a saved page of one site; every page of it carries the same
// appeal, which extraction learns to leave out only when it sees several.
func sitePage(topic string) string {
	return `<html><head><title>The ` + topic + ` story - Pier Post</title><link rel="canonical" href="https://pier.example/` + topic + `"></head><body><article>
<h1>The ` + topic + ` story</h1>
<p>` + strings.Repeat("The "+topic+" story goes on with another sentence of its own. ", 4) + `</p>
<p>Support local reporting: our small newsroom depends on readers like you, so please consider a contribution today.</p>
<p>` + strings.Repeat("More about the "+topic+" and what it means for the town. ", 4) + `</p>
</article></body></html>`
}

// TestExtractAndImportAgreeOnAFolder runs both commands on a folder of
// pages: extract prints, in the folder's order, the articles import files,
// boilerplate learnt across the pages of one site included.
func TestExtractAndImportAgreeOnAFolder(t *testing.T) {
	s := sitetest.New(t, "-- site.yaml --\ntitle: T\nbase_url: https://t.example/\ntimezone: Europe/Oslo\n", sitetest.OnDisk())
	root := s.Dir()
	s.EditFiles(
		"inbox/bridge.html", sitePage("bridge"),
		"inbox/ferry.html", strings.Replace(sitePage("ferry"), "<p>Support", `<figure><img src="http://pier.example/ferry.jpg" alt="The ferry"><figcaption>The ferry at the pier.</figcaption></figure><p>Support`, 1),
		"inbox/market/stalls.html", sitePage("market"),
		"inbox/night.txt", dumpPage,
		"inbox/broken.html", "\x00\x01",
		"inbox/.hidden.html", sitePage("hidden"),
	)

	code, out, errOut := brief(t, root, "extract", "--format", "json", "inbox")
	if code != 1 {
		t.Fatalf("extract: exit %d, want 1 for the broken page\n%s", code, errOut)
	}
	var inputs []string
	extracted := map[string]extraction{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var x extraction
		if err := json.Unmarshal([]byte(line), &x); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, filepath.ToSlash(x.Input))
		extracted[x.Title] = x
	}
	want := []string{"inbox/bridge.html", "inbox/broken.html", "inbox/ferry.html", "inbox/market/stalls.html", "inbox/night.txt"}
	if !reflect.DeepEqual(inputs, want) {
		t.Fatalf("extract printed %q, want %q", inputs, want)
	}

	if code, out, errOut := brief(t, root, "import", "inbox"); code != 1 || !strings.Contains(out, "imported 4,") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	names, err := filepath.Glob(filepath.Join(root, "content", "articles", "*.md"))
	if err != nil || len(names) != 4 {
		t.Fatalf("imported files %v (%v), want 4", names, err)
	}
	cfg, err := site.Load(os.DirFS(root), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		a, err := content.ParseArticle("content/articles/"+filepath.Base(name), data, cfg.Location)
		if err != nil {
			t.Fatal(err)
		}
		x, ok := extracted[a.Title]
		if !ok {
			t.Errorf("%s: brief extract printed no article titled %q", name, a.Title)
			continue
		}
		if strings.TrimSpace(a.Body) != strings.TrimSpace(x.Markdown) || a.SourceURL != x.SourceURL || a.Source != x.Source {
			t.Errorf("%s: import filed\n%s %s\n%s\nextract printed\n%s %s\n%s", name, a.Source, a.SourceURL, a.Body, x.Source, x.SourceURL, x.Markdown)
		}
		if a.Image != x.Image {
			t.Errorf("%s: import filed image %q, extract printed %q", name, a.Image, x.Image)
		}
		if strings.Contains(x.Markdown, "http://pier.example/ferry.jpg") || strings.Contains(x.Image, "http://") {
			t.Errorf("%s: extract printed a plain http:// image, which import rewrites to https://:\n%s", name, x.Markdown)
		}
		if strings.Contains(a.Body, "Support local reporting") {
			t.Errorf("%s: the appeal every page repeats was not learnt:\n%s", name, a.Body)
		}
	}
}
