package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestThemeCommand is an editor changing the footer: list the theme, copy
// the footer into the site, try again, see the listing change.
func TestThemeCommand(t *testing.T) {
	tmp := t.TempDir()
	if code, _, errOut := brief(t, tmp, "init", "site"); code != 0 {
		t.Fatal(errOut)
	}
	steps := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"theme", "--help"}, 0, "Usage: brief theme [--source DIR]\n       brief theme export", ""},
		{[]string{"theme", "export", "--help"}, 0, "Usage: brief theme", ""},
		{[]string{"theme", "--source", "site"}, 0, "templates/partials/footer.html theme templates/partials/item.html theme", ""},
		{[]string{"theme", "export", "--source", "site", "partials/footer.html"}, 0, "wrote templates/partials/footer.html\n", ""},
		{[]string{"theme", "--source", "site"}, 0, "templates/partials/footer.html site, same as the theme's templates/partials/item.html theme", ""},
		{[]string{"theme", "export", "--source", "site", "partials/meta.html"}, 0, "wrote templates/partials/meta.html", ""},
		{[]string{"theme", "export", "--source", "site", "partials/footer.html"}, 1, "kept  templates/partials/footer.html", "the site has its own file of that name, left as it was"},
		{[]string{"theme", "export", "--source", "site", "footer.html"}, 1, "", `no file or folder "footer.html"`},
		{[]string{"theme", "export", "partials/footer.html"}, 1, "", "is not a brief site"},
		{[]string{"theme", "lsit"}, 2, "", `unknown subcommand "lsit"`},
	}
	for _, s := range steps {
		code, out, errOut := brief(t, tmp, s.args...)
		if code != s.code || !strings.Contains(words(out), words(s.out)) || !strings.Contains(errOut, s.err) {
			t.Errorf("brief %s: exit %d, stdout\n%s\nstderr %q\nwant exit %d, %q on stdout and %q on stderr", strings.Join(s.args, " "), code, out, errOut, s.code, s.out, s.err)
		}
	}

	footer := filepath.Join(tmp, "site", "templates", "partials", "footer.html")
	if err := os.WriteFile(footer, []byte(`{{define "footer"}}<footer>mine</footer>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := brief(t, tmp, "theme", "--source", "site")
	if code != 0 || !strings.Contains(words(out), "templates/partials/footer.html site, replaces the theme's templates/partials/item.html theme") ||
		!strings.Contains(out, "replaces 1 theme file") || !strings.Contains(out, `note: the "footer" partial is rendered each time a page uses it`) ||
		strings.Contains(out, `"item" partial`) {
		t.Errorf("listing after editing the footer: exit %d\n%s", code, out)
	}
	if code, _, errOut := brief(t, tmp, "build", "--source", "site"); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	b, err := os.ReadFile(filepath.Join(tmp, "site", "public", "index.html"))
	if err != nil || !strings.Contains(string(b), "<footer>mine</footer>") {
		t.Errorf("the site's footer is not on its home page (%v)", err)
	}
}

// words is s with every run of spaces and newlines made one space, so that
// checks do not depend on the listing's column widths.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestThemeListChecksTemplates checks that the listing reports templates
// that would not build, the way a build names them, and says nothing of
// shared partials for a site whose copies are unedited.
func TestThemeListChecksTemplates(t *testing.T) {
	tmp := t.TempDir()
	if code, _, errOut := brief(t, tmp, "init", "site"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := brief(t, tmp, "theme", "export", "--source", "site"); code != 0 {
		t.Fatal(errOut)
	}
	if code, out, errOut := brief(t, tmp, "theme", "--source", "site"); code != 0 || strings.Contains(out, "note:") {
		t.Errorf("unedited copies: exit %d, %s%s", code, out, errOut)
	}
	card := filepath.Join(tmp, "site", "templates", "partials", "card.html")
	if err := os.WriteFile(card, []byte("{{define \"card\"}}{{end}}\n{{define \"meta\"}}{{end}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := brief(t, tmp, "theme", "--source", "site")
	if code != 1 || !strings.Contains(errOut, `templates/partials/card.html:2: defines "meta", which templates/partials/meta.html defines too`) {
		t.Errorf("a clash: exit %d, %q", code, errOut)
	}
}
