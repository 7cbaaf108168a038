//go:build unix

package sources

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// lock takes the site's fetch lock, held until unlock: two fetches at once
// would both find an item new and import it twice. The lock is the
// kernel's (flock), so a fetch that dies releases it; a second fetch
// waits for the first until ctx is done.
func lock(ctx context.Context, root string) (unlock func(), err error) {
	name := filepath.Join(root, filepath.FromSlash(StateFile)) + ".lock"
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, fmt.Errorf("locking the fetch state: %w", err)
	}
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking the fetch state: %w", err)
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil
		}
		if err != unix.EWOULDBLOCK {
			f.Close()
			return nil, fmt.Errorf("locking the fetch state: %w", err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("another brief fetch is running in this site (it holds %s): %w", name, ctx.Err())
		case <-tick.C:
		}
	}
}
