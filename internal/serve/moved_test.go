package serve

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestSiteFolderMovedAndBack: when the site's folder is moved away or
// deleted, serve says so in the terminal and in the open pages' overlay;
// when a folder is back at the path it watches it again and later edits
// rebuild the site.
func TestSiteFolderMovedAndBack(t *testing.T) {
	for _, how := range []string{"moved", "deleted and re-created", "deleted and re-created while in use"} {
		t.Run(how, func(t *testing.T) {
			site := example(t, "")
			dir := site.Dir()
			if how == "deleted and re-created while in use" {
				// A shell that ran `cd site && brief serve` (or serve's own
				// working directory) keeps the deleted folder alive: Linux
				// then reports its deletion to the folder's own watch only
				// once the last user lets go. An open handle does the same.
				held, err := os.Open(dir)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { held.Close() })
			}
			s := start(t, dir, nil)
			ev := listen(t, s)
			ev.next(t, "hello")
			aside := dir + ".aside"
			if how == "moved" {
				if err := os.Rename(dir, aside); err != nil {
					t.Fatal(err)
				}
			} else {
				if err := os.CopyFS(aside, os.DirFS(dir)); err != nil {
					t.Fatal(err)
				}
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
			}
			// Files deleted before the folder may fail a build first.
			for i := 0; ; i++ {
				failed := ev.next(t, "failed")
				if strings.Contains(fmt.Sprint(failed.data), "moved or deleted") {
					break
				}
				if i == 3 {
					t.Fatalf("overlay says %v, want that the folder was moved or deleted", failed.data)
				}
			}
			if how != "moved" {
				// A copy comes back, as a checkout or a restore would.
				if err := os.CopyFS(dir, os.DirFS(aside)); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Rename(aside, dir); err != nil {
				t.Fatal(err)
			}
			ev.next(t, "fixed")
			site.ReplaceInFile(article, "Yellen ends Beijing visit", "Yellen wraps up Beijing visit")
			// The watcher may see the copy's files arrive after the folder
			// did and rebuild for them too, so the next reload need not be
			// the edit's: wait for reloads until one serves the edit.
			for {
				ev.next(t, "reload")
				if _, page := get(t, s.URL()); strings.Contains(page, "Yellen wraps up Beijing visit") {
					break
				}
			}
			for _, want := range []string{"was moved or deleted", "is back"} {
				if !strings.Contains(s.out.String(), want) {
					t.Errorf("terminal lacks %q:\n%s", want, s.out)
				}
			}
		})
	}
}
