package scaffold

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/sitetest"
	"github.com/brief-ssg/brief/internal/theme"
)

// themeOnly lays out the example site without its templates and static
// files, on disk: a site that uses the theme alone.
func themeOnly(t *testing.T) *sitetest.Site {
	t.Helper()
	return sitetest.New(t, "", sitetest.Example(), sitetest.OnDisk()).RemoveFiles("templates", "static")
}

// TestExportBuildsAsTheTheme exports every theme file into a site that had
// none and checks each is a byte-identical copy, and that the site then
// builds byte for byte as it did from the embedded theme.
func TestExportBuildsAsTheTheme(t *testing.T) {
	s := themeOnly(t).Build()
	before := map[string][]byte{}
	for _, n := range s.Names() {
		before[n] = s.File(n)
	}

	written, kept, err := Export(s.Dir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) > 0 {
		t.Errorf("kept %q in a site without templates", kept)
	}
	if !slices.Equal(written, theme.Files()) {
		t.Errorf("wrote %q, want every theme file %q", written, theme.Files())
	}
	for _, f := range theme.Files() {
		want, _ := theme.ReadFile(f)
		got, err := os.ReadFile(filepath.Join(s.Dir(), f))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: not a copy of the theme's (%v)", f, err)
		}
	}

	s.Build()
	if len(s.Names()) != len(before) {
		t.Fatalf("the exported theme builds %d files, the embedded one %d", len(s.Names()), len(before))
	}
	for _, n := range s.Names() {
		if !bytes.Equal(s.File(n), before[n]) {
			t.Errorf("%s differs between the exported and the embedded theme", n)
		}
	}
}

// TestExportKeepsEditorsFiles checks that export never touches a file the
// site has, whether it is named or all files are asked for.
func TestExportKeepsEditorsFiles(t *testing.T) {
	mine := map[string]string{
		"templates/partials/item.html": `{{define "item"}}mine{{end}}`,
		"static/style.css":             "body{color:red}",
	}
	tests := []struct {
		name      string
		names     []string
		wantWrote int // of the theme's files
	}{
		{"every file", nil, len(theme.Files()) - len(mine)},
		{"named files", []string{"partials/item.html", "style.css", "partials/meta.html"}, 1},
		{"a folder", []string{"partials"}, 14}, // the theme has 15 partials; item.html is mine
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := themeOnly(t).Dir()
			old := time.Now().Add(-time.Hour).Truncate(time.Second)
			for name, text := range mine {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(p, old, old); err != nil {
					t.Fatal(err)
				}
			}
			written, kept, err := Export(dir, tt.names)
			if err != nil {
				t.Fatal(err)
			}
			if len(written) != tt.wantWrote {
				t.Errorf("wrote %d files %q, want %d", len(written), written, tt.wantWrote)
			}
			for name, text := range mine {
				p := filepath.Join(dir, filepath.FromSlash(name))
				b, err := os.ReadFile(p)
				if err != nil || string(b) != text {
					t.Errorf("%s: the editor's file now holds %q (%v)", name, b, err)
				}
				fi, err := os.Stat(p)
				if err != nil || !fi.ModTime().Equal(old) || fi.Mode().Perm() != 0o600 {
					t.Errorf("%s: touched (%v)", name, err)
				}
				if slices.Contains(written, name) {
					t.Errorf("%s reported written", name)
				}
				if tt.names == nil && !slices.Contains(kept, name) {
					t.Errorf("%s not reported kept: %q", name, kept)
				}
			}
		})
	}
}

func TestExportRefusesWhatIsNotASite(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Export(dir, nil); err == nil {
		t.Error("exported into a folder without site.yaml")
	}
	site := themeOnly(t).Dir()
	if _, _, err := Export(site, []string{"partials/item.html", "nope.html"}); err == nil {
		t.Error("exported with a name the theme does not have")
	}
	for _, d := range []string{dir, site} {
		if _, err := os.Stat(filepath.Join(d, "templates")); !os.IsNotExist(err) {
			t.Errorf("%s/templates exists after a refused export (%v)", d, err)
		}
	}
}

// TestInitTemplatesFolder checks that a new site's templates/ says what it
// is for rather than sitting empty, and that the note is no template.
func TestInitTemplatesFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(files, "templates/README.md") {
		t.Errorf("created %q, want templates/README.md", files)
	}
	b, err := os.ReadFile(filepath.Join(dir, "templates", "README.md"))
	if err != nil || !bytes.Contains(b, []byte("brief theme export")) {
		t.Errorf("templates/README.md does not point at `brief theme export`: %q %v", b, err)
	}
	entries, err := theme.Compare(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Status != theme.FromTheme {
			t.Errorf("a new site has %s as %v", e.Path, e.Status)
		}
	}
	sitetest.New(t, "", sitetest.CopyOf(dir)).Build()
	if _, err := os.Stat(filepath.Join(dir, "static")); err != nil {
		t.Errorf("no static/ folder: %v", err)
	}
}
