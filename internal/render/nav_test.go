package render

import (
	"html/template"
	"net/url"
	"testing"
	"testing/fstest"
	"time"

	"github.com/brief-ssg/brief/internal/theme"
)

// TestNavSharedMatchesPerPage checks that the navigation reused between
// pages is, for every kind of page, what rendering it for that page gives.
func TestNavSharedMatchesPerPage(t *testing.T) {
	tm, err := Load(theme.Templates(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !tm.shared["nav"] {
		t.Fatal("the theme's nav is not shared between pages")
	}
	base, _ := url.Parse("https://host.example/b/")
	topics := []*Topic{{Slug: "x", Title: "X & Y", URL: "topics/x/"}, {Slug: "z", Title: "Z", URL: "topics/z/"}}
	site := &Site{Base: base, Topics: topics, Pages: []Link{{Title: "About", URL: "about/"}}}
	pages := []*Page{
		{Kind: "home"}, {Kind: "archive", Path: "articles/"}, {Kind: "archive", Path: "articles/page/2/"},
		{Kind: "topic", Path: "topics/x/", Topic: topics[0]}, {Kind: "topic", Path: "topics/z/", Topic: topics[1]},
		{Kind: "topic", Path: "topics/x/page/2/", Topic: topics[0]}, {Kind: "article", Path: "articles/a/"},
		{Kind: "tags", Path: "tags/"}, {Kind: "tag", Path: "tags/t/"}, {Kind: "page", Path: "about/"},
		{Kind: "404", Path: "404/"}, {Kind: "article", Path: "articles/b/"},
	}
	nav := tm.sharedFuncs()["nav"].(func(*Page) (template.HTML, error))
	for _, p := range pages {
		p.Site = site
		got, err := nav(p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := tm.partial(p, "nav", p)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s page at %q: shared nav\n%s\nwant\n%s", p.Kind, p.Path, got, want)
		}
	}
	if n := len(site.partials.m); n != 10 {
		t.Errorf("%d navs kept for %d pages, want 10 (an article, a tag and another article share one)", n, len(pages))
	}

	over, err := Load(theme.Templates(), fstest.MapFS{"partials/nav.html": {Data: []byte(`{{define "nav"}}{{.Path}}{{end}}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if over.shared["nav"] {
		t.Error("a site's own nav template is shared between pages: it may read anything")
	}
}

// TestReadsSite checks the test input keys rely on to leave the topics
// out of a page's key: it may say yes wrongly, never no.
func TestReadsSite(t *testing.T) {
	for src, want := range map[string]bool{
		`{{range .Site.Topics}}x{{end}}`:        true,
		`{{range $.Site.Topics}}x{{end}}`:       true,
		`{{with .Site}}{{.Topics}}{{end}}`:      true,
		`{{template "x" .Site}}`:                true,
		`{{$s := .Site}}{{$s.Title}}`:           true,
		`{{.Site.Title}} {{.Site.Pages}}`:       false,
		`{{.Article.Topics}} {{.SiteTopics}}`:   false,
		`{{.Site.TopicsMore}} {{.Site.Topics}}`: true,
		`{{.Site.TopicsMore}}`:                  false,
	} {
		tm, err := Load(theme.Templates(), fstest.MapFS{
			"base.html":            {Data: []byte(`{{define "base"}}` + src + `{{end}}`)},
			"partials/nav.html":    {Data: []byte(`{{define "nav"}}{{end}}`)},
			"partials/footer.html": {Data: []byte(`{{define "footer"}}{{end}}`)},
		})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := tm.ReadsSite("tag", "Topics"); got != want {
			t.Errorf("%s: ReadsSite = %t, want %t", src, got, want)
		}
	}
	// The theme's navigation lists every topic, so every page kind (but
	// an edition's email, which has no navigation) reads them: a new topic changes every page, and its key must say so.
	tm, err := Load(theme.Templates(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		if k == "email" {
			continue // an email has no navigation
		}
		if !tm.ReadsSite(k, "Topics") {
			t.Errorf("the theme's %s pages list the topics in their navigation, but ReadsSite says they do not read them", k)
		}
	}
}

// TestRelatedSharedMatchesPerPage checks that an entry of a related list
// reused between article pages is what rendering it for each page gives,
// and that one entry is rendered once per link depth.
func TestRelatedSharedMatchesPerPage(t *testing.T) {
	tm, err := Load(theme.Templates(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !tm.shared["related"] {
		t.Fatal("the theme's related entry is not shared between pages")
	}
	base, _ := url.Parse("https://host.example/b/")
	site := &Site{Base: base}
	when := time.Date(2025, 1, 11, 9, 0, 0, 0, time.FixedZone("", 8*3600))
	entries := []Coverage{
		{Title: "Tariffs <on> the table", URL: "articles/tariffs/", Source: "Ledger & Co", Date: when},
		{Title: "No source", URL: "articles/quiet/", Date: when.Add(-48 * time.Hour)},
	}
	pages := []*Page{{Kind: "article", Path: "articles/a/"}, {Kind: "article", Path: "articles/b/"}, {Kind: "page", Path: "about/"}}
	related := tm.sharedFuncs()["related"].(func(*Page, Coverage) (template.HTML, error))
	for _, p := range pages {
		p.Site = site
		for _, c := range entries {
			got, err := related(p, c)
			if err != nil {
				t.Fatal(err)
			}
			want, err := tm.partial(p, "related", p.With(c))
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%q on %q: shared\n%s\nwant\n%s", c.Title, p.Path, got, want)
			}
		}
	}
	if n := len(site.partials.m); n != 4 {
		t.Errorf("%d entries kept for 2 entries on pages at 2 depths, want 4", n)
	}

	over, err := Load(theme.Templates(), fstest.MapFS{"partials/related.html": {Data: []byte(`{{define "related"}}{{.Page.Path}}{{end}}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if over.shared["related"] {
		t.Error("a site's own related entry is shared between pages: it may read anything")
	}
}

// TestSiteTopicsMention checks what input keys rely on to leave the
// topics' counts out of the site's list of topics in a page's key: it may
// say yes wrongly, never no.
func TestSiteTopicsMention(t *testing.T) {
	for src, want := range map[string]bool{
		`{{range .Site.Topics}}{{.Count}}{{end}}`:                         true,
		`{{with .Site}}{{range .Topics}}{{template "c" .}}{{end}}{{end}}`: true,
		`{{template "c" .Site}}`:                                          true,
		`{{$s := .Site}}{{range $s.Topics}}{{.Count}}{{end}}`:             true,
		`{{range .Site.Topics}}{{.Title}}{{end}}{{.Tag.Count}}`:           true, // one template: it cannot tell
		`{{template "n" .}}{{.Tag.Count}}`:                                false,
		`{{.Site.Title}}{{template "c" .}}`:                               false,
		`{{range .Site.Topics}}{{.Countless}}{{end}}`:                     false,
	} {
		tm, err := Load(theme.Templates(), fstest.MapFS{
			"base.html":            {Data: []byte(`{{define "base"}}` + src + `{{end}}`)},
			"partials/c.html":      {Data: []byte(`{{define "c"}}{{.Count}}{{end}}`)},
			"partials/n.html":      {Data: []byte(`{{define "n"}}{{range .Site.Topics}}{{.Title}}{{end}}{{end}}`)},
			"partials/nav.html":    {Data: []byte(`{{define "nav"}}{{end}}`)},
			"partials/footer.html": {Data: []byte(`{{define "footer"}}{{end}}`)},
		})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := tm.SiteTopicsMention("tag", "Count"); got != want {
			t.Errorf("%s: SiteTopicsMention = %t, want %t", src, got, want)
		}
	}
	// The theme's navigation shows the topics' titles and links only; its
	// pages showing a count show their own.
	tm, err := Load(theme.Templates(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		for _, name := range []string{"Count", "Latest", "Intro"} {
			if tm.SiteTopicsMention(k, name) {
				t.Errorf("the theme's %s pages read the site's topics' %s", k, name)
			}
		}
	}
	if !tm.Mentions("tag", "Count") {
		t.Error("the theme's tag pages show their tag's count, but Mentions says they read no Count")
	}
}
