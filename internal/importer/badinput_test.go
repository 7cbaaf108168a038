package importer

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/fetch"
)

// badInput is one input import must refuse, quickly and cheaply, without
// stopping the good page imported beside it.
type badInput struct {
	name string
	// file writes the input into dir and returns its path; url returns
	// a URL on the test server. One of them is set.
	file func(t *testing.T, dir string) string
	url  string
	// reason is a fragment of the error the editor reads. For the slow
	// cases it says the client's own deadline ended the fetch, which is
	// how the test knows the run was bounded without timing it.
	reason string
}

// Bounds for the bad-input runs. The HTTP client's limits are set low so
// that the slow cases end fast; file limits are the defaults, as an editor
// has them.
const (
	badTimeout  = time.Second
	badMaxBytes = 1 << 20
	// badMaxAlloc bounds the bytes allocated by one run: the 50 MB page
	// must not be read, the 2 GiB bomb not expanded past the 16 MiB limit
	// (twice, once per pass).
	badMaxAlloc = 256 << 20
	// badMaxRetained bounds the heap left after the run.
	badMaxRetained = 32 << 20
)

// articleHTML is a short, ordinary article for pages built around it; its
// text names the title, so that two titles make two different articles.
func articleHTML(title string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + title + `</title></head><body><article><h1>` + title + `</h1>
<p>Our correspondent filed this under "` + title + `" on a windy afternoon.</p>
<p>The regional ferry company has added a second evening crossing to the island for the summer months, after a season in which cars were turned away almost every Friday.</p>
<p>Islanders had asked for the extra sailing for years; the company said a second vessel, leased from a northern operator, made it possible without cutting the winter timetable.</p>
<p>Tickets for the new crossing go on sale next week, and the company promised to publish figures on how full the boats are by the end of August.</p>
</article></body></html>
`
}

// gzipBomb returns a small gzip file that expands to about size bytes of
// white space behind an HTML start tag: one member compressing 64 MiB,
// repeated, since gzip readers read concatenated members as one stream.
func gzipBomb(t *testing.T, size int64) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, err := gzip.NewWriterLevel(&member, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write([]byte("<html><body><p>"))
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range 64 {
		zw.Write(spaces)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.Repeat(member.Bytes(), int(size/(64<<20)))
}

func TestImportRefusesBadInput(t *testing.T) {
	srv := httptest.NewServer(badServer())
	defer srv.Close()

	files := func(name string, data func() []byte) func(*testing.T, string) string {
		return func(t *testing.T, dir string) string { return writeInput(t, dir, name, string(data())) }
	}
	page := articleHTML("Second evening ferry to the island")
	tests := []badInput{
		{name: "truncated HTML", reason: "stops in the middle",
			file: files("cut.html", func() []byte { return []byte(page[:len(page)*2/3]) })},
		{name: "truncated gzip", reason: "gzip",
			file: files("cut.html.gz", func() []byte {
				var b bytes.Buffer
				zw := gzip.NewWriter(&b)
				zw.Write([]byte(page))
				zw.Close()
				return b.Bytes()[:b.Len()/2]
			})},
		{name: "50 MB page", reason: "too large",
			file: files("huge.html", func() []byte {
				p := "<p>" + strings.Repeat("Words of a page far too long to be an article. ", 20) + "</p>\n"
				return []byte("<!DOCTYPE html><html><body>" + strings.Repeat(p, 50<<20/len(p)+1) + "</body></html>")
			})},
		{name: "nested 10,000 deep", reason: "nested more than 512 deep",
			file: files("deep.html", func() []byte {
				return []byte("<!DOCTYPE html><html><body>" + strings.Repeat("<div>", 10000) + page + strings.Repeat("</div>", 10000) + "</body></html>")
			})},
		{name: "gzip bomb", reason: "expands past",
			file: func(t *testing.T, dir string) string {
				return writeInput(t, dir, "bomb.html.gz", string(gzipBomb(t, 2<<30)))
			}},
		{name: "binary file", reason: "PNG image",
			file: files("photo.html", func() []byte {
				return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0xde, 0xad, 0, 1}, 4096)...)
			})},
		{name: "binary dump", reason: "binary",
			file: files("core.txt", func() []byte { return append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 4096)...) })},
		{name: "empty page", reason: "not an HTML page",
			file: files("empty.html", func() []byte { return nil })},
		{name: "empty dump", reason: "empty",
			file: files("empty.txt", func() []byte { return nil })},
		{name: "invalid UTF-8 dump", reason: "not UTF-8",
			file: files("latin.txt", func() []byte { return bytes.Repeat([]byte("Caf\xe9 cr\xe8me \xff\xfe\xfd na\xefve \xc3\x28 "), 400) })},
		{name: "invalid UTF-8 page", reason: "says it is UTF-8",
			file: files("mislabelled.html", func() []byte {
				// The page declares UTF-8; its words do not keep the promise.
				head, body, _ := strings.Cut(page, "<article>")
				return []byte(head + "<article>" + strings.ReplaceAll(body, "e ", "\xe9\xff\xfe "))
			})},
		{name: "slow response", url: "/trickle", reason: "gave up after 1s (the server is too slow)"},
		{name: "no answer", url: "/silent", reason: "gave up after 1s (the server is too slow)"},
		{name: "endless body", url: "/endless", reason: "limit"},
		{name: "redirect loop", url: "/loop", reason: "redirects"},
		{name: "404", url: "/missing", reason: "404"},
		{name: "500", url: "/broken", reason: "500"},
		{name: "huge Content-Length", url: "/liar", reason: "over the"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, cfg := newSite(t)
			dir := t.TempDir()
			good := writeInput(t, dir, "good.html", articleHTML("Council opens the old bathhouse to swimmers"))
			bad := srv.URL + tt.url
			if tt.file != nil {
				bad = tt.file(t, dir)
			}
			opt := options(root, cfg)
			opt.Fetch = &fetch.Client{Timeout: badTimeout, MaxBytes: badMaxBytes}

			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			res, err := Import(context.Background(), []string{bad, good}, opt)
			runtime.GC()
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}

			if len(res.Reports) != 2 {
				t.Fatalf("reports %+v", res.Reports)
			}
			if r := res.Reports[0]; r.Outcome != Failed || r.Err == nil || !strings.Contains(r.Err.Error(), tt.reason) {
				t.Errorf("bad input: outcome %v, err %v; want a failure saying %q", r.Outcome, r.Err, tt.reason)
			} else {
				t.Logf("refused: %v", r.Err)
			}
			if r := res.Reports[1]; r.Outcome != Imported {
				t.Errorf("the good page beside it: outcome %v, err %v", r.Outcome, r.Err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > badMaxAlloc {
				t.Errorf("allocated %d MiB, over %d MiB", alloc>>20, badMaxAlloc>>20)
			}
			if after.HeapAlloc > before.HeapAlloc && after.HeapAlloc-before.HeapAlloc > badMaxRetained {
				t.Errorf("heap grew by %d MiB", (after.HeapAlloc-before.HeapAlloc)>>20)
			}
		})
	}
}

// badServer serves the hostile HTTP cases. Every handler ends by itself
// when the client goes away, or after a few seconds, so that closing the
// server never waits long.
func badServer() http.Handler {
	const giveUp = 5 * time.Second
	mux := http.NewServeMux()
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!DOCTYPE html><html><body><p>"))
		stop := time.After(giveUp)
		for {
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				w.Write([]byte("a"))
			}
		}
	})
	mux.HandleFunc("/silent", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(giveUp):
		}
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>more and more and more</p>\n", 1024))
		deadline := time.Now().Add(giveUp)
		for time.Now().Before(deadline) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?n="+fmt.Sprint(len(r.URL.RawQuery)), http.StatusFound)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/liar", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "1000000000000")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("<html>"))
	})
	return mux
}
