package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
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
	browser := NewBrowser(t)
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

// TestPhoneMenu opens the topic menu of the navigation on a phone with
// JavaScript off: closed, the navigation is one or two rows and no topic
// link shows; a tap on "Topics" shows them all, and one leads to its
// topic.
func TestPhoneMenu(t *testing.T) {
	browser := NewBrowser(t)
	dir, model := buildExample(t)
	site := serve(t, dir, model)
	ctx, w := tab(t, browser)
	noScript := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(ctx, phone.action(), noScript, chromedp.Navigate(site+"articles/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	const shownTopics = `[...document.querySelectorAll(".site-nav a[href*='topics/']")].filter(function (a) { return a.checkVisibility(); }).length`
	count := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if rows := count(navRows); rows > 2 {
		t.Errorf("the phone's navigation takes %d rows, want at most 2", rows)
	}
	if n := count(shownTopics); n != 0 {
		t.Errorf("%d topic links show in the closed navigation, want none", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".nav-menu summary"), chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	// Every topic and the link to all of them.
	if n, want := count(shownTopics), len(model.Site.Topics)+1; n != want {
		t.Errorf("the open menu shows %d topic links, want %d", n, want)
	}
	topic := model.Site.Topics[0]
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`.nav-menu a[href$="`+topic.URL+`"]`), chromedp.NodeVisible)))
	if err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(h1) != topic.Title {
		t.Errorf("the menu's first topic led to a page titled %q, want %q", h1, topic.Title)
	}
	if p := w.take(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}

// TestMonthArchiveNavigation walks the example's archive as an analyst
// would: from the index to the earliest month, month by month to the
// latest by the "next" links, then up to the year and back to the index,
// checking each page's heading against the built model.
func TestMonthArchiveNavigation(t *testing.T) {
	browser := NewBrowser(t)
	dir, model := buildExample(t)
	site := serve(t, dir, model)
	// The months that hold articles, oldest first, as "January 2006".
	var months []string
	articles := model.ArticleViews()
	for i := len(articles) - 1; i >= 0; i-- {
		m := articles[i].Date.Format("January 2006")
		if len(months) == 0 || months[len(months)-1] != m {
			months = append(months, m)
		}
	}
	if len(months) < 3 {
		t.Fatalf("the example site's articles span %d months; the walk needs three", len(months))
	}
	ctx, w := tab(t, browser)
	if err := chromedp.Do(ctx, desktop.action(), chromedp.Navigate(site+"archive/")); err != nil {
		t.Fatal(err)
	}
	heading := func() string {
		t.Helper()
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(h1)
	}
	follow := func(sel string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)))
		if err != nil {
			t.Fatalf("following %s from %q: %v", sel, heading(), err)
		}
	}
	first, err := time.Parse("January 2006", months[0])
	if err != nil {
		t.Fatal(err)
	}
	follow(`.months a[href$="archive/` + first.Format("2006/01") + `/"]`)
	for i, want := range months {
		if got := heading(); got != want {
			t.Fatalf("month %d of the walk is %q, want %q", i+1, got, want)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("main .item").length`))
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("%s lists no article", want)
		}
		if i+1 < len(months) {
			follow(`.calendar-nav a[rel="next"]`)
		}
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.calendar-nav a[rel="next"]').length`)); err != nil || n != 0 {
		t.Errorf("the latest month links a next one (%d, %v)", n, err)
	}
	last := months[len(months)-1]
	follow(`.calendar-nav a[href$="/` + last[len(last)-4:] + `/"]`)
	if got := heading(); got != last[len(last)-4:] {
		t.Errorf("the month's year link led to %q", got)
	}
	follow(`.calendar-nav a[href$="archive/"]`)
	if got := heading(); got != "Archive by month" {
		t.Errorf("the year's index link led to %q", got)
	}
	if p := w.take(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}
