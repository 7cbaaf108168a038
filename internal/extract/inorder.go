package extract

import (
	"context"
	"sync"
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
// When ctx is cancelled, no more work starts and done is no longer
// called; inOrder waits for the work already started and returns
// ctx.Err(). work must be safe for concurrent use; done need not be.
func inOrder(ctx context.Context, n, workers, window int, work, done func(i int)) error {
	return inOrderStream(ctx, workers, window, func(emit func(int) bool) {
		for i := range n {
			if !emit(i) {
				return
			}
		}
	}, func(i, _ int) { work(i) }, func(i, _ int) { done(i) })
}

// inOrderStream is inOrder over items that produce makes one at a time,
// on a goroutine of its own, while the work goes on: the items of a web
// archive, found as it is read. emit hands an item on, as number i (0,
// 1, 2… in the order emitted); it waits while window items are ahead of
// done, and returns false once the run is cancelled, when produce should
// return. The run ends when produce has returned and every item emitted
// is done.
func inOrderStream[T any](ctx context.Context, workers, window int, produce func(emit func(T) bool), work, done func(i int, item T)) error {
	workers = max(workers, 1)
	window = max(window, workers)
	var (
		mu       sync.Mutex
		changed  = sync.NewCond(&mu) // any of the fields below changed
		items    []T
		finished []bool
		next     int  // the index done waits for
		produced bool // produce has returned
		stopped  bool
	)
	stop := func() {
		mu.Lock()
		stopped = true
		changed.Broadcast()
		mu.Unlock()
	}
	defer context.AfterFunc(ctx, stop)()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				mu.Lock()
				item, goOn := items[i], !stopped
				mu.Unlock()
				if goOn {
					work(i, item)
				}
				mu.Lock()
				finished[i] = true
				changed.Broadcast()
				mu.Unlock()
			}
		})
	}
	wg.Go(func() {
		defer func() {
			close(jobs)
			mu.Lock()
			produced = true
			changed.Broadcast()
			mu.Unlock()
		}()
		produce(func(item T) bool {
			mu.Lock()
			for len(items) >= next+window && !stopped {
				changed.Wait()
			}
			if stopped {
				mu.Unlock()
				return false
			}
			i := len(items)
			items = append(items, item)
			finished = append(finished, false)
			mu.Unlock()
			jobs <- i
			return true
		})
	})
	mu.Lock()
	for !stopped {
		if next < len(items) && finished[next] {
			item := items[next]
			var zero T
			items[next] = zero // done with: let the memory go
			mu.Unlock()
			if ctx.Err() != nil {
				mu.Lock()
				break
			}
			done(next, item)
			mu.Lock()
			next++
			changed.Broadcast()
			continue
		}
		if produced && next == len(items) {
			break
		}
		changed.Wait()
	}
	complete := produced && next == len(items)
	mu.Unlock()
	if !complete {
		stop() // wakes the producer waiting for the window: it ends
	}
	wg.Wait()
	if !complete {
		return ctx.Err()
	}
	return nil
}
