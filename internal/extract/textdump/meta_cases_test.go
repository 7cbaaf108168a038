package textdump

import (
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// TestMetaCases runs the metadata kinds on this package's inputs: the
// shared cases (shared/cases/metadata) and testdata/meta.
func TestMetaCases(t *testing.T) {
	articletest.RunMetaCases(t, ".txt", func(data []byte) (*article.Article, error) {
		return Extract(data, article.Options{})
	})
}
