package storiesbench

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/brief-ssg/brief/bench/measure"
	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/stories"
)

// BenchmarkGroup times the grouping alone on a generated site (the
// loading, which the build does anyway, is outside the timer) and reports
// the peak heap it adds over the loaded site. BRIEF_BENCH_CORPUS names
// the site:
//
//	go run ./cmd/briefcorpus -n 10000 -dest /tmp/corpus-10k
//	BRIEF_BENCH_CORPUS=/tmp/corpus-10k go test ./bench/stories -run '^$' -bench Group -benchtime 3x
func BenchmarkGroup(b *testing.B) {
	dir := os.Getenv("BRIEF_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set BRIEF_BENCH_CORPUS to a site (go run ./cmd/briefcorpus -n 10000 -dest DIR)")
	}
	m, err := build.Load(context.Background(), os.DirFS(dir), build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	docs, err := m.StoryDocuments()
	if err != nil {
		b.Fatal(err)
	}
	var peak uint64
	var multi, n int
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		var got []stories.Story
		c, p := measure.Step(func() {
			got, err = stories.Group(context.Background(), docs, stories.Options{})
		})
		cpu, peak = cpu+c, max(peak, p)
		if err != nil {
			b.Fatal(err)
		}
		n, multi = len(got), 0
		for _, s := range got {
			if len(s.Members) > 1 {
				multi++
			}
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	// The CPU time the process spent (every goroutine, the collector
	// included) says more than the wall time on a shared machine.
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(docs)), "articles")
	b.Logf("%d articles: %d stories, %d with more than one article", len(docs), n, multi)
}
