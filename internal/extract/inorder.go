package extract

import (
	"context"
	"sync"

	"github.com/brief-ssg/brief/internal/pool"
)

// inOrder runs work(i) for every i in [0, n) on up to workers goroutines,
// and calls done(i) on the calling goroutine, in index order, as soon as
// work(i) and every earlier work have finished. Work runs at most window
// items ahead of done, which bounds what finished work holds in memory
// while done catches up.
//
// This is how a batch keeps every core busy yet stays deterministic: the
// costly, independent part of each input (reading, parsing, extracting,
// and what the caller makes of the article) runs in parallel, and
// whatever depends on the inputs before it (learning blocks; for import,
// the duplicate index and the choice of file names) happens in done,
// exactly as a sequential loop would do it.
//
// The work runs on a pool.Each; when ctx is cancelled, no more work starts
// and done is no longer called; inOrder waits for the work already
// started and returns ctx.Err(). work must be safe for concurrent use;
// done need not be.
func inOrder(ctx context.Context, n, workers, window int, work, done func(i int)) error {
	window = max(window, workers, 1)
	var (
		mu       sync.Mutex
		changed  = sync.NewCond(&mu) // next, finished or stopped changed
		next     int                 // the index done waits for
		finished = make([]bool, n)
		stopped  bool
	)
	stop := func() {
		mu.Lock()
		stopped = true
		changed.Broadcast()
		mu.Unlock()
	}
	defer context.AfterFunc(ctx, stop)()
	ran := make(chan struct{})
	go func() {
		defer close(ran)
		pool.Each(ctx, n, workers, func(i int) {
			mu.Lock()
			for i >= next+window && !stopped {
				changed.Wait()
			}
			goOn := !stopped
			mu.Unlock()
			if !goOn {
				return
			}
			work(i)
			mu.Lock()
			finished[i] = true
			changed.Broadcast()
			mu.Unlock()
		})
	}()
	mu.Lock()
	for next < n && !stopped {
		if !finished[next] {
			changed.Wait()
			continue
		}
		mu.Unlock()
		if ctx.Err() != nil {
			mu.Lock()
			break
		}
		done(next)
		mu.Lock()
		next++
		changed.Broadcast()
	}
	complete := next == n
	mu.Unlock()
	if !complete {
		stop() // wakes the workers waiting for the window: they end
	}
	<-ran
	if !complete {
		return ctx.Err()
	}
	return nil
}
