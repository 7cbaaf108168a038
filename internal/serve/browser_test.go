package serve

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/browsertest"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestBrowserLiveReload opens the home page in a real headless Chromium,
// edits an article's title on disk and waits for the page to show the new
// title by itself: the injected client must pass the page's CSP, receive
// the event and reload.
func TestBrowserLiveReload(t *testing.T) {
	bctx := browsertest.NewBrowser(t)
	site := example(t, "")
	s := start(t, site.Dir(), nil)

	if err := chromedp.Do(bctx,
		chromedp.Navigate(s.URL()),
		chromedp.WaitVisible(chromedp.CSS(".site-title")),
	); err != nil {
		t.Fatalf("opening %s: %v", s.URL(), err)
	}
	// Wait until the page's client is connected, so that the edit is not
	// missed; a client the page's CSP blocked never connects.
	deadline := time.Now().Add(10 * time.Second)
	for s.hub.connected() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the page's reload client did not connect to the event stream")
		}
		time.Sleep(20 * time.Millisecond)
	}
	title, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(".latest .item-title")))
	if err != nil || strings.TrimSpace(title) == "" {
		t.Fatalf("home page shows no article: %v", err)
	}
	// The first listed article is the newest; retitle it on disk.
	site.ReplaceInFile(findArticle(t, site, title), strings.TrimSpace(title), "Retitled live in the browser")
	// Poll from Go: the reload replaces the page under any in-page wait.
	deadline = time.Now().Add(15 * time.Second)
	for {
		ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](
			`(function(){var e=document.querySelector(".latest .item-title");return !!e&&e.textContent.indexOf("Retitled live in the browser")>=0})()`))
		if err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page did not reload with the new title within 15s (last error: %v)", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	overlay, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#brief-overlay")).map(function(e){return e.textContent})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(overlay) > 0 {
		t.Errorf("an error overlay is showing: %v", overlay)
	}
}

// findArticle returns the content path of the article titled title.
func findArticle(t *testing.T, site *sitetest.Site, title string) string {
	t.Helper()
	articles, err := fs.Glob(site.FS(), "content/articles/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range articles {
		if strings.Contains(site.ReadFile(p), strings.TrimSpace(title)) {
			return p
		}
	}
	t.Fatalf("no article titled %q", title)
	return ""
}
