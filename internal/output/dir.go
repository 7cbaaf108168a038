package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
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
//
// The build before the current one is kept after the swap, hidden beside
// dest (Kept), and the next build is made by updating that tree in place
// rather than in a new folder: on this project's VM disk, making a folder
// costs ~0.3 ms and removing a tree ~0.5 ms per entry, so a fresh staging
// tree for 12,000 pages plus removing the old one cost more than
// rendering them. Updating in place removes and writes only what differs,
// and a file is never written through: it is removed and created anew, as
// most files of the kept tree are hard links shared with the published
// one. Readers never see the kept tree, and the swap stays one atomic
// exchange.
type Dir struct {
	dest  string // the published folder, e.g. public
	stage string // where this build is written
	old   string // dest as it was, for reuse; "" when there was none
	// inPlace says stage is the kept build being updated; existing then
	// holds its regular files (with sizes) not yet claimed by this build
	// and found its folders, and stageKeys is its manifest.
	inPlace   bool
	existing  map[string]int64
	found     []string
	stageKeys map[string]keyed
	mutated   bool
	unlock    func() // releases the lock on the kept tree
	// listed is closed when adopt's listing of the kept tree (into dirs,
	// found and existing) is done, with listErr.
	listed  chan struct{}
	listErr error

	mu      sync.Mutex
	dirs    map[string]bool
	written map[string]bool
	reused  int
	stamp   string

	// prevKeys are the input keys the build in dest recorded (its
	// manifest), keys those of this one.
	prevKeys, keys map[string]keyed
}

// keyed is a file's entry in the manifest: the key of its inputs (zero for
// a file written without one), and its size as a cheap check that the
// file is still what was written.
type keyed struct {
	key  uint64
	size int64
}

// Kept is where the build before the one in dest is kept for the next
// build to update in place.
func Kept(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+"-previous")
}

// NewDir prepares a build into dest. The staging folder is next to dest
// so that the final rename stays on one file system.
func NewDir(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := checkReplaceable(dest); err != nil {
		return nil, err
	}
	d := &Dir{dest: dest, dirs: map[string]bool{".": true}, written: map[string]bool{Marker: true, Manifest: true}, keys: map[string]keyed{}}
	if _, err := os.Stat(dest); err == nil {
		d.old = dest
		d.prevKeys = readManifest(filepath.Join(dest, Manifest))
	}
	if kept := Kept(dest); isBuild(kept) {
		// Another build updating it at the same time would mix two
		// builds' files: the loser of the lock stages afresh.
		if unlock, ok := lockDir(kept); ok {
			d.unlock = unlock
			d.adopt(kept)
			return d, nil
		}
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+"-build-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(stage, 0o755); err != nil {
		os.RemoveAll(stage)
		return nil, fmt.Errorf("output: %w", err)
	}
	d.stage = stage
	if err := os.WriteFile(filepath.Join(stage, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(stage)
		return nil, fmt.Errorf("output: %w", err)
	}
	return d, nil
}

// isBuild reports whether dir is a folder holding brief's marker.
func isBuild(dir string) bool {
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() {
		return false
	}
	fi, err = os.Lstat(filepath.Join(dir, Marker))
	return err == nil && fi.Mode().IsRegular()
}

// adopt makes the kept build at dir this build's stage. Listing what is
// there, so that files are replaced only where they differ and whatever
// this build does not write is removed at Commit, takes a walk with an
// lstat per file (0.8 s at 10k pages on this VM's disk), so it runs in the
// background while the caller loads and renders the site; the Dir's
// methods wait for it before touching the tree.
func (d *Dir) adopt(dir string) {
	d.stage, d.inPlace = dir, true
	d.stageKeys = readManifest(filepath.Join(dir, Manifest))
	d.existing = map[string]int64{}
	d.listed = make(chan struct{})
	go func() {
		defer close(d.listed)
		d.listErr = d.list(dir)
	}()
}

// wait waits for adopt's listing; an error means the kept tree cannot be
// used, and fails the build (Abort then removes the tree).
func (d *Dir) wait() error {
	if d.listed == nil {
		return nil
	}
	<-d.listed
	if d.listErr != nil {
		return fmt.Errorf("output: reading the kept build: %w", d.listErr)
	}
	return nil
}

// list records the folders and files of the kept tree at dir.
func (d *Dir) list(dir string) error {
	return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		switch {
		case e.IsDir():
			d.dirs[rel] = true
			if rel != "." {
				d.found = append(d.found, rel)
			}
		case rel == Marker || rel == Manifest:
		case e.Type().IsRegular():
			fi, err := e.Info()
			if err != nil {
				return err
			}
			d.existing[filepath.ToSlash(rel)] = fi.Size()
		default:
			d.existing[filepath.ToSlash(rel)] = -1 // a symlink or such: always replaced
		}
		return nil
	})
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
	if err := d.wait(); err != nil {
		return err
	}
	target, err := d.claim(name)
	if err != nil {
		return err
	}
	if d.inPlace {
		// Whatever happens next, the kept tree is no longer what its
		// manifest says.
		if err := d.invalidate(); err != nil {
			return err
		}
		if size, ok := d.take(name); ok {
			if size == int64(len(data)) && sameBytes(target, data) {
				d.count()
				return nil
			}
			if err := d.remove(target); err != nil {
				return err
			}
		}
	}
	if d.old != "" && d.reuse(name, target, data) {
		return nil
	}
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// WriteKeyed is WriteFile for a file made from inputs with the given key,
// which the build's manifest records for the next build's Carry.
func (d *Dir) WriteKeyed(name string, key uint64, data []byte) error {
	if err := d.WriteFile(name, data); err != nil {
		return err
	}
	d.record(name, keyed{key, int64(len(data))})
	return nil
}

// record notes name's entry for the manifest.
func (d *Dir) record(name string, k keyed) {
	if strings.ContainsRune(name, '\n') {
		return // not recordable in the manifest's lines; never carried
	}
	d.mu.Lock()
	d.keys[name] = k
	d.mu.Unlock()
}

// Carry takes name from an earlier build when that build recorded it with
// the same key, without the file being rendered or read: the copy already
// in the kept tree being updated, or else dest's, hard-linked. Reading back
// and comparing every old file cost more than rendering it on this VM's
// disk. It reports false when the file must be written.
func (d *Dir) Carry(name string, key uint64) (bool, error) {
	if err := d.wait(); err != nil {
		return false, err
	}
	if d.inPlace {
		d.mu.Lock()
		size, there := d.existing[name]
		d.mu.Unlock()
		// The recorded size guards against a file changed by hand since.
		if k, ok := d.stageKeys[name]; ok && there && k.key == key && k.size == size {
			if _, err := d.claim(name); err != nil {
				return false, err
			}
			d.take(name)
			d.record(name, k)
			d.count()
			return true, nil
		}
	}
	prev, ok := d.prevKeys[name]
	if !ok || prev.key != key {
		return false, nil
	}
	src := filepath.Join(d.old, filepath.FromSlash(name))
	// Lstat also keeps a symlink put in a file's place from being carried.
	fi, err := os.Lstat(src)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != prev.size {
		return false, nil
	}
	target, err := d.claim(name)
	if err != nil {
		return false, err
	}
	if _, ok := d.take(name); ok {
		if err := d.remove(target); err != nil {
			return false, err
		}
	}
	if err := os.Link(src, target); err != nil {
		// Unclaim, so that the caller can write the file instead.
		d.mu.Lock()
		delete(d.written, name)
		d.mu.Unlock()
		return false, nil
	}
	d.record(name, prev)
	d.count()
	return true, nil
}

// take removes name from the files the kept tree held that this build has
// not claimed yet, returning its size.
func (d *Dir) take(name string) (int64, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	size, ok := d.existing[name]
	delete(d.existing, name)
	return size, ok
}

// remove deletes a file of the kept tree, first invalidating the tree's
// manifest: from now on it describes files that are gone, and a build
// that fails before Commit must not leave it behind to be trusted.
func (d *Dir) remove(target string) error {
	if err := d.invalidate(); err != nil {
		return err
	}
	if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

func (d *Dir) invalidate() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.mutated {
		return nil
	}
	d.mutated = true
	if err := os.Remove(filepath.Join(d.stage, Manifest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

func (d *Dir) count() {
	d.mu.Lock()
	d.reused++
	d.mu.Unlock()
}

// sameBytes reports whether the file at p holds data.
func sameBytes(p string, data []byte) bool {
	old, err := os.ReadFile(p)
	return err == nil && bytes.Equal(old, data)
}

// claim checks name, refuses a second write of it and makes its folder;
// it returns the path to write.
func (d *Dir) claim(name string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	d.mu.Lock()
	if d.written[name] {
		d.mu.Unlock()
		return "", fmt.Errorf("output: %s written twice", name)
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
				return "", fmt.Errorf("output: %w", err)
			}
		}
		d.dirs[dir] = true
	}
	d.mu.Unlock()
	return target, nil
}

// reuse links dest's copy of name when its bytes are data.
func (d *Dir) reuse(name, target string, data []byte) bool {
	prev := filepath.Join(d.old, filepath.FromSlash(name))
	fi, err := os.Lstat(prev)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	if !sameBytes(prev, data) || os.Link(prev, target) != nil {
		return false
	}
	d.count()
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

// Manifest lists, in every build folder, the input key and size of each
// file written with one (WriteKeyed, Carry), for the next build's Carry.
// It starts with manifestHeader; a manifest in another format is ignored.
// Keys from another brief or other options never match: the build folds
// those into every key.
const Manifest = ".brief-inputs"

const manifestHeader = "brief inputs v1\n"

// readManifest parses a build's manifest; nil when there is none or it is
// not one this brief wrote.
func readManifest(file string) map[string]keyed {
	data, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(data, []byte(manifestHeader)) {
		return nil
	}
	m := map[string]keyed{}
	for _, line := range strings.Split(string(data[len(manifestHeader):]), "\n") {
		// "key size name", the key in hex; names may hold spaces.
		k, rest, ok1 := strings.Cut(line, " ")
		sz, name, ok2 := strings.Cut(rest, " ")
		key, err1 := strconv.ParseUint(k, 16, 64)
		size, err2 := strconv.ParseInt(sz, 10, 64)
		if !ok1 || !ok2 || err1 != nil || err2 != nil || CheckName(name) != nil {
			continue
		}
		m[name] = keyed{key, size}
	}
	return m
}

// writeManifest writes the build's manifest, sorted so that the same
// build writes the same bytes. Files written without a key (static
// files) are not listed: they are compared byte for byte.
func (d *Dir) writeManifest() error {
	names := make([]string, 0, len(d.keys))
	for n := range d.keys {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, n := range names {
		k := d.keys[n]
		fmt.Fprintf(&b, "%016x %d %s\n", k.key, k.size, n)
	}
	return rewrite(filepath.Join(d.stage, Manifest), b.Bytes())
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
	if err := d.wait(); err != nil {
		return err
	}
	if d.inPlace {
		if err := d.prune(); err != nil {
			return err
		}
	}
	// Marker and manifest are removed before being written: in a kept tree
	// they could be hard links into another build.
	text := markerText
	if d.stamp != "" {
		text += stampPrefix + strings.ReplaceAll(d.stamp, "\n", " ") + "\n"
	}
	if err := rewrite(filepath.Join(d.stage, Marker), []byte(text)); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := d.writeManifest(); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	kept := Kept(d.dest)
	if d.old == "" {
		if err := os.Rename(d.stage, d.dest); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		d.stage = ""
		return nil
	}
	if err := exchange(d.stage, d.dest); err != nil {
		return fmt.Errorf("output: replacing %s: %w", d.dest, err)
	}
	// d.stage now holds the previous build: keep it for the next one.
	// Abort must not touch it any more.
	prev := d.stage
	d.stage = ""
	if prev == kept {
		return nil
	}
	if _, err := os.Lstat(kept); canKeep && errors.Is(err, fs.ErrNotExist) && os.Rename(prev, kept) == nil {
		return nil
	}
	if err := os.RemoveAll(prev); err != nil {
		return fmt.Errorf("output: removing the previous build: %w", err)
	}
	return nil
}

// prune removes from a kept tree what this build did not write: files,
// then folders left empty, deepest first.
func (d *Dir) prune() error {
	if len(d.existing) > 0 {
		if err := d.invalidate(); err != nil {
			return err
		}
	}
	for name := range d.existing {
		if err := os.Remove(filepath.Join(d.stage, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("output: %w", err)
		}
	}
	d.existing = nil
	needed := map[string]bool{}
	for name := range d.written {
		for dir := filepath.Dir(filepath.FromSlash(name)); dir != "." && !needed[dir]; dir = filepath.Dir(dir) {
			needed[dir] = true
		}
	}
	var gone []string
	for _, dir := range d.found {
		if !needed[dir] {
			gone = append(gone, dir)
		}
	}
	// Longest first puts every folder before its parent.
	sort.Slice(gone, func(i, j int) bool { return len(gone[i]) > len(gone[j]) })
	for _, dir := range gone {
		if err := d.invalidate(); err != nil {
			return err
		}
		if err := os.Remove(filepath.Join(d.stage, dir)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("output: %w", err)
		}
	}
	return nil
}

// rewrite replaces the file at p with a new one holding data.
func rewrite(p string, data []byte) error {
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// Abort discards the staged build; dest is left as it was. A kept tree
// that nothing was changed in yet stays as it is; one half updated is
// removed, so that whatever went wrong in it cannot fail the next build.
func (d *Dir) Abort() {
	if d.inPlace && d.stage != "" && d.wait() != nil {
		d.mutated = true // unreadable: of no use to the next build either
	}
	if d.stage != "" && (!d.inPlace || d.mutated) {
		os.RemoveAll(d.stage)
	}
	d.stage = ""
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
