// Package sources is brief fetch: it polls the feeds, sitemaps and pages
// listed under site.yaml's `sources:`, politely (conditional requests,
// robots.txt, a per-host limit and delay, back-off after errors), picks
// the items the site does not hold yet, fetches their pages and imports
// them through the importer, with the feed's own text as a fallback. What
// it knows between runs lives in StateFile, written atomically after each
// batch of imports, so a fetch killed at any point loses nothing and
// running it again is safe.
package sources

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/extract"
	"github.com/brief-ssg/brief/internal/fetch"
	"github.com/brief-ssg/brief/internal/importer"
	"github.com/brief-ssg/brief/internal/pool"
	"github.com/brief-ssg/brief/internal/safetext"
	"github.com/brief-ssg/brief/internal/site"
)

// Options configure one fetch.
type Options struct {
	// Root is the site's folder; Site its configuration, whose sources
	// are polled and whose fetch section sets the politeness.
	Root string
	Site *site.Config
	// Client bounds every request (timeout, size cap, redirects) and
	// names brief (User-Agent); its Transport, nil for the default, is
	// wrapped in the per-host limits.
	Client *fetch.Client
	// Since, when set, leaves out items dated before it: by the source,
	// or, for an item the source gives no date, by its page.
	Since time.Time
	// DryRun polls the sources and reports the items that would be
	// fetched, without fetching their pages or writing anything.
	DryRun bool
	// Now is the clock of back-offs and the state's stamps; nil means
	// time.Now.
	Now func() time.Time
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
	// Progress, when set, is called after each page fetched, with the
	// count done and the total, from any goroutine.
	Progress func(done, total int)
	// Batch is how many pages are fetched, held and imported at once
	// before the state is saved; 0 means DefaultBatch.
	Batch int

	// clock keeps the hosts' turns (see polite); nil means the wall
	// clock. A test's clock moves only when a turn waits on it, so that
	// the delays kept can be checked whatever the machine's load.
	clock clock
}

// Outcome is what became of one item.
type Outcome int

// The outcomes of an item.
const (
	// New: imported as a new article.
	New Outcome = iota
	// Skipped: seen before, in the site already, left out by the
	// source's rules, --since or max_items, or disallowed by robots.txt;
	// ItemReport.Reason says which.
	Skipped
	// Failed: neither its page nor the feed's text gave an article; it
	// is tried again by the next runs, up to three in all.
	Failed
	// Listed: a dry run found it new; nothing was fetched.
	Listed
)

// Reasons an item was skipped.
const (
	ReasonSeen      = "seen before"
	ReasonInSite    = "already in the site"
	ReasonOther     = "listed by another source"
	ReasonTwice     = "listed twice by the source"
	ReasonRules     = "left out by the source's include/exclude"
	ReasonSince     = "older than --since"
	ReasonMaxItems  = "over the source's max_items this run"
	ReasonRobots    = "robots.txt asks brief not to fetch it"
	ReasonDuplicate = "duplicate of an article in the site"
	ReasonNoLink    = "no link to an article"
	ReasonGaveUp    = "failed three runs in a row; given up"
)

// ItemReport says what became of one item.
type ItemReport struct {
	URL, Title string
	Outcome    Outcome
	// Reason says why an item was skipped.
	Reason string
	// Path is the article imported, or the one it duplicates.
	Path string
	// FromFeed is set when the article was made from the feed's text
	// rather than its page (content: feed, or the page failed).
	FromFeed bool
	// Err says why it failed; Note is the importer's remark.
	Err  error
	Note string
}

// SourceReport says what one source gave.
type SourceReport struct {
	Source site.Source
	// Type is what the source was read as (feed, sitemap, page).
	Type string
	// NotModified: the source answered 304 to a conditional request and
	// was not parsed; only items that failed before were tried again.
	NotModified bool
	// Waiting is set when the source was not polled because it failed
	// before: it is tried again from then on.
	Waiting time.Time
	// Err says why the source itself could not be read.
	Err   error
	Items []ItemReport
}

// Count returns how many of the source's items had the outcome.
func (s *SourceReport) Count(o Outcome) int {
	n := 0
	for _, it := range s.Items {
		if it.Outcome == o {
			n++
		}
	}
	return n
}

// Skips counts the skipped items by reason, reasons in a fixed order.
func (s *SourceReport) Skips() []ReasonCount {
	counts := map[string]int{}
	for _, it := range s.Items {
		if it.Outcome == Skipped {
			counts[it.Reason]++
		}
	}
	var out []ReasonCount
	for _, r := range []string{ReasonSeen, ReasonInSite, ReasonDuplicate, ReasonOther, ReasonTwice, ReasonRules, ReasonSince, ReasonMaxItems, ReasonRobots, ReasonNoLink, ReasonGaveUp} {
		if counts[r] > 0 {
			out = append(out, ReasonCount{r, counts[r]})
		}
	}
	return out
}

// count is how many of the source's items were skipped for reason.
func (s *SourceReport) count(reason string) int {
	n := 0
	for _, it := range s.Items {
		if it.Outcome == Skipped && it.Reason == reason {
			n++
		}
	}
	return n
}

// ReasonCount is a number of items skipped for one reason.
type ReasonCount struct {
	Reason string
	N      int
}

// Result is what one fetch did, source by source in site.yaml order.
type Result struct {
	Sources []SourceReport
	// Warning is something the editor should know that stopped nothing
	// (a state file that did not read).
	Warning string
}

// Failed reports whether any source or item failed.
func (r *Result) Failed() bool {
	for _, s := range r.Sources {
		if s.Err != nil || s.Count(Failed) > 0 {
			return true
		}
	}
	return false
}

// Count returns how many items of all sources had the outcome.
func (r *Result) Count(o Outcome) int {
	n := 0
	for i := range r.Sources {
		n += r.Sources[i].Count(o)
	}
	return n
}

// DefaultBatch bounds the pages held in memory and imported at once: the
// state is saved after each batch, so a killed fetch loses at most one
// batch's work, which the next run redoes.
const DefaultBatch = 200

// pageWorkers bounds the pages fetched at once, across hosts; each host
// has its own, lower limit.
const pageWorkers = 16

// Fetch polls the site's sources and imports their new items. Problems
// with sources and items are in the Result; the error is for what stops
// the whole run (the state cannot be saved, ctx is done), with the Result
// of what was done until then.
func Fetch(ctx context.Context, opt Options) (*Result, error) {
	if opt.Site == nil {
		return nil, errors.New("fetch: no site configuration")
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	client := fetch.Client{}
	if opt.Client != nil {
		client = *opt.Client
	}
	pol := newPolite(client.Transport, client.UserAgent, opt.Site.Fetch.DelaySpan, opt.Site.Fetch.PerHost, opt.Log)
	if opt.clock != nil {
		pol.clock = opt.clock
	}
	client.Transport = pol
	opt.Client = &client

	if !opt.DryRun {
		unlock, err := lock(ctx, opt.Root)
		if err != nil {
			return nil, err
		}
		defer unlock()
		// What a killed fetch left half-written: the state's temporary
		// files are stale once the lock is held, the articles' once their
		// writer is gone.
		sweepStateTemps(opt.Root)
		importer.SweepTemps(opt.Root, opt.Now())
	}
	st, warning, err := LoadState(opt.Root)
	if err != nil {
		return nil, err
	}
	res := &Result{Warning: warning}
	loc := opt.Site.Location
	if loc == nil {
		loc = time.UTC
	}
	inSite, err := importer.Addresses(opt.Root, loc, Key)
	if err != nil {
		return nil, err
	}

	now := opt.Now()
	polls := poll(ctx, opt, pol, st, now)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	r := &run{opt: opt, pol: pol, st: st, now: now, inSite: inSite, listed: map[string]string{}}
	for i := range opt.Site.Sources {
		res.Sources = append(res.Sources, r.pick(&opt.Site.Sources[i], polls[i]))
	}
	if opt.DryRun {
		return res, nil
	}
	err = r.importAll(ctx, res)
	if err != nil {
		return res, err
	}
	// The validators are saved last: had the run stopped before its
	// items were imported, the next one must read the source again.
	for i, p := range polls {
		src := &opt.Site.Sources[i]
		ss := st.source(src.URL)
		switch {
		case p.waiting:
		case p.err != nil:
			ss.Failures++
			ss.LastError = safetext.Line(p.err.Error())
			ss.RetryAt = now.Add(backoff(ss.Failures, p.retryAfter))
		default:
			ss.Type, ss.ETag, ss.LastModified, ss.Checked = p.typ, p.etag, p.lastModified, now
			ss.Failures, ss.LastError, ss.RetryAt = 0, "", time.Time{}
			if !p.notModified && res.Sources[i].count(ReasonMaxItems) > 0 {
				// Items were left for the next run: it must read the
				// source again, not be told it has not changed.
				ss.ETag, ss.LastModified = "", ""
			}
		}
	}
	st.forget(now)
	// A source taken out of site.yaml (or moved to another URL) takes
	// its validators and back-off with it.
	listed := map[string]bool{}
	for _, src := range opt.Site.Sources {
		listed[src.URL] = true
	}
	for u := range st.Sources {
		if !listed[u] {
			delete(st.Sources, u)
		}
	}
	return res, st.Save(opt.Root)
}

func (st *State) source(u string) *SourceState {
	ss := st.Sources[u]
	if ss == nil {
		ss = &SourceState{}
		st.Sources[u] = ss
	}
	return ss
}

// polled is what one source answered.
type polled struct {
	typ                string
	notModified        bool
	waiting            bool
	items              []Item
	etag, lastModified string
	err                error
	retryAfter         time.Duration
}

// maxChildren bounds the sitemaps of an index read in one run, newest
// first.
const maxChildren = 10

// feedTypes are the media types a source may be served as: servers label
// feeds and sitemaps loosely, and the body is sniffed anyway.
func feedTypes(string) bool { return true }

// poll reads every source at once (each host's limits still hold).
func poll(ctx context.Context, opt Options, pol *polite, st *State, now time.Time) []polled {
	out := make([]polled, len(opt.Site.Sources))
	pool.Each(ctx, len(out), 8, func(i int) {
		src := &opt.Site.Sources[i]
		ss := st.Sources[src.URL]
		if ss != nil && now.Before(ss.RetryAt) {
			out[i] = polled{waiting: true, typ: ss.Type}
			return
		}
		out[i] = pollOne(ctx, opt, pol, src, ss)
	})
	return out
}

func pollOne(ctx context.Context, opt Options, pol *polite, src *site.Source, ss *SourceState) polled {
	req := fetch.Request{URL: src.URL, Types: feedTypes,
		Accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.1"}
	typ := src.Type
	if ss != nil && (typ == "" || typ == ss.Type) {
		req.ETag, req.LastModified = ss.ETag, ss.LastModified
		if typ == "" {
			typ = ss.Type
		}
	}
	resp, err := pol.do(ctx, opt.Client, req)
	if err != nil {
		if !strings.Contains(err.Error(), src.URL) {
			// Go's own errors name the last address asked, which may be
			// a relative redirect ("/loop2"): name the source's.
			err = fmt.Errorf("%s: %w", src.URL, err)
		}
		p := polled{err: err}
		var se *fetch.StatusError
		if errors.As(err, &se) {
			p.retryAfter = se.RetryAfter
		}
		return p
	}
	p := polled{typ: typ, etag: resp.ETag, lastModified: resp.LastModified}
	if resp.NotModified {
		p.notModified = true
		return p
	}
	if src.Type == "" {
		p.typ = detect(resp.ContentType, resp.Body)
	}
	base, _ := url.Parse(resp.URL)
	items, children, err := parse(p.typ, resp.Body, base)
	if err != nil {
		p.err = err
		return p
	}
	for i, c := range children {
		if i == maxChildren {
			opt.Log.Debug("sitemap index: later sitemaps left for their turn", "source", src.Name, "left", len(children)-i)
			break
		}
		r, err := pol.do(ctx, opt.Client, fetch.Request{URL: c, Types: feedTypes, Accept: req.Accept})
		if err != nil {
			opt.Log.Debug("sitemap of an index failed", "source", src.Name, "err", err)
			continue
		}
		cb, _ := url.Parse(r.URL)
		more, _, err := parseSitemap(r.Body, cb)
		if err != nil {
			opt.Log.Debug("sitemap of an index does not parse", "source", src.Name, "err", err)
			continue
		}
		items = append(items, more...)
	}
	p.items = items
	return p
}

// run is one fetch between polling and saving.
type run struct {
	opt    Options
	pol    *polite
	st     *State
	now    time.Time
	inSite map[string]string // Key → article path
	listed map[string]string // Keys taken this run → the URL of the source that listed them
	todo   []todo
}

// todo is an item to fetch and import.
type todo struct {
	source  *site.Source
	report  *SourceReport
	index   int // in report.Items
	item    Item
	key     string
	page    *importer.Page
	fetched bool // page is the item's page, not made from the feed
	err     error
}

// pick decides, item by item, what to fetch from one source.
func (r *run) pick(src *site.Source, p polled) SourceReport {
	rep := SourceReport{Source: *src, Type: p.typ, NotModified: p.notModified, Err: p.err}
	if p.waiting {
		rep.Waiting = r.st.Sources[src.URL].RetryAt
		return rep
	}
	if p.err != nil {
		return rep
	}
	skip := func(it Item, reason, path string) {
		rep.Items = append(rep.Items, ItemReport{URL: it.URL, Title: it.Title, Outcome: Skipped, Reason: reason, Path: path})
	}
	var fresh []Item
	for _, it := range p.items {
		k := Key(it.URL)
		switch prev := r.st.Items[k]; {
		case k == "":
			skip(it, ReasonNoLink, "")
			continue
		case prev != nil:
			prev.Seen = r.now
			if prev.Done {
				skip(it, ReasonSeen, prev.Path)
				continue
			}
			if prev.Item == nil || prev.Source != src.Name {
				prev.Item, prev.Source = &it, src.Name
			}
			continue // pending: retried below
		case r.inSite[k] != "":
			skip(it, ReasonInSite, r.inSite[k])
			r.st.Items[k] = &ItemState{Source: src.Name, Seen: r.now, Done: true, Path: r.inSite[k]}
			continue
		case r.listed[k] == src.URL:
			skip(it, ReasonTwice, "")
			continue
		case r.listed[k] != "":
			skip(it, ReasonOther, "")
			continue
		case !src.Keeps(it.Title, it.URL):
			skip(it, ReasonRules, "")
			continue
		case !r.opt.Since.IsZero() && !it.Date.IsZero() && it.Date.Before(r.opt.Since):
			skip(it, ReasonSince, "")
			continue
		}
		r.listed[k] = src.URL
		fresh = append(fresh, it)
	}
	// Newest first; undated items (a page's links) keep their order.
	sort.SliceStable(fresh, func(i, j int) bool { return fresh[i].Date.After(fresh[j].Date) })
	for i, it := range fresh {
		if i >= src.MaxItems {
			skip(it, ReasonMaxItems, "")
			delete(r.listed, Key(it.URL))
			continue
		}
		r.add(src, &rep, it)
	}
	for _, prev := range r.st.pending(src.Name) {
		k := Key(prev.Item.URL)
		if r.listed[k] != "" {
			continue
		}
		r.listed[k] = src.URL
		r.add(src, &rep, *prev.Item)
	}
	return rep
}

func (r *run) add(src *site.Source, rep *SourceReport, it Item) {
	outcome := New
	if r.opt.DryRun {
		outcome = Listed
	}
	rep.Items = append(rep.Items, ItemReport{URL: it.URL, Title: it.Title, Outcome: outcome})
	r.todo = append(r.todo, todo{source: src, report: rep, index: len(rep.Items) - 1, item: it, key: Key(it.URL)})
}

// importAll fetches and imports the items picked, batch by batch, saving
// the state after each.
func (r *run) importAll(ctx context.Context, res *Result) error {
	// The reports were copied into res after pick: point the items at
	// the copies.
	for i := range r.todo {
		for j := range res.Sources {
			if res.Sources[j].Source.URL == r.todo[i].source.URL {
				r.todo[i].report = &res.Sources[j]
			}
		}
	}
	var done int
	var mu sync.Mutex
	size := r.opt.Batch
	if size <= 0 {
		size = DefaultBatch
	}
	for start := 0; start < len(r.todo); start += size {
		batch := r.todo[start:min(start+size, len(r.todo))]
		err := pool.Each(ctx, len(batch), pageWorkers, func(i int) {
			r.prepare(ctx, &batch[i])
			mu.Lock()
			done++
			n := done
			mu.Unlock()
			if r.opt.Progress != nil {
				r.opt.Progress(n, len(r.todo))
			}
		})
		if err != nil {
			return err
		}
		if err := r.importBatch(ctx, batch); err != nil {
			return err
		}
		if err := r.st.Save(r.opt.Root); err != nil {
			return err
		}
	}
	return nil
}

// prepare fetches an item's page, or makes one of the feed's text.
func (r *run) prepare(ctx context.Context, t *todo) {
	if t.source.Content == site.ContentFeed && t.item.hasText() {
		t.fromFeed()
		return
	}
	p, err := r.pol.do(ctx, r.opt.Client, fetch.Request{URL: t.item.URL})
	if err != nil {
		t.err = err
		if t.item.hasText() && !errors.Is(err, ErrRobots) {
			t.fromFeed()
		}
		return
	}
	t.page = &importer.Page{Page: extract.Page{Name: t.item.URL, URL: p.URL, Body: p.Body, Date: t.item.Date, DateSource: "feed"}, Topics: t.source.Topics, Publisher: t.publisher()}
	t.fetched = true
}

// importBatch imports the pages of a batch, then, for pages that gave no
// article, the feed's text where it has some.
func (r *run) importBatch(ctx context.Context, batch []todo) error {
	var pages []importer.Page
	var which []*todo
	for i := range batch {
		if batch[i].page != nil {
			pages = append(pages, *batch[i].page)
			which = append(which, &batch[i])
		}
	}
	var again []*todo
	if len(pages) > 0 {
		res, err := importer.ImportPages(ctx, pages, importer.Options{Root: r.opt.Root, Site: r.opt.Site, Fetch: r.opt.Client, Now: r.opt.Now, Since: r.opt.Since})
		if err != nil {
			return err
		}
		for i, rep := range res.Reports {
			t := which[i]
			if rep.Outcome == importer.Failed && t.fetched && t.item.hasText() {
				t.err = rep.Err
				t.fromFeed()
				again = append(again, t)
				continue
			}
			r.record(t, rep)
		}
	}
	if len(again) > 0 {
		pages = pages[:0]
		for _, t := range again {
			pages = append(pages, *t.page)
		}
		res, err := importer.ImportPages(ctx, pages, importer.Options{Root: r.opt.Root, Site: r.opt.Site, Fetch: r.opt.Client, Now: r.opt.Now, Since: r.opt.Since})
		if err != nil {
			return err
		}
		for i, rep := range res.Reports {
			r.record(again[i], rep)
		}
	}
	for i := range batch {
		if t := &batch[i]; t.page == nil {
			r.record(t, importer.Report{Outcome: importer.Failed, Err: t.err})
		}
	}
	return nil
}

// record writes what became of an item into its report and the state.
func (r *run) record(t *todo, rep importer.Report) {
	ir := &t.report.Items[t.index]
	ir.FromFeed = !t.fetched && t.page != nil
	ir.Path, ir.Note = rep.Path, rep.Note
	if rep.CopyOf != "" {
		copyNote := fmt.Sprintf("near-copy of %s (%.0f%% of its text)", rep.CopyOf, 100*rep.CopyShare)
		if ir.Note != "" {
			copyNote = ir.Note + "; " + copyNote
		}
		ir.Note = copyNote
	}
	prev := r.st.Items[t.key]
	if prev == nil {
		prev = &ItemState{Source: t.source.Name}
		r.st.Items[t.key] = prev
	}
	prev.Seen = r.now
	switch {
	case rep.Outcome == importer.Imported:
		ir.Outcome = New
		*prev = ItemState{Source: t.source.Name, Seen: r.now, Done: true, Path: rep.Path}
	case rep.Outcome == importer.Duplicate:
		ir.Outcome, ir.Reason = Skipped, ReasonDuplicate
		*prev = ItemState{Source: t.source.Name, Seen: r.now, Done: true, Path: rep.Path}
	case rep.Outcome == importer.Old:
		// As an item the source dates before --since: not imported, and
		// not remembered, so that a run without --since takes it.
		ir.Outcome, ir.Reason = Skipped, ReasonSince
		delete(r.st.Items, t.key)
	case errors.Is(t.err, ErrRobots) && t.page == nil:
		ir.Outcome, ir.Reason, ir.Err = Skipped, ReasonRobots, nil
		*prev = ItemState{Source: t.source.Name, Seen: r.now, Done: true}
	default:
		err := rep.Err
		if err == nil {
			err = t.err
		}
		if err == nil {
			err = errors.New("no article found")
		}
		if t.err != nil && ir.FromFeed && !errors.Is(err, t.err) {
			err = fmt.Errorf("%w (the page: %v)", err, t.err)
		}
		ir.Outcome, ir.Err = Failed, err
		prev.Attempts++
		prev.Err = safetext.Line(err.Error())
		it := t.item
		prev.Item = &it
		if prev.Attempts >= maxAttempts {
			prev.Done, prev.Item = true, nil
			ir.Reason = ReasonGaveUp
		}
	}
}

// publisher is the name an item's article takes for its source when its
// page names none but its host: the source's name in site.yaml, unless
// that is the name brief gave it (its host), else the feed's title.
func (t *todo) publisher() string {
	if u, err := url.Parse(t.source.URL); err == nil && !strings.HasPrefix(strings.ToLower(t.source.Name), strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")) {
		return t.source.Name
	}
	return t.item.Publisher
}

// hasText reports whether the feed carries an article's text for the
// item, not only a line of teaser.
func (it *Item) hasText() bool {
	return strings.TrimSpace(it.Content) != "" || len(strings.TrimSpace(it.Summary)) > 200
}

// fromFeed makes the item's page of the feed's text.
func (t *todo) fromFeed() {
	t.page = &importer.Page{Page: extract.Page{Name: t.item.URL, URL: t.item.URL, Body: feedPage(t.item), Date: t.item.Date, DateSource: "feed"}, Topics: t.source.Topics, Publisher: t.publisher()}
	t.fetched = false
}
