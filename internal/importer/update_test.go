package importer

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/content"
)

// TestUpdateKeepsTheDateOfAnUndatedPage: a page without a date is dated
// with the time of its import; an --update days later must not move the
// article to the day of the update, while a date the page now gives is
// taken.
func TestUpdateKeepsTheDateOfAnUndatedPage(t *testing.T) {
	root, cfg := newSite(t)
	undated := strings.Replace(harbour(t), "Published: 2024-03-05 09:30:00\n", "", 1)
	if undated == harbour(t) {
		t.Fatal("fixture changed shape: no Published line")
	}
	in := writeInput(t, t.TempDir(), "h.txt", undated)
	res, err := Import(context.Background(), []string{in}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Imported)
	if r.Note != noDate {
		t.Fatalf("note %q, want %q", r.Note, noDate)
	}
	first := readArticle(t, root, r.Path, cfg).Date

	// A week later, the page is corrected, still without a date.
	opt := options(root, cfg)
	opt.Update = true
	opt.Now = func() time.Time { return fixedNow().AddDate(0, 0, 7) }
	writeInput(t, filepath.Dir(in), "h.txt", strings.ReplaceAll(undated, "under twelve minutes", "under fourteen minutes"))
	res, err = Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r := only(t, res, Updated); !reflect.DeepEqual(r.Changed, []string{"body"}) || r.Note != noDateKept {
		t.Errorf("changed %q, note %q; want only the body, and %q", r.Changed, r.Note, noDateKept)
	}
	a := readArticle(t, root, r.Path, cfg)
	if !a.Date.Equal(first) {
		t.Errorf("date moved from %s to %s", first, a.Date)
	}
	if vals := a.ImportValues(); a.ImportHashes["date"] != content.ImportHash(vals["date"]) {
		t.Errorf("the kept date no longer reads as import's: %v", a.ImportHashes)
	}

	// The page now gives a date: that one is news.
	writeInput(t, filepath.Dir(in), "h.txt", harbour(t))
	res, err = Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r := only(t, res, Updated); !slices.Contains(r.Changed, "date") {
		t.Errorf("changed %q, want the date", r.Changed)
	}
	if got := readArticle(t, root, r.Path, cfg).Date.Format(time.RFC3339); got != "2024-03-05T09:30:00+01:00" {
		t.Errorf("date %s, want the page's", got)
	}
}

// TestUpdateReportsTheRulesOnTheFile: the topics an update reports are
// those the rules pick for the file as it stands after the update, with
// the fields the editor kept, since that is what the build files.
func TestUpdateReportsTheRulesOnTheFile(t *testing.T) {
	root, cfg := newSite(t)
	in := writeInput(t, t.TempDir(), "h.txt", harbour(t))
	res, err := Import(context.Background(), []string{in}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Imported)
	if !reflect.DeepEqual(r.Topics, []string{"transport"}) {
		t.Fatalf("import reported %q", r.Topics)
	}
	full := filepath.Join(root, r.Path)
	data, _ := os.ReadFile(full)
	edited := strings.Replace(string(data), "title: City council approves new harbour ferry line after months of debate",
		"title: Football club backs the harbour ferry", 1)
	if edited == string(data) {
		t.Fatal("fixture front matter changed shape")
	}
	if err := os.WriteFile(full, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	writeInput(t, filepath.Dir(in), "h.txt", strings.ReplaceAll(harbour(t), "under twelve minutes", "under fourteen minutes"))
	r = update1(t, root, cfg, in)
	if !reflect.DeepEqual(r.Kept, []string{"title"}) {
		t.Fatalf("kept %q, want the editor's title", r.Kept)
	}
	if want := []string{"transport", "football"}; !reflect.DeepEqual(r.Topics, want) {
		t.Errorf("reported topics %q, want %q: the editor's title matches the football rule", r.Topics, want)
	}
}

// TestImportNameNotUTF8: a scraped file's name may be any bytes; the
// article records it as UTF-8 (front matter is UTF-8 text) and is still
// found by it, so that an update of the page refreshes the article
// instead of importing it twice.
func TestImportNameNotUTF8(t *testing.T) {
	root, cfg := newSite(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "harbour-\xff.txt")
	if err := os.WriteFile(in, []byte(harbour(t)), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	res, err := Import(context.Background(), []string{in}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Imported)
	if got := readArticle(t, root, r.Path, cfg).ScrapedFrom; got != strings.ToValidUTF8(in, "\uFFFD") {
		t.Errorf("scraped_from %q", got)
	}
	// A dump carries no URL: the changed page is found by its file.
	if err := os.WriteFile(in, []byte(strings.ReplaceAll(harbour(t), "forty minutes", "fifty minutes")), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := options(root, cfg)
	opt.Update = true
	res, err = Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if u := only(t, res, Updated); u.Path != r.Path {
		t.Errorf("updated %s, want %s", u.Path, r.Path)
	}
}
