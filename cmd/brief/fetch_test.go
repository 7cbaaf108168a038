package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// outlet is a publisher on loopback: one RSS feed (answering 304 to its
// ETag) and its article pages.
func outlet(t *testing.T) *httptest.Server {
	t.Helper()
	const etag = `"v1"`
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/feed.xml":
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Strait Post</title><link>%[1]s/</link>
<item><title>Talks on the strait resume</title><link>%[1]s/a/talks-on-the-strait-resume?utm_source=rss</link><pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item>
<item><title>Chip export rules eased</title><link>%[1]s/a/chip-export-rules-eased</link><pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate></item>
</channel></rss>`, srv.URL)
		case strings.HasPrefix(r.URL.Path, "/a/"):
			title := strings.ReplaceAll(strings.TrimPrefix(r.URL.Path, "/a/"), "-", " ")
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<html><head><title>%[1]s</title><meta property="article:published_time" content="2025-06-02T08:00:00Z"></head><body><article><h1>%[1]s</h1>
<p>Delegations from Beijing and Washington met again this week, and %[1]s was the first item on the agenda of the talks.</p>
<p>Officials on both sides called the mood over %[1]s workmanlike, and said the next round would be held in a month's time in Singapore.</p></article></body></html>`, title)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchCommand(t *testing.T) {
	tmp := t.TempDir()
	srv := outlet(t)
	if code, _, errOut := brief(t, tmp, "init", "--title", "Strait Watch", "--topic", "Diplomacy", "site"); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	root := filepath.Join(tmp, "site")
	yaml := filepath.Join(root, "site.yaml")
	data, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yaml, append(data, "fetch:\n  delay: 0s\n"...), 0o644); err != nil {
		t.Fatal(err)
	}

	// No sources yet: nothing to do, status 3.
	if code, _, errOut := brief(t, root, "fetch"); code != 3 || !strings.Contains(errOut, "lists no sources") {
		t.Errorf("no sources: %d %q", code, errOut)
	}
	opml := filepath.Join(tmp, "reader.opml")
	os.WriteFile(opml, []byte(`<?xml version="1.0"?><opml version="2.0"><head><title>r</title></head><body><outline text="Asia"><outline type="rss" text="Strait Post" xmlUrl="`+srv.URL+`/feed.xml"/></outline></body></opml>`), 0o644)
	code, out, errOut := brief(t, root, "sources", "import", opml)
	if code != 0 || !strings.Contains(out, "added 1 source to site.yaml, 0 already there") {
		t.Fatalf("sources import: %d %q %q", code, out, errOut)
	}
	if again, out, _ := brief(t, root, "sources", "import", opml); again != 0 || !strings.Contains(out, "0 sources to add, 1 already in site.yaml") {
		t.Errorf("second import: %q", out)
	}

	if code, _, errOut := brief(t, root, "fetch", "--since", "soon"); code != 2 || !strings.Contains(errOut, "--since") {
		t.Errorf("bad --since: %d %q", code, errOut)
	}
	code, out, errOut = brief(t, root, "fetch", "--dry-run")
	if code != 0 || !strings.Contains(out, "Strait Post: 2 new") || !strings.Contains(out, "would fetch "+srv.URL+"/a/talks-on-the-strait-resume") {
		t.Errorf("dry run: %d %q %q", code, out, errOut)
	}
	code, out, errOut = brief(t, root, "fetch")
	if code != 0 || !strings.Contains(out, "new "+srv.URL+"/a/chip-export-rules-eased → content/articles/chip-export-rules-eased.md") || !strings.Contains(out, "fetched 2 new from 1 source") {
		t.Fatalf("fetch: %d %q %q", code, out, errOut)
	}
	code, out, _ = brief(t, root, "fetch")
	if code != 0 || !strings.Contains(out, "Strait Post: 0 new (not modified since the last run)") {
		t.Errorf("second fetch: %d %q", code, out)
	}
	if code, _, errOut := brief(t, root, "build"); code != 0 {
		t.Errorf("build after fetch: %s", errOut)
	}
	code, out, _ = brief(t, root, "sources")
	if code != 0 || !strings.Contains(out, "Strait Post") || !strings.Contains(out, "feed") || !strings.Contains(out, "ok") {
		t.Errorf("sources: %q", out)
	}
	code, out, _ = brief(t, root, "sources", "export")
	if code != 0 || !strings.Contains(out, `<outline text="Asia" title="Asia">`) || !strings.Contains(out, `xmlUrl="`+srv.URL+`/feed.xml"`) {
		t.Errorf("export: %q", out)
	}

	// A source that fails: status 1, the other still read.
	data, _ = os.ReadFile(yaml)
	os.WriteFile(yaml, append(data, "  - url: "+srv.URL+"/gone.xml\n    name: Gone\n"...), 0o644)
	code, out, errOut = brief(t, root, "fetch")
	if code != 1 || !strings.Contains(out, "Gone: failed: fetching "+srv.URL+"/gone.xml: the server answered 404") || !strings.Contains(errOut, "1 source and 0 items failed") {
		t.Errorf("failing source: %d %q %q", code, out, errOut)
	}
}

// TestFetchInterrupted: Ctrl-C during a fetch says it was interrupted and
// that nothing is lost, with no report claiming what was not imported.
func TestFetchInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>T</title><item><title>Quay news</title><link>%s/a/quay-news-today</link></item></channel></rss>`, srv.URL)
			return
		}
		if r.URL.Path == "/a/quay-news-today" {
			cancel() // the editor presses Ctrl-C while the page loads
			<-r.Context().Done()
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "site.yaml"), []byte("title: T\nbase_url: https://t.example/\nfetch:\n  delay: 0s\nsources:\n  - url: "+srv.URL+"/feed.xml\n"), 0o644)
	var out, errOut bytes.Buffer
	code := run(ctx, &env{stdout: &out, stderr: &errOut, stdin: strings.NewReader(""), dir: root}, []string{"fetch"})
	if code != 3 || !strings.Contains(errOut.String(), "interrupted; nothing is lost") || strings.Contains(out.String(), "new") || strings.Contains(errOut.String(), "context canceled") {
		t.Errorf("interrupted fetch: %d %q %q", code, out.String(), errOut.String())
	}
}

// TestSourcesImportRefusalListsNothing: when site.yaml's sources: is in a
// form brief cannot add to, the import says so without first listing
// the sources as added; an empty list with a comment is added to.
func TestSourcesImportRefusalListsNothing(t *testing.T) {
	root := t.TempDir()
	opml := filepath.Join(root, "reader.opml")
	os.WriteFile(opml, []byte(`<opml version="2.0"><body><outline text="Ledger" xmlUrl="https://ledger.example/rss.xml"/></body></opml>`), 0o644)
	yaml := filepath.Join(root, "site.yaml")
	os.WriteFile(yaml, []byte("title: T\nbase_url: https://t.example/\nsources: [{url: https://old.example/rss}]\n"), 0o644)
	for _, args := range [][]string{{"sources", "import", opml}, {"sources", "import", "--dry-run", opml}} {
		code, out, errOut := brief(t, root, args...)
		if code == 0 || strings.Contains(out, "add Ledger") || !strings.Contains(errOut, "one line") {
			t.Errorf("%v: %d %q %q, want a refusal and nothing listed as added", args, code, out, errOut)
		}
	}
	os.WriteFile(yaml, []byte("title: T\nbase_url: https://t.example/\nsources: []   # none yet\n"), 0o644)
	code, out, errOut := brief(t, root, "sources", "import", opml)
	data, _ := os.ReadFile(yaml)
	if code != 0 || !strings.Contains(out, "add Ledger") || !strings.Contains(string(data), "sources:   # none yet\n  - name: Ledger\n") {
		t.Errorf("empty list: %d %q %q\n%s", code, out, errOut, data)
	}
}

// TestFetchProgressInALog: a fetch logged to a file (cron) prints a line
// every hundred pages, from however many goroutines, and none at the end.
func TestFetchProgressInALog(t *testing.T) {
	var log bytes.Buffer
	p := &fetchProgress{term: &progress{}, log: &log}
	for done := 1; done <= 250; done++ {
		p.update(done, 250)
	}
	if got := log.String(); got != "fetching: 100 of 250 pages\nfetching: 200 of 250 pages\n" {
		t.Errorf("progress lines %q", got)
	}
}
