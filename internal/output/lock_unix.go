//go:build unix

package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// LockDest takes the lock that lets one build at a time write to dest: a
// lock file beside it (Beside(dest, "lock")), held until release. Two
// builds into one folder would otherwise stage, carry and swap each
// other's files and publish a site that matches neither. When another
// build holds the lock, waiting is called once and LockDest waits for it
// until ctx is done. The lock is the kernel's (flock), so a build that
// dies releases it.
func LockDest(ctx context.Context, dest string, waiting func()) (release func(), err error) {
	dest = filepath.Clean(dest)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	p := Beside(dest, "lock")
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output: locking %s: %w", dest, err)
	}
	fd := int(f.Fd())
	var tick *time.Ticker
	for {
		err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			break
		}
		if err != unix.EWOULDBLOCK {
			f.Close()
			return nil, fmt.Errorf("output: locking %s: %w", dest, err)
		}
		if tick == nil {
			if waiting != nil {
				waiting()
			}
			tick = time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("another build is writing to %s (lock %s held): %w", dest, p, ctx.Err())
		case <-tick.C:
		}
	}
	return func() { f.Close() }, nil
}
