package articletest

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// MetaCase is one input of a metadata case, in the format of the shared
// failing-case collection (shared/cases/metadata): a folder of inputs
// beside expected.json (for every input) or expected-<stem>.json (for one),
// each listing only the fields that matter.
type MetaCase struct {
	Name  string // folder/input
	Input string // path of the input file
	Want  MetaWant
}

// MetaWant is the expectation: nil fields are not checked.
type MetaWant struct {
	Title     *string   `json:"title"`
	Source    *string   `json:"source"`
	Published *string   `json:"published"`
	Updated   *string   `json:"updated"`
	Author    *[]string `json:"author"`
	Tags      *[]string `json:"tags"`
}

// SharedCasesDir is the shared collection's folder of an area ("metadata"),
// beside the repository.
func SharedCasesDir(area string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "cases", area)
}

// LoadMetaCases reads the cases under dir whose inputs end in ext
// (".html", ".txt"); it skips tb when dir is absent.
func LoadMetaCases(tb testing.TB, dir, ext string) []MetaCase {
	tb.Helper()
	folders, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("no metadata cases at %s", dir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	var out []MetaCase
	for _, f := range folders {
		if !f.IsDir() {
			continue
		}
		folder := filepath.Join(dir, f.Name())
		files, err := os.ReadDir(folder)
		if err != nil {
			tb.Fatal(err)
		}
		for _, in := range files {
			name := in.Name()
			if !strings.HasSuffix(name, ext) || strings.HasPrefix(name, "expected") {
				continue
			}
			stem := strings.TrimSuffix(name, ext)
			want, ok := readWant(tb, filepath.Join(folder, "expected-"+stem+".json"))
			if !ok {
				if want, ok = readWant(tb, filepath.Join(folder, "expected.json")); !ok {
					continue
				}
			}
			out = append(out, MetaCase{Name: f.Name() + "/" + name, Input: filepath.Join(folder, name), Want: want})
		}
	}
	return out
}

func readWant(tb testing.TB, path string) (MetaWant, bool) {
	var w MetaWant
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return w, false
	}
	if err == nil {
		err = json.Unmarshal(data, &w)
	}
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return w, true
}

// CheckMeta reports every field of a that differs from c's expectation:
// strings equal, dates the same instant, authors in order, tags as a set.
func CheckMeta(t testing.TB, c MetaCase, a *article.Article) {
	t.Helper()
	w := c.Want
	if w.Title != nil && a.Title != *w.Title {
		t.Errorf("%s: title %q, want %q", c.Name, a.Title, *w.Title)
	}
	if w.Source != nil && a.Source != *w.Source {
		t.Errorf("%s: source %q, want %q", c.Name, a.Source, *w.Source)
	}
	checkInstant(t, c.Name, "published", a.Published, w.Published)
	checkInstant(t, c.Name, "updated", a.Updated, w.Updated)
	if w.Author != nil && !slices.Equal(a.Authors, *w.Author) && len(a.Authors)+len(*w.Author) > 0 {
		t.Errorf("%s: author %q, want %q", c.Name, a.Authors, *w.Author)
	}
	if w.Tags != nil {
		got, want := slices.Sorted(slices.Values(a.Tags)), slices.Sorted(slices.Values(*w.Tags))
		if !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Errorf("%s: tags %q, want %q", c.Name, a.Tags, *w.Tags)
		}
	}
}

func checkInstant(t testing.TB, name, field string, got time.Time, want *string) {
	t.Helper()
	if want == nil {
		return
	}
	if *want == "" {
		if !got.IsZero() {
			t.Errorf("%s: %s %s, want none", name, field, got.Format(time.RFC3339))
		}
		return
	}
	w, err := time.Parse(time.RFC3339, *want)
	if err != nil {
		t.Fatalf("%s: expected %s %q: %v", name, field, *want, err)
	}
	if !got.Equal(w) {
		t.Errorf("%s: %s %s, want %s", name, field, got.Format(time.RFC3339), *want)
	}
}

// RunMetaCases checks extract on the metadata cases with inputs ending in
// ext: the shared collection's (skipped when absent) and those in the
// package's testdata/meta, a second example of each kind in the same
// format.
func RunMetaCases(t *testing.T, ext string, extract func(data []byte) (*article.Article, error)) {
	for _, dir := range []string{SharedCasesDir("metadata"), filepath.Join("testdata", "meta")} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			cases := LoadMetaCases(t, dir, ext)
			if len(cases) == 0 {
				t.Fatalf("no %s metadata cases in %s", ext, dir)
			}
			for _, c := range cases {
				data, err := os.ReadFile(c.Input)
				if err != nil {
					t.Fatal(err)
				}
				a, err := extract(data)
				if err != nil {
					t.Errorf("%s: %v", c.Name, err)
					continue
				}
				CheckMeta(t, c, a)
			}
		})
	}
}
