package theme

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		names []string
		want  []string // nil: every file
		err   string
	}{
		{names: nil},
		{names: []string{"templates/partials/item.html"}, want: []string{"templates/partials/item.html"}},
		{names: []string{"partials/item.html"}, want: []string{"templates/partials/item.html"}},
		{names: []string{"./partials/item.html", "partials/item.html"}, want: []string{"templates/partials/item.html"}},
		{names: []string{"style.css", "article.html"}, want: []string{"static/style.css", "templates/article.html"}},
		{names: []string{"static"}, want: []string{"static/favicon.svg", "static/style.css"}},
		{names: []string{"partials/"}, want: []string{
			"templates/partials/calendar-nav.html", "templates/partials/credit.html", "templates/partials/days.html", "templates/partials/edition-body.html",
			"templates/partials/footer.html", "templates/partials/item.html", "templates/partials/lead-image.html", "templates/partials/meta.html",
			"templates/partials/months.html", "templates/partials/nav.html", "templates/partials/pager.html", "templates/partials/related.html", "templates/partials/report.html",
			"templates/partials/thumb.html", "templates/partials/topic-card.html",
		}},
		{names: []string{"item.html"}, err: `no file or folder "item.html"`},
		{names: []string{"partials/item.html", "part", "/"}, err: `no file or folder "part", ""`},
		{names: []string{"../templates/base.html"}, want: []string{"templates/base.html"}},
	}
	for _, tt := range tests {
		got, err := Match(tt.names)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Match(%q): %v, %v; want error %q", tt.names, got, err, tt.err)
			}
			continue
		}
		want := tt.want
		if want == nil {
			want = Files()
		}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("Match(%q) = %q, %v; want %q", tt.names, got, err, want)
		}
	}
}

func TestFiles(t *testing.T) {
	files := Files()
	for _, want := range []string{"static/style.css", "templates/base.html", "templates/article.html", "templates/partials/item.html", "templates/partials/meta.html"} {
		if !slices.Contains(files, want) {
			t.Errorf("Files() lacks %s: %q", want, files)
		}
	}
	for _, f := range files {
		if !strings.HasPrefix(f, "templates/") && !strings.HasPrefix(f, "static/") {
			t.Errorf("%s is neither below templates/ nor static/, where a site could replace it", f)
		}
		if _, err := ReadFile(f); err != nil {
			t.Error(err)
		}
	}
}

func TestCompare(t *testing.T) {
	item, err := ReadFile("templates/partials/item.html")
	if err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{
		"site.yaml":                      {Data: []byte("title: x\n")},
		"templates/partials/item.html":   {Data: item},
		"templates/partials/footer.html": {Data: []byte(`{{define "footer"}}mine{{end}}`)},
		"templates/partials/card.html":   {Data: []byte(`{{define "card"}}{{end}}`)},
		"templates/_old.html":            {Data: []byte(`notes`)},
		"templates/README.md":            {Data: []byte(`notes`)},
		"static/favicon.svg":             {Data: []byte(`<svg/>`)},
		"static/photo.jpg":               {Data: []byte(`jpeg`)},
	}
	got, err := Compare(site)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]Status{}
	for _, e := range got {
		if _, dup := status[e.Path]; dup {
			t.Errorf("%s listed twice", e.Path)
		}
		status[e.Path] = e.Status
	}
	want := map[string]Status{
		"templates/partials/item.html":   Copy,
		"templates/partials/footer.html": Overridden,
		"templates/partials/card.html":   SiteOnly,
		"static/favicon.svg":             Overridden,
		"static/style.css":               FromTheme,
		"templates/article.html":         FromTheme,
	}
	for p, w := range want {
		if status[p] != w {
			t.Errorf("%s: %v, want %v", p, status[p], w)
		}
	}
	for _, p := range []string{"templates/_old.html", "templates/README.md", "static/photo.jpg", "site.yaml"} {
		if _, ok := status[p]; ok {
			t.Errorf("%s listed; it is neither a theme file nor a template", p)
		}
	}
	if len(got) != len(Files())+1 {
		t.Errorf("%d entries, want the %d theme files and the site's own partial", len(got), len(Files()))
	}

	// A site without templates/ gets everything from the theme.
	got, err = Compare(fstest.MapFS{"site.yaml": {Data: []byte("title: x\n")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range got {
		if e.Status != FromTheme {
			t.Errorf("%s: %v in a site without templates", e.Path, e.Status)
		}
	}
}
