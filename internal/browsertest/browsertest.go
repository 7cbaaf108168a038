// Package browsertest checks the published example site in a real browser:
// Debian's Chromium driven through chromedp, with axe-core for the WCAG
// checks. It holds no product code; the tests build the site at the
// repository root, serve it and look at it the way a reader's browser would.
//
// The tools are found on the machine rather than downloaded (Chromium and
// AxeCore say where they look). Without them the tests skip, unless
// CI=true: CI must never pass by skipping. The finder and NewBrowser are
// exported for the other packages' browser tests.
package browsertest

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// buildExample builds the example site into a fresh folder the way `brief
// build` does, and returns that folder with the site's model for the titles
// and URLs the tests look for.
func buildExample(t testing.TB) (string, *build.Model) {
	t.Helper()
	return buildSite(t, os.DirFS(sitetest.RepoRoot(t)))
}

// buildThemeOnly builds the example site as it would be without its own
// templates/: with the default theme alone, whose guarantees the browser
// tests are there to keep where the example site replaces a piece of it.
func buildThemeOnly(t testing.TB) (string, *build.Model) {
	t.Helper()
	return buildSite(t, withoutTemplates{os.DirFS(sitetest.RepoRoot(t))})
}

// withoutTemplates hides a site's templates/ folder.
type withoutTemplates struct{ fs.FS }

func (w withoutTemplates) Open(name string) (fs.File, error) {
	if name == "templates" || strings.HasPrefix(name, "templates/") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.FS.Open(name)
}

func buildSite(t testing.TB, src fs.FS) (string, *build.Model) {
	t.Helper()
	return buildSiteWith(t, src, build.Options{Now: time.Now()})
}

// buildSiteWith is buildSite with the build's options (drafts, as brief
// serve shows them).
func buildSiteWith(t testing.TB, src fs.FS, opt build.Options) (string, *build.Model) {
	t.Helper()
	ctx := t.Context()
	model, err := build.Load(ctx, src, opt)
	if err != nil {
		t.Fatalf("loading the example site: %v", err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	out, err := output.OpenDir(dest, output.DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(ctx, src, out, opt); err != nil {
		out.Abort()
		t.Fatalf("building the example site: %v", err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	return dest, model
}

// serve publishes the built site on a loopback HTTP server and returns the
// site's root URL, ending in "/". The site sits under its base URL's path,
// as it would when published: the 404 page's links are rooted there, since
// it is shown at any depth.
func serve(t testing.TB, dir string, m *build.Model) string {
	t.Helper()
	base := strings.TrimSuffix(m.Site.Base.Path, "/") + "/"
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + base
}

// tab opens a new tab that records its problems from the start.
func tab(t testing.TB, browser context.Context) (context.Context, *watcher) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	w := &watcher{urls: map[network.RequestID]string{}, seen: make(chan struct{}, 1)}
	if err := chromedp.Listen(ctx, w.event); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx, w
}

// watcher collects what a reader would see as breakage: errors on the
// console (script errors, CSP refusals, failed loads) and requests that
// failed or came back with an error status.
type watcher struct {
	mu       sync.Mutex
	urls     map[network.RequestID]string
	problems []string
	seen     chan struct{} // gets a value when a problem is added
}

// add records a problem and wakes a waiter (see waitFor); w.mu is held.
func (w *watcher) add(p string) {
	w.problems = append(w.problems, p)
	select {
	case w.seen <- struct{}{}:
	default:
	}
}

// waitFor collects the problems reported until done says they are all
// there, or ctx ends; it returns them and whether done said so. Problems
// a page reports after its load event (a refused script, a missing
// image) arrive as events, so this waits on them rather than polling.
func (w *watcher) waitFor(ctx context.Context, done func(problems []string) bool) ([]string, bool) {
	var all []string
	for {
		all = append(all, w.take()...)
		if done(all) {
			return all, true
		}
		select {
		case <-w.seen:
		case <-ctx.Done():
			return append(all, w.take()...), false
		}
	}
}

func (w *watcher) event(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range e.Args {
				if len(a.Value) > 0 {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			w.add("console." + string(e.Type) + ": " + strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		w.add("uncaught exception: " + msg)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			w.add(fmt.Sprintf("console (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		w.urls[e.RequestID] = e.Request.URL
	case *network.EventLoadingFailed:
		// A navigation away cancels what the old page still loads; that
		// is the reader's doing, not a broken page.
		if !e.Canceled {
			w.add(fmt.Sprintf("request failed: %s: %s %s", w.urls[e.RequestID], e.ErrorText, e.BlockedReason))
		}
	case *network.EventResponseReceived:
		if r := e.Response; r != nil && r.Status >= 400 {
			w.add(fmt.Sprintf("HTTP %d for %s", r.Status, r.URL))
		}
	}
}

// take returns the problems seen so far and forgets them.
func (w *watcher) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	p := w.problems
	w.problems = nil
	return p
}

// viewport is a window size to lay pages out at.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var (
	phone   = viewport{"phone", 390, 844, true}
	desktop = viewport{"desktop", 1280, 900, false}
)

func (v viewport) action() chromedp.Action[chromedp.Void] {
	if v.mobile {
		return chromedp.EmulateViewport(v.width, v.height, chromedp.EmulateScale(3), chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(v.width, v.height)
}

// colorScheme makes the tab's CSS see prefers-color-scheme as scheme
// ("light" or "dark").
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// axeTags are the rule sets for WCAG 2.0 and 2.1, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeViolation is one failed axe rule with the elements that fail it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

type axeResult struct {
	Violations []axeViolation `json:"violations"`
	// Incomplete are the checks axe could not decide, such as contrast
	// over a background it cannot see through; they need a person's eye.
	Incomplete []axeViolation `json:"incomplete"`
}

// runAxe injects axe-core into the loaded page and runs the WCAG 2 A/AA
// rules. DevTools evaluation is not bound by the page's CSP, so the page
// needs no exception for it.
func runAxe(ctx context.Context, source string) (*axeResult, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](source)); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %w", err)
	}
	script := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(function (r) {
  function brief(v) {
    return {id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(function (n) { return {target: String(n.target), html: n.html, summary: n.failureSummary || ""}; })};
  }
  return {violations: r.violations.map(brief), incomplete: r.incomplete.map(brief)};
})`, jsArray(axeTags))
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	return &res, nil
}

func jsArray(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// report formats axe results for a failure message: rule, help text, and
// each offending element with axe's account of what is wrong.
func report(vs []axeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n%s (%s): %s\n  %s\n", v.ID, v.Impact, v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "  - %s\n    %s\n", n.Target, n.HTML)
			for line := range strings.SplitSeq(n.Summary, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					fmt.Fprintf(&b, "      %s\n", line)
				}
			}
		}
	}
	return b.String()
}
