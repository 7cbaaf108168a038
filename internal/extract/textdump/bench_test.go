package textdump

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/articletest"
	"github.com/brief-ssg/brief/internal/extractmetric"
)

// TestTextBenchmark holds Extract to its quality target on the shared text
// dumps, on the whole set and on both halves, so that a change that helps
// one half by hurting the other shows; without and with cross-page
// learning. Set BRIEF_BENCH_VERBOSE=1 to list every page's figures, and
// BRIEF_BENCH_DUMP=DIR to write every extraction there.
func TestTextBenchmark(t *testing.T) {
	pages := articletest.LoadBench(t)
	for _, learn := range []bool{false, true} {
		opt := article.Options{}
		if learn {
			opt.Boilerplate = article.NewBoilerplate()
			for _, pg := range pages {
				p, err := Parse(pg.Dump, article.Options{})
				if err != nil {
					t.Fatalf("%s: %v", pg.ID, err)
				}
				opt.Boilerplate.Learn(p.Blocks())
			}
		}
		var all, even, odd []extractmetric.Page
		for i, pg := range pages {
			got := ""
			if a, err := Extract(pg.Dump, opt); err == nil {
				got = a.Text
			}
			if dir := os.Getenv("BRIEF_BENCH_DUMP"); dir != "" && !learn {
				os.WriteFile(filepath.Join(dir, pg.ID+".txt"), []byte(got), 0o644)
			}
			s := extractmetric.Score(got, pg.Want)
			all = append(all, s)
			if i%2 == 0 {
				even = append(even, s)
			} else {
				odd = append(odd, s)
			}
			if os.Getenv("BRIEF_BENCH_VERBOSE") != "" && !learn {
				p, _ := s.Precision()
				r, _ := s.Recall()
				t.Logf("%s P %.2f R %.2f", pg.ID[:8], p, r)
			}
		}
		whole, e, o := extractmetric.Summarize(all), extractmetric.Summarize(even), extractmetric.Summarize(odd)
		t.Logf("learn=%v whole: %v", learn, whole)
		t.Logf("learn=%v even:  %v", learn, e)
		t.Logf("learn=%v odd:   %v", learn, o)
		if whole.F1 < 0.92 {
			t.Errorf("learn=%v: F1 %.3f on the whole set is below the 0.92 target", learn, whole.F1)
		}
		// The halves guard against tuning to single pages: a rule that
		// only fits some pages shows as a gap between them.
		for name, f := range map[string]extractmetric.Summary{"even half": e, "odd half": o} {
			if f.F1 < 0.90 {
				t.Errorf("learn=%v %s: F1 %.3f is below 0.90", learn, name, f.F1)
			}
		}
		if d := e.F1 - o.F1; d > 0.03 || d < -0.03 {
			t.Errorf("learn=%v: the halves differ by %.3f in F1", learn, d)
		}
	}
}

// BenchmarkText times the whole pipeline (split, classify, select, render
// Markdown and text, metadata) over the benchmark's dumps, or the fixture
// without them.
func BenchmarkText(b *testing.B) {
	var inputs [][]byte
	if _, err := os.Stat(filepath.Join(articletest.BenchDir(), "ground-truth.json")); err == nil {
		for _, pg := range articletest.LoadBench(b) {
			inputs = append(inputs, pg.Dump)
		}
	} else {
		data, err := os.ReadFile("testdata/dump_harbour.txt")
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, data)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Extract(inputs[i%len(inputs)], article.Options{})
	}
}
