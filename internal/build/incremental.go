package build

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"sort"

	"github.com/brief-ssg/brief/internal/output"
)

// Incremental builds one site again and again as its files change, as a
// preview server does, into memory. It keeps a Cache (see there for what
// is reused and when) and the previous build's files, from which every
// file whose input key did not change is carried over. An edit to one
// article's note thus renders that article's page and the lists and
// feeds that show it, not the whole site; the output is the same, byte
// for byte, as a full Build of the same files.
//
// An Incremental is not safe for concurrent use.
type Incremental struct {
	src   fs.FS
	opt   Options
	cache *Cache
	last  *output.Memory // the last good build
}

// inMemoryTool names the builder in the input keys of an Incremental's
// files: they never leave the process, so the executable need not be
// hashed.
const inMemoryTool = "brief (in memory)"

// NewIncremental prepares incremental builds of the site in src. Nothing is
// read until the first Build, which builds everything. Changes must be
// reported with Changed: files nobody reported are taken as unchanged.
func NewIncremental(src fs.FS, opt Options) *Incremental {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Tool == "" {
		opt.Tool = inMemoryTool
	}
	c := NewCache()
	c.Watch()
	opt.Cache = c
	return &Incremental{src: src, opt: opt, cache: c}
}

// Changed tells the builder which paths changed since the last call: files
// or folders, slash-separated and relative to the site's root, such as
// "content/articles/x.md", "templates" or "site.yaml". A path the builder
// cannot place (such as ".") makes the next build start afresh.
func (b *Incremental) Changed(paths ...string) { b.cache.Changed(paths...) }

// Update is the outcome of one incremental build.
type Update struct {
	// Files is the whole site after the build, by output name. It is not
	// modified afterwards, so it may be served while later builds run.
	Files map[string][]byte
	// Changed lists, sorted, the files created or whose bytes changed;
	// Removed those gone since the previous build.
	Changed, Removed []string
	// Rendered counts the files rendered (or copied) by this build; the
	// rest kept their bytes from the previous one.
	Rendered int
	Result   *Result
}

// Build brings the site up to date with the changes reported since the
// last successful build. On error the previous build stands, and the next
// Build starts from it again.
func (b *Incremental) Build(ctx context.Context) (*Update, error) {
	out := output.NewMemory()
	if b.last != nil {
		out = b.last.Next()
	}
	res, err := Build(ctx, b.src, out, b.opt)
	if err != nil {
		return nil, err
	}
	u := &Update{Files: out.Files(), Rendered: res.Rendered, Result: res}
	var prev map[string][]byte
	if b.last != nil {
		prev = b.last.Files()
	}
	for name, data := range u.Files {
		old, had := prev[name]
		if !had || !out.Carried(name) && !bytes.Equal(old, data) {
			u.Changed = append(u.Changed, name)
		}
	}
	for name := range prev {
		if _, ok := u.Files[name]; !ok {
			u.Removed = append(u.Removed, name)
		}
	}
	sort.Strings(u.Changed)
	sort.Strings(u.Removed)
	b.last = out
	b.opt.Log.Debug("incremental build", "files", len(u.Files), "rendered", u.Rendered,
		"changed", len(u.Changed), "removed", len(u.Removed), "took", res.Duration)
	return u, nil
}
