package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// stagePrefix is how the staging folders of builds into dest are named:
// hidden beside it, ".public-build-" and a random suffix.
func stagePrefix(dest string) string {
	return "." + filepath.Base(filepath.Clean(dest)) + "-build-"
}

// lockStage takes the lock that marks st as a live build's staging
// folder, so that no other build sweeps it (see SweepStale). Where
// folders cannot be locked (lockDir; Linux only), staging folders are
// neither locked nor swept.
func lockStage(st *stage) (release func()) {
	if unlock, ok := lockDir(st.root); ok {
		return unlock
	}
	return nil
}

// SweepStale removes the staging folders beside dest that no live build
// holds: those of builds killed (SIGKILL, a crash, a power cut) or
// cancelled while staging, each up to a whole copy of the site. A live
// build holds its staging folder's lock from its creation to its swap
// or removal. It returns the names removed.
func SweepStale(dest string) ([]string, error) {
	dest = filepath.Clean(dest)
	parent, prefix := filepath.Dir(dest), stagePrefix(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("output: %w", err)
	}
	_, destErr := os.Lstat(dest)
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.IsDir() {
			continue
		}
		if strings.HasSuffix(name, ".old") && destErr != nil {
			// The previous build, moved aside by a swap by renames that
			// died before moving the new one in: the one copy left.
			continue
		}
		p := filepath.Join(parent, name)
		unlock, ok := lockDir(p)
		if !ok {
			continue // a live build's, or folders cannot be locked here
		}
		err := os.RemoveAll(p)
		unlock()
		if err != nil {
			return removed, fmt.Errorf("output: removing %s, left by a build that did not finish: %w", p, err)
		}
		removed = append(removed, name)
	}
	return removed, nil
}

// Abandon discards the staged build, as Abort does, for a build that was
// cancelled (Ctrl-C, SIGTERM) and must end promptly whatever the size of
// the site: it spends at most budget removing the staging folder. What
// it has not removed by then stays beside dest under a staging name,
// unlocked, and the next build into dest sweeps it. A kept tree that was
// being updated in place is first moved to such a name, since half
// updated it is no longer the previous build.
func (d *Dir) Abandon(budget time.Duration) {
	deadline := time.Now().Add(budget)
	st := d.st
	d.st = nil
	defer d.release()
	if st == nil || (st.adopted && !st.mutated) {
		return
	}
	root := st.root
	if st.adopted {
		aside := filepath.Join(filepath.Dir(d.dest), stagePrefix(d.dest)+strconv.FormatInt(time.Now().UnixNano(), 36))
		if err := os.Rename(root, aside); err != nil {
			os.RemoveAll(root)
			return
		}
		root = aside
	}
	removeBefore(root, deadline)
}

// removeBefore removes the tree at root, deepest first, until deadline;
// it reports whether it removed it all.
func removeBefore(root string, deadline time.Time) bool {
	var dirs []string
	stopped := errors.New("out of time")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if time.Now().After(deadline) {
			return stopped
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		return os.Remove(p)
	})
	if err != nil {
		return false
	}
	for _, p := range slices.Backward(dirs) {
		if time.Now().After(deadline) {
			return false
		}
		if err := os.Remove(p); err != nil {
			return false
		}
	}
	return true
}
