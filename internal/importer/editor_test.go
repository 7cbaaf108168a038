package importer

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestImportNeverTouchesEditorFiles puts files an editor wrote where an
// import would like to write, or on the articles it would update, and runs
// import and import --update over pages aimed at each of them, twice. Not
// one of the editor's files may change or go.
func TestImportNeverTouchesEditorFiles(t *testing.T) {
	root, cfg := newSite(t)
	outside := filepath.Join(t.TempDir(), "outside.md")
	const outsideText = "---\ntitle: Outside the site\ndate: 2024-01-01\n---\nNot the site's.\n"
	if err := os.WriteFile(outside, []byte(outsideText), 0o644); err != nil {
		t.Fatal(err)
	}
	editor := map[string]string{
		// Takes the slug of the "Second evening ferry" page.
		"content/articles/second-evening-ferry-to-the-island.md": "---\ntitle: Ferry, my take\ndate: 2024-02-01T09:00:00Z\n---\nMine.\n",
		// Hand-written, with the source_url of the library page: a
		// duplicate that --update must not take over.
		"content/articles/library.md": "---\ntitle: Library, by hand\ndate: 2024-05-02\nsource_url: https://gazette.example/news/library\n---\nMy own summary of the library story.\n",
		// Broken front matter, with the source_url of the bathhouse page.
		"content/articles/bathhouse.md": "---\ntitle: [unclosed\nsource_url: https://gazette.example/news/bathhouse\n---\nHalf written.\n",
		"content/articles/photo.jpg":    "\xff\xd8\xff not really a photo",
		"content/articles/.draft.md":    "---\ntitle: Hidden draft\n---\n",
		"content/pages/about.md":        "---\ntitle: About\n---\nAbout the briefing.\n",
		// Same name as an imported article's, in another folder.
		"content/pages/council-opens-the-old-bathhouse-to-swimmers.md": "---\ntitle: Bathhouse page\n---\nA page.\n",
	}
	for rel, data := range editor {
		writeInput(t, root, rel, data)
	}
	// A symlink where an article would go, pointing out of the site, and a
	// folder with an article's name: neither may be written through.
	if err := os.Symlink(outside, filepath.Join(root, "content/articles/night-trains-return-north.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "content/articles/a-market-hall-for-winter.md"), 0o755); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	withCanonical := func(title, canonical string) string {
		return strings.Replace(articleHTML(title), "</title>", `</title><link rel="canonical" href="`+canonical+`">`, 1)
	}
	inputs := []string{
		writeInput(t, dir, "ferry.html", articleHTML("Second evening ferry to the island")),
		writeInput(t, dir, "library.html", libraryPage("https://gazette.example/news/library", "ten in the evening")),
		writeInput(t, dir, "bathhouse.html", withCanonical("Council opens the old bathhouse to swimmers", "https://gazette.example/news/bathhouse")),
		writeInput(t, dir, "trains.html", articleHTML("Night trains return north")),
		writeInput(t, dir, "market.html", articleHTML("A market hall for winter")),
	}
	for _, update := range []bool{false, true, true} {
		opt := options(root, cfg)
		opt.Update = update
		res, err := Import(context.Background(), inputs, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Reports {
			t.Logf("update=%v %s: outcome %v path %s err %v note %q", update, filepath.Base(r.Input), r.Outcome, r.Path, r.Err, r.Note)
			if _, mine := editor[r.Path]; mine && (r.Outcome == Imported || r.Outcome == Updated) {
				t.Errorf("%s was written over the editor's %s", r.Input, r.Path)
			}
		}
		for rel, want := range editor {
			got, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil || string(got) != want {
				t.Errorf("update=%v: the editor's %s changed or went: %v", update, rel, err)
			}
		}
		if got, err := os.ReadFile(outside); err != nil || string(got) != outsideText {
			t.Errorf("update=%v: a file outside the site was written through a symlink: %v", update, err)
		}
		if fi, err := os.Lstat(filepath.Join(root, "content/articles/a-market-hall-for-winter.md")); err != nil || !fi.IsDir() {
			t.Errorf("update=%v: the folder in an article's place was replaced: %v", update, err)
		}
	}
}

// TestWriteNewNeverReplaces covers the race the checks above cannot: a
// file that appears between choosing a name and writing it.
func TestWriteNewNeverReplaces(t *testing.T) {
	root := t.TempDir()
	rel := ArticlesDir + "/taken.md"
	writeInput(t, root, rel, "the editor's\n")
	if _, err := writeNew(root, rel, []byte("import's\n")); err == nil || !strings.Contains(err.Error(), "not overwritten") {
		t.Errorf("writeNew over an existing file: err = %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, rel)); string(got) != "the editor's\n" {
		t.Errorf("the file now holds %q", got)
	}
	entries, _ := os.ReadDir(filepath.Join(root, ArticlesDir))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	// The same for an update: the file changed since it was read.
	if err := replaceFile(root, rel, []byte("what import read\n"), []byte("import's\n")); err == nil {
		t.Error("replaceFile replaced a file that changed since it was read")
	}
	if got, _ := os.ReadFile(filepath.Join(root, rel)); string(got) != "the editor's\n" {
		t.Errorf("the file now holds %q", got)
	}
}

// TestStaleTempsRemoved: temp files an import killed mid-write left behind
// are swept once their writer's process is gone, or once they are old
// enough that no running import can own them.
func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	// A process that has ended: its temp files are stale at once.
	done := exec.Command("true")
	if err := done.Run(); err != nil {
		t.Fatal(err)
	}
	dead := fmt.Sprintf(".import-%d-42.tmp", done.Process.Pid)
	alive := fmt.Sprintf(".import-%d-43.tmp", os.Getpid())
	files := map[string]time.Time{
		".import-old.tmp":   now.Add(-2 * staleTemp),
		".import-fresh.tmp": now.Add(-time.Minute),
		"article.md":        now.Add(-2 * staleTemp),
		".editor-note.tmp":  now.Add(-2 * staleTemp),
		dead:                now.Add(-time.Minute),
		alive:               now.Add(-time.Minute),
	}
	for name, mtime := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	removeStaleTemps(dir, now)
	for name := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != (name == ".import-old.tmp" || name == dead) {
			t.Errorf("%s: removed = %v", name, gone)
		}
	}
}

// TestBrokenArticleIsNotImportedTwice: an imported article the editor
// broke (the build rejects it) still holds the page: importing the page
// again finds it by the keys that identify it, whatever else is wrong.
func TestBrokenArticleIsNotImportedTwice(t *testing.T) {
	for _, tt := range []struct{ name, from, to string }{
		{"a wrong kind of value", "title: ", "tags: {a: b}\ntitle: "},
		{"an unknown key", "title: ", "titel: x\ntitle: "},
		{"YAML that does not parse", "title: ", "title: [unclosed "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root, cfg := newSite(t)
			// A page with a URL and a dump without one (found by its
			// fingerprint, or by the file it was scraped from).
			dir := t.TempDir()
			inputs := []string{
				writeInput(t, dir, "library.html", libraryPage("https://gazette.example/news/library", "ten in the evening")),
				writeInput(t, dir, "h.txt", harbour(t)),
			}
			res, err := Import(context.Background(), inputs, options(root, cfg))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res.Reports {
				if r.Outcome != Imported {
					t.Fatalf("%s: outcome %v, %v", r.Input, r.Outcome, r.Err)
				}
				full := filepath.Join(root, r.Path)
				data, _ := os.ReadFile(full)
				broken := strings.Replace(string(data), tt.from, tt.to, 1)
				if broken == string(data) {
					t.Fatalf("%s has no %q:\n%s", r.Path, tt.from, data)
				}
				if err := os.WriteFile(full, []byte(broken), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// The dump changed since: only its scraped file identifies it.
			writeInput(t, dir, "h.txt", strings.ReplaceAll(harbour(t), "forty minutes", "fifty minutes"))
			res, err = Import(context.Background(), inputs, options(root, cfg))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res.Reports {
				if r.Outcome != Duplicate {
					t.Errorf("%s: outcome %v (%s, %v), want a duplicate of the broken article", r.Input, r.Outcome, r.Path, r.Err)
				}
			}
		})
	}
}
