package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/scaffold"
	"github.com/brief-ssg/brief/internal/site"
)

func runNew(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "new", "new [--source DIR] [--slug SLUG] [--publish] \"Title\"\n\nCreates content/articles/<slug>.md with the title and the present time in the\nsite's time zone, as a draft (published once you remove `draft: true`, or\nwith --publish). It never overwrites a file and opens no editor.")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	slugFlag := fs.String("slug", "", "the file's name and the article's URL (default: made from the title)")
	publish := fs.Bool("publish", false, "write no `draft: true`: the next build publishes the article")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("brief new: give the article's title, such as brief new \"Ministers meet in Geneva\": %w", errUsage)
	}
	src := e.path(*source)
	cfg, err := site.Load(os.DirFS(src), site.Options{})
	if err != nil {
		return fmt.Errorf("brief new: %w", err)
	}
	rel, err := scaffold.NewArticle(src, scaffold.ArticleOptions{
		Title: strings.Join(fs.Args(), " "), Slug: *slugFlag, Now: time.Now(), Location: cfg.Location, Draft: !*publish,
	})
	if err != nil {
		return fmt.Errorf("brief new: %w", err)
	}
	if *publish {
		fmt.Fprintf(e.stdout, "created %s; the next `brief build` publishes it\n", rel)
	} else {
		fmt.Fprintf(e.stdout, "created %s as a draft; preview it with `brief serve --drafts`, publish it by removing `draft: true`\n", rel)
	}
	return nil
}

func runList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "list", "list [--source DIR] [--drafts] [--future]\n\nLists what `brief build` leaves out: drafts (draft: true) and articles dated\nin the future, newest first. Without a flag it lists both.")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	drafts := fs.Bool("drafts", false, "list drafts")
	future := fs.Bool("future", false, "list articles dated in the future")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief list: unexpected argument %q (use --source DIR): %w", fs.Arg(0), errUsage)
	}
	if !*drafts && !*future {
		*drafts, *future = true, true
	}
	held, err := build.HeldBack(ctx, os.DirFS(e.path(*source)), time.Now())
	if err != nil {
		return fmt.Errorf("brief list: %w", err)
	}
	nd, nf := 0, 0
	for _, h := range held {
		if !(*drafts && h.Draft || *future && h.Future) {
			continue
		}
		what := "draft"
		switch {
		case h.Draft && h.Future:
			what = "draft, future"
			nd++
			nf++
		case h.Future:
			what = "future"
			nf++
		default:
			nd++
		}
		when := "                "
		if !h.Date.IsZero() {
			when = h.Date.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(e.stdout, "%-13s  %s  %s  %s\n", what, when, h.Path, h.Title)
	}
	var parts, flags []string
	if *drafts {
		parts, flags = append(parts, fmt.Sprintf("%d %s", nd, plural(nd, "draft", "drafts"))), append(flags, "--drafts")
	}
	if *future {
		parts, flags = append(parts, fmt.Sprintf("%d future %s", nf, plural(nf, "article", "articles"))), append(flags, "--future")
	}
	fmt.Fprintf(e.stdout, "held back: %s; `brief build %s` or `brief serve %s` includes them\n", strings.Join(parts, ", "), strings.Join(flags, " "), strings.Join(flags, " "))
	return nil
}

func runConfig(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "config", "config\n\nPrints the site.yaml reference: every key, its meaning and its default\n(the same as `brief help site`).")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief config: unexpected argument %q: %w", fs.Arg(0), errUsage)
	}
	fmt.Fprint(e.stdout, site.Reference)
	return nil
}
