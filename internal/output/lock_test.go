//go:build unix

package output

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockDestOneAtATime: while one build holds a destination's lock a
// second one waits (and says so), giving up only when its context ends;
// once released, the lock is free again.
func TestLockDestOneAtATime(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	release, err := LockDest(t.Context(), dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	waited := false
	_, err = LockDest(ctx, dest, func() { waited = true; cancel() })
	if err == nil || !waited || !strings.Contains(err.Error(), "another build is writing to") {
		t.Fatalf("second lock: waited %v, err %v; want it to wait and then give up", waited, err)
	}
	release()
	again, err := LockDest(t.Context(), dest, func() { t.Error("waited for a released lock") })
	if err != nil {
		t.Fatal(err)
	}
	again()
}
