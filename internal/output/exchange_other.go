//go:build !linux

package output

func exchange(stage, dest string) error { return swapByRename(stage, dest) }
