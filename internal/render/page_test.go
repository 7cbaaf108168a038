package render

import (
	"errors"
	"net/url"
	"testing"

	"github.com/brief-ssg/brief/internal/diag"
)

func TestLink(t *testing.T) {
	base, _ := url.Parse("https://host.example/briefings/")
	site := &Site{Base: base}
	tests := []struct {
		kind, path, target, want string
	}{
		{"home", "", "", "./"},
		{"home", "", "topics/x/", "topics/x/"},
		{"topic", "topics/x/", "", "../../"},
		{"topic", "topics/x/", "articles/a/", "../../articles/a/"},
		{"topic", "topics/x/page/2/", "style.css", "../../../../style.css"},
		{"tags", "tags/", "tags/y/", "../tags/y/"},
		// The 404 page is served at any depth: its links are rooted.
		{"404", "404/", "topics/x/", "/briefings/topics/x/"},
		{"404", "404/", "", "/briefings/"},
	}
	for _, tt := range tests {
		p := &Page{Kind: tt.kind, Path: tt.path, Site: site}
		if got := p.Link(tt.target); got != tt.want {
			t.Errorf("%s page at %q: Link(%q) = %q, want %q", tt.kind, tt.path, tt.target, got, tt.want)
		}
	}
	p := &Page{Kind: "article", Path: "articles/a/", Site: site}
	if got := p.AbsURL(p.Path); got != "https://host.example/briefings/articles/a/" {
		t.Errorf("AbsURL = %q", got)
	}
}

func TestTemplateError(t *testing.T) {
	tests := []struct {
		in         string
		path       string
		line       int
		msgContain string
	}{
		{`template: templates/article.html:12:3: executing "main" at <.Nope>: can't evaluate field Nope`, "templates/article.html", 12, "can't evaluate"},
		{`template: theme/base.html:4: function "nope" not defined`, "theme/base.html", 4, `function "nope"`},
		{`template: templates/x.html: no line`, "templates/x.html", 0, "no line"},
	}
	for _, tt := range tests {
		err := templateError(errors.New(tt.in))
		var d *diag.Error
		if !errors.As(err, &d) {
			t.Fatalf("%q: not a diag.Error: %v", tt.in, err)
		}
		if d.Path != tt.path || d.Line != tt.line {
			t.Errorf("%q → %s:%d, want %s:%d", tt.in, d.Path, d.Line, tt.path, tt.line)
		}
	}
}
