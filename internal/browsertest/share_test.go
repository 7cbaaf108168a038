package browsertest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
)

// TestShareTagsInBrowser opens an article page with a hostile headline in
// Chromium and reads its share tags and JSON-LD through the DOM, as a
// link-preview crawler or a search engine's renderer would: the headline
// comes back whole from every tag, the JSON-LD parses, nothing of the
// headline runs (the page's CSP stays as strict as it is and reports
// nothing), every advertised feed answers, and axe finds no violation.
func TestShareTagsInBrowser(t *testing.T) {
	axe := AxeCore(t)
	browser := NewBrowser(t)
	title := `Ports reopen </script><script>window.pwned=1</script> & "quotes"`
	src := fstest.MapFS{
		"site.yaml": {Data: []byte("title: Harbour watch\nbase_url: https://briefings.example/harbours/\ntopics:\n  - title: Ports\n    match: {any: [port]}\n")},
		"content/articles/reopen.md": {Data: []byte(`---
title: '` + strings.ReplaceAll(title, "'", "''") + `'
date: 2025-03-04T09:30:00+01:00
source: Harbour Gazette
source_url: https://gazette.example/reopen
author: Ada Quay
summary: The port reopened after the storm.
image: /media/crane.svg
---
The port reopened.
`)},
		"static/media/crane.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`)},
	}
	dir, model := buildSite(t, src)
	site := serve(t, dir, model)

	ctx, w := tab(t, browser)
	if err := chromedp.Do(ctx, desktop.action(), chromedp.Navigate(site+"articles/reopen/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	type seen struct {
		Tags    map[string]string `json:"tags"`
		LD      string            `json:"ld"`
		Feeds   []string          `json:"feeds"`
		Scripts int               `json:"scripts"`
		Pwned   bool              `json:"pwned"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[seen](`(function () {
  var tags = {};
  document.querySelectorAll("meta[property], meta[name]").forEach(function (m) {
    tags[m.getAttribute("property") || m.getAttribute("name")] = m.content;
  });
  var ld = document.querySelectorAll('script[type="application/ld+json"]');
  return {tags: tags, ld: ld.length === 1 ? ld[0].textContent : "",
    feeds: Array.prototype.map.call(document.querySelectorAll('link[rel="alternate"]'), function (l) { return l.href; }),
    scripts: document.scripts.length, pwned: window.pwned === 1};
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Pwned || got.Scripts != 2 {
		t.Errorf("the headline ran or added scripts: pwned %v, %d script elements (want the JSON-LD and brief's own)", got.Pwned, got.Scripts)
	}
	for _, name := range []string{"og:title", "twitter:title"} {
		if got.Tags[name] != title {
			t.Errorf("%s = %q; want the headline whole, %q", name, got.Tags[name], title)
		}
	}
	for name, want := range map[string]string{
		"og:type": "article", "og:url": "https://briefings.example/harbours/articles/reopen/",
		"og:image": "https://briefings.example/harbours/media/crane.svg", "twitter:card": "summary_large_image",
		"og:description": "The port reopened after the storm.", "article:published_time": "2025-03-04T08:30:00Z", // in the site's zone, UTC,
	} {
		if got.Tags[name] != want {
			t.Errorf("%s = %q; want %q", name, got.Tags[name], want)
		}
	}
	var ld struct {
		Type      string `json:"@type"`
		Headline  string `json:"headline"`
		IsBasedOn struct {
			URL string `json:"url"`
		} `json:"isBasedOn"`
	}
	if err := json.Unmarshal([]byte(got.LD), &ld); err != nil || ld.Type != "NewsArticle" || ld.Headline != title || ld.IsBasedOn.URL != "https://gazette.example/reopen" {
		t.Errorf("JSON-LD as the browser reads it: %v, %+v\n%s", err, ld, got.LD)
	}
	if len(got.Feeds) != 3 {
		t.Errorf("the article advertises %d feeds; want the site's three", len(got.Feeds))
	}
	for _, f := range got.Feeds {
		res, err := http.Get(f)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("advertised feed %s: HTTP %d", f, res.StatusCode)
		}
	}
	res, err := runAxe(ctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Violations) > 0 {
		t.Errorf("%d axe violations:%s", len(res.Violations), report(res.Violations))
	}
	if p := w.take(); len(p) > 0 {
		t.Errorf("the page has problems (a CSP refusal among them would mean something tried to run):\n  %s", strings.Join(p, "\n  "))
	}
}
