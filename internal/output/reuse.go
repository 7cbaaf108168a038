package output

import (
	"bytes"
	"os"
	"path/filepath"
)

// reuse finds, for a file of the build being written, a copy an earlier
// build made that can stand for it, so that it is neither rendered nor
// written: the one already in the adopted stage (the build before the
// published one), or the published build's, hard-linked.
type reuse struct {
	dest string    // the published build; "" when there is none
	prev *Manifest // dest's manifest
	kept *Manifest // the adopted stage's; nil for a new stage
}

// inPlace reports whether the adopted stage holds name made from inputs
// with key, and if so its entry.
func (r *reuse) inPlace(name string, key uint64) (Entry, bool) {
	e, ok := r.kept.Get(name)
	return e, ok && key != 0 && e.Key == key
}

// published returns the path of the published copy of name when it was
// made from inputs with key and is still a regular file of the recorded
// size (a cheap check against a file changed by hand since; Lstat also
// keeps a symlink put in a file's place from being linked).
func (r *reuse) published(name string, key uint64) (string, Entry, bool) {
	e, ok := r.prev.Get(name)
	if !ok || key == 0 || e.Key != key || r.dest == "" {
		return "", Entry{}, false
	}
	src := filepath.Join(r.dest, filepath.FromSlash(name))
	fi, err := os.Lstat(src)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.Size {
		return "", Entry{}, false
	}
	return src, e, true
}

// sameAsPublished returns the path of the published copy of name when it
// holds data, so that a rendered file whose bytes did not change is
// linked and keeps its modification time.
func (r *reuse) sameAsPublished(name string, data []byte) (string, bool) {
	if r.dest == "" {
		return "", false
	}
	src := filepath.Join(r.dest, filepath.FromSlash(name))
	fi, err := os.Lstat(src)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return "", false
	}
	old, err := os.ReadFile(src)
	return src, err == nil && bytes.Equal(old, data)
}
