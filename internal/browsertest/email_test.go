package browsertest

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/render"
)

// emailWidth is the width an email client's reading pane gives a 600 px
// email: exactly its width.
var emailWidth = viewport{"600px", 600, 900, false}

// emailMetrics is what the test measures of a laid-out email.
type emailMetrics struct {
	ScrollWidth, InnerWidth float64
	Container               float64 // the width of the 600 px table
	MinFont                 float64 // the smallest font size of visible text, px
	SmallText               string  // where that is
	Background              string  // the body's background colour
	Text                    string  // the colour of the edition's title
}

const measureEmail = `(() => {
  const c = document.querySelector('table[width="600"]');
  let min = 1000, where = "";
  for (const el of document.querySelectorAll("body *")) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim() !== "");
    if (!own || el.getClientRects().length === 0) continue;
    const st = getComputedStyle(el);
    if (st.display === "none" || st.visibility === "hidden") continue;
    const f = parseFloat(st.fontSize);
    if (f < min) { min = f; where = el.tagName + "." + el.className + ": " + el.textContent.trim().slice(0, 40); }
  }
  const title = document.querySelector("h1");
  return {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth,
    Container: c ? c.getBoundingClientRect().width : 0, MinFont: min, SmallText: where,
    Background: getComputedStyle(document.body).backgroundColor, Text: title ? getComputedStyle(title).color : ""};
})()`

// largestEmail is the example's edition whose built email.html in dir
// is the largest.
func largestEmail(t *testing.T, dir string, eds []*render.Edition) *render.Edition {
	t.Helper()
	var best *render.Edition
	size := int64(-1)
	for _, e := range eds {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.EmailURL)))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > size {
			best, size = e, fi.Size()
		}
	}
	if best == nil {
		t.Fatal("the example site has no editions")
	}
	return best
}

// TestEditionEmailInBrowser lays out the example's largest edition email
// in Chromium at the 600 px a mail client gives it and at phone width, in
// light and dark schemes: nothing may overflow sideways, the 600 px table
// must take 600 px where there is room and shrink where there is not, no
// visible text may be under 14 px, axe-core's WCAG A/AA rules (contrast
// included) must pass, and the dark scheme must change the colours. Each
// look is captured as a screenshot (kept in $BRIEF_SCREENSHOTS when set)
// whose size must be the window's.
func TestEditionEmailInBrowser(t *testing.T) {
	axe := AxeCore(t)
	browser := NewBrowser(t)
	dir, model := buildExample(t)
	site := serve(t, dir, model)
	ed := largestEmail(t, dir, model.EditionViews())
	shots := os.Getenv("BRIEF_SCREENSHOTS")
	backgrounds := map[string]string{}
	for _, vp := range []viewport{emailWidth, phone} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(vp.name+"/"+scheme, func(t *testing.T) {
				ctx, w := tab(t, browser)
				if err := chromedp.Do(ctx, vp.action(), colorScheme(scheme), chromedp.Navigate(site+ed.EmailURL),
					chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
					t.Fatalf("opening %s: %v", ed.EmailURL, err)
				}
				m, err := chromedp.Run(ctx, chromedp.Evaluate[emailMetrics](measureEmail))
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s at %s/%s: %+v", ed.EmailURL, vp.name, scheme, m)
				if m.ScrollWidth > m.InnerWidth {
					t.Errorf("the email is %g px wide in a %g px window: it overflows sideways", m.ScrollWidth, m.InnerWidth)
				}
				switch {
				case vp.width >= 600 && m.Container != 600:
					t.Errorf("the email's table is %g px wide with room for 600", m.Container)
				case vp.width < 600 && (m.Container == 0 || m.Container > m.InnerWidth):
					t.Errorf("the email's table is %g px wide in a %g px window", m.Container, m.InnerWidth)
				}
				if m.MinFont < 14 {
					t.Errorf("text at %g px (%s): under 14 px is hard to read", m.MinFont, m.SmallText)
				}
				if scheme == "light" || vp.width >= 600 {
					backgrounds[vp.name+"/"+scheme] = m.Background
				}
				res, err := runAxe(ctx, axe)
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Violations) > 0 {
					t.Errorf("%s: %d axe violations:%s", ed.EmailURL, len(res.Violations), report(res.Violations))
				}
				if p := w.take(); len(p) > 0 {
					t.Errorf("%s: the page has problems:\n  %s", ed.EmailURL, strings.Join(p, "\n  "))
				}
				shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(shot))
				if err != nil {
					t.Fatalf("the screenshot is no PNG: %v", err)
				}
				scale := int64(1)
				if vp.mobile {
					scale = 3
				}
				if got := img.Bounds().Dx(); int64(got) != vp.width*scale {
					t.Errorf("the screenshot is %d px wide, want %d", got, vp.width*scale)
				}
				if shots != "" {
					name := filepath.Join(shots, fmt.Sprintf("email-%s-%s.png", vp.name, scheme))
					if err := os.WriteFile(name, shot, 0o644); err != nil {
						t.Error(err)
					}
				}
			})
		}
	}
	if l, d := backgrounds["600px/light"], backgrounds["600px/dark"]; l != "" && l == d {
		t.Errorf("the email's background is %s in both schemes; its dark rules are not applied", l)
	}
}
