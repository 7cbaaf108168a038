package extract

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestInOrder(t *testing.T) {
	for _, tc := range []struct {
		name               string
		n, workers, window int
		cancelAfter        int // cancel once done has seen this many; -1 never
		wantDone           int
		wantErr            error
	}{
		{name: "none", n: 0, workers: 2, window: 8, cancelAfter: -1},
		{name: "one worker", n: 20, workers: 1, window: 1, cancelAfter: -1, wantDone: 20},
		{name: "more workers than work", n: 3, workers: 8, window: 8, cancelAfter: -1, wantDone: 3},
		{name: "window smaller than workers", n: 50, workers: 4, window: 2, cancelAfter: -1, wantDone: 50},
		{name: "wide window", n: 100, workers: 3, window: 100, cancelAfter: -1, wantDone: 100},
		{name: "cancelled", n: 100, workers: 3, window: 6, cancelAfter: 10, wantDone: 10, wantErr: context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var (
				mu              sync.Mutex
				running, worked int
				started         = make([]bool, tc.n)
				done            []int
			)
			work := func(i int) {
				mu.Lock()
				started[i] = true
				running++
				mu.Unlock()
				// Later items often finish first.
				time.Sleep(time.Duration((i*7)%5) * 100 * time.Microsecond)
				mu.Lock()
				running--
				worked++
				mu.Unlock()
			}
			err := inOrder(ctx, tc.n, tc.workers, tc.window, work, func(i int) {
				if i != len(done) {
					t.Fatalf("done(%d) after %d others", i, len(done))
				}
				done = append(done, i)
				// Nothing beyond the window has started.
				mu.Lock()
				defer mu.Unlock()
				for j := i + max(tc.window, tc.workers); j < tc.n; j++ {
					if started[j] {
						t.Fatalf("work(%d) started while done reached %d (window %d)", j, i, tc.window)
					}
				}
				if len(done) == tc.cancelAfter {
					cancel()
				}
			})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
			if len(done) != tc.wantDone {
				t.Errorf("done called %d times, want %d", len(done), tc.wantDone)
			}
			mu.Lock()
			defer mu.Unlock()
			if running != 0 {
				t.Errorf("%d works still running after inOrder returned", running)
			}
			if tc.wantErr == nil && worked != tc.n {
				t.Errorf("worked %d of %d", worked, tc.n)
			}
		})
	}
}
