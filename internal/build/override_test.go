package build_test

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
	"github.com/brief-ssg/brief/internal/theme"
)

// TestExampleSiteOverridesFooter checks that the example site's own
// templates/ is used: its footer, which tells readers the briefing is an
// example, is on every page.
func TestExampleSiteOverridesFooter(t *testing.T) {
	s := sitetest.New(t, "", sitetest.Example()).Build()
	pages := 0
	for _, name := range s.Names() {
		if path.Ext(name) != ".html" || path.Base(name) == "email.html" {
			continue // an edition's email has a footer of its own
		}
		pages++
		if got := s.Doc(name).Find("footer.site-footer .footer-note").Text(); !strings.Contains(got, "An example briefing.") {
			t.Errorf("%s: no example note in the footer (%q)", name, got)
		}
	}
	if pages < 40 {
		t.Errorf("%d pages checked, want the whole example site", pages)
	}
}

// TestOverrideEachTemplateAlone replaces each template of the example site
// (the theme's, or the site's own where it has one), one at a time, with a
// copy that marks its output, and requires the whole site to build and to
// be, marks taken out, byte for byte what it was: replacing one file keeps
// every other piece, and a partial rendered for each page matches the one
// shared between pages.
func TestOverrideEachTemplateAlone(t *testing.T) {
	base := sitetest.New(t, "", sitetest.Example()).Build()
	for _, f := range theme.Files() {
		name, ok := strings.CutPrefix(f, "templates/")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			text, err := fs.ReadFile(base.FS(), f)
			if err != nil {
				text, err = theme.ReadFile(f)
			}
			if err != nil {
				t.Fatal(err)
			}
			mark := `<i data-override="` + name + `"></i>`
			def := `{{define "main"}}`
			if rest, ok := strings.CutPrefix(name, "partials/"); ok {
				def = `{{define "` + strings.TrimSuffix(rest, ".html") + `"}}`
			} else if name == "base.html" {
				def = `{{define "base"}}`
			} else if name == "email.html" {
				def = "<body>" // a whole document, not a page in base
			}
			if !bytes.Contains(text, []byte(def)) {
				t.Fatalf("%s has no %s", f, def)
			}
			marked := strings.Replace(string(text), def, def+mark, 1)
			s := sitetest.New(t, "", sitetest.Example()).EditFiles(f, marked).Build()
			if !slices.Equal(s.Names(), base.Names()) {
				t.Errorf("%d files built, want %d", len(s.Names()), len(base.Names()))
			}
			shown := 0
			for _, n := range base.Names() {
				if path.Ext(n) == ".eml" {
					continue // email.html's bytes, encoded, under a boundary made from them
				}
				got := s.File(n)
				if bytes.Contains(got, []byte(mark)) {
					shown++
				}
				if !bytes.Equal(bytes.ReplaceAll(got, []byte(mark), nil), base.File(n)) {
					t.Errorf("%s: more than the mark changed", n)
				}
			}
			if shown == 0 {
				t.Errorf("no page shows the replaced %s", f)
			}
		})
	}
}

// TestRebuildAfterReplacingSharedPartial adds and removes a site's own
// version of each partial brief shares between pages, rebuilding
// incrementally as `brief serve` does: each rebuild must match a full build
// (Rebuild checks that), so output shared under the theme's version never
// outlives it.
func TestRebuildAfterReplacingSharedPartial(t *testing.T) {
	for _, name := range []string{"nav", "item", "meta", "footer"} {
		t.Run(name, func(t *testing.T) {
			f := "templates/partials/" + name + ".html"
			text, err := theme.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			def := `{{define "` + name + `"}}`
			mark := `<i data-own="` + name + `"></i>`
			s := fixture(t, "").Build()
			s.AssertFileContent("topics/us-china/index.html", "! "+mark)
			s.EditFiles(f, strings.Replace(string(text), def, def+mark, 1)).Rebuild()
			s.AssertFileContent("topics/us-china/index.html", mark)
			s.RemoveFiles(f).Rebuild()
			s.AssertFileContent("topics/us-china/index.html", "! "+mark)
		})
	}
}
