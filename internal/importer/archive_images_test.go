package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/archive/warctest"
)

// archivedImagePage is a page whose lead image, two body images (one
// reached through a redirect) and a third body image are at srv.
func archivedImagePage(srv string) string {
	return `<!doctype html><html lang="en"><head><title>Harbour crane arrives - Port Weekly</title>
<meta property="og:image" content="` + srv + `/img/lead.jpg">
<meta property="article:published_time" content="2024-05-02T08:00:00+02:00">
</head><body><article><h1>Harbour crane arrives</h1>
<p>The largest crane the harbour has ever had arrived on a barge on Tuesday morning, after a three-week voyage along the coast from the yard that built it.</p>
<figure><img src="/img/crane.jpg" alt="The crane on its barge"><figcaption>The crane on its barge.</figcaption></figure>
<p>Dock workers will spend a fortnight assembling the boom before the first container ship is unloaded with it, the port authority said in a statement.</p>
<p><img src="/img/moved.jpg" alt="moved picture"></p>
<p>The authority expects the crane to cut the time ships spend at the quay by a third, which should bring more calls from the larger lines.</p>
<p><img src="/img/gone.jpg" alt="unarchived picture"></p>
<p>Residents near the quay have asked for limits on night work while the boom is being assembled, and the port said it would publish a schedule.</p>
</article></body></html>`
}

// TestImportArchiveImagesFromArchive imports a page from a WARC and a
// WACZ whose images the archive captured, while the server that served
// them is still up and would serve them again: the images must come from
// the archive, with no request, and the one the archive lacks is left
// out with a note, unless FetchImages asks for it.
func TestImportArchiveImagesFromArchive(t *testing.T) {
	srv, hits := imageServer(t)
	lead, crane := testJPEG(t, 64, 36), testJPEG(t, 100, 60)
	// The server's copies differ from the archive's: a stored file must
	// hold the archived bytes.
	page := srv.URL + "/news/crane"
	recs := []warctest.Record{
		warctest.HTMLPage(page, archivedImagePage(srv.URL)),
		{Type: "response", URI: srv.URL + "/img/lead.jpg", Block: warctest.Response(200, lead, "Content-Type: image/jpeg")},
		{Type: "response", URI: srv.URL + "/img/crane.jpg", Block: warctest.Response(200, crane, "Content-Type: image/jpeg")},
		{Type: "response", URI: srv.URL + "/img/moved.jpg", Block: warctest.Response(301, nil, "Location: /img/crane.jpg")},
	}
	gz := warctest.WARC(true, recs...)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"crawl.warc.gz", gz},
		{"crawl.warc", warctest.WARC(false, recs...)},
		{"crawl.wacz", warctest.WACZ(map[string][]byte{"data.warc.gz": gz}, false)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := hits.total()
			root, cfg := newSite(t)
			in := writeInput(t, t.TempDir(), tc.name, string(tc.data))
			res := mustImport(t, root, cfg, in)
			only(t, res, Imported)
			rep := res.Reports[0]
			a := readArticle(t, root, rep.Path, cfg)
			if n := hits.total() - before; n != 0 {
				t.Errorf("%d requests to the web during an archive import: %v", n, hits.n)
			}
			for ref, want := range map[string][]byte{
				a.Image: lead,
				mediaRef(t, a.Body, "The crane on its barge"): crane,
				mediaRef(t, a.Body, "moved picture"):          crane,
			} {
				data, err := os.ReadFile(filepath.Join(root, "static", filepath.FromSlash(ref)))
				if err != nil || !bytes.Equal(data, want) {
					t.Errorf("%s: %v; want the archive's image stored", ref, err)
				}
			}
			if strings.Contains(a.Body, "![unarchived picture") || !strings.Contains(a.Body, "unarchived picture") || strings.Contains(a.Body, "gone.jpg") {
				t.Errorf("the image the archive lacks should be left out, its alt text kept; body:\n%s", a.Body)
			}
			for _, want := range []string{"3 image(s) stored", "1 image(s) left out, not in the page's archive", "/img/gone.jpg", "--fetch-images"} {
				if !strings.Contains(rep.Note, want) {
					t.Errorf("note %q lacks %q", rep.Note, want)
				}
			}
			if strings.Contains(rep.Note, "https://") {
				t.Errorf("note %q: no image should be left at a web address", rep.Note)
			}

			// Asked to, the import fetches what the archive lacks, and
			// only that.
			root, cfg = newSite(t)
			opt := options(root, cfg)
			opt.FetchImages = true
			res, err := Import(context.Background(), []string{in}, opt)
			if err != nil {
				t.Fatal(err)
			}
			only(t, res, Imported)
			a = readArticle(t, root, res.Reports[0].Path, cfg)
			if got := hits.total() - before; got != 1 || hits.get("/img/gone.jpg") == 0 {
				t.Errorf("with FetchImages: %d requests (%v), want the missing image's only", got, hits.n)
			}
			if !strings.Contains(a.Body, "![unarchived picture](https://") {
				t.Errorf("with FetchImages, the image 404s and keeps its address; body:\n%s", a.Body)
			}
		})
	}
}

func (h *imageHits) total() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, c := range h.n {
		n += c
	}
	return n
}

func (h *imageHits) get(p string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n[p]
}

// TestImportArchiveBoxImages: an ArchiveBox snapshot's page takes its
// images from the snapshot's own files: the WARC ArchiveBox's wget
// wrote, and wget's copy of the site.
func TestImportArchiveBoxImages(t *testing.T) {
	root, cfg := newSite(t)
	data := t.TempDir()
	lead, crane := testJPEG(t, 64, 36), testJPEG(t, 100, 60)
	snap := filepath.Join(data, "archive", "1709640000.0")
	page := strings.Replace(archivedImagePage("https://news.example"), `<p><img src="/img/moved.jpg" alt="moved picture"></p>`, "", 1)
	writeInput(t, snap, "index.json", `{"url": "https://news.example/news/crane", "timestamp": "1709640000.0", "canonical": {"wget_path": "news.example/news/crane.html"}}`)
	writeInput(t, snap, filepath.Join("news.example", "news", "crane.html"), page)
	writeInput(t, snap, filepath.Join("news.example", "img", "crane.jpg"), string(crane))
	writeInput(t, snap, filepath.Join("warc", "1709640000.warc.gz"), string(warctest.WARC(true,
		warctest.Record{Type: "response", URI: "https://news.example/img/lead.jpg", Block: warctest.Response(200, lead, "Content-Type: image/jpeg")})))

	res := mustImport(t, root, cfg, filepath.Join(data, "archive"))
	only(t, res, Imported)
	a := readArticle(t, root, res.Reports[0].Path, cfg)
	for ref, want := range map[string][]byte{a.Image: lead, mediaRef(t, a.Body, "The crane on its barge"): crane} {
		if got, err := os.ReadFile(filepath.Join(root, "static", filepath.FromSlash(ref))); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %v; want the snapshot's image stored (note %q)", ref, err, res.Reports[0].Note)
		}
	}
	if !strings.Contains(res.Reports[0].Note, "1 image(s) left out, not in the page's archive") || strings.Contains(a.Body, "gone.jpg") {
		t.Errorf("note %q, body:\n%s\nwant the image the snapshot lacks left out", res.Reports[0].Note, a.Body)
	}
}
