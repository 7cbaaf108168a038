package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// stage is the folder a build is written into before it is swapped in
// for the published one: a new folder beside it, or the kept previous
// build (Kept) adopted to be updated in place. It knows which folders
// exist, makes the missing ones, and writes through a file only when
// nothing else links it (overwrite): a kept tree's unchanged files are
// hard links shared with the published build, and those are removed and
// created anew.
//
// An adopted tree is known by its manifest alone, not listed (a walk of
// a large site's folders costs more than the rest of a small rebuild):
// the manifest is removed before the tree's first change, so a build that
// dies half-way leaves a tree no later build adopts.
type stage struct {
	root    string
	adopted bool

	mu      sync.Mutex
	dirs    map[string]bool // slash-separated folders known to exist; "." is root
	making  map[string]*making
	mutated bool // an adopted tree's manifest is gone
}

// making is one folder being made, which writers of its files wait for.
type making struct {
	once sync.Once
	err  error
}

// newStage makes a new, empty staging folder in parent.
func newStage(parent, prefix string) (*stage, error) {
	root, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(root, 0o755); err != nil {
		os.RemoveAll(root)
		return nil, fmt.Errorf("output: %w", err)
	}
	return &stage{root: root, dirs: map[string]bool{".": true}}, nil
}

// adoptStage takes the build folder at root, whose files m lists, to be
// updated in place.
func adoptStage(root string, m *Manifest) *stage {
	s := &stage{root: root, adopted: true, dirs: map[string]bool{".": true}}
	for _, n := range m.Names() {
		for d := slashDir(n); !s.dirs[d]; d = slashDir(d) {
			s.dirs[d] = true
		}
	}
	return s
}

func slashDir(name string) string {
	d := filepath.ToSlash(filepath.Dir(filepath.FromSlash(name)))
	if d == "" {
		return "."
	}
	return d
}

// path is where name goes in the stage.
func (s *stage) path(name string) string { return filepath.Join(s.root, filepath.FromSlash(name)) }

// mkdirFor makes name's folder if it is not known to exist. A second
// writer into the same folder waits for its creation; writers into other
// folders do not: a mkdir costs this VM's ext4 about as much as writing a
// page, and under one lock the workers took turns at it.
func (s *stage) mkdirFor(name string) error {
	dir := slashDir(name)
	s.mu.Lock()
	if s.dirs[dir] {
		s.mu.Unlock()
		return nil
	}
	if s.making == nil {
		s.making = map[string]*making{}
	}
	m := s.making[dir]
	if m == nil {
		m = &making{}
		s.making[dir] = m
	}
	s.mu.Unlock()
	m.once.Do(func() {
		// Mkdir first: the parent nearly always exists already, and
		// MkdirAll would stat the folder before making it. MkdirAll
		// takes a parent another writer makes at the same time.
		p := filepath.Join(s.root, filepath.FromSlash(dir))
		if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(p, 0o755); err != nil {
				m.err = fmt.Errorf("output: %w", err)
			}
		}
	})
	if m.err != nil {
		return m.err
	}
	s.mu.Lock()
	for d := dir; !s.dirs[d]; d = slashDir(d) {
		s.dirs[d] = true
	}
	delete(s.making, dir)
	s.mu.Unlock()
	return nil
}

// invalidate removes an adopted tree's manifest before its first change.
func (s *stage) invalidate() error {
	if !s.adopted {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mutated {
		return nil
	}
	s.mutated = true
	if err := os.Remove(filepath.Join(s.root, ManifestFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// remove deletes name from the stage, if it is there.
func (s *stage) remove(name string) error {
	if err := s.invalidate(); err != nil {
		return err
	}
	if err := os.Remove(s.path(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// write creates name holding data; there must be no file there.
func (s *stage) write(name string, data []byte) error {
	if err := s.invalidate(); err != nil {
		return err
	}
	if err := s.mkdirFor(name); err != nil {
		return err
	}
	if err := os.WriteFile(s.path(name), data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// overwrite makes name hold data, whether or not it exists. A regular
// file that no other name links is written through, over its old bytes,
// then cut to length: on ext4 that costs a third of removing the file and
// creating it again, which is what every other file gets (a hard link
// shared with the published build, or with anything outside brief, must
// not change). Not O_TRUNC: ext4 flushes a file truncated to nothing and
// written again when it is closed (auto_da_alloc), which costs more than
// creating it. A build that dies half-way through leaves torn files only
// in a tree without a manifest, which no build adopts (invalidate).
func (s *stage) overwrite(name string, data []byte) error {
	if err := s.invalidate(); err != nil {
		return err
	}
	p := s.path(name)
	if fi, err := os.Lstat(p); err == nil {
		if fi.Mode().IsRegular() && soleLink(fi) {
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err == nil {
				_, err = f.WriteAt(data, 0)
				if err == nil && fi.Size() > int64(len(data)) {
					err = f.Truncate(int64(len(data)))
				}
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					return fmt.Errorf("output: %w", err)
				}
				return nil
			}
		}
		if err := s.remove(name); err != nil {
			return err
		}
	}
	return s.write(name, data)
}

// copyFrom makes name hold a copy of the file at src (not a link to it),
// as overwrite does, with src's modification time: a file carried over
// from the copy later keeps the time it was made, as a linked one does,
// so that deploy tools comparing times (rsync, S3 sync) skip it.
func (s *stage) copyFrom(src, name string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	fi, err := f.Stat()
	var data []byte
	if err == nil {
		data, err = io.ReadAll(f)
	}
	f.Close()
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := s.overwrite(name, data); err != nil {
		return err
	}
	if err := os.Chtimes(s.path(name), fi.ModTime(), fi.ModTime()); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// link makes name a hard link to the file at src; there must be no file
// there.
func (s *stage) link(src, name string) error {
	if err := s.invalidate(); err != nil {
		return err
	}
	if err := s.mkdirFor(name); err != nil {
		return err
	}
	return os.Link(src, s.path(name))
}

// rewrite replaces brief's own file name (marker, manifest) with data.
func (s *stage) rewrite(name string, data []byte) error {
	p := s.path(name)
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// prune removes the folders of the stage that hold none of names, deepest
// first; it knows only the folders its manifest and writes told it of.
func (s *stage) prune(names []string) error {
	needed := map[string]bool{".": true}
	for _, n := range names {
		for d := slashDir(n); !needed[d]; d = slashDir(d) {
			needed[d] = true
		}
	}
	var gone []string
	for d := range s.dirs {
		if !needed[d] {
			gone = append(gone, d)
		}
	}
	// Longest first puts every folder before its parent.
	sort.Slice(gone, func(i, j int) bool { return len(gone[i]) > len(gone[j]) })
	for _, d := range gone {
		if err := s.invalidate(); err != nil {
			return err
		}
		// A folder holding something else (put there by hand) stays.
		if err := os.Remove(filepath.Join(s.root, filepath.FromSlash(d))); err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotEmpty(err) {
			return fmt.Errorf("output: %w", err)
		}
		delete(s.dirs, d)
	}
	return nil
}

// sweepRoot removes from the top level of an adopted tree whatever
// holds none of names and is not brief's own (a file left in public/ by
// hand comes back as the kept tree): one folder read, where listing the
// whole tree would cost more than a small rebuild.
func (s *stage) sweepRoot(names []string) error {
	top := map[string]bool{}
	for _, n := range names {
		first, _, _ := strings.Cut(n, "/")
		top[first] = true
	}
	entries, err := os.ReadDir(s.root)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	for _, e := range entries {
		if top[e.Name()] || ownFile(e.Name()) {
			continue
		}
		if err := s.invalidate(); err != nil {
			return err
		}
		if err := os.RemoveAll(filepath.Join(s.root, e.Name())); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	return nil
}

// discard removes the stage, unless it is an adopted tree nothing was
// changed in yet, which stays usable.
func (s *stage) discard() {
	if !s.adopted || s.mutated {
		os.RemoveAll(s.root)
	}
}
