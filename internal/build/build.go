// Package build turns a site (site.yaml, content/, templates/, static/) into
// the files of a published briefing. It reads through fs.FS and writes
// through output.Writer, so the same code serves `brief build`, `brief
// serve` and tests on in-memory sites.
package build

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/theme"
)

// Options control one build.
type Options struct {
	// Drafts includes articles marked draft: true.
	Drafts bool
	// Future includes articles dated after Now.
	Future bool
	// BaseURL, when set, replaces site.yaml's base_url (for previews and
	// staging hosts).
	BaseURL string
	// Now is the build's notion of the present: articles dated after it are
	// held back, and it is the `generated` stamp when the site opts in.
	// Zero means time.Now().
	Now time.Time
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
	// Workers bounds parallel rendering; 0 means one per CPU.
	Workers int
	// Tool identifies the program building (its version, or a hash of its
	// executable) for writers that carry unchanged files over from the
	// previous build (output.Keyed): it is part of every file's input key,
	// so that another brief never takes an old file for current. Empty
	// disables carrying files over.
	Tool string
	// Progress, when set, is called as output files are done, with how
	// many of how many; never concurrently, and in increasing order of
	// done.
	Progress func(done, total int)
	// Cache lends this build what earlier builds of the same site found
	// and takes what this one finds; nil for a one-off build. See Cache.
	Cache *Cache
	// Force, for ToDir, builds even when the output is up to date, and
	// uses neither a cache file nor the kept previous build: everything
	// is read, rendered and written anew.
	Force bool
	// BodyMemory is how many bytes of article bodies a build whose cache
	// is not watched keeps from loading until each article's page is
	// rendered; above it, it drops them all and each page reads its body
	// again. 0 means 64 MiB (about 15,000 articles of typical length);
	// negative keeps none.
	BodyMemory int

	// noGrouping leaves articles out of stories, for Stories, which
	// groups them itself.
	noGrouping bool
}

// Result summarises a build.
type Result struct {
	Files    int // files written, pages included
	Pages    int // HTML pages
	Articles int // articles published
	Topics   int
	Tags     int
	Drafts   int // drafts left out
	Future   int // future-dated articles left out
	// NextRelease is the earliest date among the future-dated articles
	// left out (zero when none): the same inputs build a different site
	// from then on.
	NextRelease time.Time
	// Volatile says the output depends on the time of the build (site.yaml
	// opts in to a `generated` stamp), so no two builds are the same.
	Volatile   bool
	Unassigned []string // published articles no topic takes, by path
	Duration   time.Duration
	// Skipped says ToDir found the output up to date and did not build;
	// only Pages and Duration are set then.
	Skipped bool
	// Rendered counts the files made by this build; the others were
	// carried over from the previous one.
	Rendered int
}

// Build reads the site in src and writes it to out. Content errors are
// collected and returned together as a *diag.List; nothing is written to out
// unless the whole site checks.
func Build(ctx context.Context, src fs.FS, out output.Writer, opt Options) (*Result, error) {
	start := time.Now()
	opt = opt.withDefaults(start)
	in, err := scanInputs(ctx, src, opt, start)
	if err != nil {
		return nil, err
	}
	return build(ctx, src, in, out, opt, start)
}

// scanInputs scans the inputs of the site in src and records them in
// opt.Cache, if any, as found by the scan that began at start.
func scanInputs(ctx context.Context, src fs.FS, opt Options, start time.Time) (*inputs, error) {
	in, err := scan(ctx, src, opt.Cache)
	if err != nil {
		return nil, err
	}
	opt.Cache.record(in, start)
	opt.Log.Debug("inputs scanned", "files", len(in.files), "took", time.Since(start))
	return in, nil
}

// build is Build once the inputs are scanned.
func build(ctx context.Context, src fs.FS, in *inputs, out output.Writer, opt Options, start time.Time) (*Result, error) {
	m, err := load(ctx, src, in, opt)
	if err != nil {
		return nil, err
	}
	opt.Log.Debug("site loaded", "articles", len(m.Articles), "took", time.Since(start))
	m.warnGrowth(opt.Log)
	res, err := m.write(ctx, out, opt)
	if err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

func (opt Options) withDefaults(now time.Time) Options {
	if opt.Now.IsZero() {
		opt.Now = now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return opt
}

// Load reads and checks the whole site and returns its model, ready to
// render. Every problem found is in the returned *diag.List.
func Load(ctx context.Context, src fs.FS, opt Options) (*Model, error) {
	start := time.Now()
	opt = opt.withDefaults(start)
	in, err := scanInputs(ctx, src, opt, start)
	if err != nil {
		return nil, err
	}
	return load(ctx, src, in, opt)
}

// load reads the site whose inputs are in, reusing what opt.Cache holds.
func load(ctx context.Context, src fs.FS, in *inputs, opt Options) (*Model, error) {
	c := opt.Cache
	var errs diag.List
	for _, err := range in.links {
		errs.Add(err)
	}
	cfg, err := c.config(src, in, opt.BaseURL)
	if err != nil {
		errs.Add(err)
	}
	loc := time.UTC
	if cfg != nil {
		loc = cfg.Location
	}
	set, memos, err := c.content(ctx, src, in, loc)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		errs.Add(err)
	}
	tmpl, err := c.templates(src, in)
	if err != nil {
		errs.Add(err)
	}
	if cfg == nil || set == nil {
		return nil, errs.Err()
	}
	// Even with bad files, check the rest against the topics and pages, so
	// that one run lists every problem.
	m := &Model{Config: cfg, Templates: tmpl, Markdown: markdown.New(), src: src, in: in, memos: memos,
		assets: map[string]*imageAsset{}, imageInfo: c.imageInfos()}
	if err := m.prepare(ctx, set.Articles, opt); err != nil {
		return nil, err
	}
	errs.Add(m.assemble(set, opt))
	if errs.Err() == nil {
		// A file of static/ that is no picture brief can read (a
		// placeholder, a format it does not decode) is published as the
		// editor left it, without sized copies: the editor's file is
		// theirs, and one odd file is no reason to refuse the site.
		for _, err := range m.collectImages() {
			opt.Log.Warn(err.Error() + " (published as it is, without resized copies)")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if !opt.noGrouping {
		if err := m.group(ctx, opt); err != nil {
			return nil, err
		}
		if err := m.relate(ctx, opt); err != nil {
			return nil, err
		}
	}
	if err := m.planEditions(); err != nil {
		return nil, err
	}
	// The home page's topic cards name each story once, like the lists.
	for _, te := range m.Topics {
		for _, e := range collapse(te.articles) {
			if len(te.view.Latest) == homeTopicItems {
				break
			}
			te.view.Latest = append(te.view.Latest, e.view)
		}
	}
	return m, nil
}

func loadTemplates(src fs.FS) (*render.Templates, error) {
	siteTemplates, err := fs.Sub(src, "templates")
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	return render.Load(theme.Templates(), siteTemplates)
}

func loadConfig(src fs.FS, baseURL string) (*site.Config, error) {
	return site.Load(src, site.Options{BaseURL: baseURL})
}
