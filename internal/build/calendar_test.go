package build_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// calendarSite has articles over two years in New York's zone, one of
// them on New Year's Eve late enough to be in January by UTC, and a
// month of three articles split over two pages.
const calendarSite = `
-- site.yaml --
title: Calendar
base_url: https://host.example/b/
timezone: America/New_York
per_page: 2
topics:
  - slug: ports
    title: Ports
    match:
      any: [harbour]
-- content/articles/eve.md --
---
title: New Year's Eve at the harbour
date: 2024-12-31T23:30:00-05:00
tags: [Quay]
---
The harbour at midnight.
-- content/articles/june-a.md --
---
title: June one
date: 2024-06-03T09:00:00-04:00
---
The harbour in June.
-- content/articles/june-b.md --
---
title: June two
date: 2024-06-10T09:00:00-04:00
---
The harbour in June again.
-- content/articles/june-c.md --
---
title: June three
date: 2024-06-20T09:00:00-04:00
tags: [Quay]
---
The harbour late in June.
-- content/articles/old.md --
---
title: An old one
date: 2023-03-01
---
The harbour long ago.
`

// TestCalendarPages: the archive's index names every year and month with
// articles, each year and month has its page in the site's zone, a
// month's page is split like every list, and every page links its
// neighbours so a reader can walk the whole record.
func TestCalendarPages(t *testing.T) {
	s := sitetest.New(t, calendarSite).Build()
	s.AssertFileContent("archive/index.html", `
		<h1>Archive by month</h1>
		<a href="../archive/2024/">2024</a> <span class="count">4 articles</span>
		<a href="../archive/2023/">2023</a> <span class="count">1 article</span>
		<a href="../archive/2024/06/"><span aria-hidden="true">Jun</span><span class="visually-hidden">June 2024,</span> <span class="count">3<span class="visually-hidden"> articles</span></span></a>
		<a href="../archive/2024/12/">
		<span class="month-empty"><span aria-hidden="true">Jan</span><span class="visually-hidden">January 2024: no articles</span></span>
		! archive/2025/`)
	// The eve is December in New York, whatever UTC says.
	s.AssertFileContent("archive/2024/12/index.html", `
		<h1>December 2024</h1>
		New Year&#39;s Eve at the harbour
		<a rel="prev" href="../../../archive/2024/06/"><span aria-hidden="true">←</span> June 2024</a>
		<a href="../../../archive/2024/">All of 2024</a>
		! rel="next"`)
	s.AssertNoFile("archive/2025/index.html", "archive/2025/01/index.html")
	s.AssertFileContent("archive/2024/06/index.html", `
		<h1>June 2024</h1>
		3 articles · page 1 of 2, newest first
		June three
		June two
		! June one
		<a rel="prev" href="../../../archive/2023/03/"><span aria-hidden="true">←</span> March 2023</a>
		<a rel="next" href="../../../archive/2024/12/">December 2024 <span aria-hidden="true">→</span></a>
		aria-current="page"><span aria-hidden="true">Jun</span>`)
	s.AssertFileContent("archive/2024/06/page/2/index.html", "June one", "! June two")
	s.AssertFileContent("archive/2024/index.html", `
		<h1>2024</h1>
		4 articles
		<a rel="prev" href="../../archive/2023/"><span aria-hidden="true">←</span> 2023</a>
		<a href="../../archive/">All years</a>`)
	s.AssertFileContent("archive/2023/index.html", `<a rel="next" href="../../archive/2024/">2024 <span aria-hidden="true">→</span></a>`)
	// The article links its month; the archive of all articles links the index.
	s.AssertFileContent("articles/eve/index.html", `<a href="../../archive/2024/12/">More from December 2024</a>`)
	s.AssertFileContent("articles/index.html", `<a href="../archive/">By month and year</a>`)
	s.AssertFileContent("sitemap.xml", "https://host.example/b/archive/2024/06/page/2/")
}

// TestCalendarEmptySite: a site without articles still has the index,
// saying so, and no year or month.
func TestCalendarEmptySite(t *testing.T) {
	s := sitetest.New(t, "-- site.yaml --\ntitle: Empty\nbase_url: https://host.example/\n-- content/pages/about.md --\n---\ntitle: About\n---\nHi.\n").Build()
	s.AssertFileContent("archive/index.html", "Nothing here yet.")
}

// TestArchiveNameReserved: a plain page cannot take the archive's URL.
func TestArchiveNameReserved(t *testing.T) {
	s := sitetest.New(t, "-- site.yaml --\ntitle: T\nbase_url: https://host.example/\n-- content/pages/archive.md --\n---\ntitle: Archive\n---\nMine.\n")
	s.AssertBuildError("content/pages/archive.md", "/archive/ is reserved")
}

// TestRelatedAndNeighbours: an article's page lists the articles that
// share most with it, best first, and its neighbours in its topic; an
// article sharing nothing lists none.
func TestRelatedAndNeighbours(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- site.yaml --\ntitle: R\nbase_url: https://host.example/\ntopics:\n  - slug: ports\n    title: Ports\n    match:\n      any: [harbour]\n")
	for i, a := range []struct{ title, tags, body string }{
		{"Crane strike at Rotterdam", "[Cranes, Strikes]", "harbour"},
		{"Cranes idle as the strike spreads", "[Cranes, Strikes]", "harbour"},
		{"Rotterdam reopens its outer basin", "[Basins]", "harbour"},
		{"A quiet week", "[Weather]", "nothing"},
	} {
		fmt.Fprintf(&b, "-- content/articles/a%d.md --\n---\ntitle: %s\ndate: 2025-02-0%dT10:00:00Z\ntags: %s\n---\nThe %s.\n", i, a.title, i+1, a.tags, a.body)
	}
	s := sitetest.New(t, b.String()).Build()
	s.AssertFileContent("articles/a0/index.html", `
		<h2 id="related-heading" class="section-heading">Related articles</h2>
		In <a href="../../topics/ports/">Ports</a>
		<span class="neighbour-label">After</span> <a href="../../articles/a1/">Cranes idle as the strike spreads</a>
		! <span class="neighbour-label">Before</span>`)
	related := s.Doc("articles/a0/index.html").Find(".related li > a")
	if related.Length() != 2 || related.First().Text() != "Cranes idle as the strike spreads" || related.Eq(1).Text() != "Rotterdam reopens its outer basin" {
		t.Errorf("a0's related articles: %q; want the one sharing its tags first, then the one sharing a name and the topic", related.Text())
	}
	s.AssertFileContent("articles/a3/index.html", "! Related articles", "! neighbours")
	s.AssertFileContent("articles/a2/index.html", `
		<span class="neighbour-label">Before</span> <a href="../../articles/a1/">
		! <span class="neighbour-label">After</span>`)
}

// TestCalendarAndRelatedIncremental: editing a date moves an article
// between months and years, a new tag changes the related lists, and each
// rebuild equals a full build; an edit that touches neither renders only
// a few files.
func TestCalendarAndRelatedIncremental(t *testing.T) {
	s := sitetest.New(t, calendarSite, sitetest.WithOptions(build.Options{Tool: "test"})).Build()
	s.ReplaceInFile("content/articles/old.md", "date: 2023-03-01", "date: 2024-06-25")
	s.Rebuild()
	s.AssertNoFile("archive/2023/index.html", "archive/2023/03/index.html")
	s.AssertFileContent("archive/2024/06/index.html", "4 articles", "An old one")
	s.AssertFileContent("archive/2024/06/index.html", `! rel="prev"`)

	s.ReplaceInFile("content/articles/june-a.md", "title: June one\n", "title: June one\ntags: [Quay]\n")
	s.Rebuild()
	s.AssertFileContent("articles/june-c/index.html", `<a href="../../articles/june-a/">June one</a>`)
	// A second paragraph changes neither the summary (the first one) nor
	// what any list, month or related list shows: the article's page
	// and the six feeds that carry its text (the site's and its topic's)
	// render again. The search index files whose bytes the new words
	// change (under search/) render again too, and are not counted.
	before := map[string]string{}
	for _, name := range s.Names() {
		before[name] = string(s.File(name))
	}
	s.ReplaceInFile("content/articles/june-b.md", "The harbour in June again.", "The harbour in June again.\n\nA second paragraph.")
	s.Rebuild()
	index := 0
	for _, name := range s.Names() {
		if old, ok := before[name]; strings.HasPrefix(name, "search/") && (!ok || old != string(s.File(name))) {
			index++
		}
	}
	if index == 0 {
		t.Errorf("adding a paragraph changed no search index file")
	}
	if n := s.Rendered() - index; n > 7 {
		t.Errorf("adding a paragraph to one article rendered %d files besides %d search index files; want its page and its six feeds", n, index)
	}
}
