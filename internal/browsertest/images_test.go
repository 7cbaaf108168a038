package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pictureState is what the browser says of one <img> once it has loaded.
type pictureState struct {
	Src        string  `json:"src"`
	CurrentSrc string  `json:"currentSrc"`
	Natural    int     `json:"natural"`
	HasWidth   bool    `json:"hasWidth"`
	HasHeight  bool    `json:"hasHeight"`
	Lazy       bool    `json:"lazy"`
	Shown      float64 `json:"shown"`
	Room       float64 `json:"room"`
	Class      string  `json:"class"`
}

// pagePictures is what loadPictures returns: how far the page scrolls
// sideways, in CSS pixels, and its pictures.
type pagePictures struct {
	Overflow float64        `json:"overflow"`
	Pictures []pictureState `json:"pictures"`
}

// loadPictures makes every picture of the page load now (lazy ones
// included: the test cannot scroll to each), waits for each to decode
// and reports them, with the page's overflow.
const loadPictures = `(async () => {
  const imgs = [...document.images];
  const lazy = imgs.map(i => i.loading === "lazy");
  imgs.forEach(i => { i.loading = "eager"; });
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    pictures: imgs.map((i, n) => ({
      src: i.getAttribute("src"), currentSrc: i.currentSrc, natural: i.naturalWidth,
      hasWidth: i.hasAttribute("width"), hasHeight: i.hasAttribute("height"), lazy: lazy[n],
      shown: i.getBoundingClientRect().width, room: i.parentElement.getBoundingClientRect().width,
      class: i.className,
    })),
  };
})()`

// TestImagesInBrowser opens the example site's pages that show pictures
// at phone and desktop sizes and requires every picture to load from
// the site, to carry its size (so that nothing moves as it arrives), to
// fit its column, the page not to scroll sideways, the browser to pick a
// resized copy where one is enough, and axe-core to find nothing.
func TestImagesInBrowser(t *testing.T) {
	axe := AxeCore(t)
	browser := NewBrowser(t)
	dir, model := buildExample(t)
	site := serve(t, dir, model)
	pages := []struct {
		path string
		// lead and body say whether the page shows a lead picture and
		// pictures in the article's text.
		lead, body bool
	}{
		{"stories/biden-xi-woodside-summit/", false, false},
		{"articles/blinken-meets-xi-in-beijing/", true, false},
		{"articles/chip-export-controls-tightened/", true, true},
	}
	for _, vp := range []viewport{phone, desktop} {
		for _, pg := range pages {
			t.Run(vp.name+"/"+pg.path, func(t *testing.T) {
				ctx, w := tab(t, browser)
				if err := chromedp.Do(ctx, vp.action(), chromedp.Navigate(site+pg.path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
					t.Fatalf("opening /%s: %v", pg.path, err)
				}
				res, err := chromedp.Run(ctx, chromedp.Evaluate[pagePictures](loadPictures, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Pictures) == 0 {
					t.Fatalf("/%s shows no picture", pg.path)
				}
				if res.Overflow > 0 {
					t.Errorf("/%s scrolls sideways by %.0f px", pg.path, res.Overflow)
				}
				var lead, body int
				for _, p := range res.Pictures {
					where := fmt.Sprintf("/%s: %s", pg.path, p.Src)
					if p.Natural == 0 {
						t.Errorf("%s did not load", where)
					}
					if !strings.HasPrefix(p.CurrentSrc, site) {
						t.Errorf("%s loaded from %s, not from the site", where, p.CurrentSrc)
					}
					if !p.HasWidth || !p.HasHeight {
						t.Errorf("%s has no width and height: the page moves as it loads", where)
					}
					if p.Shown > p.Room+0.5 {
						t.Errorf("%s is %.0f px wide in a %.0f px column", where, p.Shown, p.Room)
					}
					switch {
					case p.Class == "thumb":
						// A 7rem thumbnail never needs the picture itself.
						if !strings.Contains(p.CurrentSrc, "/img/") || !p.Lazy {
							t.Errorf("%s: thumbnail loaded %s (lazy %t); want a copy from img/, lazily", where, p.CurrentSrc, p.Lazy)
						}
					case p.Lazy:
						body++
					default:
						lead++
						// A desktop column is 704 CSS pixels at 1×: the
						// 800 copy, not the 1200-pixel picture.
						if vp == desktop && !strings.HasSuffix(p.CurrentSrc, "-800.jpg") {
							t.Errorf("%s: the desktop page loaded %s, want the 800-pixel copy", where, p.CurrentSrc)
						}
					}
				}
				if pg.lead != (lead == 1) {
					t.Errorf("/%s: %d lead pictures shown", pg.path, lead)
				}
				if pg.body != (body > 0) {
					t.Errorf("/%s: %d body pictures shown", pg.path, body)
				}
				ax, err := runAxe(ctx, axe)
				if err != nil {
					t.Fatal(err)
				}
				if len(ax.Violations) > 0 {
					t.Errorf("/%s: %d axe violations:%s", pg.path, len(ax.Violations), report(ax.Violations))
				}
				if p := w.take(); len(p) > 0 {
					t.Errorf("/%s: the page has problems:\n  %s", pg.path, strings.Join(p, "\n  "))
				}
			})
		}
	}
}
