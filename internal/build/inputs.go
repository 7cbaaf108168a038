package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/pool"
	"github.com/brief-ssg/brief/internal/site"
)

// input is one file a build reads, with what identifies its bytes.
type input struct {
	path  string // slash-separated, relative to the site's root
	size  int64
	mtime int64 // modification time in Unix nanoseconds; 0 when unknown
	sum   [sha256.Size]byte
	// data holds the bytes when this build read them; nil when the cache
	// vouched for the file (see Cache) and nothing read it yet.
	data []byte
	err  error // the file could not be read
}

// inputs is everything a build reads from its source: site.yaml, the
// content files, templates/ and static/, sorted by path.
type inputs struct {
	files  []input
	byPath map[string]int
	// links are the symlinks found in static/, or static/ itself, each an
	// error (see staticLinkError), reported with the site's other problems.
	links []error
}

// inputRoots are the parts of a site a build reads.
var inputRoots = []string{site.FileName, content.Dir, "templates", "static"}

// scan lists and identifies the inputs of the site in src. A file the
// cache vouches for (see Cache.trusts) is not read; every other one is
// read and hashed, on every CPU.
func scan(ctx context.Context, src fs.FS, c *Cache) (*inputs, error) {
	if err := content.CheckDir(src); err != nil {
		return nil, err
	}
	var files []input
	var entries []fs.DirEntry
	var links []error
	for _, root := range inputRoots {
		if root == "static" {
			if target, ok := staticLink(src, root); ok {
				links = append(links, staticLinkError(root, target))
				continue // never walked: it would read the folder it leads to
			}
		}
		err := fs.WalkDir(src, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					return nil
				}
				return err
			}
			if !d.IsDir() && !d.Type().IsRegular() {
				if root == "static" && d.Type()&fs.ModeSymlink != 0 && readsFile(root, p, d) {
					target, _ := staticLink(src, p)
					links = append(links, staticLinkError(p, target))
				}
				return nil // symlinks and such are never read
			}
			if !readsFile(root, p, d) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				files = append(files, input{path: p})
				entries = append(entries, d)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading the site: %w", err)
		}
	}
	err := pool.Each(ctx, len(files), 0, func(i int) {
		f := &files[i]
		if c.trustsUnseen(f.path) {
			f.size, f.mtime, f.sum = c.recorded(f.path)
			return
		}
		if fi, err := entries[i].Info(); err == nil {
			f.size = fi.Size()
			if t := fi.ModTime(); !t.IsZero() {
				f.mtime = t.UnixNano()
			}
		}
		if sum, ok := c.trusts(f.path, f.size, f.mtime); ok {
			f.sum = sum
			return
		}
		f.data, f.err = readInput(src, f.path)
		if f.err != nil {
			f.err = diag.Errorf(f.path, 0, "%w", f.err)
			return
		}
		f.size = int64(len(f.data))
		f.sum = sha256.Sum256(f.data)
	})
	if err != nil {
		return nil, err
	}
	in := &inputs{files: files, byPath: make(map[string]int, len(files)), links: links}
	for i, f := range files {
		in.byPath[f.path] = i
	}
	return in, nil
}

// readsFile says whether the build reads p (or, for a folder, may read
// below it), found under root.
func readsFile(root, p string, d fs.DirEntry) bool {
	switch root {
	case content.Dir:
		if p == root {
			return true
		}
		return !content.Hidden(d.Name()) && (d.IsDir() || strings.HasSuffix(p, ".md"))
	case "templates":
		return d.IsDir() || path.Ext(p) == ".html"
	case "static":
		// Dotfiles stay private (see staticJobs).
		return p == root || d.Name()[0] != '.'
	}
	return true
}

// under lists the inputs below dir, in path order.
func (in *inputs) under(dir string) []*input {
	var out []*input
	for i := range in.files {
		if strings.HasPrefix(in.files[i].path, dir+"/") {
			out = append(out, &in.files[i])
		}
	}
	return out
}

// get returns the input at p, or nil.
func (in *inputs) get(p string) *input {
	i, ok := in.byPath[p]
	if !ok {
		return nil
	}
	return &in.files[i]
}

// read returns the bytes of the input at p, reading them if the scan did
// not. A file whose bytes no longer match its recorded sum changed during
// the build; it is an error, and the next build picks the change up.
func (in *inputs) read(src fs.FS, p string) ([]byte, error) {
	f := in.get(p)
	if f == nil {
		return nil, diag.Errorf(p, 0, "not found")
	}
	if f.err != nil {
		return nil, f.err
	}
	if f.data != nil {
		return f.data, nil
	}
	data, err := readInput(src, p)
	if err != nil {
		return nil, diag.Errorf(p, 0, "%w", err)
	}
	if sha256.Sum256(data) != f.sum {
		return nil, diag.Errorf(p, 0, "changed while the site was being built; build again")
	}
	return data, nil
}

// release drops the bytes of the input at p kept by the scan: a large
// site's content read whole would otherwise stay in memory, beside its
// parsed copy, for the whole build.
func (in *inputs) release(p string) {
	if f := in.get(p); f != nil {
		f.data = nil
	}
}

// digest is one hash of every input below dir (or the file dir), for
// telling whether a part of the site changed.
func (in *inputs) digest(dirs ...string) [sha256.Size]byte {
	h := sha256.New()
	for _, f := range in.files {
		for _, d := range dirs {
			if f.path == d || strings.HasPrefix(f.path, d+"/") {
				fmt.Fprintf(h, "%s\x00%x\x00", f.path, f.sum)
				break
			}
		}
	}
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s
}

// fingerprint hashes every input together with the options that change
// the output and the tool doing the build. Two builds with the same
// fingerprint write byte-identical sites, unless the first one was
// Volatile or a held-back article's date (Result.NextRelease) has come.
func (in *inputs) fingerprint(opt Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "brief build\x00%s\x00drafts=%t future=%t base=%s\x00", opt.Tool, opt.Drafts, opt.Future, opt.BaseURL)
	for _, f := range in.files {
		fmt.Fprintf(h, "%s\x00%x\x00", f.path, f.sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readInput reads one input with the limit its reader applies, so that a
// 1 GB file in content/ is refused after 4 MiB instead of read whole.
func readInput(src fs.FS, p string) ([]byte, error) {
	switch {
	case p == site.FileName:
		return site.ReadFile(src)
	case strings.HasPrefix(p, content.Dir+"/") && strings.HasSuffix(p, ".md"):
		return content.ReadFile(src, p)
	}
	return fs.ReadFile(src, p)
}
