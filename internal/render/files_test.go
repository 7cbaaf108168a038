package render

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/theme"
)

// themeFile returns the text of one of the theme's templates.
func themeFile(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(theme.Templates(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestThemeOneDefinitionPerPartial checks the theme's layout: each file in
// partials/ defines the one template named after it, so that a site
// replacing it replaces that piece and nothing else.
func TestThemeOneDefinitionPerPartial(t *testing.T) {
	files, err := collect(theme.Templates(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseFiles(files, loadFuncs())
	if err != nil {
		t.Fatal(err)
	}
	partials := 0
	for _, f := range p.shared {
		if !strings.HasPrefix(f.name, "partials/") {
			continue
		}
		partials++
		if want := mainName(f.name); len(f.defines) != 1 || f.defines[0] != want {
			t.Errorf("%s defines %q, want only %q", f.origin, f.defines, want)
		}
	}
	if partials < 7 {
		t.Errorf("%d partials in the theme, want at least nav, footer, item, meta, days, pager and topic-card", partials)
	}
}

// loadFuncs is the function map Load gives templates, for parsing files
// outside Load.
func loadFuncs() map[string]any {
	fm := funcs()
	for n, fn := range (&Templates{}).sharedFuncs() {
		fm[n] = fn
	}
	return fm
}

// TestOverridesKeepSharing checks which partials stay shared between pages
// when a site replaces theme files: a byte-identical copy (what `brief
// theme export` writes) changes nothing; a file of the site's own stops
// the sharing of the partials that use it, and only those.
func TestOverridesKeepSharing(t *testing.T) {
	edited := func(name string) string { return strings.Replace(themeFile(t, name), "}}", "}}<b>mine</b>", 1) }
	tests := []struct {
		name              string
		site              fstest.MapFS
		nav, item, footer bool
	}{
		{"no templates", nil, true, true, true},
		{"copies of every theme file", copyTheme(t), true, true, true},
		{"own item", fstest.MapFS{"partials/item.html": {Data: []byte(edited("partials/item.html"))}}, true, false, true},
		{"own meta, which item calls", fstest.MapFS{"partials/meta.html": {Data: []byte(edited("partials/meta.html"))}}, true, false, true},
		{"own days, which calls item", fstest.MapFS{"partials/days.html": {Data: []byte(edited("partials/days.html"))}}, true, true, true},
		{"own nav", fstest.MapFS{"partials/nav.html": {Data: []byte(edited("partials/nav.html"))}}, false, true, true},
		{"own footer", fstest.MapFS{"partials/footer.html": {Data: []byte(edited("partials/footer.html"))}}, true, true, false},
		{"own article page", fstest.MapFS{"article.html": {Data: []byte(`{{template "base" .}}{{define "main"}}x{{end}}`)}}, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var site fs.FS
			if tt.site != nil {
				site = tt.site
			}
			tm, err := Load(theme.Templates(), site)
			if err != nil {
				t.Fatal(err)
			}
			got := [3]bool{tm.shared["nav"], tm.shared["item"], tm.shared["footer"]}
			if want := [3]bool{tt.nav, tt.item, tt.footer}; got != want {
				t.Errorf("nav, item, footer shared: %v, want %v", got, want)
			}
			var want []string
			for i, n := range []string{"nav", "item", "footer"} {
				if !got[i] {
					want = append(want, n)
				}
			}
			slices.Sort(want)
			if u := tm.Unshared(); !slices.Equal(u, want) {
				t.Errorf("Unshared() = %q, want %q", u, want)
			}
		})
	}
}

func copyTheme(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(theme.Templates(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		out[p] = &fstest.MapFile{Data: []byte(themeFile(t, p))}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTemplateFileProblems checks that a site's templates that would
// silently lose or shadow a piece of the theme are reported, naming the
// files, and that what is harmless loads.
func TestTemplateFileProblems(t *testing.T) {
	tests := []struct {
		name string
		site fstest.MapFS
		want []string // substrings of the error; none means it loads
	}{
		{
			name: "an override defines extra names of its own",
			site: fstest.MapFS{"partials/item.html": {Data: []byte(`{{define "item"}}{{template "item-title" .}}{{end}}{{define "item-title"}}{{.V.Title}}{{end}}`)}},
		},
		{
			name: "a new partial",
			site: fstest.MapFS{"partials/card.html": {Data: []byte(`{{define "card"}}x{{end}}`)}},
		},
		{
			name: "files starting with _ or . are the editor's notes",
			site: fstest.MapFS{"_old-article.html": {Data: []byte(`{{define "item"}}`)}, "partials/.item.html": {Data: []byte(`x`)}},
		},
		{
			name: "files other than .html",
			site: fstest.MapFS{"README.md": {Data: []byte(`notes`)}},
		},
		{
			name: "a new partial defines a name a theme partial defines",
			site: fstest.MapFS{"partials/card.html": {Data: []byte("{{define \"card\"}}x{{end}}\n{{define \"item\"}}y{{end}}")}},
			want: []string{`templates/partials/card.html:2: defines "item", which theme/partials/item.html defines too`, "put yours in templates/partials/item.html"},
		},
		{
			name: "an override of item.html still holds the theme's other pieces, as before they had files of their own",
			site: fstest.MapFS{"partials/item.html": {Data: []byte("{{define \"item\"}}x{{end}}\n{{define \"meta\"}}y{{end}}\n{{define \"days\"}}z{{end}}")}},
			want: []string{
				`templates/partials/item.html:2: defines "meta", which theme/partials/meta.html defines too`,
				`templates/partials/item.html:3: defines "days", which theme/partials/days.html defines too`,
			},
		},
		{
			name: "two of the site's files define one name",
			site: fstest.MapFS{
				"partials/a.html": {Data: []byte(`{{define "x"}}a{{end}}`)},
				"partials/b.html": {Data: []byte(`{{define "x"}}b{{end}}`)},
			},
			want: []string{`templates/partials/b.html:1: defines "x", which templates/partials/a.html defines too`},
		},
		{
			name: "a page defines a partial's name",
			site: fstest.MapFS{"tag.html": {Data: []byte("{{template \"base\" .}}\n{{define \"main\"}}{{template \"days\" .}}{{end}}\n{{define \"pager\"}}{{end}}")}},
			want: []string{`templates/tag.html:3: defines "pager", which theme/partials/pager.html defines too`},
		},
		{
			name: "a partial defines a block of base.html",
			site: fstest.MapFS{"partials/x.html": {Data: []byte(`{{define "main"}}x{{end}}`)}},
			want: []string{`templates/partials/x.html:1: defines "main", which theme/base.html defines too`},
		},
		{
			name: "an override lacks the template it replaces",
			site: fstest.MapFS{"partials/pager.html": {Data: []byte(`{{define "pages"}}x{{end}}`)}},
			want: []string{`templates/partials/pager.html: defines no "pager" template; it replaces the theme's partials/pager.html`},
		},
		{
			name: "a page file under a name brief does not use",
			site: fstest.MapFS{"articles.html": {Data: []byte(`x`)}},
			want: []string{"templates/articles.html: brief uses no template of this name", "article.html"},
		},
		{
			name: "a partial outside partials/",
			site: fstest.MapFS{"item.html": {Data: []byte(`{{define "item"}}x{{end}}`)}},
			want: []string{"templates/item.html: brief uses no template of this name", "partials/"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(theme.Templates(), tt.site)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("want it to load, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("loaded; want an error with %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nwant it to contain %q", err, w)
				}
			}
		})
	}
}
