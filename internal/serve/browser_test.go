package serve

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds a browser: $BRIEF_CHROMIUM, or Debian's Chromium.
func chromium() string {
	if p := os.Getenv("BRIEF_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserLiveReload opens the home page in a real headless Chromium,
// edits an article's title on disk and waits for the page to show the new
// title by itself: the injected client must pass the page's CSP, receive
// the event and reload.
func TestBrowserLiveReload(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium found (install Debian's chromium package or set BRIEF_CHROMIUM); skipping the real-browser test")
	}
	dir := copyExample(t)
	s := start(t, dir, nil)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

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
	path := findArticle(t, dir, title)
	replaceIn(t, dir, path, strings.TrimSpace(title), "Retitled live in the browser")
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
func findArticle(t *testing.T, dir, title string) string {
	t.Helper()
	entries, err := os.ReadDir(dir + "/content/articles")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		p := "content/articles/" + e.Name()
		data, _ := os.ReadFile(dir + "/" + p)
		if strings.Contains(string(data), strings.TrimSpace(title)) {
			return p
		}
	}
	t.Fatalf("no article titled %q", title)
	return ""
}
