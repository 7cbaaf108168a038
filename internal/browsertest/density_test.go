package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
)

// screen is the desktop window the issue counts headlines in (Techmeme
// shows about 25 in it).
var screen = viewport{"desktop 1280×800", 1280, 800, false}

// denseSite is a briefing of a busy fortnight: six reports a day, most
// with a summary, every other with an editor's note of a few sentences,
// the shape whose lists showed five items to a screen.
func denseSite() fstest.MapFS {
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte(`title: The Harbour Briefing
description: Shipping, ports and the people who run them.
base_url: https://briefing.example/
timezone: UTC
author: Ana Reis
topics:
  - slug: ports
    title: Ports
    match:
      any: [port, harbour]
  - slug: shipping
    title: Shipping
    match:
      any: [ship, freight]
`)},
	}
	sources := []string{"Harbour Ledger", "The Quay", "Freight Daily", "Coastal Post"}
	for i := range 84 {
		day, hour := 14-i/6, 20-2*(i%6)
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Port authority weighs plan number %d for the freight terminal\"\n", i)
		fmt.Fprintf(&b, "date: 2025-03-%02dT%02d:15:00Z\nsource: %s\nsource_url: https://news.example/%d\n", day, hour, sources[i%4], i)
		fmt.Fprintf(&b, "tags: [Terminal %d, Harbour]\n", i%5)
		if i%3 != 0 {
			b.WriteString("summary: The harbour board heard the case for a longer quay and a second crane line before the spring season.\n")
		}
		if i%2 == 0 {
			b.WriteString("note: |\n  Worth reading for the numbers on waiting ships. The board has heard this\n  plan twice before; what changed is the money, not the quay.\n\n  A second paragraph the lists never need.\n")
		}
		b.WriteString("---\nThe port of the harbour town met on the freight terminal. Ships waited.\n")
		fsys[fmt.Sprintf("content/articles/a%03d.md", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// itemsOnScreen counts the list entries in <main> that lie wholly in
// the window as the page opens.
const itemsOnScreen = `[...document.querySelectorAll("main .item")].filter(function (e) {
  var r = e.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
}).length`

// perScreen is how many list entries a window of the page's height holds
// down the whole list, day headings included: the window's height over
// the mean distance from one entry's top to the next one's.
const perScreen = `(function () {
  var tops = [...document.querySelectorAll("main .item")].map(function (e) { return e.getBoundingClientRect().top + scrollY; });
  if (tops.length < 2) { return 0; }
  return innerHeight * (tops.length - 1) / (tops[tops.length - 1] - tops[0]);
})()`

// navRows counts the rows the main navigation's visible entries take.
const navRows = `new Set([...document.querySelectorAll(".site-nav .nav-list > li")].filter(function (e) {
  return e.getBoundingClientRect().height > 0;
}).map(function (e) { return Math.round(e.getBoundingClientRect().top); })).size`

// TestListDensity opens the lists of a busy briefing and of the example
// site at the desktop window and on a phone and counts the
// entries a reader sees before scrolling: lists show each article in a
// compact form (headline, source, time, a one-line teaser of the note),
// so a screen holds many of them. On the phone the navigation takes at
// most two rows.
func TestListDensity(t *testing.T) {
	browser := NewBrowser(t, 3*time.Minute)
	denseDir, denseModel := buildSite(t, denseSite())
	dense := serve(t, denseDir, denseModel)
	exDir, exModel := buildExample(t)
	example := serve(t, exDir, exModel)

	// Before the compact lists these pages showed one or two entries on
	// the first screen and two to three a screen down the list.
	for _, c := range []struct {
		site, name, path string
		vp               viewport
		first            int     // entries wholly on the first screen, at least
		per              float64 // entries a screen down the list, at least
	}{
		{dense, "busy briefing, home", "", screen, 6, 10},
		{dense, "busy briefing, all articles", "articles/", screen, 9, 13},
		{dense, "busy briefing, topic", "topics/ports/", screen, 9, 13},
		{dense, "busy briefing, month", "archive/2025/03/", screen, 7, 13},
		{dense, "busy briefing, home", "", phone, 5, 8},
		{dense, "busy briefing, all articles", "articles/", phone, 5, 8},
		{example, "example, home", "", screen, 6, 10},
		{example, "example, all articles", "articles/", screen, 9, 12},
		{example, "example, all articles", "articles/", phone, 4, 6},
	} {
		t.Run(c.name+"/"+c.vp.name, func(t *testing.T) {
			ctx, w := tab(t, browser)
			ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			if err := chromedp.Do(ctx, c.vp.action(), chromedp.Navigate(c.site+c.path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
				t.Fatal(err)
			}
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](itemsOnScreen))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](navRows))
			if err != nil {
				t.Fatal(err)
			}
			per, err := chromedp.Run(ctx, chromedp.Evaluate[float64](perScreen))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("/%s at %dx%d: %d list entries on the first screen, %.1f a screen down the list; navigation in %d rows", c.path, c.vp.width, c.vp.height, n, per, rows)
			if n < c.first {
				t.Errorf("/%s at %dx%d shows %d list entries before scrolling, want at least %d", c.path, c.vp.width, c.vp.height, n, c.first)
			}
			if per < c.per {
				t.Errorf("/%s at %dx%d shows %.1f list entries a screen, want at least %g", c.path, c.vp.width, c.vp.height, per, c.per)
			}
			if c.vp.mobile && rows > 2 {
				t.Errorf("/%s on a phone: the navigation takes %d rows, want at most 2", c.path, rows)
			}
			if p := w.take(); len(p) > 0 {
				t.Errorf("/%s: the page has problems:\n  %s", c.path, strings.Join(p, "\n  "))
			}
		})
	}
}
