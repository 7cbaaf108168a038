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
	workers = max(1, min(workers, n))
	window = max(window, workers)
	jobs := make(chan int)
	finished := make(chan int, window)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				work(i)
				finished <- i
			}
		})
	}
	defer func() {
		close(jobs)
		wg.Wait()
	}()

	ready := make([]bool, n)
	stopped := false
	cancel := ctx.Done() // nil once seen, so that the wait for running work does not spin
	sent, got, next := 0, 0, 0
	for next < n {
		send := jobs
		if stopped || sent == n || sent-next >= window {
			send = nil
		}
		if send == nil && got == sent {
			break // stopped, and nothing is running
		}
		select {
		case send <- sent:
			sent++
		case i := <-finished:
			got++
			ready[i] = true
			for !stopped && next < n && ready[next] {
				if ctx.Err() != nil {
					stopped = true
					break
				}
				done(next)
				next++
			}
		case <-cancel:
			stopped, cancel = true, nil
		}
	}
	if stopped {
		return ctx.Err()
	}
	return nil
}
