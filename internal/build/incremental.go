package build

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
)

// Incremental builds one site again and again as its files change, as a
// preview server does, redoing only the work a change touches:
//
//   - content files are parsed again only when they changed (content.Loader),
//     and so is the per-article work that depends on them alone (memo);
//   - site.yaml and templates/ are read again only when they changed;
//   - every output file's inputs are fingerprinted (hash.go), and only the
//     files whose fingerprint changed are rendered; the others keep their
//     bytes from the previous build.
//
// An edit to one article's note thus renders that article's page and the
// lists and feeds that show it, not the whole site. The output is the same,
// byte for byte, as a full Build of the same files.
//
// An Incremental is not safe for concurrent use.
type Incremental struct {
	src fs.FS
	opt Options
	c   cache

	// The last good build: its files with their fingerprints, and the
	// article body hashes it computed.
	files  map[string]builtFile
	bodies map[*content.Article]uint64

	// Changes seen since the last good build that fingerprints do not
	// cover; they stay set until a build succeeds.
	renderAll, staticChanged bool
}

type builtFile struct {
	data []byte
	key  uint64
}

// cache is what Load may reuse from earlier builds. A nil *cache reuses
// nothing, which is what a one-off Build wants.
type cache struct {
	cfg      *site.Config
	cfgErr   error
	cfgValid bool

	tmpl      *render.Templates
	tmplErr   error
	tmplValid bool

	loader    *content.Loader
	loaderLoc string
	mm        *memo
}

func (c *cache) config(src fs.FS, baseURL string) (*site.Config, error) {
	if c == nil {
		return loadConfig(src, baseURL)
	}
	if !c.cfgValid {
		c.cfg, c.cfgErr = loadConfig(src, baseURL)
		c.cfgValid = true
	}
	return c.cfg, c.cfgErr
}

func (c *cache) templates(src fs.FS) (*render.Templates, error) {
	if c == nil {
		return loadTemplates(src)
	}
	if !c.tmplValid {
		c.tmpl, c.tmplErr = loadTemplates(src)
		c.tmplValid = true
	}
	return c.tmpl, c.tmplErr
}

func (c *cache) content(ctx context.Context, src fs.FS, loc *time.Location) (*content.Set, error) {
	if c == nil {
		return content.Load(ctx, src, loc)
	}
	if c.loader == nil || c.loaderLoc != loc.String() {
		c.loader = content.NewLoader(src, loc)
		c.loaderLoc = loc.String()
	}
	return c.loader.Load(ctx)
}

func (c *cache) memo() *memo {
	if c == nil {
		return nil
	}
	if c.mm == nil {
		c.mm = newMemo()
	}
	c.mm.rotate()
	return c.mm
}

// NewIncremental prepares incremental builds of the site in src. Nothing is
// read until the first Build, which builds everything.
func NewIncremental(src fs.FS, opt Options) *Incremental {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Incremental{src: src, opt: opt, renderAll: true, staticChanged: true}
}

// Changed tells the builder which paths changed since the last call: files
// or folders, slash-separated and relative to the site's root, such as
// "content/articles/x.md", "templates" or "site.yaml". A path the builder
// cannot place (such as ".") makes the next build start afresh.
func (b *Incremental) Changed(paths ...string) {
	for _, p := range paths {
		switch {
		case p == site.FileName:
			// The time zone and topics feed into every article.
			b.c.cfgValid = false
			b.c.loader = nil
			b.c.mm = nil
			b.renderAll = true
		case under(p, "templates"):
			b.c.tmplValid = false
			b.renderAll = true
		case under(p, "static"):
			b.staticChanged = true
		case under(p, content.Dir):
			if b.c.loader != nil {
				b.c.loader.Forget(p)
			}
		default:
			b.c = cache{}
			b.renderAll, b.staticChanged = true, true
		}
	}
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

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
// last successful build. On error the previous build stands and the changes
// stay pending, so the next Build retries them.
func (b *Incremental) Build(ctx context.Context) (*Update, error) {
	start := time.Now()
	opt := b.opt
	if opt.Now.IsZero() {
		opt.Now = start
	}
	m, err := load(ctx, b.src, opt, &b.c)
	if err != nil {
		return nil, err
	}
	jobs, err := m.jobs()
	if err != nil {
		return nil, err
	}
	h := newHasher(m.Templates, b.bodies)
	keys := make([]uint64, len(jobs))
	var todo []job
	for i, j := range jobs {
		keys[i] = h.key(j.in)
		prev, ok := b.files[j.name]
		_, static := j.in.(staticFile)
		if !ok || prev.key != keys[i] || b.renderAll || static && b.staticChanged {
			todo = append(todo, j)
		}
	}
	out := &collector{files: make(map[string][]byte, len(todo))}
	if err := runJobs(ctx, todo, nil, out, opt.Workers, opt.Progress); err != nil {
		return nil, err
	}

	u := &Update{Files: make(map[string][]byte, len(jobs)), Rendered: len(todo), Result: m.result(jobs)}
	files := make(map[string]builtFile, len(jobs))
	for i, j := range jobs {
		prev, had := b.files[j.name]
		data, rendered := out.files[j.name]
		if !rendered {
			data = prev.data
		} else if !had || !bytes.Equal(prev.data, data) {
			u.Changed = append(u.Changed, j.name)
		}
		files[j.name] = builtFile{data: data, key: keys[i]}
		u.Files[j.name] = data
	}
	for name := range b.files {
		if _, ok := files[name]; !ok {
			u.Removed = append(u.Removed, name)
		}
	}
	sort.Strings(u.Changed)
	sort.Strings(u.Removed)
	b.files, b.bodies = files, h.bodies
	b.renderAll, b.staticChanged = false, false
	u.Result.Duration = time.Since(start)
	b.opt.Log.Debug("incremental build", "files", len(jobs), "rendered", len(todo),
		"changed", len(u.Changed), "removed", len(u.Removed), "took", u.Result.Duration)
	return u, nil
}

// collector keeps the files of one incremental build in memory.
type collector struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (c *collector) WriteFile(name string, data []byte) error {
	if err := output.CheckName(name); err != nil {
		return err
	}
	c.mu.Lock()
	c.files[name] = data
	c.mu.Unlock()
	return nil
}
