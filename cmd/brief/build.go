package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/stories"
)

func runBuild(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "build", "build [--source DIR] [--dest DIR] [--drafts] [--future] [--base-url URL] [--force] [--explain]\n\nBuilds the site in --source into --dest. The new site is written beside the\nold one and swapped in only when the whole build succeeds. When nothing the\nbuild reads has changed since the last build into --dest, that build is kept\nas it is (--force builds anyway). --explain then prints each story of more\nthan one article and why each article joined it.")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	dest := fs.String("dest", "", "where to write the site (default: public/ inside --source)")
	drafts := fs.Bool("drafts", false, "include articles and pages marked draft: true")
	future := fs.Bool("future", false, "include articles dated in the future")
	baseURL := fs.String("base-url", "", "publish under this URL instead of site.yaml's base_url")
	explain := fs.Bool("explain", false, "after the build, print each story of more than one article and why each article joined it (signal, score, with which article)")
	force := fs.Bool("force", false, "build even when nothing changed since the last build, or when the build would drop more than half of the published articles")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief build: unexpected argument %q (use --source DIR): %w", fs.Arg(0), errUsage)
	}
	src := e.path(*source)
	out := e.dest(src, *dest)
	if err := checkDest(src, out); err != nil {
		return err
	}
	opt := build.Options{Drafts: *drafts, Future: *future, BaseURL: *baseURL, Log: e.log, Force: *force}
	var prog *progressLine
	if e.term != nil {
		prog = &progressLine{w: e.term, drawn: true}
		// Reading a large site takes a while before the first file is done.
		fmt.Fprint(e.term, "\rbuilding: reading the site…\x1b[K")
		opt.Progress = prog.update
	}
	res, err := build.ToDir(ctx, src, out, opt)
	prog.clear()
	if err != nil {
		return buildFailed(err, out)
	}
	if res.Skipped {
		fmt.Fprintf(e.stdout, "up to date: nothing changed since the last build (%d pages, checked in %s) → %s\n", res.Pages, res.Duration.Round(time.Millisecond), out)
		if *explain {
			return explainStories(ctx, e, src, opt)
		}
		return nil
	}
	fmt.Fprintln(e.stdout, summary(res, out))
	if res.Drafts+res.Future > 0 {
		fmt.Fprintf(e.stdout, "left out %s (use --drafts, --future to include them)\n", leftOut(res))
	}
	if n := len(res.Unassigned); n > 0 {
		fmt.Fprintf(e.stdout, "note: %d %s in no topic (published, but only in the archive and tags):\n", n, plural(n, "article is", "articles are"))
		for _, p := range res.Unassigned {
			fmt.Fprintf(e.stdout, "  %s\n", p)
		}
	}
	if *explain {
		return explainStories(ctx, e, src, opt)
	}
	return nil
}

// explainStories prints, for `brief build --explain`, the stories of more
// than one article the build published and why each article joined its
// story. It groups the site again, as `brief stories` does, rather than
// keeping the build's grouping in its result: a build that is up to date
// has none, and the second grouping costs only when asked for.
func explainStories(ctx context.Context, e *env, src string, opt build.Options) error {
	cfg, err := site.Load(os.DirFS(src), site.Options{})
	if err != nil {
		return err
	}
	if !cfg.Stories.On() {
		fmt.Fprintln(e.stdout, "stories: off (site.yaml has no stories: section, or enabled: false); every article is listed on its own; add stories: {} to group them")
		return nil
	}
	got, _, err := build.Stories(ctx, os.DirFS(src), build.Options{Drafts: opt.Drafts, Future: opt.Future, BaseURL: opt.BaseURL}, stories.Options{})
	if err != nil {
		return err
	}
	var multi []stories.Story
	for _, s := range got {
		if len(s.Members) > 1 {
			multi = append(multi, s)
		}
	}
	fmt.Fprintf(e.stdout, "\nstories: %d of more than one article, published at stories/<id>/; the others are alone\n", len(multi))
	return writeStoryBlocks(e, multi, true)
}

// isTerminal reports whether f is a terminal, where a progress line that
// rewrites itself is welcome; in a log or a pipe it would be noise.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressLine keeps one line on a terminal up to date with a build's
// progress, redrawn at most every tenth of a second.
type progressLine struct {
	w     io.Writer
	last  time.Time
	drawn bool
}

// update is a build.Options.Progress; calls never overlap.
func (p *progressLine) update(done, total int) {
	if now := time.Now(); done == total || now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		p.drawn = true
		fmt.Fprintf(p.w, "\rbuilding: %d/%d files (%d%%)\x1b[K", done, total, done*100/max(total, 1))
	}
}

// clear erases the progress line, if one was drawn, before the summary.
func (p *progressLine) clear() {
	if p != nil && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

func summary(res *build.Result, out string) string {
	return fmt.Sprintf("built %d pages (%d %s, %d %s, %d %s) in %s → %s",
		res.Pages, res.Articles, plural(res.Articles, "article", "articles"),
		res.Topics, plural(res.Topics, "topic", "topics"), res.Tags, plural(res.Tags, "tag", "tags"),
		res.Duration.Round(time.Millisecond), out)
}

func leftOut(res *build.Result) string {
	var parts []string
	if res.Drafts > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", res.Drafts, plural(res.Drafts, "draft", "drafts")))
	}
	if res.Future > 0 {
		parts = append(parts, fmt.Sprintf("%d future-dated %s", res.Future, plural(res.Future, "article", "articles")))
	}
	return strings.Join(parts, " and ")
}

// buildFailed lists every problem, one per line, then says what happened to
// the published folder.
func buildFailed(err error, out string) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("build interrupted; %s was not changed: %w", out, err)
	}
	var list *diag.List
	n := 1
	if errors.As(err, &list) {
		n = list.Len()
	}
	return fmt.Errorf("%w\nbuild failed: %d %s; %s was not changed", err, n, plural(n, "problem", "problems"), out)
}

// checkDest refuses output folders that would replace the editor's work:
// the site itself, a folder holding it, or one of its source folders. (Any
// other folder not built by brief is refused by output.OpenDir.)
func checkDest(src, dest string) error {
	s, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	d, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	within := func(a, b string) bool { // a is b or inside b
		rel, err := filepath.Rel(b, a)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	if within(s, d) {
		return fmt.Errorf("brief build: --dest %s holds the site itself; pick a folder of its own such as %s: %w", dest, filepath.Join(src, "public"), errUsage)
	}
	for _, sub := range []string{"content", "templates", "static"} {
		if within(d, filepath.Join(s, sub)) {
			return fmt.Errorf("brief build: --dest %s is inside the site's %s/ folder; pick another: %w", dest, sub, errUsage)
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
