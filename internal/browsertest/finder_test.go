package browsertest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/tbfake"
)

// TestFinder runs the finder on made-up machines: what it returns, and
// whether a missing tool skips the test or, under CI=true, fails it.
func TestFinder(t *testing.T) {
	root := t.TempDir()
	withAxe := t.TempDir()
	axe := filepath.Join(withAxe, "node_modules", "axe-core", "axe.min.js")
	if err := os.MkdirAll(filepath.Dir(axe), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(axe, []byte("window.axe = {};"), 0o644); err != nil {
		t.Fatal(err)
	}
	onPath := func(names ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			for _, n := range names {
				if n == name {
					return "/usr/bin/" + name, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	tests := []struct {
		name    string
		env     map[string]string
		path    []string
		root    string
		find    func(finder, testing.TB) string
		want    string // returned; "" when the test must stop
		skipped bool
		failed  bool
		says    string
	}{
		{name: "chromium on the PATH", path: []string{"google-chrome", "chromium"}, find: finder.chromium, want: "/usr/bin/chromium"},
		{name: "chromium-browser", path: []string{"chromium-browser"}, find: finder.chromium, want: "/usr/bin/chromium-browser"},
		{name: "$CHROME first", env: map[string]string{"CHROME": "mychrome"}, path: []string{"chromium", "mychrome"}, find: finder.chromium, want: "/usr/bin/mychrome"},
		{name: "no browser", find: finder.chromium, skipped: true, says: "apt-get install chromium"},
		{name: "no browser on CI", env: map[string]string{"CI": "true"}, find: finder.chromium, failed: true, says: "apt-get install chromium"},
		{name: "CI=false is not CI", env: map[string]string{"CI": "false"}, find: finder.chromium, skipped: true},
		{name: "$CHROME wrong", env: map[string]string{"CHROME": "/nowhere/chrome"}, path: []string{"chromium"}, find: finder.chromium, skipped: true, says: "$CHROME is /nowhere/chrome"},
		{name: "$CHROME wrong on CI", env: map[string]string{"CHROME": "/nowhere/chrome", "CI": "true"}, path: []string{"chromium"}, find: finder.chromium, failed: true, says: "$CHROME"},
		{name: "axe-core in node_modules", root: withAxe, find: finder.axeCore, want: "window.axe = {};"},
		{name: "$AXE_CORE_JS", env: map[string]string{"AXE_CORE_JS": axe}, find: finder.axeCore, want: "window.axe = {};"},
		{name: "no axe-core", find: finder.axeCore, skipped: true, says: "npm install --no-save axe-core"},
		{name: "no axe-core on CI", env: map[string]string{"CI": "true"}, find: finder.axeCore, failed: true, says: "npm install --no-save axe-core"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := finder{getenv: func(k string) string { return tt.env[k] }, lookPath: onPath(tt.path...), root: root}
			if tt.root != "" {
				f.root = tt.root
			}
			var got string
			o := tbfake.Run(t, func(tb testing.TB) { got = tt.find(f, tb) })
			if o.Skipped != tt.skipped || o.Failed != tt.failed || got != tt.want || !strings.Contains(o.Text(), tt.says) {
				t.Errorf("got %q, skipped %v, failed %v, said %q; want %q, %v, %v, saying %q",
					got, o.Skipped, o.Failed, o.Text(), tt.want, tt.skipped, tt.failed, tt.says)
			}
		})
	}
}
