package htmlpage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/articletest"
	"github.com/brief-ssg/brief/internal/extractmetric"
)

// TestBenchmarkFloor guards against regressions on the shared benchmark:
// every page must extract without panicking, and the scores must stay
// above floors a little below what the extractor reaches (F1 0.977,
// exact 0.42 when this was written).
func TestBenchmarkFloor(t *testing.T) {
	var scores []extractmetric.Page
	for _, pg := range articletest.LoadBench(t) {
		a, err := Extract(pg.HTML, article.Options{URL: pg.URL})
		text := ""
		if err == nil {
			text = a.Text
		} else if !errors.Is(err, article.ErrNoArticle) {
			t.Errorf("%s: %v", pg.ID, err)
		}
		scores = append(scores, extractmetric.Score(text, pg.Want))
	}
	s := extractmetric.Summarize(scores)
	t.Log(s)
	if s.F1 < 0.965 {
		t.Errorf("F1 %.3f fell below the 0.965 floor", s.F1)
	}
	if s.Accuracy < 0.38 {
		t.Errorf("exact-match accuracy %.3f fell below the 0.38 floor", s.Accuracy)
	}
}

// BenchmarkHTML times the whole pipeline (decode, parse, score, render
// Markdown and text) over the benchmark pages, or the fixture without them.
func BenchmarkHTML(b *testing.B) {
	var inputs [][]byte
	if _, err := os.Stat(filepath.Join(articletest.BenchDir(), "ground-truth.json")); err == nil {
		for _, pg := range articletest.LoadBench(b) {
			inputs = append(inputs, pg.HTML)
		}
	} else {
		inputs = append(inputs, readFixture(b, "story.html"))
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Extract(inputs[i%len(inputs)], article.Options{})
	}
}
