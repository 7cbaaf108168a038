package build

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/theme"
)

// exampleFS reads the example site at the repository's root into memory,
// so that a test can replace its files.
func exampleFS(t *testing.T) fstest.MapFS {
	t.Helper()
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err != nil {
		t.Skip("example site not found")
	}
	src := os.DirFS(root)
	fsys := fstest.MapFS{}
	for _, top := range []string{"site.yaml", "content", "templates", "static"} {
		err := fs.WalkDir(src, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(src, p)
			fsys[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// TestExampleSiteOverridesFooter checks that the example site's own
// templates/ is used: its footer, which tells readers the briefing is an
// example, is on every page.
func TestExampleSiteOverridesFooter(t *testing.T) {
	out, _ := buildMem(t, exampleFS(t), Options{})
	pages := 0
	for _, name := range out.Names() {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		d := doc(t, out, name)
		if got := d.Find("footer.site-footer .footer-note").Text(); !strings.Contains(got, "An example briefing.") {
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
	site := exampleFS(t)
	base, _ := buildMem(t, site, Options{})
	for _, f := range theme.Files() {
		name, ok := strings.CutPrefix(f, "templates/")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			text, err := fs.ReadFile(site, f)
			if err != nil {
				text, err = theme.ReadFile(f)
			}
			if err != nil {
				t.Fatal(err)
			}
			mark := []byte(`<i data-override="` + name + `"></i>`)
			def := `{{define "main"}}`
			if rest, ok := strings.CutPrefix(name, "partials/"); ok {
				def = `{{define "` + strings.TrimSuffix(rest, ".html") + `"}}`
			} else if name == "base.html" {
				def = `{{define "base"}}`
			}
			i := bytes.Index(text, []byte(def))
			if i < 0 {
				t.Fatalf("%s has no %s", f, def)
			}
			i += len(def)
			over := fstest.MapFS{}
			for k, v := range site {
				over[k] = v
			}
			over[f] = &fstest.MapFile{Data: append(append(append([]byte(nil), text[:i]...), mark...), text[i:]...)}

			out, _ := buildMem(t, over, Options{})
			marked := 0
			for _, n := range base.Names() {
				got, ok := out.File(n)
				if !ok {
					t.Errorf("%s not built", n)
					continue
				}
				if bytes.Contains(got, mark) {
					marked++
				}
				want, _ := base.File(n)
				if !bytes.Equal(bytes.ReplaceAll(got, mark, nil), want) {
					t.Errorf("%s: more than the mark changed", n)
				}
			}
			if len(out.Names()) != len(base.Names()) {
				t.Errorf("%d files built, want %d", len(out.Names()), len(base.Names()))
			}
			if marked == 0 {
				t.Errorf("no page shows the replaced %s", f)
			}
		})
	}
}
