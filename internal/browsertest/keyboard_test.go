package browsertest

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// focused describes document.activeElement as a sighted keyboard user
// would judge it: what it is, whether its focus ring is drawn, and whether
// it is on screen.
type focused struct {
	Tag          string  `json:"tag"`
	ID           string  `json:"id"`
	Href         string  `json:"href"`
	Text         string  `json:"text"`
	Outline      string  `json:"outline"`
	OutlineWidth float64 `json:"outlineWidth"`
	Top          float64 `json:"top"`
	Bottom       float64 `json:"bottom"`
	Left         float64 `json:"left"`
	Right        float64 `json:"right"`
	Width        float64 `json:"vw"`
	Height       float64 `json:"vh"`
}

const activeElement = `(function () {
  var e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), id: e.id, href: e.getAttribute("href") || "",
    text: (e.textContent || "").trim().slice(0, 60), outline: s.outlineStyle,
    outlineWidth: parseFloat(s.outlineWidth) || 0, top: r.top, bottom: r.bottom,
    left: r.left, right: r.right, vw: innerWidth, vh: innerHeight};
})()`

func (f focused) String() string {
	return fmt.Sprintf("<%s id=%q href=%q> %q", f.Tag, f.ID, f.Href, f.Text)
}

// onScreen reports whether the element lies in the viewport, where the
// browser should have scrolled it on focus: vertically at least in part (a
// long link may wrap past the fold), across in full, since browsers leave a
// half-hidden element in a sideways scroller where it is.
func (f focused) onScreen() bool {
	return f.Bottom > 0 && f.Top < f.Height && f.Left >= -1 && f.Right <= f.Width+1
}

// TestKeyboardFocus walks the home page with the Tab key: the first stop
// must be a visible skip link that moves focus to the main content, and
// every later stop must be on screen with a focus ring drawn. axe-core
// cannot check either, as both depend on focus.
func TestKeyboardFocus(t *testing.T) {
	browser := NewBrowser(t)
	dir, model := buildExample(t)
	site := serve(t, dir, model)

	for _, lk := range []look{{desktop, "light"}, {phone, "dark"}} {
		t.Run(lk.vp.name+"/"+lk.scheme, func(t *testing.T) {
			ctx, w := tab(t, browser)
			if err := chromedp.Do(ctx, lk.vp.action(), colorScheme(lk.scheme), chromedp.Navigate(site)); err != nil {
				t.Fatal(err)
			}
			press := func(key string) focused {
				t.Helper()
				f, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (focused, error) {
					if _, err := chromedp.KeyEvent(key)(ctx, tg); err != nil {
						return focused{}, err
					}
					return chromedp.Evaluate[focused](activeElement)(ctx, tg)
				})
				if err != nil {
					t.Fatal(err)
				}
				return f
			}

			skip := press("\t")
			if skip.Tag != "a" || skip.Href != "#main" {
				t.Fatalf("the first Tab stop is %v, want the skip link to #main", skip)
			}
			if !skip.onScreen() || skip.Outline == "none" || skip.OutlineWidth < 2 {
				t.Errorf("the focused skip link is not plainly visible: %+v", skip)
			}
			if m := press("\r"); m.ID != "main" {
				t.Errorf("after following the skip link focus is on %v, want <main id=main>", m)
			}
			// From <main>, the next stops are the first links of the content.
			for i := range 15 {
				f := press("\t")
				if f.Tag == "body" {
					break
				}
				if f.Outline == "none" || f.OutlineWidth < 2 {
					t.Errorf("Tab stop %d, %v, shows no focus ring (outline %s %gpx)", i+1, f, f.Outline, f.OutlineWidth)
				}
				if !f.onScreen() {
					t.Errorf("Tab stop %d, %v, is off screen at (%g,%g)-(%g,%g) in a %gx%g viewport", i+1, f, f.Left, f.Top, f.Right, f.Bottom, f.Width, f.Height)
				}
			}
			if p := w.take(); len(p) > 0 {
				t.Errorf("the page has problems: %v", p)
			}
		})
	}
}
