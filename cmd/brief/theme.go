package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/scaffold"
	"github.com/brief-ssg/brief/internal/theme"
)

const themeSynopsis = `theme [--source DIR]
       brief theme export [--source DIR] [NAME...]

Lists the default theme's files and, for each, whether the site uses the
theme's or has its own at the same path (templates/partials/footer.html
replaces the theme's footer and nothing else).

export writes the theme's files into the site, to edit there: those NAMEs
(partials/footer.html, article.html, style.css, or a folder such as
partials), or all of them. A file the site already has is never replaced;
naming one is an error. An unedited copy builds exactly as the theme does.`

func runTheme(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "export" {
		return runThemeExport(e, args[1:])
	}
	fs := newFlags(e, "theme", themeSynopsis)
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief theme: unknown subcommand %q (`brief theme export`, or no argument to list): %w", fs.Arg(0), errUsage)
	}
	site := os.DirFS(e.path(*source))
	entries, err := theme.Compare(site)
	if err != nil {
		return fmt.Errorf("brief theme: %w", err)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 8, 2, ' ', 0)
	count := map[theme.Status]int{}
	for _, en := range entries {
		fmt.Fprintf(w, "%s\t%s\n", en.Path, en.Status)
		count[en.Status]++
	}
	if err := w.Flush(); err != nil {
		return err
	}
	own, copies := count[theme.Overridden], count[theme.Copy]
	fmt.Fprintf(e.stdout, "the site replaces %d theme %s and keeps %d unedited %s; `brief theme export NAME` copies one in to edit\n",
		own, plural(own, "file", "files"), copies, plural(copies, "copy", "copies"))
	tm, err := render.Load(theme.Templates(), os.DirFS(filepath.Join(e.path(*source), "templates")))
	if err != nil {
		return fmt.Errorf("%w\nbrief theme: the site's templates do not load", err)
	}
	for _, p := range tm.Unshared() {
		fmt.Fprintf(e.stdout, "note: the %q partial is rendered each time a page uses it, not once and reused: the site replaces it or a template it calls\n", p)
	}
	return nil
}

func runThemeExport(e *env, args []string) error {
	fs := newFlags(e, "theme export", themeSynopsis)
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	written, kept, err := scaffold.Export(e.path(*source), fs.Args())
	for _, f := range written {
		fmt.Fprintf(e.stdout, "wrote %s\n", f)
	}
	for _, f := range kept {
		fmt.Fprintf(e.stdout, "kept  %s: the site has its own\n", f)
	}
	if err != nil {
		return fmt.Errorf("brief theme export: %w", err)
	}
	if fs.NArg() > 0 && len(kept) > 0 {
		return fmt.Errorf("brief theme export: the site has its own %s, left as %s; delete a file first to start it again from the theme's", plural(len(kept), "file of that name", "files of those names"), plural(len(kept), "it was", "they were"))
	}
	return nil
}
