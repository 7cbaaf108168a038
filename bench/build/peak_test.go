package buildbench

import (
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"testing"
	"time"
)

// watchPeak, when BRIEF_BENCH_PEAKPROFILE names a file, writes a heap
// profile there each time the live heap (as the last collection found
// it) reaches a new maximum, so that the file ends up describing the
// build at its largest: -memprofile describes the end, when most of the
// model is already garbage. It returns a function that stops watching
// and reports the largest live heap seen, in MB.
func watchPeak(b *testing.B) (stop func()) {
	name := os.Getenv("BRIEF_BENCH_PEAKPROFILE")
	if name == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan uint64)
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				finished <- peak
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > peak {
				peak = live
				if err := writeHeap(name); err != nil {
					b.Error(err)
				}
			}
		}
	}()
	return func() {
		close(done)
		b.ReportMetric(float64(<-finished)/1e6, "peak-live-MB")
	}
}

func writeHeap(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
