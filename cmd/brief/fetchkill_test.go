package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sources"
)

// TestFetchSurvivesKill starts `brief fetch` on a feed of killPages
// items, kills it with SIGKILL while it imports, and checks what is left:
// every article absent or complete, the editor's files untouched, the
// state file whole. A last run must leave each item imported exactly once.
func TestFetchSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills brief processes")
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			var b strings.Builder
			b.WriteString(`<rss version="2.0"><channel><title>Harbour</title>`)
			for i := range killPages {
				fmt.Fprintf(&b, `<item><title>Harbour report number %d</title><link>%s/p/%d</link></item>`, i, srv.URL, i)
			}
			b.WriteString(`</channel></rss>`)
			w.Write([]byte(b.String()))
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/p/%d", &i); err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(killTestPage(i)))
	}))
	defer srv.Close()

	root := t.TempDir()
	editor := map[string]string{
		"site.yaml": fmt.Sprintf("title: Harbour watch\nbase_url: https://harbour.example/\nfetch:\n  delay: 0s\n  per_host: 8\nsources:\n  - url: %s/feed.xml\n    max_items: %d\n", srv.URL, killPages),
		"content/articles/harbour-report-number-0.md": "---\ntitle: My own harbour report\ndate: 2024-01-01T09:00:00Z\n---\nWritten by hand.\n",
	}
	for rel, data := range editor {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	killed := 0
	for round, at := range []int{1, killPages / 2} {
		n, err := killBrief(t, root, at, "fetch", "--source", root)
		if err != nil && !strings.Contains(err.Error(), "exit status 1") {
			t.Fatalf("round %d: %v", round, err)
		}
		if n < killPages {
			killed++
			t.Logf("round %d: killed with %d articles written", round, n)
		}
		checkAfterKill(t, root, editor)
		if data, err := os.ReadFile(filepath.Join(root, sources.StateFile)); err == nil {
			if !json.Valid(data) {
				t.Errorf("round %d: the state file is not whole:\n%s", round, lastLines(data, 5))
			}
		}
	}
	if killed == 0 {
		t.Fatal("no fetch was killed mid-way; the test checked nothing")
	}
	out, err := briefProcess("fetch", "--source", root).CombinedOutput()
	if err != nil {
		t.Fatalf("the fetch after the kills: %v\n%s", err, lastLines(out, 10))
	}
	if n := importedFrom(t, root); n != killPages {
		t.Errorf("%d items imported in the end, want each of the %d exactly once\n%s", n, killPages, lastLines(out, 5))
	}
	checkAfterKill(t, root, editor)
}
