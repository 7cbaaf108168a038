package storiesbench

import (
	"context"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

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
	runtime.GC()
	base := heap()
	var peak uint64
	var multi, n int
	b.ResetTimer()
	for range b.N {
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for {
				if h := heap(); h > peak {
					peak = h
				}
				select {
				case <-done:
					return
				case <-tick.C:
				}
			}
		})
		got, err := stories.Group(context.Background(), docs, stories.Options{})
		close(done)
		wg.Wait()
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
	b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "peak-MB")
	b.ReportMetric(float64(len(docs)), "articles")
	b.Logf("%d articles: %d stories, %d with more than one article", len(docs), n, multi)
}

func heap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
