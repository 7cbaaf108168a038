package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/pool"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/theme"
)

// job produces one output file.
type job struct {
	name string
	html bool
	run  func() ([]byte, error)
	// page, set instead of run for a page made by a template, renders
	// into a buffer the workers reuse: the file is written from it, so a
	// page's bytes are never copied out (a quarter of a gigabyte at 10k
	// articles, and its collection).
	page func(w *bytes.Buffer) error
	// in is what the file is made from. Incremental rebuilds hash it to
	// tell whether the file must be rendered again (see hash.go), so it
	// must hold every input run reads apart from the site's configuration
	// and templates.
	in any
}

// write renders every page, feed and static file of the model into out.
// When out can carry files over from the previous build (output.Keyed)
// and opt.Tool names the brief doing the build, every file gets an input
// key, and only those whose key changed are rendered.
func (m *Model) write(ctx context.Context, out output.Writer, opt Options) (*Result, error) {
	jobs, err := m.jobs(ctx, opt)
	if err != nil {
		return nil, err
	}
	kw, _ := out.(output.Keyed)
	var keys []uint64
	if kw != nil && opt.Tool != "" {
		start := time.Now()
		keys, err = m.keys(ctx, jobs, opt)
		if err != nil {
			return nil, err
		}
		opt.Log.Debug("input keys", "files", len(jobs), "took", time.Since(start))
	} else {
		kw = nil
	}
	start := time.Now()
	rendered, err := runJobs(ctx, jobs, keys, out, kw, opt.Workers, opt.Progress)
	if err != nil {
		return nil, err
	}
	opt.Log.Debug("files written", "files", len(jobs), "rendered", rendered, "took", time.Since(start))
	res := m.result(jobs)
	res.Rendered = rendered
	return res, nil
}

// keys computes each job's input key: the job's own inputs (keys.go)
// together with what every file depends on: the brief doing the build,
// its options, templates/ and site.yaml's settings. site.yaml's topics
// are left out of that common part: what a file shows of them (the topic
// views, which articles each takes) is in its own inputs, so that a new
// topic renders the files that show it, not the whole site.
//
// It runs on every CPU, the article views first: most files hold some,
// and each is hashed once and shared by the workers' hashers.
func (m *Model) keys(ctx context.Context, jobs []job, opt Options) ([]uint64, error) {
	common := newDigest()
	common.WriteString("brief build keys 3\x00" + opt.Tool + "\x00")
	common.WriteString(fmt.Sprintf("drafts=%t future=%t base=%s\x00", opt.Drafts, opt.Future, opt.BaseURL))
	sum := m.in.digest("templates")
	common.Write(sum[:])
	settings := *m.Config
	settings.Topics = nil
	newHasher(m.Templates).value(&common, reflect.ValueOf(settings), 0)

	views := make([]uint64, len(m.Articles))
	covers := make([]uint64, len(m.Articles))
	err := inChunks(ctx, len(m.Articles), opt.Workers, func(lo, hi int) {
		h := newHasher(m.Templates)
		for i := lo; i < hi; i++ {
			views[i] = h.pointer(reflect.ValueOf(m.Articles[i].view), 0)
			if c := m.Articles[i].cov; c != nil {
				covers[i] = h.pointer(reflect.ValueOf(c), 0)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	shared := make(map[*render.Article]uint64, len(views))
	sharedCovers := make(map[*render.Coverage]uint64, len(covers))
	for i, e := range m.Articles {
		shared[e.view] = views[i]
		if e.cov != nil {
			sharedCovers[e.cov] = covers[i]
		}
	}
	keys := make([]uint64, len(jobs))
	err = inChunks(ctx, len(jobs), opt.Workers, func(lo, hi int) {
		h := newHasher(m.Templates)
		h.views, h.covers = shared, sharedCovers
		for i := lo; i < hi; i++ {
			w := common
			writeUint(&w, h.key(jobs[i].in))
			w.WriteString(jobs[i].name)
			keys[i] = w.Sum64() | 1 // never zero, which means no key
		}
	})
	return keys, err
}

// inChunks calls fn for consecutive ranges of [0, n) on up to workers
// goroutines (0: one per CPU): a few ranges per worker, so that each
// keeps its own memo over many items and a slow range does not leave the
// others idle.
func inChunks(ctx context.Context, n, workers int, fn func(lo, hi int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunks := min(n, 4*workers)
	if chunks == 0 {
		return ctx.Err()
	}
	return pool.Each(ctx, chunks, workers, func(c int) {
		fn(c*n/chunks, (c+1)*n/chunks)
	})
}

// runJobs runs jobs on a pool of workers, writing each file to out. With
// keys (one per job) and kw, a job whose file the previous build wrote
// from the same inputs is carried over instead of run. It returns how many
// files were made rather than carried.
func runJobs(ctx context.Context, jobs []job, keys []uint64, out output.Writer, kw output.Keyed, workers int, progress func(done, total int)) (int, error) {
	errs := make([]error, len(jobs))
	var mu sync.Mutex
	var bufs sync.Pool
	done, made := 0, 0
	err := pool.Each(ctx, len(jobs), workers, func(i int) {
		j := jobs[i]
		var key uint64
		if keys != nil {
			key = keys[i]
		}
		buf, _ := bufs.Get().(*bytes.Buffer)
		if buf == nil {
			buf = new(bytes.Buffer)
		}
		ran, err := runJob(j, key, out, kw, buf)
		bufs.Put(buf)
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", j.name, err)
		}
		mu.Lock()
		done++
		if ran {
			made++
		}
		if progress != nil {
			progress(done, len(jobs))
		}
		mu.Unlock()
	})
	if err != nil {
		return 0, err
	}
	var list diag.List
	for _, err := range errs {
		list.Add(err)
	}
	return made, list.Err()
}

// runJob makes one file: carried over when its key matches the previous
// build's, else rendered and written. It reports whether it rendered. A
// page job renders into buf, which no writer keeps once it has returned.
func runJob(j job, key uint64, out output.Writer, kw output.Keyed, buf *bytes.Buffer) (bool, error) {
	if key != 0 {
		if ok, err := kw.Carry(j.name, key); ok || err != nil {
			return false, err
		}
	}
	var data []byte
	if j.page != nil {
		buf.Reset()
		if err := j.page(buf); err != nil {
			return true, err
		}
		data = buf.Bytes()
	} else {
		var err error
		if data, err = j.run(); err != nil {
			return true, err
		}
	}
	if key != 0 {
		return true, kw.WriteKeyed(j.name, key, data)
	}
	return true, out.WriteFile(j.name, data)
}

// result summarises a build that wrote jobs.
func (m *Model) result(jobs []job) *Result {
	res := m.counts
	for _, j := range jobs {
		res.Files++
		if j.html {
			res.Pages++
		}
	}
	res.Articles = len(m.Articles)
	res.Topics = len(m.Topics)
	res.Tags = len(m.Tags)
	return &res
}

// jobs lists every file of the site in a fixed order.
func (m *Model) jobs(ctx context.Context, opt Options) ([]job, error) {
	var jobs []job
	var pages []sitemapURL // HTML pages for the sitemap
	page := func(p *render.Page) {
		p.Site = m.Site
		name := p.Path + "index.html"
		if p.Kind == "404" {
			name = "404.html"
		} else {
			pages = append(pages, m.sitemapEntry(p))
		}
		jobs = append(jobs, job{name: name, html: true, in: p, page: func(w *bytes.Buffer) error { return m.Templates.Execute(w, p) }})
	}

	for _, e := range m.Articles {
		c := coverage(e)
		e.cov = &c
	}
	// Lists name a story once (collapse); an article's own page and its
	// story's page name all of its coverage.
	listed := collapse(m.Articles)
	home := &render.Page{Kind: "home", Path: "", Description: m.Config.Description, Topics: m.Site.Topics, Feeds: feedLinks("", m.Config.Title)}
	for i := 0; i < len(listed) && i < homeItems; i++ {
		home.Items = append(home.Items, listed[i].view)
	}
	if len(m.Stories) > 0 {
		home.StoryIndex = storyIndex
	}
	home.Edition = m.latestEdition()
	page(home)
	for _, p := range m.lists("archive", "articles/", "All articles", listed) {
		page(p)
	}
	for _, p := range m.calendarPages() {
		page(p)
	}
	for _, p := range m.storyPages() {
		page(p)
	}
	for _, p := range m.editionPages() {
		page(p)
	}
	jobs = append(jobs, m.editionJobs()...)
	// A build that no later build shares memory with lets each body go
	// once its page is rendered. When the bodies are large it lets them
	// all go once the search index has read them, and each article page
	// reads its own again: held until then, the bodies were a third of
	// the live heap at its peak (100k articles, input keys), and reading
	// a body again costs less than rendering it. Below Options.BodyMemory they
	// stay until their page: reading 10,000 files again cost a 10k build
	// more CPU than anything but the templates, the Markdown and the
	// writes. brief serve's cache keeps them, because its next rebuild
	// would otherwise read them all again.
	keepBodies := opt.Cache != nil && opt.Cache.watched
	budget := opt.BodyMemory
	if budget == 0 {
		budget = defaultBodyMemory
	}
	dropBodies := !keepBodies && m.bodyBytes() > budget
	for _, e := range m.Articles {
		e := e
		p := &render.Page{Kind: "article", Path: e.view.URL, Title: e.view.Title, Description: e.view.Summary, Site: m.Site}
		m.surroundings(p, e)
		pages = append(pages, changed(e.view))
		jobs = append(jobs, job{name: p.Path + "index.html", html: true, in: []any{p, e}, page: func(w *bytes.Buffer) error {
			body, err := m.body(e)
			if err != nil {
				return err
			}
			if !keepBodies {
				m.releaseBody(e.src)
			}
			// A copy, so that list pages rendering concurrently never see a
			// half-set body and the body is not kept once written.
			v := *e.view
			v.Body = body
			pp := *p
			pp.Article = &v
			return m.Templates.Execute(w, &pp)
		}})
	}
	page(&render.Page{Kind: "topics", Path: "topics/", Title: "Topics", Topics: m.Site.Topics})
	for _, te := range m.Topics {
		topicListed := collapse(te.articles)
		for _, p := range m.lists("topic", te.view.URL, te.view.Title, topicListed) {
			p.Topic = te.view
			p.Description = te.view.Description
			p.Feeds = feedLinks(te.view.URL, te.view.Title)
			page(p)
		}
		jobs = append(jobs, m.feedJobs(te.view.URL, te.view.Title+" · "+m.Config.Title, te.view.Description, topicListed)...)
	}
	tagViews := make([]*render.Tag, len(m.Tags))
	for i, t := range m.Tags {
		tagViews[i] = t.view
	}
	page(&render.Page{Kind: "tags", Path: "tags/", Title: "Tags", Tags: tagViews})
	for _, t := range m.Tags {
		for _, p := range m.lists("tag", t.view.URL, t.view.Name, collapse(t.articles)) {
			p.Tag = t.view
			page(p)
		}
	}
	for _, p := range m.Pages {
		page(p)
	}
	page(&render.Page{Kind: "404", Path: "404/", Title: "Page not found"})
	if m.Config.Host.Headers {
		jobs = append(jobs, m.headersJob(home, m.searchPage()))
	}
	jobs = append(jobs, m.feedJobs("", m.Config.Title, m.Config.Description, listed)...)
	jobs = append(jobs, m.sitemapJobs(pages, sitemapLimit)...)
	search, err := m.searchJobs(ctx, opt)
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, search...)
	if dropBodies {
		for _, e := range m.Articles {
			m.releaseBody(e.src)
		}
	}

	jobs = append(jobs, m.imageJobs()...)
	static, err := m.staticJobs(jobs)
	if err != nil {
		return nil, err
	}
	return append(jobs, static...), nil
}

// defaultBodyMemory is Options.BodyMemory's default.
const defaultBodyMemory = 64 << 20

// bodyBytes is the size of the article bodies held in memory.
func (m *Model) bodyBytes() int {
	n := 0
	for _, e := range m.Articles {
		n += len(e.src.Body)
	}
	return n
}

// releaseBody drops a's body from memory; bodyOf reads it again from its
// file if a later step asks.
func (m *Model) releaseBody(a *content.Article) {
	mm := m.memos[a]
	mm.mu.Lock()
	a.Body, mm.HasBody = "", false
	mm.mu.Unlock()
}

// homeItems is how many of the newest articles the home page lists: a
// river of compact entries, as many as two screens hold.
const homeItems = 30

// lists splits a list of articles into pages of the site's per_page, each
// grouped by day. The first page lives at base, the others at base/page/N/.
func (m *Model) lists(kind, base, title string, entries []*entry) []*render.Page {
	per := m.Config.PerPage
	total := max(1, (len(entries)+per-1)/per)
	at := func(n int) string {
		if n == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(n) + "/"
	}
	pages := make([]*render.Page, 0, total)
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*per, min(n*per, len(entries))
		p := &render.Page{Kind: kind, Path: at(n), Title: title, Days: m.days(entries[lo:hi]),
			Pager: &render.Pager{Number: n, Total: total, First: at(1), Last: at(total)}}
		if n > 1 {
			p.Pager.Prev = at(n - 1)
			p.Title = fmt.Sprintf("%s, page %d", title, n)
		}
		if n < total {
			p.Pager.Next = at(n + 1)
		}
		pages = append(pages, p)
	}
	return pages
}

// days groups entries (newest first) by calendar day in the site's zone.
func (m *Model) days(entries []*entry) []render.Day {
	var days []render.Day
	for _, e := range entries {
		d := e.view.Date
		if n := len(days); n > 0 && sameDay(days[n-1].Date, d) {
			days[n-1].Items = append(days[n-1].Items, e.view)
			continue
		}
		days = append(days, render.Day{Date: d, Items: []*render.Article{e.view}})
	}
	return days
}

func sameDay(a, b interface{ Date() (int, time.Month, int) }) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// staticJobs copies the theme's static files and the site's static/ folder,
// the site's winning where both have a file. A static file may not take the
// name of a generated one.
func (m *Model) staticJobs(generated []job) ([]job, error) {
	files := map[string]fs.FS{}
	collect := func(fsys fs.FS) error {
		return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "." {
					return fs.SkipAll // no static/ folder
				}
				return err
			}
			if d.IsDir() {
				if p != "." && path.Base(p)[0] == '.' {
					return fs.SkipDir
				}
				return nil
			}
			if path.Base(p)[0] == '.' || !d.Type().IsRegular() {
				// Dotfiles and symlinks stay private: a link could point
				// anywhere on the editor's disk.
				return nil
			}
			files[p] = fsys
			return nil
		})
	}
	if err := collect(theme.Static()); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	siteStatic, err := fs.Sub(m.src, "static")
	if err != nil {
		return nil, err
	}
	if err := collect(siteStatic); err != nil {
		return nil, fmt.Errorf("static: %w", err)
	}
	taken := map[string]bool{}
	for _, j := range generated {
		taken[j.name] = true
	}
	var errs diag.List
	names := make([]string, 0, len(files))
	for n := range files {
		if taken[n] {
			errs.Add(diag.Errorf("static/"+n, 0, "would overwrite a page brief generates; rename or move it"))
			continue
		}
		names = append(names, n)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.Strings(names)
	jobs := make([]job, len(names))
	for i, n := range names {
		fsys := files[n]
		in := staticFile{name: n}
		if f := m.in.get("static/" + n); f != nil { // the site's file wins
			in.sum = f.sum
		}
		jobs[i] = job{name: n, in: in, run: func() ([]byte, error) { return fs.ReadFile(fsys, n) }}
	}
	return jobs, nil
}
