package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// chromiumNames are the browsers looked for on the PATH, in order.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome"}

// finder looks for the tools of the browser tests; its fields are the
// machine as the test sees it, so that its own tests can vary them.
type finder struct {
	getenv   func(string) string
	lookPath func(string) (string, error)
	root     string // the repository's root, where node_modules/ is
}

func machine(t testing.TB) finder {
	return finder{getenv: os.Getenv, lookPath: exec.LookPath, root: sitetest.RepoRoot(t)}
}

// Chromium returns the browser to drive: $CHROME if set, else chromium,
// chromium-browser or google-chrome on the PATH. Without one the test is
// skipped with what to install, or fails when CI=true.
func Chromium(t testing.TB) string {
	t.Helper()
	return machine(t).chromium(t)
}

// AxeCore returns the text of axe.min.js: $AXE_CORE_JS if set, else
// node_modules/axe-core/axe.min.js at the repository's root. Without it
// the test is skipped with what to install, or fails when CI=true.
func AxeCore(t testing.TB) string {
	t.Helper()
	return machine(t).axeCore(t)
}

func (f finder) chromium(t testing.TB) string {
	t.Helper()
	if p := f.getenv("CHROME"); p != "" {
		exe, err := f.lookPath(p)
		if err != nil {
			f.missing(t, fmt.Sprintf("$CHROME is %s, which cannot be run: %v", p, err))
		}
		return exe
	}
	for _, name := range chromiumNames {
		if exe, err := f.lookPath(name); err == nil {
			return exe
		}
	}
	f.missing(t, "no Chromium found (looked for $CHROME, then chromium, chromium-browser and google-chrome on the PATH): apt-get install chromium, or set CHROME to a Chromium or Chrome")
	return ""
}

func (f finder) axeCore(t testing.TB) string {
	t.Helper()
	p := f.getenv("AXE_CORE_JS")
	if p == "" {
		p = filepath.Join(f.root, "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		f.missing(t, fmt.Sprintf("no axe-core at %s: run `npm install --no-save axe-core` at the repository's root, or set AXE_CORE_JS to an axe.min.js", p))
	}
	if err != nil {
		t.Fatalf("reading axe-core: %v", err)
	}
	return string(b)
}

// missing skips the test for want of a tool, or fails it when CI=true,
// where a skip would turn the browser checks into a silent pass.
func (f finder) missing(t testing.TB, msg string) {
	t.Helper()
	if ci, _ := strconv.ParseBool(f.getenv("CI")); ci {
		t.Fatalf("%s (CI=true: a missing tool is a failure, not a skip)", msg)
	}
	t.Skip(msg)
}

// NewBrowser starts a headless Chromium (see Chromium) for the test and
// returns a context whose children are tabs in it. It has no time budget
// of its own, which a loaded machine would outrun: it ends with the test,
// or shortly before go test's -timeout (see sitetest.Context). The
// browser goes when the test ends.
func NewBrowser(t testing.TB) context.Context {
	t.Helper()
	exe := Chromium(t)
	ctx := sitetest.Context(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	// The first run starts the browser, so that every later NewContext is
	// a tab in this one rather than a browser of its own.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return bctx
}
