package htmlpage

import (
	"os"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// TestMetaCases runs the metadata kinds on HTML pages: the shared cases
// (shared/cases/metadata, skipped when absent) and a second example of
// each kind written for this package (testdata/meta), in the shared
// cases' format.
func TestMetaCases(t *testing.T) {
	for _, dir := range []string{articletest.SharedCasesDir("metadata"), "testdata/meta"} {
		t.Run(dir, func(t *testing.T) {
			cases := articletest.LoadMetaCases(t, dir, ".html")
			if len(cases) == 0 {
				t.Fatalf("no HTML metadata cases in %s", dir)
			}
			for _, c := range cases {
				data, err := os.ReadFile(c.Input)
				if err != nil {
					t.Fatal(err)
				}
				a, err := Extract(data, article.Options{})
				if err != nil {
					t.Errorf("%s: %v", c.Name, err)
					continue
				}
				articletest.CheckMeta(t, c, a)
			}
		})
	}
}
