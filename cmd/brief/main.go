// Command brief builds curated briefing sites: it imports scraped pages into
// Markdown, groups articles into topics and renders the site into public/.
//
// This file only dispatches; each command lives in a file of its own and
// calls into internal/ packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/brief-ssg/brief/internal/safetext"
)

// command is one subcommand of brief.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch, so that tests can run commands in
// process with their own streams and working directory.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	dir            string // working directory; "" means the process's
	log            *slog.Logger
	// term is the raw stderr when it is a terminal, nil otherwise: only
	// progress lines, which draw themselves with \r and ESC [K, write to
	// it. run makes everything else printed safe (see safetext.Writer).
	term io.Writer
}

// errUsage marks errors whose message already said what to do; main prints
// them without a stack of context and exits 2.
var errUsage = errors.New("usage")

func commands() map[string]command {
	return map[string]command{
		"build":   {"build the site into public/", runBuild},
		"config":  {"print the site.yaml reference (also `brief help site`)", runConfig},
		"deploy":  {"upload the built site to an S3-compatible bucket, only what changed", runDeploy},
		"extract": {"print the article found in scraped pages", runExtract},
		"fetch":   {"poll the sources in site.yaml and import their new articles", runFetch},
		"import":  {"turn scraped pages into articles in content/", runImport},
		"init":    {"create a new briefing site in a folder", runInit},
		"list":    {"list what builds leave out: drafts and future articles", runList},
		"merge":   {"add the articles of shards imported elsewhere, as one import would", runMerge},
		"new":     {"create a new article file, dated now in the site's time zone", runNew},
		"send":    {"send an edition's email through the site's SMTP server", runSend},
		"serve":   {"preview the site, rebuilding and reloading as files change", runServe},
		"sources": {"list the sources brief fetch follows; import or export them as OPML", runSources},
		"stories": {"print how the articles group into stories (the same event, many sources)", runStories},
		"theme":   {"list the default theme's files, or export them into the site to edit", runTheme},
		"version": {"print brief's version", runVersion},
	}
}

func main() {
	ctx, stop := signalContext()
	code := run(ctx, &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin}, os.Args[1:])
	stop()
	os.Exit(code)
}

// signalContext is the context of a command run from the shell: the
// first Ctrl-C or SIGTERM cancels it, and the command stops within a
// second, cleaning up; a second one kills brief at once.
func signalContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() { <-ctx.Done(); stop() }()
	return ctx, stop
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, e *env, args []string) int {
	// Commands print what hostile pages and servers say (titles, bodies,
	// reason phrases); no control character of theirs may reach the
	// terminal, where ESC sequences retitle the window, write the
	// clipboard or hide text.
	safe := *e
	if f, ok := e.stderr.(*os.File); ok && isTerminal(f) {
		safe.term = f
	}
	safe.stdout, safe.stderr = safetext.NewWriter(e.stdout), safetext.NewWriter(e.stderr)
	e = &safe
	if e.log == nil {
		level := slog.LevelWarn
		if os.Getenv("BRIEF_DEBUG") != "" {
			level = slog.LevelDebug
		}
		e.log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	}
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if args[1] == "site" {
				return exitCode(e, runConfig(ctx, e, nil))
			}
			if c, ok := cmds[args[1]]; ok {
				return exitCode(e, c.run(ctx, e, []string{"--help"}))
			}
		}
		usage(e.stdout, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = []string{"version"}
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "brief: unknown command %q; run `brief --help` for the list\n", args[0])
		return 2
	}
	return exitCode(e, c.run(ctx, e, args[1:]))
}

func exitCode(e *env, err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(*exitStatus)):
		var st *exitStatus
		errors.As(err, &st)
		fmt.Fprintln(e.stderr, err)
		return st.code
	case errors.Is(err, errUsage):
		fmt.Fprintln(e.stderr, strings.TrimSuffix(err.Error(), ": "+errUsage.Error()))
		return 2
	default:
		fmt.Fprintln(e.stderr, err)
		return 1
	}
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprint(w, "brief builds curated briefing sites from Markdown.\n\nUsage:\n  brief <command> [flags]\n\nCommands:\n")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprint(w, "\nRun `brief <command> --help` for a command's flags, `brief help site` for site.yaml's keys.\n")
}

// newFlags returns a flag set whose --help prints a one-line synopsis and
// the flags to stdout, and whose errors are returned rather than printed.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: brief %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args. --help prints the usage and returns flag.ErrHelp;
// a bad flag becomes a one-line usage error pointing at --help.
func parseFlags(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(out)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return err
	case err != nil:
		return fmt.Errorf("brief %s: %v (see `brief %s --help`): %w", fs.Name(), err, fs.Name(), errUsage)
	}
	return nil
}

// dest is where the built site of the site at src lives: --dest resolved
// against the working directory, or public/ inside src when not given.
func (e *env) dest(src, dest string) string {
	if dest == "" {
		return filepath.Join(src, "public")
	}
	return e.path(dest)
}

// path resolves p against the command's working directory.
func (e *env) path(p string) string {
	if e.dir == "" || p == "" || strings.HasPrefix(p, "/") {
		return p
	}
	return e.dir + "/" + p
}
