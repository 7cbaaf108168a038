package browsertest

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// target is a page of the example site and the ways it is looked at.
type target struct {
	name  string
	path  string // site-relative
	looks []look
}

type look struct {
	vp     viewport
	scheme string
}

// everyLook is both window sizes in both colour schemes: the pages a reader
// lands on most get all four.
var everyLook = []look{{phone, "light"}, {phone, "dark"}, {desktop, "light"}, {desktop, "dark"}}

// someLooks covers each size and each scheme once, for the page kinds that
// share their layout with the ones above.
var someLooks = []look{{phone, "dark"}, {desktop, "light"}}

// targets picks one page of each kind from the built model, preferring an
// article with an editor's note so that the note's styling is checked too.
func targets(t *testing.T, m *build.Model) []target {
	t.Helper()
	site := m.Site
	if len(site.Topics) == 0 {
		t.Fatal("the example site has no topics")
	}
	topic := site.Topics[0]
	var article *render.Article
	for _, tp := range site.Topics {
		for _, a := range tp.Latest {
			if article == nil || (article.Note == "" && a.Note != "") {
				article = a
			}
		}
	}
	if article == nil {
		t.Fatal("the example site's topics list no articles")
	}
	ts := []target{
		{"home", "", everyLook},
		{"topic", topic.URL, everyLook},
		{"article", article.URL, everyLook},
		{"archive", "articles/", someLooks},
		{"archive by month", "archive/", someLooks},
		{"topics", "topics/", someLooks},
		{"tags", "tags/", someLooks},
		{"404", "404.html", someLooks},
	}
	if len(article.Tags) > 0 {
		ts = append(ts, target{"tag", article.Tags[0].URL, someLooks})
	}
	if len(site.Pages) > 0 {
		ts = append(ts, target{"page", site.Pages[0].URL, someLooks})
	}
	// The article's month and year in the archive.
	ts = append(ts, target{"month", "archive/" + article.Date.Format("2006/01") + "/", everyLook},
		target{"year", "archive/" + article.Date.Format("2006") + "/", someLooks})
	// The example shows a story covered by several sources: its page, the
	// story index and a member's page with its box of other coverage.
	stories := m.StoryViews()
	if len(stories) == 0 {
		t.Fatal("the example site has no story of more than one article")
	}
	st := stories[0]
	ts = append(ts, target{"story", st.URL, everyLook}, target{"stories", "stories/", someLooks})
	member := st.Lead.Article
	if len(st.Reports) > 0 && len(st.Reports[0].Copies) > 0 {
		member = st.Reports[0].Copies[0]
	}
	ts = append(ts, target{"article in a story", member.URL, someLooks})
	// The editions: the one with an editor's introduction, and the index.
	eds := m.EditionViews()
	if len(eds) == 0 {
		t.Fatal("the example site has no editions")
	}
	ed := eds[0]
	for _, e := range eds {
		if e.Intro != "" {
			ed = e
			break
		}
	}
	ts = append(ts, target{"edition", ed.URL, someLooks}, target{"editions", "editions/", []look{{phone, "dark"}}})
	return ts
}

// TestExampleSiteInBrowser opens the built example site over HTTP at phone
// and desktop sizes in light and dark schemes, and requires every page to
// load without console errors or failed requests and to pass axe-core's
// WCAG 2.0/2.1 A and AA rules. The example site replaces pieces of the
// default theme (its templates/), so the theme's own are checked too, on
// the same site built without them.
func TestExampleSiteInBrowser(t *testing.T) {
	axe := AxeCore(t)
	browser := NewBrowser(t)
	dir, model := buildExample(t)
	site := serve(t, dir, model)
	themeDir, themeModel := buildThemeOnly(t)
	themeSite := serve(t, themeDir, themeModel)
	if a, b := readFile(t, dir, "index.html"), readFile(t, themeDir, "index.html"); bytes.Equal(a, b) {
		t.Fatal("the example site's home page is the same without its templates/: the theme-only pages would check nothing new")
	}

	// The body's background per scheme, to prove the dark scheme is more
	// than an emulation flag the stylesheet ignores.
	backgrounds := map[string]string{}
	check := func(t *testing.T, site string, tg target, lk look) {
		ctx, w := tab(t, browser)
		err := chromedp.Do(ctx,
			lk.vp.action(),
			colorScheme(lk.scheme),
			chromedp.Navigate(site+tg.path),
			chromedp.WaitReady(chromedp.CSS("body")),
		)
		if err != nil {
			t.Fatalf("opening /%s: %v", tg.path, err)
		}
		dark, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`))
		if err != nil {
			t.Fatal(err)
		}
		if dark != (lk.scheme == "dark") {
			t.Fatalf("prefers-color-scheme: dark is %v, want it for %s", dark, lk.scheme)
		}
		if tg.name == "home" && lk.vp == desktop {
			bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
			if err != nil {
				t.Fatal(err)
			}
			backgrounds[lk.scheme] = bg
		}

		res, err := runAxe(ctx, axe)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Violations) > 0 {
			t.Errorf("/%s: %d axe violations:%s", tg.path, len(res.Violations), report(res.Violations))
		}
		if len(res.Incomplete) > 0 {
			t.Logf("/%s: axe could not decide these; check them by eye:%s", tg.path, report(res.Incomplete))
		}
		if p := w.take(); len(p) > 0 {
			t.Errorf("/%s: the page has problems:\n  %s", tg.path, strings.Join(p, "\n  "))
		}
	}
	for _, tg := range targets(t, model) {
		for _, lk := range tg.looks {
			t.Run(fmt.Sprintf("%s/%s/%s", tg.name, lk.vp.name, lk.scheme), func(t *testing.T) { check(t, site, tg, lk) })
		}
	}
	for _, tg := range targets(t, themeModel) {
		for _, lk := range someLooks {
			t.Run(fmt.Sprintf("theme-only/%s/%s/%s", tg.name, lk.vp.name, lk.scheme), func(t *testing.T) { check(t, themeSite, tg, lk) })
		}
	}
	if backgrounds["light"] != "" && backgrounds["light"] == backgrounds["dark"] {
		t.Errorf("the home page's background is %s in both schemes; the dark scheme is not applied", backgrounds["light"])
	}
}

// TestExampleSiteFromDisk opens public/index.html as a file, the way an
// editor double-clicks it, and follows links from home to a topic to an
// article. Browsers show folder listings for "topics/x/" on file://, so this
// depends on brief's inline script pointing such links at index.html and
// on the CSP hash letting that script run.
func TestExampleSiteFromDisk(t *testing.T) {
	browser := NewBrowser(t)
	dir, model := buildExample(t)
	topic := model.Site.Topics[0]
	if len(topic.Latest) == 0 {
		t.Fatalf("topic %s lists no articles", topic.Slug)
	}
	article := topic.Latest[0]

	ctx, w := tab(t, browser)
	fileURL := func(p string) string {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, p))}).String()
	}
	if err := chromedp.Do(ctx, desktop.action(), chromedp.Navigate(fileURL("index.html"))); err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		what, link, want, title string
	}{
		{"home to topic", `a[href="` + topic.URL + `index.html"]`, topic.URL + "index.html", topic.Title},
		{"topic to article", `main a[href$="/` + article.URL + `index.html"]`, article.URL + "index.html", article.Title},
		{"article back home", `a[rel="home"]`, "index.html", ""},
	}
	for _, s := range steps {
		// Clicking waits for the link to appear; a missing link (the
		// script did not run) should fail at once, not at the timeout.
		found, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf("document.querySelector(%q) !== null", s.link)))
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			t.Fatalf("%s: no link %s on the page; on file:// folder links must point at index.html (problems: %v)", s.what, s.link, w.take())
		}
		_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
			chromedp.Click(chromedp.CSS(s.link), chromedp.NodeVisible)))
		if err != nil {
			t.Fatalf("%s: clicking %s: %v", s.what, s.link, err)
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		if want := fileURL(s.want); loc != want {
			t.Fatalf("%s: landed on %s, want %s", s.what, loc, want)
		}
		if s.title != "" {
			h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(h1) != s.title {
				t.Errorf("%s: the page's h1 is %q, want %q", s.what, h1, s.title)
			}
		}
		if p := w.take(); len(p) > 0 {
			t.Errorf("%s: the page has problems:\n  %s", s.what, strings.Join(p, "\n  "))
		}
	}
}

// TestChecksCatchProblems runs the same checks on a page built to fail
// them, so that a silent watcher or a misloaded axe cannot pass the example
// site by seeing nothing.
func TestChecksCatchProblems(t *testing.T) {
	axe := AxeCore(t)
	browser := NewBrowser(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'">
<title>broken</title></head><body><main>
<img src="missing.png">
<script>document.title = "ran"</script>
</main></body></html>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	ctx, w := tab(t, browser)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	res, err := runAxe(ctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range res.Violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"html-has-lang", "image-alt"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe found %v on the broken page, want %s among them", ids, want)
		}
	}
	if rep := report(res.Violations); !strings.Contains(rep, "missing.png") {
		t.Errorf("the report does not show the offending element:%s", rep)
	}

	// The refused script and the missing image may be reported a moment
	// after the load event.
	problems, ok := w.waitFor(ctx, func(problems []string) bool {
		all := strings.Join(problems, "\n")
		return strings.Contains(all, "HTTP 404") && strings.Contains(all, "Content Security Policy")
	})
	if !ok {
		t.Errorf("want a 404 and a CSP refusal among the page's problems, got:\n  %s", strings.Join(problems, "\n  "))
	}
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRootedLinksFromDisk opens pages from disk whose links are rooted at
// the site's path: an editor's root-relative link in a body, and every
// link of 404.html (shown at any depth when served). From disk both must
// lead to the files, and 404.html must get its stylesheet.
func TestRootedLinksFromDisk(t *testing.T) {
	browser := NewBrowser(t)
	s := sitetest.New(t, `
-- content/articles/zz-rooted.md --
---
title: Rooted links
date: 2025-01-02T00:00:00Z
---
See [the topics](/topics/) and ![the icon](/favicon.svg).
`, sitetest.Example(), sitetest.OnDisk())
	dir, _ := buildSite(t, os.DirFS(s.Dir()))
	ctx, w := tab(t, browser)
	fileURL := func(p string) string {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, p))}).String()
	}
	for _, c := range []struct{ page, cond string }{
		{"articles/zz-rooted/index.html", `document.querySelector('main a[href="../../topics/index.html"]') !== null && document.querySelector('main img[src="../../favicon.svg"]') !== null`},
		{"404.html", `[...document.querySelectorAll('link[rel~="stylesheet"]')].length > 0 && [...document.querySelectorAll('link[rel~="stylesheet"]')].every(l => l.getAttribute("href").startsWith("./") && l.sheet !== null) && document.querySelector('a[href="./index.html"]') !== null`},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(c.page))); err != nil {
			t.Fatal(err)
		}
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](c.cond))
		if err == nil && !ok {
			// A stylesheet whose href changed loads after the script.
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](c.cond, chromedp.WithPollingTimeout(10*time.Second)))
		}
		if err != nil {
			html, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerHTML`))
			t.Errorf("%s from disk: rooted links not made relative (%v; problems %v)\n%s", c.page, err, w.take(), html[:min(len(html), 2000)])
		}
	}
}
