package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/brief-ssg/brief/internal/extract"
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/fetch"
	"github.com/brief-ssg/brief/internal/importer"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/site"
)

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "import [--source DIR] [--update] [--dry-run] [--skip-copies] [--fetch-images] [--learn FILE | --blocks FILE...] PATH|URL...\n\n"+
		"Turns scraped pages (text dumps, saved HTML, SingleFile pages, folders of\n"+
		"them, URLs) and web archives (WARC, .warc.gz, WACZ, ArchiveBox snapshot\n"+
		"folders) into articles in content/articles/. Pages already imported are\n"+
		"skipped; with --update, the fields you have not edited since are\n"+
		"refreshed. A page whose text nearly copies an article of the site\n"+
		"(syndicated wire copy) is imported and reported as a near-copy, or left\n"+
		"out with --skip-copies. An archived page's images come from its archive,\n"+
		"never from the web: those it lacks are left out, unless --fetch-images.\n"+
		"Shards imported into copies of the site on other machines join it with\n"+
		"`brief merge`.")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	update := fs.Bool("update", false, "refresh articles imported before, except the fields you edited")
	dryRun := fs.Bool("dry-run", false, "report what would be imported and write nothing")
	skipCopies := fs.Bool("skip-copies", false, "leave out pages whose text nearly copies an article of the site")
	fetchImages := fs.Bool("fetch-images", false, "fetch from the web the images of archived pages that their archive does not hold (left out otherwise)")
	learn := fs.String("learn", "", "for an import run in shards: read the pages, save the blocks they repeat to this `file` and import nothing")
	var blocks fileList
	fs.Var(&blocks, "blocks", "for an import run in shards: extract with the blocks every shard's --learn saved (repeat for each `file`), not with what these pages teach alone; give the files in the order the shards would be read")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("brief import: name at least one file, folder or URL: %w", errUsage)
	}
	root := e.path(*source)
	cfg, err := site.Load(os.DirFS(root), site.Options{})
	if err != nil {
		if *source != "." {
			err = fmt.Errorf("%s: %w", *source, err)
		}
		return fmt.Errorf("brief import: %w", err)
	}
	inputs := make([]string, fs.NArg())
	for i, a := range fs.Args() {
		if extract.IsURL(a) {
			inputs[i] = a
		} else {
			inputs[i] = e.path(a)
		}
	}
	if *learn != "" {
		return learnBlocks(ctx, e, inputs, cfg, e.path(*learn))
	}
	learnt, err := loadBlocks(e, blocks)
	if err != nil {
		return fmt.Errorf("brief import: %w", err)
	}
	// An import keeps the pages it parsed from its first pass to its
	// second, and the collector would scan them over and over: a heap
	// allowed to grow twice its live size, not once, costs the import
	// much less CPU time for a little more memory at peak (measured with
	// BenchmarkImportBenchPages). GOGC, when set, still rules.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	// An import holds no page's bytes between its passes (a file or an
	// archived page is read again from disk) and keeps a bounded share
	// parsed, so its heap has no need to grow twice over: a soft limit
	// keeps the import of a multi-gigabyte folder or archive within
	// importMemory (measured with bench/archive). GOMEMLIMIT, when set,
	// still rules. A quarter of that limit, as the pages estimate it,
	// keeps pages parsed from the first pass to the second, each of which
	// is then neither read again nor parsed again: trees take about twice
	// their estimate once allocated, and the rest is the duplicate
	// index's (which grows as the kept pages are let go), the runtime's
	// and the pages' in flight.
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemory))
	}
	prog := &progress{w: e.term}
	res, err := importer.Import(ctx, inputs, importer.Options{
		Root: root, Site: cfg, Update: *update, DryRun: *dryRun, SkipCopies: *skipCopies, FetchImages: *fetchImages,
		Fetch:      &fetch.Client{UserAgent: fetch.UserAgent(version)},
		Learnt:     learnt,
		KeepParsed: importMemory / 4,
		Progress:   prog.update,
		Log:        e.log,
	})
	prog.done()
	if res != nil {
		printImport(e.stdout, res, *update, *dryRun, cfg.HasRules())
	}
	if err != nil {
		return fmt.Errorf("brief import: %w", err)
	}
	if n := res.Count(importer.Failed); n > 0 {
		return fmt.Errorf("brief import: %d %s failed", n, plural(n, "input", "inputs"))
	}
	return nil
}

// importMemory is the soft memory limit of an import.
const importMemory = 240 << 20

// fileList is a flag given once per file.
type fileList []string

func (l *fileList) String() string     { return strings.Join(*l, ",") }
func (l *fileList) Set(v string) error { *l = append(*l, v); return nil }

// learnBlocks runs `brief import --learn`: the first pass alone, its
// blocks saved to out (atomically) for the shards' imports.
func learnBlocks(ctx context.Context, e *env, inputs []string, cfg *site.Config, out string) error {
	prog := &progress{w: e.term}
	bp, err := importer.LearnBlocks(ctx, inputs, importer.Options{
		Site: cfg, Fetch: &fetch.Client{UserAgent: fetch.UserAgent(version)}, Progress: prog.update,
	})
	prog.done()
	if err != nil {
		return fmt.Errorf("brief import --learn: %w", err)
	}
	n, err := output.ReplaceFile(out, 0o644, bp)
	if err != nil {
		return fmt.Errorf("brief import --learn: %w", err)
	}
	fmt.Fprintf(e.stdout, "learnt the blocks of %d %s into %s (%d bytes); give every shard's file to each shard's import with --blocks\n",
		len(inputs), plural(len(inputs), "input", "inputs"), out, n)
	return nil
}

// loadBlocks replays the files of learnt blocks given with --blocks, in
// order; nil when none is given.
func loadBlocks(e *env, files []string) (*article.Boilerplate, error) {
	if len(files) == 0 {
		return nil, nil
	}
	bp := article.NewBoilerplate()
	for _, name := range files {
		f, err := os.Open(e.path(name))
		if err != nil {
			return nil, err
		}
		err = bp.Add(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return bp, nil
}

// ruleTopics says which topics the rules pick for an article today: the
// file does not record them, so the import report is where an editor sees
// them.
func ruleTopics(r importer.Report) string {
	if len(r.Topics) == 0 {
		return " (no topic's rules match)"
	}
	return " (topics by rule: " + strings.Join(r.Topics, ", ") + ")"
}

// nearCopy says which article a page nearly copies, and how much of it.
func nearCopy(r importer.Report) string {
	return fmt.Sprintf("near-copy of %s (%.0f%% of its text)", r.CopyOf, 100*r.CopyShare)
}

// printImport reports each article touched, then the summary line and the
// failures with their reasons. rules says whether the site has topic rules
// whose verdict is worth reporting.
func printImport(w io.Writer, res *importer.Result, update, dryRun, rules bool) {
	verb := map[importer.Outcome]string{importer.Imported: "imported", importer.Updated: "updated"}
	if dryRun {
		verb = map[importer.Outcome]string{importer.Imported: "would import", importer.Updated: "would update"}
	}
	for _, r := range res.Reports {
		topics := ""
		if rules {
			topics = ruleTopics(r)
		}
		switch r.Outcome {
		case importer.Imported:
			fmt.Fprintf(w, "%s %s → %s%s\n", verb[r.Outcome], r.Input, r.Path, topics)
		case importer.Updated:
			fmt.Fprintf(w, "%s %s: %s%s\n", verb[r.Outcome], r.Path, strings.Join(r.Changed, ", "), topics)
		case importer.Duplicate:
			if update && r.Path != "" {
				fmt.Fprintf(w, "unchanged %s (duplicate of %s)\n", r.Input, r.Path)
			}
		case importer.Copied:
			fmt.Fprintf(w, "skipped %s: %s\n", r.Input, nearCopy(r))
		}
		if r.CopyOf != "" && r.Outcome == importer.Imported {
			fmt.Fprintf(w, "  %s: %s\n", r.Path, nearCopy(r))
		}
		if len(r.Kept) > 0 {
			fmt.Fprintf(w, "  kept your edits to %s: %s\n", r.Path, strings.Join(r.Kept, ", "))
		}
		if r.Note != "" && r.Outcome != importer.Failed {
			fmt.Fprintf(w, "  note: %s: %s\n", r.Input, r.Note)
		}
	}
	line := fmt.Sprintf("imported %d, skipped %d as duplicates, failed %d",
		res.Count(importer.Imported), res.Count(importer.Duplicate), res.Count(importer.Failed))
	if update {
		line += fmt.Sprintf("; updated %d", res.Count(importer.Updated))
	}
	if n := res.Count(importer.Copied); n > 0 {
		line += fmt.Sprintf("; skipped %d as near-copies", n)
	}
	var undated []string
	for _, r := range res.Reports {
		if r.Undated {
			undated = append(undated, r.Path)
		}
	}
	if len(undated) > 0 {
		line += fmt.Sprintf("; %d undated, imported as drafts", len(undated))
	}
	if dryRun {
		line += " (dry run: nothing written)"
	}
	fmt.Fprintln(w, line)
	for _, p := range undated {
		fmt.Fprintf(w, "  draft, no date on the page: %s\n", p)
	}
	for _, r := range res.Reports {
		if r.Outcome == importer.Failed {
			fmt.Fprintf(w, "  %s: %v\n", r.Input, r.Err)
		}
	}
}

// progress draws "reading 12/340", then "importing 12/340", on one line of a terminal; elsewhere
// (a log file, a pipe) it stays silent, as the summary says it all.
type progress struct {
	w     io.Writer // env.term: nil when stderr is not a terminal
	shown bool
}

func (p *progress) update(pass string, done, total int) {
	// Short runs finish before a counter could be read.
	if p.w == nil || total < 5 {
		return
	}
	fmt.Fprintf(p.w, "\r%s %d/%d\033[K", pass, done, total)
	p.shown = true
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
