package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/brief-ssg/brief/internal/importer"
	"github.com/brief-ssg/brief/internal/site"
)

func runMerge(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "merge", "merge [--source DIR] [--dry-run] SHARD...\n\n"+
		"Adds to the site the articles that `brief import` wrote into copies of\n"+
		"it, one copy a shard (say one WARC file each, imported on another\n"+
		"machine), so that the site ends up as one import of all the shards'\n"+
		"inputs, in the order given, would have left it. Articles two shards both\n"+
		"hold are kept once, from the first; names that clash are given as one\n"+
		"import gives them. Nothing in the site is overwritten.")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	dryRun := fs.Bool("dry-run", false, "report what would be merged and write nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("brief merge: name at least one shard's site folder: %w", errUsage)
	}
	root := e.path(*source)
	cfg, err := site.Load(os.DirFS(root), site.Options{})
	if err != nil {
		return fmt.Errorf("brief merge: %w", err)
	}
	shards := make([]string, fs.NArg())
	for i, a := range fs.Args() {
		shards[i] = e.path(a)
	}
	res, err := importer.Merge(ctx, importer.MergeOptions{Root: root, Site: cfg, Shards: shards, DryRun: *dryRun})
	if err != nil {
		// A refused shard stops the merge there: say so, not a summary
		// of zeros.
		if res != nil && len(res.Reports) > 0 {
			printMerge(e.stdout, res, *dryRun)
		}
		return fmt.Errorf("brief merge: stopped: %w; the shards before it are merged, and running merge again once it is fixed (or left out) skips what is merged already", err)
	}
	printMerge(e.stdout, res, *dryRun)
	if n := res.Count(importer.Failed); n > 0 {
		return fmt.Errorf("brief merge: %d %s failed", n, plural(n, "article", "articles"))
	}
	return nil
}

// printMerge reports each article merged under another name than it had
// in its shard, the summary line, and each failure with its reason.
func printMerge(w io.Writer, res *importer.MergeResult, dryRun bool) {
	for _, r := range res.Reports {
		if r.Outcome == importer.Imported && r.Path != r.From {
			fmt.Fprintf(w, "%s/%s → %s (its name is taken)\n", r.Shard, r.From, r.Path)
		}
	}
	line := fmt.Sprintf("merged %d, skipped %d as duplicates, failed %d",
		res.Count(importer.Imported), res.Count(importer.Duplicate), res.Count(importer.Failed))
	if dryRun {
		line += " (dry run: nothing written)"
	}
	fmt.Fprintln(w, line)
	for _, r := range res.Reports {
		if r.Outcome == importer.Failed {
			fmt.Fprintf(w, "  %s/%s: %v\n", r.Shard, r.From, r.Err)
		}
	}
}
