// Package measure holds what the benchmarks share to measure a step in
// process: its CPU time, steadier than wall time on a shared machine,
// and the heap it adds at its peak.
package measure

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"time"
)

// CPUTime is the user and system time of the process so far (every
// goroutine, the collector included).
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Heap is the bytes of live and not yet swept heap objects.
func Heap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Step runs fn after a garbage collection and returns the CPU time it
// took and the most heap it added over what was live before, sampled
// every 5 ms.
func Step(fn func()) (cpu time.Duration, peak uint64) {
	runtime.GC()
	base := Heap()
	top := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			top = max(top, Heap())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	before := CPUTime()
	fn()
	cpu = CPUTime() - before
	close(done)
	wg.Wait()
	return cpu, top - min(top, base)
}
