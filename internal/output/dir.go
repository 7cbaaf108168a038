package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir writes a build beside the current output folder and swaps it in on
// Commit, so that readers and editors never see a half-written site and a
// failed build leaves the previous one untouched.
//
// A file whose bytes are the same as in the previous build is hard-linked
// from it instead of written again: a rebuild with nothing changed writes
// almost nothing, and unchanged files keep their modification times, which
// keeps rsync-style publishing cheap.
type Dir struct {
	dest  string // the published folder, e.g. public
	stage string // where this build is written
	old   string // dest as it was, for reuse; "" when there was none

	mu      sync.Mutex
	dirs    map[string]bool
	written map[string]bool
	reused  int
	stamp   string
}

// NewDir prepares a build into dest. The staging folder is created next to
// dest so that the final rename stays on one file system.
func NewDir(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+"-build-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(stage, 0o755); err != nil {
		os.RemoveAll(stage)
		return nil, fmt.Errorf("output: %w", err)
	}
	d := &Dir{dest: dest, stage: stage, dirs: map[string]bool{".": true}, written: map[string]bool{Marker: true}}
	if err := checkReplaceable(dest); err != nil {
		os.RemoveAll(stage)
		return nil, err
	}
	if _, err := os.Stat(dest); err == nil {
		d.old = dest
	}
	if err := os.WriteFile(filepath.Join(stage, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(stage)
		return nil, fmt.Errorf("output: %w", err)
	}
	return d, nil
}

// Marker is written into every build folder. A folder without it is not
// ours to replace: a mistyped --dest must never wipe an editor's files.
const Marker = ".brief-build"

const markerText = "This folder is built by brief and replaced whole on every build.\nDo not keep anything else here.\n"

// checkReplaceable accepts a dest that does not exist, is empty, or holds a
// previous build.
func checkReplaceable(dest string) error {
	fi, err := os.Stat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output: %s exists and is not a folder; remove it or choose another destination", dest)
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("output: %s is not empty and was not built by brief (no %s file in it); refusing to replace it: move its files away or choose another destination", dest, Marker)
	}
	return nil
}

// WriteFile writes data to name in the staging folder.
func (d *Dir) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	d.mu.Lock()
	if d.written[name] {
		d.mu.Unlock()
		return fmt.Errorf("output: %s written twice", name)
	}
	d.written[name] = true
	target := filepath.Join(d.stage, filepath.FromSlash(name))
	// Folders are made under the lock: a second writer into the same folder
	// must not race ahead of its creation.
	dir := filepath.Dir(filepath.FromSlash(name))
	if !d.dirs[dir] {
		// Mkdir first: the parent nearly always exists already, and
		// MkdirAll would stat the folder before making it, one more system
		// call per page, which costs real time on slow disks.
		parent := filepath.Dir(target)
		if err := os.Mkdir(parent, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				d.mu.Unlock()
				return fmt.Errorf("output: %w", err)
			}
		}
		d.dirs[dir] = true
	}
	d.mu.Unlock()

	if d.old != "" && d.reuse(name, target, data) {
		return nil
	}
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// reuse links the previous build's copy of name when its bytes are data.
func (d *Dir) reuse(name, target string, data []byte) bool {
	prev := filepath.Join(d.old, filepath.FromSlash(name))
	fi, err := os.Lstat(prev)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(prev)
	if err != nil || !bytes.Equal(old, data) {
		return false
	}
	if os.Link(prev, target) != nil {
		return false
	}
	d.mu.Lock()
	d.reused++
	d.mu.Unlock()
	return true
}

// Reused reports how many files were carried over unchanged.
func (d *Dir) Reused() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.reused
}

// SetStamp records s in the build's marker file, where ReadStamp finds it
// after Commit. The stamp travels with the files it describes, swapped in
// in the same step, so it can never describe another build's output.
func (d *Dir) SetStamp(s string) {
	d.mu.Lock()
	d.stamp = s
	d.mu.Unlock()
}

// stampPrefix starts the marker file's stamp line.
const stampPrefix = "stamp: "

// ReadStamp returns the stamp of the build in dest, or "" when it has
// none.
func ReadStamp(dest string) string {
	data, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if s, ok := strings.CutPrefix(line, stampPrefix); ok {
			return s
		}
	}
	return ""
}

// Commit swaps the staged build in for dest and removes the previous one.
func (d *Dir) Commit() error {
	if d.stamp != "" {
		text := markerText + stampPrefix + strings.ReplaceAll(d.stamp, "\n", " ") + "\n"
		if err := os.WriteFile(filepath.Join(d.stage, Marker), []byte(text), 0o644); err != nil {
			d.Abort()
			return fmt.Errorf("output: %w", err)
		}
	}
	if d.old == "" {
		if err := os.Rename(d.stage, d.dest); err != nil {
			d.Abort()
			return fmt.Errorf("output: %w", err)
		}
		return nil
	}
	if err := exchange(d.stage, d.dest); err != nil {
		d.Abort()
		return fmt.Errorf("output: replacing %s: %w", d.dest, err)
	}
	// d.stage now holds the previous build.
	if err := os.RemoveAll(d.stage); err != nil {
		return fmt.Errorf("output: removing the previous build: %w", err)
	}
	return nil
}

// Abort discards the staged build; dest is left as it was.
func (d *Dir) Abort() {
	if d.stage != "" {
		os.RemoveAll(d.stage)
	}
}

// swapByRename is the fallback where the kernel cannot exchange two folders
// in one step: move the old build aside, move the new one in, and move the
// old one back into the staging name for removal. Between the two renames
// dest briefly does not exist; it never holds a mix of two builds.
func swapByRename(stage, dest string) error {
	aside := stage + ".old"
	if err := os.Rename(dest, aside); err != nil {
		return err
	}
	if err := os.Rename(stage, dest); err != nil {
		if rerr := os.Rename(aside, dest); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return os.Rename(aside, stage)
}
