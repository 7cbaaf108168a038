package sources

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestFetchSweepsKilledTemps: a fetch killed with SIGKILL leaves its
// half-written files (an article's, an image's, the state's); the next
// fetch removes them at its start, even when it imports nothing, but
// keeps those of an import still running. A build never publishes them.
func TestFetchSweepsKilledTemps(t *testing.T) {
	n := newNewsroom(t)
	n.set("/feed.xml", "application/rss+xml", rss())
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n")
	done := exec.Command("true")
	if err := done.Run(); err != nil {
		t.Fatal(err)
	}
	article := "---\ntitle: Half written\ndate: 2025-06-01\n---\nA leftover.\n"
	killed := map[string]string{
		"content/articles/" + fmt.Sprintf(".import-%d-1.tmp", done.Process.Pid): article,
		"static/media/ab/" + fmt.Sprintf(".import-%d-2.tmp", done.Process.Pid):  "\x89PNG",
		".brief/.fetch-state-3.tmp": "{\"version\":",
	}
	running := "content/articles/" + fmt.Sprintf(".import-%d-4.tmp", os.Getpid())
	for rel, data := range map[string]string{running: article} {
		killed[rel] = data
	}
	for rel, data := range killed {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Fetch(context.Background(), testOptions(root, cfg))
	if err != nil || res.Count(New) != 0 {
		t.Fatalf("fetch: %v, %+v", err, res)
	}
	for rel := range killed {
		_, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
		if kept := err == nil; kept != (rel == running) {
			t.Errorf("%s: kept %v, want %v", rel, kept, rel == running)
		}
	}

	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
-- content/articles/kept.md --
---
title: Kept article
date: 2025-01-01
---
Body.
-- content/articles/.import-7-1.tmp --
`+article+`
-- static/media/ab/.import-7-2.tmp --
not an image
`).Build()
	s.AssertFileExists("articles/kept/index.html")
	s.AssertNoFile("articles/half-written/index.html", "media/ab/.import-7-2.tmp")
	for _, name := range s.Names() {
		if filepath.Ext(name) == ".tmp" {
			t.Errorf("the build published %s", name)
		}
	}
}
