package output

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one atomic step (renameat2 with
// RENAME_EXCHANGE), so a reader of dest sees either the old build or the new
// one, never nothing.
func exchange(stage, dest string) error {
	err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EXDEV) {
		return swapByRename(stage, dest)
	}
	return err
}

// lockDir takes an exclusive lock on the folder at p, so that two builds
// never update the same kept tree at once; ok is false when another
// process holds it (or it cannot be taken).
func lockDir(p string) (release func(), ok bool) {
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	if err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB); err != nil {
		unix.Close(fd)
		return nil, false
	}
	return func() { unix.Close(fd) }, true
}

// canKeep says the replaced build is kept for the next one to update.
const canKeep = true

// soleLink reports whether fi's file has no other name: only then may
// the stage write through it.
func soleLink(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink == 1
}
