package importer

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// singleFilePage is a page as SingleFile saves it: its pictures inside
// it as data: URLs, one of them not an image, one an SVG.
func singleFilePage(t *testing.T, photo []byte) string {
	b64 := base64.StdEncoding.EncodeToString
	return `<!DOCTYPE html> <html lang="en"><!--
 Page saved with SingleFile 
 url: https://port.example/news/crane 
 saved date: Thu May 02 2024 10:00:00 GMT+0200 (Central European Summer Time)
--><head><meta charset="utf-8"><title>Harbour crane arrives - Port Weekly</title>
<meta property="article:published_time" content="2024-05-02T08:00:00+02:00">
</head><body><article><h1>Harbour crane arrives</h1>
<p>The largest crane the harbour has ever had arrived on a barge on Tuesday morning, after a three-week voyage along the coast from the yard that built it.</p>
<figure><img src="data:image/jpeg;base64,` + b64(photo) + `" alt="The crane on its barge"><figcaption>The crane on its barge.</figcaption></figure>
<p>Dock workers will spend a fortnight assembling the boom before the first container ship is unloaded with it, the port authority said in a statement.</p>
<p><img src="data:image/png;base64,` + b64([]byte("<html><script>alert(1)</script></html>")) + `" alt="fake picture"></p>
<p><img src="data:image/svg+xml;base64,` + b64([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)) + `" alt="svg picture"></p>
<p><img src="https://port.example/img/elsewhere.jpg" alt="linked picture"></p>
<p>The authority expects the crane to cut the time ships spend at the quay by a third, which should bring more calls from the larger lines.</p>
</article></body></html>`
}

// TestImportSingleFileImages: a SingleFile page's pictures are decoded
// from their data: URLs, checked as fetched ones are, and stored; its
// caption stays. A picture it links rather than carries is not in the
// archive, and is left out rather than fetched.
func TestImportSingleFileImages(t *testing.T) {
	root, cfg := newSite(t)
	photo := testJPEG(t, 80, 50)
	in := writeInput(t, t.TempDir(), "Harbour crane arrives (02_05_2024 10_00_00).html", singleFilePage(t, photo))
	res := mustImport(t, root, cfg, in)
	only(t, res, Imported)
	rep := res.Reports[0]
	a := readArticle(t, root, rep.Path, cfg)
	ref := mediaRef(t, a.Body, "The crane on its barge")
	if data, err := os.ReadFile(filepath.Join(root, "static", filepath.FromSlash(ref))); err != nil || !bytes.Equal(data, photo) {
		t.Errorf("%s: %v; want the embedded photo stored", ref, err)
	}
	if !strings.Contains(a.Body, "The crane on its barge.") {
		t.Errorf("the caption is gone:\n%s", a.Body)
	}
	for _, bad := range []string{"data:", "embedded:", "![fake picture", "![svg picture", "![linked picture", "elsewhere.jpg"} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("body holds %q:\n%s", bad, a.Body)
		}
	}
	for _, want := range []string{"1 image(s) stored", "1 image(s) removed, not safe to publish: embedded image 1", "1 image(s) left out, not in the page's archive", "elsewhere.jpg"} {
		if !strings.Contains(rep.Note, want) {
			t.Errorf("note %q lacks %q", rep.Note, want)
		}
	}

	// A dry run and `brief extract` store nothing and leave no data: or
	// embedded: address behind.
	root, cfg = newSite(t)
	opt := options(root, cfg)
	opt.DryRun = true
	res, err := Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Reports[0].Note, "2 image(s) embedded in the page (data: URLs) left out") {
		t.Errorf("dry run note %q", res.Reports[0].Note)
	}
}
