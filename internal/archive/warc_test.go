package archive

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/archive/warctest"
	"github.com/brief-ssg/brief/internal/extract/article"
)

const limit = 1 << 20

// crawl is what a crawler records for a small site: every kind of record
// List must pass over, around the two pages it must find.
func crawl() []warctest.Record {
	page1 := "<html><head><title>One</title></head><body><p>First page.</p></body></html>"
	later := time.Date(2024, 6, 2, 8, 30, 0, 0, time.UTC)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<html><body><p>Second page, gzipped and chunked.</p></body></html>"))
	zw.Close()
	// Two chunks, the second with an extension, as servers send them.
	z := gz.Bytes()
	chunked := fmt.Appendf(nil, "10\r\n%s\r\n%X;ext=1\r\n%s\r\n0\r\n\r\n", z[:16], len(z)-16, z[16:])
	return []warctest.Record{
		{Type: "request", URI: "https://news.example/one", Block: []byte("GET /one HTTP/1.1\r\nHost: news.example\r\n\r\n")},
		warctest.HTMLPage("https://news.example/one", page1),
		{Type: "metadata", URI: "https://news.example/one", ContentType: "application/warc-fields", Block: []byte("outlink: https://news.example/two\r\n")},
		{Type: "response", URI: "https://news.example/logo.png", Block: warctest.Response(200, []byte("\x89PNG\r\n\x1a\nnot really"), "Content-Type: image/png")},
		{Type: "response", URI: "https://news.example/old", Block: warctest.Response(301, nil, "Content-Type: text/html", "Location: https://news.example/one")},
		{Type: "response", URI: "https://news.example/missing", Block: warctest.Response(404, []byte("<html><body>Not found</body></html>"), "Content-Type: text/html")},
		{Type: "revisit", URI: "https://news.example/one", Block: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")},
		{Type: "response", URI: "https://news.example/two", Date: later, Block: warctest.Response(200, chunked, "Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip")},
		{Type: "resource", URI: "https://news.example/three", ContentType: "text/html; charset=utf-8", Block: []byte("<html><body><p>A resource record.</p></body></html>")},
	}
}

// want are the pages of crawl, and their HTML.
var want = []struct {
	uri, html string
	captured  time.Time
}{
	{"https://news.example/one", "<html><head><title>One</title></head><body><p>First page.</p></body></html>", warctest.DefaultDate},
	{"https://news.example/two", "<html><body><p>Second page, gzipped and chunked.</p></body></html>", time.Date(2024, 6, 2, 8, 30, 0, 0, time.UTC)},
	{"https://news.example/three", "<html><body><p>A resource record.</p></body></html>", warctest.DefaultDate},
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func listAll(t *testing.T, path string) ([]Page, []Skip, error) {
	t.Helper()
	var pages []Page
	var skips []Skip
	err := List(path, limit, func(p Page) { pages = append(pages, p) }, func(s Skip) { skips = append(skips, s) })
	return pages, skips, err
}

func TestListAndRead(t *testing.T) {
	recs := crawl()
	plain := warctest.WARC(false, recs...)
	gz := warctest.WARC(true, recs...)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"crawl.warc", plain},
		{"crawl.warc.gz", gz},
		{"crawl.wacz", warctest.WACZ(map[string][]byte{"data.warc.gz": gz}, false)},
		{"deflated.wacz", warctest.WACZ(map[string][]byte{"data.warc": plain}, true)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.name, tc.data)
			pages, skips, err := listAll(t, path)
			if err != nil || len(skips) > 0 {
				t.Fatalf("List: %v, skipped %v", err, skips)
			}
			if len(pages) != len(want) {
				t.Fatalf("List found %d pages, want %d: %+v", len(pages), len(want), pages)
			}
			// Read them backwards: each is found again by its offset alone.
			for i := len(pages) - 1; i >= 0; i-- {
				p, w := pages[i], want[i]
				if p.URI != w.uri || !p.Captured.Equal(w.captured) {
					t.Errorf("page %d: %s captured %v, want %s at %v", i, p.URI, p.Captured, w.uri, w.captured)
				}
				html, err := Read(path, p, limit)
				if err != nil {
					t.Errorf("Read %s: %v", p.URI, err)
					continue
				}
				if string(html) != w.html {
					t.Errorf("Read %s = %q, want %q", p.URI, html, w.html)
				}
			}
			checkScan(t, path, pages)
		})
	}
}

// scanned is a page as Scan gives it.
type scanned struct {
	page Page
	html []byte
	err  error
}

func scanAll(path string) ([]scanned, error) {
	var out []scanned
	err := Scan(path, limit, func(p Page, html []byte, err error) bool {
		out = append(out, scanned{p, html, err})
		return true
	})
	return out, err
}

// checkScan checks that Scan gives the pages List gave (the pages of an
// archive listed whole), each with the HTML Read gives, or failing where
// Read fails: the first pass of an import scans, the second reads.
func checkScan(t *testing.T, path string, listed []Page) {
	t.Helper()
	got, err := scanAll(path)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if len(got) != len(listed) {
		t.Fatalf("Scan found %d pages, List %d", len(got), len(listed))
	}
	for i, s := range got {
		if s.page != listed[i] {
			t.Errorf("Scan page %d = %+v, List's %+v", i, s.page, listed[i])
		}
		html, err := Read(path, s.page, limit)
		if (err == nil) != (s.err == nil) || !bytes.Equal(html, s.html) {
			t.Errorf("page %d: Scan gave %q (%v), Read %q (%v)", i, s.html, s.err, html, err)
		}
	}
	// A caller that has had enough stops the reading.
	n := 0
	if err := Scan(path, limit, func(Page, []byte, error) bool { n++; return false }); err != nil || n != 1 {
		t.Errorf("Scan stopped after the first page: %d pages, %v", n, err)
	}
}

func TestTooLarge(t *testing.T) {
	big := "<html><body>" + strings.Repeat("<p>words and more words</p>", 100) + "</body></html>"
	path := writeFile(t, "big.warc.gz", warctest.WARC(true, warctest.HTMLPage("https://a.example/small", "<html><body>small</body></html>"), warctest.HTMLPage("https://a.example/big", big)))
	var pages []Page
	var skips []Skip
	if err := List(path, 1000, func(p Page) { pages = append(pages, p) }, func(s Skip) { skips = append(skips, s) }); err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || len(skips) != 1 || skips[0].Page.URI != "https://a.example/big" || !errors.Is(skips[0].Err, article.ErrTooLarge) {
		t.Fatalf("pages %+v, skips %+v; want the small page listed and the big one skipped as too large", pages, skips)
	}
	// Read checks the limit too: an archive may be listed with one limit
	// and read with another.
	if _, err := Read(path, pages[0], 10); !errors.Is(err, article.ErrTooLarge) {
		t.Errorf("Read over the limit: %v, want ErrTooLarge", err)
	}
}

// TestBroken cuts a WARC at every few bytes and damages it: List gives
// the pages before the damage and an error, Read an error, never a panic.
func TestBroken(t *testing.T) {
	for _, gz := range []bool{false, true} {
		data := warctest.WARC(gz, crawl()...)
		dir := t.TempDir()
		name := "cut.warc"
		if gz {
			name += ".gz"
		}
		path := filepath.Join(dir, name)
		full, _, _ := listAll(t, writeFile(t, name, data))
		for cut := 0; cut < len(data); cut += 7 {
			if err := os.WriteFile(path, data[:cut], 0o644); err != nil {
				t.Fatal(err)
			}
			pages, _, err := listAll(t, path)
			if len(pages) > len(full) {
				t.Fatalf("cut at %d: %d pages, more than the whole file's %d", cut, len(pages), len(full))
			}
			for _, p := range pages {
				Read(path, p, limit) // must not panic; may fail
			}
			// Scan stops where List stops, and reads what Read reads.
			got, serr := scanAll(path)
			if (serr == nil) != (err == nil) || len(got) != len(pages) {
				t.Fatalf("cut at %d: Scan gave %d pages (%v), List %d (%v)", cut, len(got), serr, len(pages), err)
			}
			for i, s := range got {
				html, rerr := Read(path, pages[i], limit)
				if s.page != pages[i] || (s.err == nil) != (rerr == nil) || !bytes.Equal(html, s.html) {
					t.Errorf("cut at %d, page %d: Scan gave %+v %q (%v), List and Read %+v %q (%v)", cut, i, s.page, s.html, s.err, pages[i], html, rerr)
				}
			}
		}
		// A truncated last record is an error naming where it broke:
		// listing a gzipped one, or reading its page from a plain one
		// (whose listing does not read the payloads it passes).
		if err := os.WriteFile(path, data[:len(data)-40], 0o644); err != nil {
			t.Fatal(err)
		}
		pages, _, err := listAll(t, path)
		if err == nil && len(pages) == len(full) {
			_, err = Read(path, pages[len(pages)-1], limit)
		}
		if err == nil || !strings.Contains(err.Error(), "byte ") || !strings.Contains(err.Error(), "truncated") {
			t.Errorf("gz=%v: truncated archive read with error %v, want one naming the byte offset", gz, err)
		}
		// Garbage in place of a record.
		bad := append(bytes.Clone(data[:len(data)/2]), bytes.Repeat([]byte{0x1f, 0x8b, 0, 'W'}, 50)...)
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		listAll(t, path)
	}
}

func TestNotAnArchive(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty.warc":   nil,
		"text.warc.gz": []byte("hello, not an archive"),
		"plain.wacz":   []byte("PK but not a zip"),
		"nowarc.wacz":  warctest.WACZ(nil, false),
	} {
		pages, _, err := listAll(t, writeFile(t, name, data))
		if len(pages) != 0 {
			t.Errorf("%s: found pages %+v", name, pages)
		}
		if name != "empty.warc" && err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A file that is not a WARC says so, in words.
	_, _, err := listAll(t, writeFile(t, "notes.warc", []byte("Some notes I saved as .warc by mistake.\nNot a WARC at all.\n")))
	if err == nil || !strings.Contains(err.Error(), "not a WARC file") {
		t.Errorf("a text file named .warc: %v, want it called not a WARC file", err)
	}
}

func FuzzList(f *testing.F) {
	f.Add(warctest.WARC(false, crawl()...))
	f.Add(warctest.WARC(true, crawl()...))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := writeFile(t, "fuzz.warc", data)
		pages, _, _ := listAll(t, path)
		for _, p := range pages {
			Read(path, p, limit)
		}
		scanAll(path) // must not panic
	})
}
