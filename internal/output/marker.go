package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is written into every build folder. A folder without it is not
// ours to replace: a mistyped --dest must never wipe an editor's files.
// It also carries the build's stamp (Dir.SetStamp).
const Marker = ".brief-build"

const markerText = "This folder is built by brief and replaced whole on every build.\nDo not keep anything else here.\n"

// stampPrefix starts the marker file's stamp line.
const stampPrefix = "stamp: "

// markerWith is the marker's text carrying stamp.
func markerWith(stamp string) []byte {
	text := markerText
	if stamp != "" {
		text += stampPrefix + strings.ReplaceAll(stamp, "\n", " ") + "\n"
	}
	return []byte(text)
}

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

// ownFile says name is one of brief's own dotfiles (the marker, the
// manifest), which a site's files may not take.
func ownFile(name string) bool {
	return strings.HasPrefix(name, ".brief-")
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

// readManifest reads the manifest of the build folder dir; nil when it
// has none this brief can read.
func readManifest(dir string) *Manifest {
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil
	}
	m, err := ParseManifest(data)
	if err != nil {
		return nil
	}
	return m
}
