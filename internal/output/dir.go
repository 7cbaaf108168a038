package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/brief-ssg/brief/internal/pool"
)

// Dir writes a build beside the published folder and swaps it in on
// Commit, so that readers and editors never see a half-written site and a
// failed build leaves the previous one untouched. It puts together three
// pieces, each tested alone: the stage being written (stage.go), the
// manifest recording each file's input key (manifest.go), and the reuse
// of unchanged files from earlier builds (reuse.go).
//
// The build replaced by the swap is kept, hidden beside the published
// one (Kept), and brought up to date with it by copying the files the
// build changed; the next build updates that tree in place, writing
// through the files nothing else links, rather than making a new one: on
// a slow disk, making 12,000 folders and linking 12,000 files costs more
// than rendering them. The kept tree is known by its manifest, so
// updating it costs in proportion to what changed. It is brief's private
// cache: its top level is checked for
// strays, but a file put by hand into one of its folders (or into one of
// public/'s, which becomes the kept tree after the next swap) may be
// published again (a Fresh Dir, `brief build --force`, starts anew).
type Dir struct {
	dest   string
	st     *stage
	re     reuse
	unlock func() // releases the lock on an adopted kept tree

	mu      sync.Mutex
	claimed map[string]bool
	next    Manifest // this build's files
	reused  int
	stamp   string
}

// DirOptions adjust OpenDir.
type DirOptions struct {
	// Fresh writes every file anew into a new folder, reusing nothing
	// from earlier builds.
	Fresh bool
}

// Kept is where the build before the one in dest is kept for the next
// build to update in place.
func Kept(dest string) string { return Beside(dest, "previous") }

// OpenDir prepares a build into dest. The staging folder is next to dest
// so that the final rename stays on one file system.
func OpenDir(dest string, opt DirOptions) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := checkReplaceable(dest); err != nil {
		return nil, err
	}
	// Staging folders of builds killed half-way are each up to a whole
	// copy of the site; removing them is best effort, never a reason to
	// refuse a build.
	_, _ = SweepStale(dest)
	d := &Dir{dest: dest, claimed: map[string]bool{}}
	if !opt.Fresh && isBuild(dest) {
		d.re.dest = dest
		d.re.prev = readManifest(dest)
	}
	if kept := Kept(dest); !opt.Fresh && isBuild(kept) {
		// Another build updating it at the same time would mix two
		// builds' files: the loser of the lock stages afresh.
		if m := readManifest(kept); m != nil {
			if unlock, ok := lockDir(kept); ok {
				d.unlock = unlock
				d.st = adoptStage(kept, m)
				d.re.kept = m
				return d, nil
			}
		}
	}
	st, err := newStage(parent, stagePrefix(dest))
	if err != nil {
		return nil, err
	}
	d.unlock = lockStage(st)
	if err := st.rewrite(Marker, markerWith("")); err != nil {
		st.discard()
		d.release()
		return nil, err
	}
	d.st = st
	return d, nil
}

// claim checks name and refuses a second write of it.
func (d *Dir) claim(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if ownFile(name) {
		return fmt.Errorf("output: %s is brief's own file", name)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.claimed[name] {
		return fmt.Errorf("output: %s written twice", name)
	}
	d.claimed[name] = true
	return nil
}

func (d *Dir) unclaim(name string) {
	d.mu.Lock()
	delete(d.claimed, name)
	d.mu.Unlock()
}

func (d *Dir) record(name string, e Entry, reused bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if reused {
		d.reused++
	}
	return d.next.Set(name, e)
}

// WriteFile writes data to name in the staging folder.
func (d *Dir) WriteFile(name string, data []byte) error { return d.WriteKeyed(name, 0, data) }

// WriteKeyed is WriteFile for a file made from inputs with the given key
// (0: none), which the build's manifest records for the next build's
// Carry. A file whose bytes are those of the published copy is linked to
// it, keeping its modification time.
func (d *Dir) WriteKeyed(name string, key uint64, data []byte) error {
	if err := d.claim(name); err != nil {
		return err
	}
	e := Entry{Key: key, Size: int64(len(data))}
	if src, ok := d.re.sameAsPublished(name, data); ok {
		if _, there := d.re.kept.Get(name); there {
			if err := d.st.remove(name); err != nil {
				return err
			}
		}
		if d.st.link(src, name) == nil {
			return d.record(name, e, true)
		}
	}
	write := d.st.write
	if d.st.adopted {
		write = d.st.overwrite
	}
	if err := write(name, data); err != nil {
		return err
	}
	return d.record(name, e, false)
}

// Carry takes name from an earlier build when that build recorded it with
// the same key, without the file being rendered or read: the copy already
// in the kept tree being updated, or else the published one, hard-linked.
// It reports false when the file must be written.
func (d *Dir) Carry(name string, key uint64) (bool, error) {
	if key == 0 {
		return false, nil
	}
	if e, ok := d.re.inPlace(name, key); ok {
		if err := d.claim(name); err != nil {
			return false, err
		}
		return true, d.record(name, e, true)
	}
	src, e, ok := d.re.published(name, key)
	if !ok {
		return false, nil
	}
	if err := d.claim(name); err != nil {
		return false, err
	}
	if _, there := d.re.kept.Get(name); there {
		if err := d.st.remove(name); err != nil {
			return false, err
		}
	}
	if err := d.st.link(src, name); err != nil {
		d.unclaim(name) // the caller writes it instead
		return false, nil
	}
	return true, d.record(name, e, true)
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

// Commit swaps the staged build in for dest. The build it replaces is
// kept (Kept) for the next build to update.
func (d *Dir) Commit() error {
	err := d.commit()
	if err != nil {
		d.Abort()
	}
	d.release()
	return err
}

func (d *Dir) release() {
	if d.unlock != nil {
		d.unlock()
		d.unlock = nil
	}
}

func (d *Dir) commit() error {
	if d.st == nil {
		return errors.New("output: build already committed or aborted")
	}
	st := d.st
	if st.adopted {
		// What the kept tree held that this build did not write goes.
		for _, n := range d.re.kept.Names() {
			if _, ok := d.next.Get(n); !ok {
				if err := st.remove(n); err != nil {
					return err
				}
			}
		}
		if err := st.prune(d.next.Names()); err != nil {
			return err
		}
		if err := st.sweepRoot(d.next.Names()); err != nil {
			return err
		}
	}
	// Marker and manifest are replaced, not written through: in a kept
	// tree they could be hard links into another build.
	if err := st.rewrite(Marker, markerWith(d.stamp)); err != nil {
		return err
	}
	if err := st.rewrite(ManifestFile, d.next.Bytes()); err != nil {
		return err
	}
	if !isBuild(d.dest) {
		// Nothing published yet (checkReplaceable let only an empty
		// folder through).
		_ = os.Remove(d.dest)
		if err := os.Rename(st.root, d.dest); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		d.st = nil
		return nil
	}
	if err := exchange(st.root, d.dest); err != nil {
		return fmt.Errorf("output: replacing %s: %w", d.dest, err)
	}
	// st.root now holds the previous build: keep it for the next one.
	// Abort must not touch it any more.
	prev := st.root
	d.st = nil
	kept := Kept(d.dest)
	if prev != kept {
		if !canKeep {
			return removeTree(prev)
		}
		if _, err := os.Lstat(kept); err == nil {
			// A kept tree this build could not adopt (no manifest, or
			// locked by another build): replace it if nobody holds it.
			unlock, ok := lockDir(kept)
			if !ok {
				return removeTree(prev)
			}
			err := os.RemoveAll(kept)
			unlock()
			if err != nil {
				return fmt.Errorf("output: removing an old kept build: %w", err)
			}
		}
		if err := os.Rename(prev, kept); err != nil {
			return removeTree(prev)
		}
	}
	d.syncKept(kept)
	return nil
}

func removeTree(p string) error {
	if err := os.RemoveAll(p); err != nil {
		return fmt.Errorf("output: removing the previous build: %w", err)
	}
	return nil
}

// syncKept brings the kept tree, which holds the build just replaced, up
// to date with the one just published, by copying the files this build
// changed: the cost of a change is paid by the build that made it, and
// the next build's in-place update costs only its own changes (without
// this, a build after one that changed every page would change every
// page again). The published build is in place already; a failure here
// only leaves the kept tree without a manifest, which no build adopts.
func (d *Dir) syncKept(kept string) {
	old := d.re.prev
	if old == nil || !isBuild(kept) {
		return // not known by a manifest: the next build replaces it
	}
	unlock, ok := lockDir(kept)
	if !ok {
		return
	}
	defer unlock()
	ks := adoptStage(kept, old)
	if ks.invalidate() != nil {
		return
	}
	var changed []string
	for _, name := range d.next.Names() {
		e, _ := d.next.Get(name)
		if oe, ok := old.Get(name); ok && oe.Key != 0 && oe == e {
			continue
		}
		changed = append(changed, name)
	}
	// A copy, not a link: the next build writes through it in place
	// (stage.overwrite), which it may not do to a shared file. The copies
	// wait on the disk more than on the CPU, hence more workers than CPUs.
	var failed atomic.Bool
	pool.Each(context.Background(), len(changed), 2*runtime.GOMAXPROCS(0), func(i int) {
		if !failed.Load() && ks.copyFrom(filepath.Join(d.dest, filepath.FromSlash(changed[i])), changed[i]) != nil {
			failed.Store(true)
		}
	})
	if failed.Load() {
		return
	}
	for _, name := range old.Names() {
		if _, ok := d.next.Get(name); !ok {
			if ks.remove(name) != nil {
				return
			}
		}
	}
	names := d.next.Names()
	if ks.prune(names) != nil || ks.sweepRoot(names) != nil || ks.rewrite(Marker, markerWith(d.stamp)) != nil {
		return
	}
	_ = ks.rewrite(ManifestFile, d.next.Bytes())
}

// Abort discards the staged build; dest is left as it was. A kept tree
// that nothing was changed in yet stays as it is; one half updated is
// removed, so that whatever went wrong in it cannot fail the next build.
func (d *Dir) Abort() {
	if d.st != nil {
		d.st.discard()
		d.st = nil
	}
	d.release()
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
