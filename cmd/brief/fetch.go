package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/fetch"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sources"
)

// Exit statuses of brief fetch, for cron and CI jobs (README: "Following
// sources"). 2 is every command's for a bad command line.
const (
	exitFetchPartial = 1 // some sources or items failed; the rest was imported
	exitFetchNotRun  = 3 // nothing was fetched: the site, its state or the run itself failed
)

// exitStatus is an error that sets the exit status.
type exitStatus struct {
	err  error
	code int
}

func (e *exitStatus) Error() string { return e.err.Error() }
func (e *exitStatus) Unwrap() error { return e.err }

const fetchSynopsis = `fetch [--source DIR] [--since DURATION|DATE] [--dry-run]

Polls the sources listed under sources: in site.yaml (feeds, sitemaps,
pages) and imports each new item as brief import would: its page is
fetched and extracted, the feed's own text used when the page fails.
Unchanged feeds answer 304 and are not read again; items seen before,
already in content/, or listed by two sources are skipped. What brief
knows between runs is kept in .brief/fetch-state.json.

Exit status: 0 when every source was read and every new item imported;
1 when some source or item failed (the others were imported; failed
items are tried again by the next runs); 2 for a bad command line; 3
when nothing could be fetched (site.yaml, the state file, interrupted).`

func runFetch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "fetch", fetchSynopsis)
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	since := fs.String("since", "", "leave out items dated before this: a duration back from now (36h, 7d) or a date (2025-06-01, RFC 3339)")
	dryRun := fs.Bool("dry-run", false, "poll the sources and list the new items, without fetching their pages or writing anything")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief fetch: unexpected argument %q (sources are listed in site.yaml; see `brief sources`): %w", fs.Arg(0), errUsage)
	}
	now := time.Now()
	var from time.Time
	if *since != "" {
		var err error
		if from, err = parseSince(*since, now); err != nil {
			return fmt.Errorf("brief fetch: --since %q: %v: %w", *since, err, errUsage)
		}
	}
	notRun := func(err error) error {
		return &exitStatus{fmt.Errorf("brief fetch: %w", err), exitFetchNotRun}
	}
	root := e.path(*source)
	cfg, err := site.Load(os.DirFS(root), site.Options{})
	if err != nil {
		return notRun(err)
	}
	if len(cfg.Sources) == 0 {
		return notRun(errors.New("site.yaml lists no sources: add a sources: list (see `brief sources --help`), or bring your reader's with `brief sources import FILE.opml`"))
	}
	prog := &fetchProgress{term: &progress{w: e.term}, log: e.stderr}
	res, err := sources.Fetch(ctx, sources.Options{
		Root: root, Site: cfg, Since: from, DryRun: *dryRun, Log: e.log,
		Client:   &fetch.Client{UserAgent: fetch.UserAgent(version)},
		Progress: prog.update,
	})
	prog.term.done()
	if errors.Is(err, context.Canceled) {
		// The report would list as new what was still to import.
		return notRun(errors.New("interrupted; nothing is lost: the articles imported so far are in content/, and the next run takes up the rest"))
	}
	if res != nil {
		printFetch(e.stdout, res, *dryRun)
	}
	if err != nil {
		return notRun(err)
	}
	if res.Failed() {
		n, m := 0, res.Count(sources.Failed)
		for _, s := range res.Sources {
			if s.Err != nil {
				n++
			}
		}
		return &exitStatus{fmt.Errorf("brief fetch: %d %s and %d %s failed; the next run tries them again", n, plural(n, "source", "sources"), m, plural(m, "item", "items")), exitFetchPartial}
	}
	return nil
}

// parseSince reads --since: a duration back from now ("36h", "7d") or a
// date, alone (midnight UTC) or in RFC 3339.
func parseSince(s string, now time.Time) (time.Time, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.ParseFloat(days, 64); err == nil && n >= 0 {
			return now.Add(-time.Duration(n * float64(24*time.Hour))), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a duration (36h, 7d) or a date (2025-06-01)")
}

// printFetch reports each source: a summary line, then the new items and
// the failures, each with its reason; then the run's summary.
func printFetch(w io.Writer, res *sources.Result, dryRun bool) {
	if res.Warning != "" {
		fmt.Fprintf(w, "note: %s\n", res.Warning)
	}
	var notModified, waiting, failedSources int
	for _, s := range res.Sources {
		name := s.Source.Name
		switch {
		case !s.Waiting.IsZero():
			waiting++
			fmt.Fprintf(w, "%s: waiting after earlier failures; next try after %s\n", name, s.Waiting.Local().Format("2006-01-02 15:04"))
			continue
		case s.Err != nil:
			failedSources++
			fmt.Fprintf(w, "%s: failed: %v\n", name, s.Err)
			continue
		}
		if s.NotModified {
			notModified++
		}
		line := fmt.Sprintf("%s: %d new", name, s.Count(sources.New)+s.Count(sources.Listed))
		if skips := s.Skips(); len(skips) > 0 {
			var parts []string
			n := 0
			for _, r := range skips {
				parts = append(parts, fmt.Sprintf("%d %s", r.N, r.Reason))
				n += r.N
			}
			line += fmt.Sprintf(", %d skipped (%s)", n, strings.Join(parts, ", "))
		}
		if n := s.Count(sources.Failed); n > 0 {
			line += fmt.Sprintf(", %d failed", n)
		}
		if s.NotModified {
			line += " (not modified since the last run)"
		}
		fmt.Fprintln(w, line)
		for _, it := range s.Items {
			switch it.Outcome {
			case sources.Listed:
				fmt.Fprintf(w, "  would fetch %s\n", it.URL)
			case sources.New:
				from := ""
				if it.FromFeed {
					from = " (from the feed's text)"
				}
				fmt.Fprintf(w, "  new %s → %s%s\n", it.URL, it.Path, from)
				if it.Note != "" {
					fmt.Fprintf(w, "    note: %s\n", it.Note)
				}
			case sources.Failed:
				gaveUp := ""
				if it.Reason != "" {
					gaveUp = " (" + it.Reason + ")"
				}
				fmt.Fprintf(w, "  failed %s: %v%s\n", it.URL, it.Err, gaveUp)
			}
		}
	}
	verb := "fetched"
	if dryRun {
		verb = "would fetch"
	}
	line := fmt.Sprintf("%s %d new from %d %s", verb, res.Count(sources.New)+res.Count(sources.Listed), len(res.Sources), plural(len(res.Sources), "source", "sources"))
	var extra []string
	if notModified > 0 {
		extra = append(extra, fmt.Sprintf("%d not modified", notModified))
	}
	if waiting > 0 {
		extra = append(extra, fmt.Sprintf("%d waiting", waiting))
	}
	if failedSources > 0 {
		extra = append(extra, fmt.Sprintf("%d failed", failedSources))
	}
	if len(extra) > 0 {
		line += " (" + strings.Join(extra, ", ") + ")"
	}
	skipped, failed := res.Count(sources.Skipped), res.Count(sources.Failed)
	line += fmt.Sprintf("; %d %s skipped, %d failed", skipped, plural(skipped, "item", "items"), failed)
	if dryRun {
		line += " (dry run: no page fetched, nothing written)"
	}
	fmt.Fprintln(w, line)
}

// fetchProgressEvery is how many pages a fetch whose stderr is not a
// terminal (cron, CI) reports at a time.
const fetchProgressEvery = 100

// fetchProgress shows a fetch's pages done: a counter on a terminal, a
// line every fetchProgressEvery pages in a log, so that a long fetch is
// seen to move. Its update is called from many goroutines.
type fetchProgress struct {
	mu   sync.Mutex
	term *progress
	log  io.Writer
	told int
}

func (p *fetchProgress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.term.w != nil {
		p.term.update("fetching", done, total)
		return
	}
	if done < total && done >= p.told+fetchProgressEvery {
		p.told = done - done%fetchProgressEvery
		fmt.Fprintf(p.log, "fetching: %d of %d pages\n", done, total)
	}
}
