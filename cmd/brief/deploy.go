package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/brief-ssg/brief/internal/deploy"
	"github.com/brief-ssg/brief/internal/site"
)

func runDeploy(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "deploy", "deploy [--source DIR] [--dest DIR] [--dry-run] [--force] [--max-deletes N] [--verbose]\n\nUploads the built site (run `brief build` first) to the S3-compatible bucket\nnamed in site.yaml's deploy: section: only the files whose bytes changed since\nthe last deploy, each with its content type and cache header, then deletes the\nfiles the site no longer has (at most deploy: max_deletes, 256 by default).\nCredentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and\nAWS_SESSION_TOKEN. --dry-run prints the plan and changes nothing.")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	dest := fs.String("dest", "", "the built site to upload (default: public/ inside --source)")
	dryRun := fs.Bool("dry-run", false, "print what would be uploaded and deleted, and change nothing")
	force := fs.Bool("force", false, "upload every file, changed or not (after changing deploy: cache rules)")
	maxDeletes := fs.Int("max-deletes", -1, "allow this many deletes, instead of site.yaml's deploy: max_deletes")
	verbose := fs.Bool("verbose", false, "print every upload and delete, as --dry-run does")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief deploy: unexpected argument %q (use --source DIR): %w", fs.Arg(0), errUsage)
	}
	src := e.path(*source)
	out := e.dest(src, *dest)
	cfg, err := site.Load(os.DirFS(src), site.Options{})
	if err != nil {
		return fmt.Errorf("brief deploy: %w", err)
	}
	opt := deploy.Options{Dir: out, Target: cfg.Deploy, Getenv: os.Getenv, DryRun: *dryRun, Force: *force, Log: e.log}
	if *maxDeletes >= 0 {
		opt.MaxDeletes = maxDeletes
	}
	plan, err := deploy.Run(ctx, opt)
	if plan != nil && (*dryRun || *verbose || errors.Is(err, deploy.ErrTooManyDeletes)) {
		printPlan(e, plan)
	}
	if err != nil {
		return fmt.Errorf("brief deploy: %w", err)
	}
	fmt.Fprintln(e.stdout, deploySummary(plan, *dryRun))
	if plan.Kept > 0 {
		fmt.Fprintf(e.stdout, "kept %d %s that the site no longer has (deploy: max_deletes is 0)\n", plan.Kept, plural(plan.Kept, "file", "files"))
	}
	return nil
}

func printPlan(e *env, plan *deploy.Plan) {
	for _, a := range plan.Uploads {
		what := "changed"
		if a.New {
			what = "new"
		}
		fmt.Fprintf(e.stdout, "upload %s (%s, %s; %s; %s)\n", a.Path, what, size(a.Size), a.ContentType, a.CacheControl)
	}
	for _, a := range plan.Deletes {
		fmt.Fprintf(e.stdout, "delete %s\n", a.Path)
	}
}

func deploySummary(plan *deploy.Plan, dryRun bool) string {
	news, bytes := 0, int64(0)
	for _, a := range plan.Uploads {
		if a.New {
			news++
		}
		bytes += a.Size
	}
	verb, up, del := "deployed to", "uploaded", "deleted"
	if dryRun {
		verb, up, del = "dry run, nothing changed in", "would upload", "would delete"
	}
	return fmt.Sprintf("%s %s: %s %d %s (%d new, %s), %s %d, %d unchanged",
		verb, plan.Target, up, len(plan.Uploads), plural(len(plan.Uploads), "file", "files"), news, size(bytes), del, len(plan.Deletes), plan.Unchanged)
}

// size prints a byte count for people.
func size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
}
