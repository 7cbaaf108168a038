package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract"
)

// TestImportNamesInInputOrder imports many pages of one title, with a
// duplicate and a failure among them: however the workers interleave,
// names are handed out in input order, as a sequential import would.
func TestImportNamesInInputOrder(t *testing.T) {
	root, cfg := newSite(t)
	dir := t.TempDir()
	const base = "content/articles/city-council-approves-new-harbour-ferry-line-after-months-of-debate"
	var (
		inputs []string
		want   []Report
	)
	imported := 0
	for i := range 12 { // ten imported: a two-digit counter would be cut to fit slug.MaxLen
		name := fmt.Sprintf("p%02d.txt", i)
		switch i {
		case 5: // the same page as p01
			inputs = append(inputs, writeInput(t, dir, name, strings.Replace(harbour(t), "twelve minutes", "1 minutes", 1)))
			want = append(want, Report{Outcome: Duplicate, Path: base + "-2024-03-05.md"})
			continue
		case 9:
			inputs = append(inputs, writeInput(t, dir, name, "\x00\x01binary"))
			want = append(want, Report{Outcome: Failed})
			continue
		}
		inputs = append(inputs, writeInput(t, dir, name, strings.Replace(harbour(t), "twelve minutes", fmt.Sprintf("%d minutes", i), 1)))
		path := base + ".md"
		switch {
		case imported == 1:
			path = base + "-2024-03-05.md"
		case imported > 1:
			path = fmt.Sprintf("%s-2024-03-05-%d.md", base, imported)
		}
		want = append(want, Report{Outcome: Imported, Path: path})
		imported++
	}
	res, err := Import(context.Background(), inputs, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reports) != len(want) {
		t.Fatalf("%d reports, want %d", len(res.Reports), len(want))
	}
	for i, r := range res.Reports {
		if r.Input != inputs[i] || r.Outcome != want[i].Outcome || r.Path != want[i].Path {
			t.Errorf("report %d: %s %v %q (%v), want %s %v %q", i, r.Input, r.Outcome, r.Path, r.Err, inputs[i], want[i].Outcome, want[i].Path)
		}
	}
	left, _ := filepath.Glob(filepath.Join(root, ArticlesDir, ".import-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	files, _ := os.ReadDir(filepath.Join(root, ArticlesDir))
	if len(files) != imported {
		t.Errorf("%d files in %s, want %d", len(files), ArticlesDir, imported)
	}
}

// TestImportReparsesPastTheBudget checks that pages not kept parsed
// between the passes come out as those kept.
func TestImportReparsesPastTheBudget(t *testing.T) {
	dir := t.TempDir()
	inputs := []string{
		writeInput(t, dir, "harbour.txt", harbour(t)),
		writeInput(t, dir, "ferry.html", articleHTML("Second evening ferry to the island")),
		writeInput(t, dir, "other.html", articleHTML("Summer timetable for the island ferry")),
	}
	files := map[int]map[string]string{}
	for _, budget := range []int{extract.DefaultKeepParsed, -1} {
		t.Run(fmt.Sprint(budget), func(t *testing.T) {
			root, cfg := newSite(t)
			opt := options(root, cfg)
			opt.KeepParsed = budget
			res, err := Import(context.Background(), inputs, opt)
			if err != nil {
				t.Fatal(err)
			}
			if n := res.Count(Imported); n != len(inputs) {
				t.Fatalf("imported %d of %d: %+v", n, len(inputs), res.Reports)
			}
			files[budget] = map[string]string{}
			for _, r := range res.Reports {
				data, err := os.ReadFile(filepath.Join(root, r.Path))
				if err != nil {
					t.Fatal(err)
				}
				files[budget][r.Path] = string(data)
			}
		})
	}
	if !reflect.DeepEqual(files[-1], files[extract.DefaultKeepParsed]) {
		t.Errorf("kept parsed:\n%v\nparsed again:\n%v", files[extract.DefaultKeepParsed], files[-1])
	}
}
