package importer

import (
	"bytes"
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

// TestImportWgetWARCImages is the editor's way of saving a page with its
// pictures, `wget -p --warc-file`, imported once the server is gone: the
// images come from the archive's own records.
func TestImportWgetWARCImages(t *testing.T) {
	wget, err := exec.LookPath("wget")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("wget is missing: apt-get install wget (.ci/run installs it)")
		}
		t.Skip("wget not installed (apt-get install wget); skipping the test on a WARC it writes")
	}
	lead, crane := testJPEG(t, 64, 36), testJPEG(t, 100, 60)
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	mux.HandleFunc("/news/crane", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(archivedImagePage(srv.URL), `<p><img src="/img/gone.jpg" alt="unarchived picture"></p>`, "", 1)))
	})
	for p, data := range map[string][]byte{"/img/lead.jpg": lead, "/img/crane.jpg": crane} {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(data)
		})
	}
	mux.HandleFunc("/img/moved.jpg", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/img/crane.jpg", http.StatusMovedPermanently)
	})
	dir := t.TempDir()
	warc := filepath.Join(dir, "one")
	cmd := exec.Command(wget, "--no-verbose", "--tries=1", "--timeout=10", "--no-proxy", "-e", "robots=off",
		"-p", "--warc-file="+warc, "--directory-prefix="+filepath.Join(dir, "files"), srv.URL+"/news/crane")
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wget: %v\n%s", err, out)
	}
	srv.Close() // the import must not need the web

	root, cfg := newSite(t)
	res := mustImport(t, root, cfg, warc+".warc.gz")
	only(t, res, Imported)
	a := readArticle(t, root, res.Reports[0].Path, cfg)
	for ref, want := range map[string][]byte{mediaRef(t, a.Body, "The crane on its barge"): crane, mediaRef(t, a.Body, "moved picture"): crane} {
		if data, err := os.ReadFile(filepath.Join(root, "static", filepath.FromSlash(ref))); err != nil || !bytes.Equal(data, want) {
			t.Errorf("%s: %v; want the archived image stored (note: %s)", ref, err, res.Reports[0].Note)
		}
	}
	// wget -p saves what the page shows, not its og:image: the lead is
	// not in the archive, and is left out rather than fetched.
	if a.Image != "" || strings.Contains(a.Body, "http") || !strings.Contains(res.Reports[0].Note, "1 image(s) left out, not in the page's archive") || !strings.Contains(res.Reports[0].Note, "/img/lead.jpg") {
		t.Errorf("image %q, note %q, body:\n%s\nwant the body's images from the archive, the lead left out", a.Image, res.Reports[0].Note, a.Body)
	}
}
