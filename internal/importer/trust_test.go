package importer

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestImportTrust imports pages that today's news must not be made of
// carelessly, then builds the site: an undated page is a draft that says
// where its date came from, a page-view stamp is kept and named, each
// article has its language and its page's <html lang> follows it, slugs
// keep their letters, http:// images are rewritten and noted, and the
// site's tag aliases and ignore list apply.
func TestImportTrust(t *testing.T) {
	s := sitetest.New(t, sitetest.ReadTxtar(t, "testdata/trust.txtar"), sitetest.OnDisk(),
		sitetest.WithOptions(build.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}))
	cfg, err := site.Load(s.FS(), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(context.Background(), []string{filepath.Join(s.Dir(), "inbox")}, options(s.Dir(), cfg))
	if err != nil {
		t.Fatal(err)
	}
	byInput := map[string]Report{}
	for _, r := range res.Reports {
		if r.Outcome != Imported {
			t.Fatalf("%s: %v %v", r.Input, r.Outcome, r.Err)
		}
		byInput[filepath.Base(r.Input)] = r
	}

	river := byInput["river.html"]
	if river.Path != "content/articles/пять-дней-на-реке.md" {
		t.Errorf("river: path %q: the slug must keep й", river.Path)
	}
	if !river.Undated || !strings.Contains(river.Note, "draft") || !strings.Contains(river.Note, "1 http:// image") {
		t.Errorf("river: undated %v, note %q", river.Undated, river.Note)
	}
	a := readArticle(t, s.Dir(), river.Path, cfg)
	if !a.Draft || a.DateFrom != content.DateFromImport || a.Language != "ru" {
		t.Errorf("river: draft %v, date_from %q, language %q", a.Draft, a.DateFrom, a.Language)
	}
	if want := []string{"iOS 9", "Река"}; !slices.Equal(a.Tags, want) {
		t.Errorf("river: tags %q, want %q", a.Tags, want)
	}
	if !strings.Contains(a.Body, "(https://img.example.net/river.jpg)") || strings.Contains(a.Body, "http://") {
		t.Errorf("river: body image not upgraded:\n%s", a.Body)
	}

	bus := byInput["bus.html"]
	b := readArticle(t, s.Dir(), bus.Path, cfg)
	if b.Draft || b.DateFrom != "" || b.Language != "ja" || bus.Undated || bus.Note != "" {
		t.Errorf("bus: draft %v, date_from %q, language %q, undated %v, note %q", b.Draft, b.DateFrom, b.Language, bus.Undated, bus.Note)
	}

	ferry := byInput["ferry.txt"]
	f := readArticle(t, s.Dir(), ferry.Path, cfg)
	if f.Draft || f.DateFrom != content.DateFromViewStamp || f.Language != "en" ||
		!f.Date.Equal(time.Date(2025, 1, 11, 13, 20, 9, 0, time.UTC)) {
		t.Errorf("ferry: draft %v, date_from %q, language %q, date %v", f.Draft, f.DateFrom, f.Language, f.Date)
	}

	s.Build()
	s.AssertNoFile("articles/пять-дней-на-реке/index.html")
	s.AssertFileContent("articles/"+b.Slug+"/index.html", `<html lang="ja">`)
	s.AssertFileContent("articles/"+f.Slug+"/index.html", `<html lang="en">`)
	s.AssertFileContent("index.html", `<html lang="en">`)

	// An editor cleans the vocabulary once: the build applies it to
	// articles already imported.
	s.EditFiles("content/articles/hand.md", "---\ntitle: By hand\ndate: 2025-02-01\ntags: [ios9, autoplay_video, Ferries]\n---\nWritten.\n")
	s.Build()
	s.AssertFileExists("tags/ios-9/index.html")
	s.AssertFileExists("tags/ferries/index.html")
	s.AssertNoFile("tags/ios9/index.html")
	s.AssertNoFile("tags/autoplay-video/index.html")
}
