package build

import (
	"io/fs"

	"github.com/brief-ssg/brief/internal/diag"
)

// Symlinks in static/. Everything static/ holds is published as it is,
// so a link there, or a static/ that is itself a link, could publish any
// file or folder on the editor's disk (a home folder, SSH keys). brief
// follows none: each is an error that names the link and its target, so
// that nothing is published behind the editor's back and nothing the
// editor meant to publish goes missing without a word.

// staticLink reports whether name in src is a symlink, and its target.
// A file system that cannot tell (fs.ReadLinkFS) has no links.
func staticLink(src fs.FS, name string) (target string, ok bool) {
	rl, isRL := src.(fs.ReadLinkFS)
	if !isRL {
		return "", false
	}
	fi, err := rl.Lstat(name)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return "", false
	}
	target, err = rl.ReadLink(name)
	if err != nil {
		target = "?"
	}
	return target, true
}

// staticLinkError is the error for the link at p (static, or a file or
// folder in it) leading to target.
func staticLinkError(p, target string) error {
	if p == "static" {
		return diag.Errorf(p, 0, "is a symlink (to %s), and brief follows no link in static/: it publishes static/ as it is, so a link could publish any folder on your disk; make static a real folder and copy into it the files to publish", target)
	}
	return diag.Errorf(p, 0, "is a symlink (to %s), and brief follows no link in static/, which could publish any file on your disk; copy the file itself into static/, or remove the link", target)
}
