package importer

import (
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportWgetWARC imports a WARC written by a real crawler: Debian's
// GNU wget, fetching from a server on loopback two article pages (one
// sent gzip-compressed), a redirect, an image and a missing page.
func TestImportWgetWARC(t *testing.T) {
	wget, err := exec.LookPath("wget")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("wget is missing: apt-get install wget (.ci/run installs it)")
		}
		t.Skip("wget not installed (apt-get install wget); skipping the test on a WARC it writes")
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/ferry", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(ferryStory()))
	})
	mux.HandleFunc("/news/timetable", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Write([]byte(timetableStory()))
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		z := gzip.NewWriter(w)
		z.Write([]byte(timetableStory()))
		z.Close()
	})
	mux.HandleFunc("/old-ferry", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/ferry", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := t.TempDir()
	warc := filepath.Join(dir, "crawl")
	cmd := exec.Command(wget, "--no-verbose", "--tries=1", "--timeout=10", "--no-proxy", "-e", "robots=off",
		"--compression=auto", "--warc-file="+warc, "--directory-prefix="+filepath.Join(dir, "files"),
		srv.URL+"/news/ferry", srv.URL+"/old-ferry", srv.URL+"/news/timetable", srv.URL+"/logo.png", srv.URL+"/missing")
	cmd.Env = append(os.Environ(), "HOME="+dir) // no ~/.wgetrc of the machine's
	out, err := cmd.CombinedOutput()
	// wget exits 8 when a page answered with an error, as /missing does.
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 8) {
		t.Fatalf("wget: %v\n%s", err, out)
	}

	root, cfg := newSite(t)
	res := mustImport(t, root, cfg, warc+".warc.gz")
	var urls []string
	for _, r := range res.Reports {
		switch r.Outcome {
		case Imported:
			urls = append(urls, readArticle(t, root, r.Path, cfg).SourceURL)
		case Duplicate:
			// The redirect's target is captured twice: once by name, once
			// after /old-ferry.
		default:
			t.Errorf("%s: outcome %v: %v", r.Input, r.Outcome, r.Err)
		}
	}
	want := []string{srv.URL + "/news/ferry", srv.URL + "/news/timetable"}
	if strings.Join(urls, " ") != strings.Join(want, " ") {
		t.Errorf("imported %v, want %v\nwget said:\n%s", urls, want, out)
	}
}
