package pool

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryIndexOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 0}, {1, 4}, {100, 1}, {1000, 0}, {7, 3}} {
		seen := make([]atomic.Int32, tc.n)
		if err := Each(context.Background(), tc.n, tc.workers, func(i int) { seen[i].Add(1) }); err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Errorf("n=%d workers=%d: index %d ran %d times", tc.n, tc.workers, i, c)
			}
		}
	}
}

func TestEachStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int32
	err := Each(ctx, 1000, 1, func(i int) {
		ran.Add(1)
		if i == 10 {
			cancel()
		}
	})
	if err == nil {
		t.Fatal("Each returned no error after cancellation")
	}
	if n := ran.Load(); n != 11 {
		t.Errorf("ran %d pieces with one worker, want 11 (stop right after the cancelling one)", n)
	}
}
