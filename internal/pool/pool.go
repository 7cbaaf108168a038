// Package pool runs independent pieces of work on a bounded number of
// goroutines: the one worker pool of brief's build, loader and input scan.
package pool

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for every i in [0, n), on up to workers goroutines at
// once (0 or less: one per CPU), handing out indexes in increasing order.
// It stops handing out work once ctx is done and returns ctx's error then;
// fn reports its own failures, for example into a slice indexed by i, so
// that every failure is kept and their order does not depend on timing.
func Each(ctx context.Context, n, workers int, fn func(i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}
