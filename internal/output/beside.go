package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Beside is the path of brief's file of the given kind for the build in
// dest: hidden next to dest, like the kept tree (Kept), and never inside
// it. What a build knows about its inputs (drafts and future articles
// included) must not be published with the site, and a folder that is
// uploaded whole would carry it.
func Beside(dest, kind string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+"-"+kind)
}

// ReadBeside returns the file of the given kind beside the build in dest,
// or nil when dest holds no build of brief's or the file is missing or not
// a regular file.
func ReadBeside(dest, kind string) []byte {
	if !isBuild(dest) {
		return nil
	}
	name := Beside(dest, kind)
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	return data
}

// WriteBeside replaces the file of the given kind beside dest with what
// data writes, atomically: a temporary file renamed over it, so a reader
// sees the old bytes or the new, never a mix. Whatever stood at that name
// that is not a regular file (a folder, a link) is refused rather than
// replaced. data writes through a buffer, so it may write in small pieces
// (a cache file of 10 MB is mostly kept slices of the last one, copied
// straight from them rather than assembled in memory first).
func WriteBeside(dest, kind string, data io.WriterTo) error {
	_, err := ReplaceFile(Beside(dest, kind), 0o600, data)
	return err
}

// ReplaceFile replaces the file name with what data writes, atomically: a
// temporary file in the same folder, given mode perm, renamed over it, so
// a reader sees the old bytes or the new, never a mix, and a failure
// leaves the old file as it was. Whatever stood at name that is not a
// regular file (a folder, a link) is refused rather than replaced. data
// writes through a buffer, so it may write in small pieces. It returns
// the bytes written.
func ReplaceFile(name string, perm os.FileMode, data io.WriterTo) (int64, error) {
	if fi, err := os.Lstat(name); err == nil && !fi.Mode().IsRegular() {
		return 0, fmt.Errorf("output: %s is not a file brief wrote; move it away", name)
	}
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp-*")
	if err != nil {
		return 0, fmt.Errorf("output: %w", err)
	}
	tmp := f.Name()
	w := bufio.NewWriterSize(f, 256<<10)
	n, err := data.WriteTo(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil && perm != 0o600 {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return 0, fmt.Errorf("output: %w", err)
	}
	return n, nil
}
