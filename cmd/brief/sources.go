package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sources"
)

const sourcesSynopsis = `sources [--source DIR]
       brief sources import [--source DIR] [--dry-run] FILE.opml
       brief sources export [--source DIR] [--output FILE]

Lists the sources in site.yaml with what the last fetch knew of each.

import adds the feeds of an OPML file (as Miniflux, FreshRSS, Feedly and
other readers export them) to sources: in site.yaml, after the ones there,
leaving the rest of the file as it is; feeds already listed are skipped.
A reader's folder becomes the source's category.

export writes the sources as OPML 2.0 for a feed reader, to stdout or
--output (never over an existing file), each with the type site.yaml or
the last fetch gives it.

Flags of import: --dry-run (list what would be added, change nothing).
Flags of export: --output FILE. Both take --source DIR; see
` + "`brief sources import --help`" + ` and ` + "`brief sources export --help`" + `.`

func runSources(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return runSourcesImport(e, args[1:])
		case "export":
			return runSourcesExport(e, args[1:])
		}
	}
	fs := newFlags(e, "sources", sourcesSynopsis)
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief sources: unknown subcommand %q (import, export, or none to list): %w", fs.Arg(0), errUsage)
	}
	root, cfg, err := loadSite(e, *source, "sources")
	if err != nil {
		return err
	}
	st, _, err := sources.LoadState(root)
	if err != nil {
		return fmt.Errorf("brief sources: %w", err)
	}
	if len(cfg.Sources) == 0 {
		fmt.Fprintln(e.stdout, "no sources in site.yaml; add a sources: list or run `brief sources import FILE.opml`")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTYPE\tLAST READ\tSTATE\tURL")
	for _, s := range cfg.Sources {
		typ, read, state := s.Type, "never", "new"
		if ss := st.Sources[s.URL]; ss != nil {
			if typ == "" {
				typ = ss.Type
			}
			if !ss.Checked.IsZero() {
				read, state = ss.Checked.Local().Format("2006-01-02 15:04"), "ok"
			}
			if ss.Failures > 0 {
				state = fmt.Sprintf("%d %s, next try %s: %s", ss.Failures, plural(ss.Failures, "failure", "failures"), ss.RetryAt.Local().Format("2006-01-02 15:04"), ss.LastError)
			}
		}
		if typ == "" {
			typ = "?"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Name, typ, read, state, s.URL)
	}
	return tw.Flush()
}

func runSourcesImport(e *env, args []string) error {
	fs := newFlags(e, "sources import", "sources import [--source DIR] [--dry-run] FILE.opml\n\n"+
		"Adds the feeds of an OPML file to sources: in site.yaml (see `brief sources --help`).")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	dryRun := fs.Bool("dry-run", false, "list the sources that would be added, and change nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("brief sources import: name one OPML file: %w", errUsage)
	}
	root, cfg, err := loadSite(e, *source, "sources import")
	if err != nil {
		return err
	}
	f, err := os.Open(e.path(fs.Arg(0)))
	if err != nil {
		return fmt.Errorf("brief sources import: %w", err)
	}
	read, err := sources.ReadOPML(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("brief sources import: %s: %w", fs.Arg(0), err)
	}
	add, skipped := sources.Unlisted(cfg.Sources, read)
	// The sources are listed once it is known that site.yaml takes them.
	if *dryRun || len(add) == 0 {
		data, err := site.ReadFile(os.DirFS(root))
		if err == nil {
			_, err = site.AppendSources(site.FileName, data, add)
		}
		if err != nil {
			return fmt.Errorf("brief sources import: %w", err)
		}
		for _, s := range add {
			fmt.Fprintf(e.stdout, "add %s: %s\n", s.Name, s.URL)
		}
		fmt.Fprintf(e.stdout, "%d %s to add, %d already in site.yaml (nothing written)\n", len(add), plural(len(add), "source", "sources"), skipped)
		return nil
	}
	if err := site.AddSources(root, add); err != nil {
		return fmt.Errorf("brief sources import: %w", err)
	}
	for _, s := range add {
		fmt.Fprintf(e.stdout, "add %s: %s\n", s.Name, s.URL)
	}
	fmt.Fprintf(e.stdout, "added %d %s to site.yaml, %d already there\n", len(add), plural(len(add), "source", "sources"), skipped)
	return nil
}

// loadSite reads the configuration of the site in source for the
// command cmd.
func loadSite(e *env, source, cmd string) (string, *site.Config, error) {
	root := e.path(source)
	cfg, err := site.Load(os.DirFS(root), site.Options{})
	if err != nil {
		return "", nil, fmt.Errorf("brief %s: %w", cmd, err)
	}
	return root, cfg, nil
}

func runSourcesExport(e *env, args []string) error {
	fs := newFlags(e, "sources export", "sources export [--source DIR] [--output FILE]\n\n"+
		"Writes the sources of site.yaml as OPML 2.0, for a feed reader.")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	output := fs.String("output", "", "write to this file (which must not exist) instead of stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief sources export: unexpected argument %q: %w", fs.Arg(0), errUsage)
	}
	root, cfg, err := loadSite(e, *source, "sources export")
	if err != nil {
		return err
	}
	st, _, err := sources.LoadState(root)
	if err != nil {
		return fmt.Errorf("brief sources export: %w", err)
	}
	var buf bytes.Buffer
	if err := sources.ExportOPML(&buf, cfg.Title+" – sources", st.Typed(cfg.Sources)); err != nil {
		return fmt.Errorf("brief sources export: %w", err)
	}
	if *output == "" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	f, err := os.OpenFile(e.path(*output), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("brief sources export: %w", err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("brief sources export: %w", err)
	}
	return f.Close()
}
