package corpus

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/output"
)

func generate(t *testing.T, n int) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := Generate(Options{Articles: n}, func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: bytes.Clone(data)}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func TestDeterministic(t *testing.T) {
	a, b := generate(t, 200), generate(t, 200)
	if len(a) != 201 {
		t.Fatalf("%d files, want site.yaml and 200 articles", len(a))
	}
	for name, f := range a {
		if g, ok := b[name]; !ok || !bytes.Equal(f.Data, g.Data) {
			t.Fatalf("%s differs between two runs", name)
		}
	}
	// Article i keeps its file name (so its title) whatever the corpus
	// size; only its date and the articles it links to depend on N.
	big := generate(t, 400)
	for name := range a {
		if _, ok := big[name]; !ok {
			t.Fatalf("%s missing from the larger corpus", name)
		}
	}
}

func TestArticlesAreRealistic(t *testing.T) {
	fsys := generate(t, 300)
	sources, tags := map[string]bool{}, map[string]bool{}
	notes, linked, lists := 0, 0, 0
	for name, f := range fsys {
		if name == "site.yaml" {
			continue
		}
		a, err := content.ParseArticle(name, f.Data, time.UTC)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if a.Title == "" || a.Source == "" || a.SourceURL == "" || len(a.Authors) == 0 || a.Summary == "" {
			t.Errorf("%s: missing front matter: %+v", name, a)
		}
		if n := len(a.Topics); n < 1 || n > 2 {
			t.Errorf("%s: %d topics listed", name, n)
		}
		if n := len(a.Tags); n < 2 || n > 5 {
			t.Errorf("%s: %d tags", name, n)
		}
		if _, off := a.Date.Zone(); a.Date.IsZero() || a.Date.After(End) {
			t.Errorf("%s: date %v (offset %d)", name, a.Date, off)
		}
		if !strings.Contains(a.Body, "\n## ") {
			t.Errorf("%s: body has no heading", name)
		}
		if strings.Contains(a.Body, "](") {
			linked++
		}
		if strings.Contains(a.Body, "\n- ") {
			lists++
		}
		sources[a.Source] = true
		for _, tag := range a.Tags {
			tags[tag] = true
		}
		if a.Note != "" {
			notes++
		}
	}
	if len(sources) < 30 {
		t.Errorf("%d sources, want most of the forty", len(sources))
	}
	if len(tags) < 100 {
		t.Errorf("%d distinct tags in 300 articles", len(tags))
	}
	if linked < 270 || lists < 100 {
		t.Errorf("of 300 articles, %d have links and %d lists", linked, lists)
	}
	if notes < 30 || notes > 100 {
		t.Errorf("%d notes in 300 articles, want about one in five", notes)
	}
}

// TestBuilds checks that brief builds the corpus without a complaint and
// that the topic rules take articles beyond the ones they list.
func TestBuilds(t *testing.T) {
	fsys := generate(t, 300)
	res, err := build.Build(t.Context(), fsys, output.NewMemory(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 300 || res.Topics != 12 || res.Tags < 100 || len(res.Unassigned) != 0 {
		t.Errorf("built %+v", res)
	}
}
