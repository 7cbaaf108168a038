package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// fixture lays out testdata/site.txtar, a small briefing under a sub-path,
// with files added or replaced.
func fixture(t *testing.T, extra string, opts ...sitetest.Option) *sitetest.Site {
	t.Helper()
	return sitetest.New(t, sitetest.ReadTxtar(t, filepath.Join("testdata", "site.txtar"))+extra, opts...)
}

func titles(d *goquery.Document, sel string) []string {
	var out []string
	d.Find(sel).Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

func TestBuildSite(t *testing.T) {
	s := fixture(t, "").Build()
	res := s.Result()

	if res.Articles != 5 || res.Drafts != 1 || res.Future != 1 {
		t.Errorf("articles %d drafts %d future %d; want 5, 1, 1", res.Articles, res.Drafts, res.Future)
	}
	if strings.Join(res.Unassigned, ",") != "content/articles/unassigned.md" {
		t.Errorf("unassigned = %v", res.Unassigned)
	}
	s.AssertFileExists(
		"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml", "rss.xml", "feed.json",
		"articles/blinken-visit/index.html", "topics/index.html", "topics/us-china/index.html",
		"topics/us-china/feed.xml", "topics/trade/rss.xml", "topics/security/feed.json",
		"tags/index.html", "tags/china/index.html", "about/index.html",
		"style.css", "favicon.svg", "images/map.svg",
		"articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html",
	)
	s.AssertNoFile("articles/draft/index.html", "articles/future/index.html", "articles/page/4/index.html")

	// Membership: rules, exclusion (none and exclude_topics) and listing.
	members := map[string][]string{
		"topics/us-china/index.html": {"Blinken to visit Beijing"},
		"topics/trade/index.html":    {"Tariffs on the table"},
		"topics/security/index.html": {"Drills near Taiwan", "China wins the football match"},
		"tags/china/index.html":      {"Blinken to visit Beijing", "Tariffs on the table"},
		"articles/index.html":        {"Blinken to visit Beijing", "Tariffs on the table"},
		"articles/page/2/index.html": {"Drills near Taiwan", "China wins the football match"},
		"articles/page/3/index.html": {"Weather report"},
	}
	for page, want := range members {
		got := titles(s.Doc(page), ".item-title")
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s lists %q, want %q", page, got, want)
		}
	}

	// The topic page shows the intro, groups by day in the site's zone and
	// carries a line of the note (the article's page has all of it).
	topic := s.Doc("topics/us-china/index.html")
	if !strings.Contains(topic.Find(".intro").Text(), "intro to the topic") {
		t.Error("topic intro missing")
	}
	if got := titles(topic, ".day-heading"); len(got) != 1 || !strings.Contains(got[0], "January 11, 2025") {
		t.Errorf("day headings = %q", got)
	}
	if !strings.Contains(topic.Find(".teaser").Text(), "tone") {
		t.Error("the editor's note's teaser is missing from the topic page")
	}
	if topic.Find(".note").Length() != 0 || topic.Find(".summary").Length() != 0 {
		t.Error("the topic page's list carries a whole note or a summary; lists are compact")
	}

	// The article page: source linked, authors, note apart from the body,
	// date in the site's zone, reading time, tags and topics.
	art := s.Doc("articles/blinken-visit/index.html")
	if href, _ := art.Find(`a[href="https://wire.example/blinken?id=1"]`).Attr("rel"); !strings.Contains(href, "noopener") {
		t.Error("source link missing or without rel=noopener")
	}
	if art.Find(`time[datetime="2025-01-11T13:20:09+08:00"]`).Length() == 0 {
		t.Error("the article's date is not shown in the site's zone")
	}
	if art.Find(".note").Length() != 1 || art.Find(".prose .note").Length() != 0 {
		t.Error("the note must be set apart from the body")
	}
	text := art.Find("main").Text()
	if !strings.Contains(text, "A. Writer, B. Writer") || !strings.Contains(text, "min") {
		t.Error("authors or reading time missing")
	}
	if art.Find(`h2:contains("Background")`).Length() != 1 || art.Find(`.footnotes li[id]`).Length() != 1 {
		t.Error("body headings or footnotes not rendered")
	}
	if canon, _ := art.Find(`link[rel=canonical]`).Attr("href"); canon != "https://host.example/briefings/articles/blinken-visit/" {
		t.Errorf("canonical = %q", canon)
	}
	// The editor's root-relative link honours the sub-path.
	if s.Doc("about/index.html").Find(`a[href="/briefings/topics/us-china/"]`).Length() != 1 {
		t.Error("root-relative link in Markdown not moved under the base path")
	}
}

// TestLinksResolve follows every link and asset reference in every page, as
// served under the base URL's sub-path, and checks that it lands on a file
// the build wrote.
func TestLinksResolve(t *testing.T) {
	s := fixture(t, "").Build()
	out := s.Output()
	base, _ := url.Parse("https://host.example/briefings/")
	for _, name := range s.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pageURL := base.JoinPath(strings.TrimSuffix(name, "index.html"))
		if name == "404.html" {
			pageURL = base.JoinPath("some/missing/page/")
		}
		pageURL.Path = strings.TrimSuffix(pageURL.Path, "index.html")
		if name != "404.html" && !strings.HasSuffix(pageURL.Path, "/") {
			pageURL.Path += "/"
		}
		d := s.Doc(name)
		d.Find("a[href], link[href], img[src], script[src]").Each(func(_ int, el *goquery.Selection) {
			ref, ok := el.Attr("href")
			if !ok {
				ref, _ = el.Attr("src")
			}
			u, err := pageURL.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad link %q", name, ref)
				return
			}
			if u.Host != base.Host || u.Fragment != "" && u.Path == pageURL.Path {
				return // external, or a fragment on the same page
			}
			if !strings.HasPrefix(u.Path, base.Path) {
				t.Errorf("%s: link %q leaves the base path (%s)", name, ref, u.Path)
				return
			}
			target := strings.TrimPrefix(u.Path, base.Path)
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, err := fs.Stat(out, target); err != nil {
				t.Errorf("%s: link %q resolves to %s, which was not written", name, ref, target)
			}
		})
	}
}

func TestFeeds(t *testing.T) {
	s := fixture(t, "").Build()
	abs := func(where, u string) {
		t.Helper()
		p, err := url.Parse(u)
		if err != nil || p.Scheme != "https" || p.Host != "host.example" && p.Host != "wire.example" {
			t.Errorf("%s: %q is not an absolute URL", where, u)
		}
	}
	for _, dir := range []string{"", "topics/us-china/"} {
		var atom struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			ID      string   `xml:"id"`
			Title   string   `xml:"title"`
			Updated string   `xml:"updated"`
			Links   []struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Entries []struct {
				ID      string `xml:"id"`
				Title   string `xml:"title"`
				Updated string `xml:"updated"`
				Content struct {
					Type string `xml:"type,attr"`
					Body string `xml:",chardata"`
				} `xml:"content"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(s.File(dir+"feed.xml"), &atom); err != nil {
			t.Fatalf("%sfeed.xml: %v", dir, err)
		}
		if atom.ID == "" || atom.Title == "" || atom.Updated == "" || len(atom.Entries) == 0 {
			t.Errorf("%sfeed.xml lacks required fields: %+v", dir, atom)
		}
		for _, l := range atom.Links {
			abs(dir+"feed.xml link", l.Href)
		}
		for _, e := range atom.Entries {
			abs(dir+"feed.xml entry id", e.ID)
			if e.Title == "" || e.Updated == "" || e.Content.Type != "html" || e.Content.Body == "" {
				t.Errorf("%sfeed.xml entry incomplete: %+v", dir, e)
			}
		}

		// encoding/xml cannot ask for "link in no namespace", so links are
		// collected with their names and atom:link is told apart by hand.
		type rssLink struct {
			XMLName xml.Name
			Text    string `xml:",chardata"`
		}
		plain := func(links []rssLink) string {
			for _, l := range links {
				if l.XMLName.Space == "" {
					return l.Text
				}
			}
			return ""
		}
		var rss struct {
			Version string `xml:"version,attr"`
			Channel struct {
				Title string    `xml:"title"`
				Links []rssLink `xml:"link"`
				Desc  string    `xml:"description"`
				Items []struct {
					Title   string    `xml:"title"`
					Links   []rssLink `xml:"link"`
					GUID    string    `xml:"guid"`
					PubDate string    `xml:"pubDate"`
					Content string    `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(s.File(dir+"rss.xml"), &rss); err != nil {
			t.Fatalf("%srss.xml: %v", dir, err)
		}
		if rss.Version != "2.0" || rss.Channel.Title == "" || rss.Channel.Desc == "" || len(rss.Channel.Items) == 0 {
			t.Errorf("%srss.xml lacks required fields", dir)
		}
		abs(dir+"rss.xml link", plain(rss.Channel.Links))
		for _, it := range rss.Channel.Items {
			abs(dir+"rss.xml item", plain(it.Links))
			if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
				t.Errorf("%srss.xml pubDate %q: %v", dir, it.PubDate, err)
			}
			if it.Content == "" {
				t.Errorf("%srss.xml item %q has no full content", dir, it.Title)
			}
		}

		var jf struct {
			Version string `json:"version"`
			Title   string `json:"title"`
			Home    string `json:"home_page_url"`
			FeedURL string `json:"feed_url"`
			Items   []struct {
				ID          string `json:"id"`
				URL         string `json:"url"`
				ContentHTML string `json:"content_html"`
				Published   string `json:"date_published"`
			} `json:"items"`
		}
		if err := json.Unmarshal(s.File(dir+"feed.json"), &jf); err != nil {
			t.Fatalf("%sfeed.json: %v", dir, err)
		}
		if jf.Version != "https://jsonfeed.org/version/1.1" || jf.Title == "" || len(jf.Items) == 0 {
			t.Errorf("%sfeed.json lacks required fields", dir)
		}
		abs("feed.json home", jf.Home)
		abs("feed.json feed_url", jf.FeedURL)
		for _, it := range jf.Items {
			abs("feed.json item", it.URL)
			if it.ID == "" || it.ContentHTML == "" {
				t.Errorf("%sfeed.json item incomplete", dir)
			}
			if _, err := time.Parse(time.RFC3339, it.Published); err != nil {
				t.Errorf("date_published %q: %v", it.Published, err)
			}
		}
	}
	// feed_items bounds the site feed; full content has absolute links.
	if n := strings.Count(string(s.File("feed.json")), `"content_html"`); n != 3 {
		t.Errorf("site feed carries %d items, want feed_items = 3", n)
	}
	// The editor's note is part of the feed content.
	s.AssertFileContent("topics/us-china/feed.xml", "Watch the")
}

func TestDeterministic(t *testing.T) {
	a := fixture(t, "", sitetest.WithOptions(build.Options{Workers: 1})).Build()
	b := fixture(t, "", sitetest.WithOptions(build.Options{Workers: 4})).Build()
	if strings.Join(a.Names(), "\n") != strings.Join(b.Names(), "\n") {
		t.Fatal("the two builds wrote different files")
	}
	for _, n := range a.Names() {
		if !bytes.Equal(a.File(n), b.File(n)) {
			t.Errorf("%s differs between two builds of the same input", n)
		}
	}
}

func TestGeneratedStampIsOptIn(t *testing.T) {
	fixture(t, "").Build().AssertFileContent("index.html", "! Built ")
	s := fixture(t, "")
	s.EditFiles("site.yaml", s.ReadFile("site.yaml")+"generated: true\n").Build()
	if got, _ := s.Doc("index.html").Find("footer time").Attr("datetime"); got != "2025-06-01T08:00:00+08:00" {
		t.Errorf("generated: true stamped %q, want the build time in the site's zone", got)
	}
}

func TestDraftsAndFuture(t *testing.T) {
	s := fixture(t, "", sitetest.WithOptions(build.Options{Drafts: true, Future: true})).Build()
	if res := s.Result(); res.Drafts != 0 || res.Future != 0 || res.Articles != 7 {
		t.Errorf("drafts %d future %d articles %d", res.Drafts, res.Future, res.Articles)
	}
	s.AssertFileExists("articles/future/index.html", "articles/draft/index.html")
}

func TestTemplateOverride(t *testing.T) {
	s := fixture(t, `
-- templates/article.html --
{{template "base" .}}{{define "main"}}<p class="custom">{{.Article.Title}} from {{.Article.Source}}</p>{{end}}
-- templates/partials/extra.html --
{{define "unused"}}x{{end}}
`).Build()
	d := s.Doc("articles/tariff-talk/index.html")
	if got := d.Find(".custom").Text(); got != "Tariffs on the table from Ledger" {
		t.Errorf("override not used: %q", got)
	}
	if d.Find("header.masthead").Length() == 0 {
		t.Error("the override lost the theme's base layout")
	}
	if s.Doc("topics/us-china/index.html").Find(".item").Length() == 0 {
		t.Error("templates not overridden must still come from the theme")
	}
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, tmpl, want string
	}{
		{"parse", "{{template \"base\" .}}\n{{define \"main\"}}\n{{if}}\n{{end}}", "templates/article.html:3:"},
		{"exec", "{{template \"base\" .}}\n{{define \"main\"}}\n{{.Article.Nope}}{{end}}", "templates/article.html:3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fixture(t, "").EditFiles("templates/article.html", tt.tmpl).AssertBuildError(tt.want)
		})
	}
}

func TestBuildReportsEveryProblem(t *testing.T) {
	err := fixture(t, `
-- content/articles/bad-date.md --
---
title: X
date: 2025-02-30
---
-- content/articles/bad-key.md --
---
title: X
date: 2025-01-01
sumary: typo
---
-- content/articles/bad-topic.md --
---
title: X
date: 2025-01-01
topics: [sports]
---
-- content/articles/both-ways.md --
---
title: Y
date: 2025-01-01
topics: [trade]
exclude_topics: [trade]
---
-- content/topics/nowhere.md --
---
title: Nowhere
---
-- content/articles/Blinken Visit.md --
---
title: Same slug
date: 2025-01-01
---
`).AssertBuildError(
		"content/articles/bad-date.md:3:",
		`content/articles/bad-key.md:4: unknown key "sumary"`,
		`content/articles/bad-topic.md:4: topics: "sports" is not a topic`,
		`content/articles/both-ways.md:5: exclude_topics: "trade" is also in topics`,
		`content/topics/nowhere.md: no topic "nowhere"`,
		"/articles/blinken-visit/ is already taken",
	)
	var list *diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want a *diag.List, got %v", err)
	}
}

func TestReservedPageSlug(t *testing.T) {
	fixture(t, "-- content/pages/tags.md --\n---\ntitle: Tags page\n---\n").AssertBuildError("reserved")
}

func TestStaticCannotReplacePages(t *testing.T) {
	fixture(t, "-- static/index.html --\n<p>mine</p>\n").AssertBuildError("static/index.html")
}

// TestAtomicReplacement builds into a real folder: a failed build leaves the
// previous site untouched, and a good one removes pages that are gone.
func TestAtomicReplacement(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s := fixture(t, "")
	buildDir := func() error {
		d, err := output.OpenDir(dest, output.DirOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := build.Build(context.Background(), s.FS(), d, s.Options()); err != nil {
			d.Abort()
			return err
		}
		return d.Commit()
	}
	if err := buildDir(); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)

	good := s.ReadFile("content/articles/tariff-talk.md")
	s.EditFiles("content/articles/tariff-talk.md", "---\ntitle: [unclosed\n---\n")
	if err := buildDir(); err == nil {
		t.Fatal("broken site built")
	}
	if after := snapshot(t, dest); !equalSnap(before, after) {
		t.Error("a failed build changed public/")
	}

	s.EditFiles("content/articles/tariff-talk.md", good)
	s.RemoveFiles("content/articles/taiwan-drills.md")
	if err := buildDir(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "articles/taiwan-drills/index.html")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a deleted article's page survived the next build")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public-build-*"))
	if len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		snap[path.Clean(p)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func equalSnap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestExampleSiteBuilds(t *testing.T) {
	res := sitetest.New(t, "", sitetest.Example()).Build().Result()
	if res.Articles < 6 || res.Topics < 3 {
		t.Errorf("example site has %d articles and %d topics; want at least 6 and 3", res.Articles, res.Topics)
	}
}
