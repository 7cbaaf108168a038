package build_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

const lastmodSite = `
-- site.yaml --
title: Lastmod
base_url: BASE
timezone: America/New_York
topics:
  - slug: trade
    title: Trade
    match:
      any: [tariff]
-- content/articles/updated.md --
---
title: Tariff talks resume
date: 2025-01-10T09:00:00Z
updated: 2025-01-12T08:00:00-05:00
tags: [Trade]
---
The tariff talks resumed.
-- content/articles/day.md --
---
title: A day without a time
date: 2025-01-11
tags: [Weather]
---
Rain.
-- content/articles/old.md --
---
title: Old tariff story
date: 2025-01-05T12:00:00Z
---
An old tariff.
-- content/pages/about.md --
---
title: About
---
About us.
`

// TestSitemapLastmod parses the built sitemap: every URL is absolute
// under base_url; an article's <lastmod> is its updated date, else its
// date (a day alone when written without a time); a list page's is its
// newest article's; a page without a date has none. None comes from the
// clock: builds at other times write the same sitemap. robots.txt names
// the sitemap by its absolute URL and, under a sub-path, says that
// crawlers read robots.txt only at the host's root.
func TestSitemapLastmod(t *testing.T) {
	for _, tc := range []struct {
		name, base string
		robots     []string // robots.txt holds each ("! x": does not)
	}{
		{"at the host's root", "https://host.example/", []string{
			"Sitemap: https://host.example/sitemap.xml\n", "! #"}},
		{"under a sub-path", "https://host.example/briefing/", []string{
			"Sitemap: https://host.example/briefing/sitemap.xml\n",
			"# This site is published under /briefing/, but crawlers read robots.txt only at",
			"(https://host.example/robots.txt)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			txt := strings.Replace(lastmodSite, "BASE", tc.base, 1)
			s := sitetest.New(t, txt).Build()
			var sm struct {
				URLs []struct {
					Loc     string `xml:"loc"`
					Lastmod string `xml:"lastmod"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(s.File("sitemap.xml"), &sm); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, u := range sm.URLs {
				rel, ok := strings.CutPrefix(u.Loc, tc.base)
				if !ok {
					t.Errorf("sitemap URL %q is not absolute under %s", u.Loc, tc.base)
				}
				got[rel] = u.Lastmod
			}
			newest := "2025-01-12T08:00:00-05:00"
			for path, want := range map[string]string{
				"articles/updated/": newest,
				"articles/day/":     "2025-01-11",
				"articles/old/":     "2025-01-05T07:00:00-05:00",
				"":                  newest,
				"articles/":         newest,
				"topics/":           newest,
				"topics/trade/":     newest,
				"tags/":             newest,
				"tags/weather/":     "2025-01-11",
				"about/":            "",
			} {
				if lm, ok := got[path]; !ok {
					t.Errorf("sitemap lacks %s", tc.base+path)
				} else if lm != want {
					t.Errorf("%s: <lastmod> %q, want %q", tc.base+path, lm, want)
				}
			}
			later := sitetest.New(t, txt, sitetest.WithOptions(build.Options{Now: sitetest.Now().Add(90 * 24 * time.Hour)})).Build()
			if a, b := string(s.File("sitemap.xml")), string(later.File("sitemap.xml")); a != b {
				t.Errorf("a build three months later wrote another sitemap:\n%s\nwant\n%s", b, a)
			}
			s.AssertFileContent("robots.txt", tc.robots...)
		})
	}
}
