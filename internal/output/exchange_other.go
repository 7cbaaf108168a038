//go:build !linux

package output

import "os"

func exchange(stage, dest string) error { return swapByRename(stage, dest) }

// lockDir is not available here: kept trees are never updated in place,
// each build writes a fresh staging folder.
func lockDir(p string) (release func(), ok bool) { return nil, false }

// canKeep says the replaced build is kept for the next one to update:
// not without lockDir.
const canKeep = false

// soleLink reports whether fi's file has no other name; not known here,
// so the stage never writes through a file.
func soleLink(fi os.FileInfo) bool { return false }
