package importer

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/brief-ssg/brief/internal/site"
)

func testJPEG(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pixelBomb is a PNG of a few dozen bytes whose header claims 50,000 ×
// 50,000 pixels.
func pixelBomb(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	binary.BigEndian.PutUint32(data[16:], 50000)
	binary.BigEndian.PutUint32(data[20:], 50000)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

// imagePage is an article whose lead and body images are served by the
// test server: good ones, hostile ones and a missing one.
func imagePage() string {
	return `<!doctype html><html lang="en"><head><title>Harbour crane arrives - Port Weekly</title>
<meta property="og:image" content="/img/lead.jpg">
<meta property="article:published_time" content="2024-05-02T08:00:00+02:00">
</head><body><article><h1>Harbour crane arrives</h1>
<p>The largest crane the harbour has ever had arrived on a barge on Tuesday morning, after a three-week voyage along the coast from the yard that built it.</p>
<figure><img src="/img/crane.jpg" alt="The crane on its barge"><figcaption>The crane on its barge.</figcaption></figure>
<p>Dock workers will spend a fortnight assembling the boom before the first container ship is unloaded with it, the port authority said in a statement.</p>
<p><img src="/img/evil.svg" alt="svg picture"></p>
<p>The authority expects the crane to cut the time ships spend at the quay by a third, which should bring more calls from the larger lines.</p>
<p><img src="/img/bomb.png" alt="bomb picture"></p>
<p><img src="/img/truncated.jpg" alt="truncated picture"></p>
<p><img src="/img/page.png" alt="html picture"></p>
<p><img src="/img/gone.jpg" alt="gone picture"></p>
<p>Residents near the quay have asked for limits on night work while the boom is being assembled, and the port said it would publish a schedule.</p>
</article></body></html>`
}

func imageServer(t *testing.T) (*httptest.Server, *imageHits) {
	hits := &imageHits{n: map[string]int{}}
	crane := testJPEG(t, 1000, 600)
	lead := testJPEG(t, 640, 360)
	files := map[string]struct {
		ctype string
		data  []byte
	}{
		"/img/lead.jpg":      {"image/jpeg", lead},
		"/img/crane.jpg":     {"image/jpeg", crane},
		"/img/evil.svg":      {"image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>`)},
		"/img/bomb.png":      {"image/png", pixelBomb(t)},
		"/img/truncated.jpg": {"image/jpeg", crane[:len(crane)/3]},
		"/img/page.png":      {"text/html", []byte("<html><script>alert(1)</script></html>")},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/crane", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, imagePage())
	})
	mux.HandleFunc("/img/", func(w http.ResponseWriter, r *http.Request) {
		hits.add(r.URL.Path)
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.ctype)
		w.Write(f.data)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, hits
}

type imageHits struct {
	mu sync.Mutex
	n  map[string]int
}

func (h *imageHits) add(p string) {
	h.mu.Lock()
	h.n[p]++
	h.mu.Unlock()
}

func TestImportStoresImages(t *testing.T) {
	root, cfg := newSite(t)
	srv, hits := imageServer(t)
	res, err := Import(context.Background(), []string{srv.URL + "/news/crane"}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Imported)
	rep := res.Reports[0]
	a := readArticle(t, root, rep.Path, cfg)

	// The lead and the crane are stored, named by their bytes, and the
	// article points at the copies.
	for _, ref := range []string{a.Image, mediaRef(t, a.Body, "The crane on its barge")} {
		if !strings.HasPrefix(ref, "/media/") {
			t.Fatalf("image %q not stored under /media/ (body:\n%s)", ref, a.Body)
		}
		data, err := os.ReadFile(filepath.Join(root, "static", filepath.FromSlash(ref)))
		if err != nil || !bytes.HasPrefix(data, []byte{0xff, 0xd8}) {
			t.Errorf("%s: %v; want the JPEG stored", ref, err)
		}
	}
	// Hostile images are gone from the body, their alt text kept; the
	// missing one keeps its address.
	for _, alt := range []string{"svg picture", "bomb picture", "truncated picture", "html picture"} {
		if strings.Contains(a.Body, "!["+alt) || !strings.Contains(a.Body, alt) {
			t.Errorf("%s: want the image removed and its alt text kept; body:\n%s", alt, a.Body)
		}
	}
	if !strings.Contains(a.Body, "![gone picture](https://"+strings.TrimPrefix(srv.URL, "http://")+"/img/gone.jpg)") {
		t.Errorf("the missing image should keep its address; body:\n%s", a.Body)
	}
	for _, want := range []string{"2 image(s) stored in static/media", "4 image(s) removed, not safe to publish", "SVG", "over the limit", "1 image(s) left at the publisher's address", "404"} {
		if !strings.Contains(rep.Note, want) {
			t.Errorf("note %q lacks %q", rep.Note, want)
		}
	}
	// Nothing but the two good images was stored.
	var stored []string
	filepath.WalkDir(filepath.Join(root, "static"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			stored = append(stored, p)
		}
		return nil
	})
	if len(stored) != 2 {
		t.Errorf("stored %q, want the lead and the crane", stored)
	}
	// A second import of the same page stores nothing new and fetches no
	// image (it is a duplicate); --update fetches again and writes the
	// same names.
	before := hits.n["/img/crane.jpg"]
	res, err = Import(context.Background(), []string{srv.URL + "/news/crane"}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Duplicate)
	if hits.n["/img/crane.jpg"] != before {
		t.Errorf("a duplicate's images were fetched again")
	}
	opt := options(root, cfg)
	opt.Update = true
	if _, err = Import(context.Background(), []string{srv.URL + "/news/crane"}, opt); err != nil {
		t.Fatal(err)
	}
	if hits.n["/img/crane.jpg"] != before+1 {
		t.Errorf("--update fetched the crane %d times, want once", hits.n["/img/crane.jpg"]-before)
	}
	if again := readArticle(t, root, rep.Path, cfg); again.Body != a.Body || again.Image != a.Image {
		t.Errorf("--update changed the stored references:\n%s\n---\n%s", a.Body, again.Body)
	}
}

// mediaRef finds the address of the image with the given alt text.
func mediaRef(t *testing.T, body, alt string) string {
	t.Helper()
	i := strings.Index(body, "!["+alt+"](")
	if i < 0 {
		t.Fatalf("no image %q in body:\n%s", alt, body)
	}
	rest := body[i+len(alt)+4:]
	return rest[:strings.IndexAny(rest, ") ")]
}

func TestImportHotlinkKeepsAddresses(t *testing.T) {
	root, cfg := newSite(t)
	cfg.Images = site.Images{Hotlink: true}
	srv, hits := imageServer(t)
	res, err := Import(context.Background(), []string{srv.URL + "/news/crane"}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Imported)
	a := readArticle(t, root, res.Reports[0].Path, cfg)
	if a.Image != "https://"+strings.TrimPrefix(srv.URL, "http://")+"/img/lead.jpg" {
		t.Errorf("image %q, want the publisher's address (upgraded to https)", a.Image)
	}
	if len(hits.n) != 0 {
		t.Errorf("fetched %v with hotlink: true", hits.n)
	}
	if _, err := os.Stat(filepath.Join(root, "static")); !os.IsNotExist(err) {
		t.Errorf("static/ made with hotlink: true (%v)", err)
	}
}

// An editor's file where a stored image would go is never replaced.
func TestImportKeepsEditorsMediaFile(t *testing.T) {
	root, _ := newSite(t)
	srv, _ := imageServer(t)
	s := newMediaStore(context.Background(), root, nil, false)
	si := s.get(srv.URL+"/img/crane.jpg", "")
	if si.err != nil {
		t.Fatal(si.err)
	}
	p := filepath.Join(root, "static", filepath.FromSlash(si.path))
	if err := os.WriteFile(p, []byte("the editor's own"), 0o644); err != nil {
		t.Fatal(err)
	}
	s2 := newMediaStore(context.Background(), root, nil, false)
	if si := s2.get(srv.URL+"/img/crane.jpg", ""); si.err == nil || !strings.Contains(si.err.Error(), "not overwritten") {
		t.Errorf("err = %v, want the editor's file kept", si.err)
	}
	if got, _ := os.ReadFile(p); string(got) != "the editor's own" {
		t.Errorf("the editor's file now holds %q", got)
	}
}

// TestImportUnfetchableImagesOneLine: a saved page whose images cannot be
// fetched (offline, a host that is down) gets one short note saying how
// many and why, from the first failure; the debug log lists each.
func TestImportUnfetchableImagesOneLine(t *testing.T) {
	root, cfg := newSite(t)
	// A loopback address nothing listens on: every fetch fails at once.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	page := strings.NewReplacer(`"/img/`, `"`+dead+`/img/`).Replace(imagePage())
	in := writeInput(t, t.TempDir(), "crane.html", page)
	var log bytes.Buffer
	opt := options(root, cfg)
	opt.Log = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	res, err := Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Imported)
	note := res.Reports[0].Note
	if !strings.Contains(note, "7 image(s) left at the publisher's address, not fetched: ") || !strings.Contains(note, "(and 6 more; BRIEF_DEBUG=1 lists each)") {
		t.Errorf("note %q: want how many images and the first failure", note)
	}
	for _, other := range []string{"crane.jpg", "evil.svg", "bomb.png", "truncated.jpg", "page.png", "gone.jpg"} {
		if strings.Contains(note, other) {
			t.Errorf("note names %s too, want the first failure's image only:\n%s", other, note)
		}
	}
	if strings.Contains(note, "\n") {
		t.Errorf("note spans lines:\n%s", note)
	}
	for _, img := range []string{"lead.jpg", "crane.jpg", "evil.svg", "bomb.png", "truncated.jpg", "page.png", "gone.jpg"} {
		if !strings.Contains(log.String(), img) {
			t.Errorf("debug log lacks %s:\n%s", img, log.String())
		}
	}
}
