package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/site"
)

// An undated page is a draft dated with the import time; when the page
// later gives a date, --update takes it and says the draft may go, but
// leaves draft to the editor.
func TestUpdateDatesAnUndatedDraft(t *testing.T) {
	root, cfg := newSite(t)
	dir := t.TempDir()
	body := "The library will stay open until nine on Thursdays from next month, the council said, after a survey found that most readers work during the day.\n\n" +
		"The longer evening costs less than expected because volunteers from the reading club will staff the front desk on those nights.\n\n" +
		"The council will review the hours after six months and may add a second late evening if the Thursdays are busy.\n"
	undated := "Library extends Thursday hours - Town Post\nLibrary extends Thursday hours\n" + body
	in := writeInput(t, dir, "lib.txt", undated)
	res, err := Import(context.Background(), []string{in}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Imported)
	a := readArticle(t, root, r.Path, cfg)
	if !r.Undated || !a.Draft || a.DateFrom != content.DateFromImport || !a.Date.Equal(fixedNow()) {
		t.Fatalf("undated import: report %+v, draft %v, date_from %q, date %v", r, a.Draft, a.DateFrom, a.Date)
	}

	writeInput(t, dir, "lib.txt", "Library extends Thursday hours - Town Post\nLibrary extends Thursday hours\nPublished: 2024-05-20 08:30\n"+body)
	r = update1(t, root, cfg, in)
	if !strings.Contains(r.Note, "remove `draft: true`") || r.Undated {
		t.Errorf("update report %+v", r)
	}
	a = readArticle(t, root, r.Path, cfg)
	if !a.Draft || a.DateFrom != "" || a.Date.Year() != 2024 || a.Date.Month() != 5 {
		t.Errorf("after update: draft %v, date_from %q, date %v", a.Draft, a.DateFrom, a.Date)
	}
}

// update1 imports one input with --update and returns its report, which
// must be an update.
func update1(t *testing.T, root string, cfg *site.Config, in string) Report {
	t.Helper()
	opt := options(root, cfg)
	opt.Update = true
	res, err := Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return only(t, res, Updated)
}

func TestUpgradeImages(t *testing.T) {
	tests := []struct {
		in, want string
		n        int
	}{
		{"![A map](http://example.net/m.png)", "![A map](https://example.net/m.png)", 1},
		{"![A \\] bracket](HTTP://x.net/a.jpg) and ![b](http://y.net/b.jpg)", "![A \\] bracket](https://x.net/a.jpg) and ![b](https://y.net/b.jpg)", 2},
		{"[a link](http://example.net/) stays: only images are blocked", "[a link](http://example.net/) stays: only images are blocked", 0},
		{"![secure](https://example.net/s.png)", "![secure](https://example.net/s.png)", 0},
		{"text about http:// in prose", "text about http:// in prose", 0},
	}
	for _, tt := range tests {
		got, n := upgradeImages(tt.in)
		if got != tt.want || n != tt.n {
			t.Errorf("upgradeImages(%q) = %q, %d; want %q, %d", tt.in, got, n, tt.want, tt.n)
		}
	}
}

// A page that prints only a day is written with the day alone, which the
// site shows without an invented time; one that gives a time keeps it.
func TestImportWritesADayAlone(t *testing.T) {
	body := "The ferry to the north islands will run twice a day from June, the operator said, after a winter in which storms cancelled a third of its crossings.\n\n" +
		"A second boat, leased from a southern company, covers the extra run; fares stay the same until the end of the year.\n\n" +
		"Island councils had asked for the change for years, saying a single daily crossing kept patients from hospital appointments.\n"
	for _, tc := range []struct{ dateline, want string }{
		{"May 20, 2024", "date: 2024-05-20\n"},
		{"May 20, 2024 at 8:30 AM", "date: 2024-05-20T08:30:00+02:00\n"},
	} {
		root, cfg := newSite(t)
		in := writeInput(t, t.TempDir(), "ferry.txt", "Ferry doubles its crossings - Island News\nFerry doubles its crossings\n"+tc.dateline+"\n"+body)
		res, err := Import(context.Background(), []string{in}, options(root, cfg))
		if err != nil {
			t.Fatal(err)
		}
		r := only(t, res, Imported)
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(r.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "\n"+tc.want) {
			t.Errorf("%q: front matter lacks %q:\n%s", tc.dateline, tc.want, data)
		}
		if a := readArticle(t, root, r.Path, cfg); a.DateOnly != (!strings.Contains(tc.want, "T")) {
			t.Errorf("%q: DateOnly = %v", tc.dateline, a.DateOnly)
		}
	}
}
