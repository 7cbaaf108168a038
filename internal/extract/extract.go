// Package extract finds the articles in a batch of scraped pages (saved
// HTML, gzipped or not, plain-text dumps, web pages fetched by URL, and
// folders of them), for brief extract and brief import alike.
//
// It reads and parses every page once, and extracts it in two passes: the
// first learns, site by site, the blocks of text that repeat across pages
// (navigation, footers, newsletter boxes); the second extracts each page
// knowing them. Each kind of page has its own extractor package
// (htmlpage, textdump), over a shared core (article).
package extract

import (
	"context"
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/brief-ssg/brief/internal/archive"
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/fetch"
)

// Article is what extraction found in one page; see article.Article.
type Article = article.Article

// DefaultMaxBytes bounds an input file, and a gzipped page once expanded,
// when Options.MaxBytes is 0: a scraped page is far smaller, and a larger
// file is an archive or a video put in the wrong folder.
const DefaultMaxBytes = article.DefaultMaxBytes

// DefaultKeepParsed bounds the pages kept parsed from the first pass to
// the second when Options.KeepParsed is 0, by the memory their parsed
// trees hold (as estimated by the page's Size: stripped of scripts and
// styles, a news page's tree is a fraction of its HTML). Pages past it
// are parsed again in the second pass, and a web archive's read again
// from it: a large batch pays a second parse for those rather than
// gigabytes of memory.
const DefaultKeepParsed = 128 << 20

// Options configure a batch extraction.
type Options struct {
	// Dir is where relative file names are read from; "" means the
	// current directory. Results name inputs as they were given.
	Dir string
	// Location reads dates that carry no offset; nil means UTC.
	Location *time.Location
	// MaxBytes bounds one input file, and a gzipped page once expanded; 0
	// means DefaultMaxBytes. Pages fetched over HTTP are bounded by Fetch.
	MaxBytes int
	// Fetch downloads URL inputs; nil uses a default client.
	Fetch *fetch.Client
	// Workers is how many inputs are read and parsed at once in the
	// first pass; 0 means GOMAXPROCS.
	Workers int
	// KeepParsed bounds, in bytes of memory, the pages kept parsed from
	// the first pass to the second; 0 means DefaultKeepParsed, and a
	// negative value keeps none.
	KeepParsed int
	// Learnt, when set, is the boilerplate to extract with, learnt
	// elsewhere: one shard's import reads what every shard of the import
	// learnt (see article.Boilerplate.Add), so that shards extract as one
	// import of them all would. The batch then learns nothing itself.
	Learnt *article.Boilerplate
	// KeepBlocks makes the batch keep every page's blocks in what it
	// learns, so that Batch.Boilerplate can be saved (WriteTo) for the
	// shards of an import (article.Boilerplate.KeepPages).
	KeepBlocks bool
	// Progress, when set, is called after each input of the first pass,
	// in input order, with the count done and the count listed so far
	// (which grows while a web archive is read), from the goroutine that
	// called Learn.
	Progress func(done, total int)
}

// Result is what became of one input.
type Result struct {
	// Input is the file or URL as given, or a file found in a folder
	// given (the folder's name joined with its path inside).
	Input string
	// URL is the page's address: where a fetched page ended up, after
	// redirects, or where an archived page (WARC, WACZ, SingleFile,
	// ArchiveBox) was captured from; "" for other files.
	URL string
	// Archive is the web archive the page was read from, which holds its
	// own copies of the page's images: the WARC or WACZ file, the
	// ArchiveBox snapshot folder, or the SingleFile page itself; "" for
	// a page fetched, held in memory, or saved some other way.
	Archive string
	// Article is the article found; nil when Err is set.
	Article *Article
	// Err says why the input gave no article: it could not be listed,
	// read or parsed (article.ErrTooLarge, article.ErrNoArticle for binary
	// and broken pages), or it holds no article (article.ErrNoArticle).
	Err error
}

// Pages extracts the article of every page behind inputs (files, folders,
// URLs), in both passes, and returns one Result per page in input order,
// a folder standing for its pages in name order. One input's failure is
// in its Result and never stops the others; the error return is for
// cancellation (ctx.Err()).
func Pages(ctx context.Context, inputs []string, opt Options) ([]Result, error) {
	b, err := Learn(ctx, inputs, opt)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, b.Len())
	err = b.Extract(ctx, Each{Done: func(_ int, r Result) { out = append(out, r) }})
	return out, err
}

// Page is a web page the caller already holds: one it fetched itself
// (brief fetch, through its polite per-host client), or one made from
// what a feed says of an article.
type Page struct {
	// Name names the page in its Result, as an input's name does; for a
	// page fetched, its URL as requested.
	Name string
	// URL is where the page was served from, after redirects: its links
	// resolve against it, and it is the article's address when the page
	// names no canonical one.
	URL string
	// Body is the page's HTML, in any charset, possibly gzip-compressed.
	Body []byte
	// Date dates the article when the page gives no date of its own
	// (neither published nor updated): the date a feed gave the item.
	// Zero for none.
	Date time.Time
	// DateSource is the Article.DateSource given with Date: where it came
	// from, such as "feed"; "" means article.DateCapture, as for a page
	// of a web archive.
	DateSource string
}

// LearnPages is Learn for pages in memory: the first pass over them, in
// the order given. The same Options apply (Fetch and Dir are not used).
func LearnPages(ctx context.Context, pages []Page, opt Options) (*Batch, error) {
	ins := make([]input, len(pages))
	for i := range pages {
		ins[i] = input{name: pages[i].Name, path: pages[i].URL, mem: &pages[i]}
	}
	return learn(ctx, ins, opt)
}

// Batch is a set of pages read, parsed and learnt from: the first pass of
// an extraction, made by Learn. Extract runs the second.
type Batch struct {
	opt   Options
	limit int
	bp    *article.Boilerplate
	items []*item
	// readers read the pages of web archives again in the second pass,
	// one a worker at a time, keeping their buffers from page to page.
	readers sync.Pool
}

// item is one input between the passes.
type item struct {
	in   input
	src  *source // the page's bytes, when it is not kept parsed
	url  string
	page page // parsed in the first pass; nil when over KeepParsed
	err  error
	// site and blocks are the page's, until learnt.
	site   string
	blocks []string
	sum    [32]byte // of the page's bytes
	// captured is when an archive captured the page, or the date given
	// with a page in memory: its date when the page gives none; zero
	// otherwise. dateSource is the Article.DateSource that goes with it,
	// "" for article.DateCapture.
	captured   time.Time
	dateSource string
	// archive is the Result's Archive.
	archive string
}

// Learn lists the pages behind inputs, then reads and parses them on
// Options.Workers goroutines, and learns their blocks in input order,
// exactly as one goroutine would, so that results do not depend on
// timing; a web archive is read once, from start to end, its pages parsed
// as they are found. The same page given twice is learnt once. It returns
// ctx.Err() when cancelled.
func Learn(ctx context.Context, inputs []string, opt Options) (*Batch, error) {
	return learn(ctx, expand(inputs, opt.Dir), opt)
}

func learn(ctx context.Context, ins []input, opt Options) (*Batch, error) {
	b := &Batch{opt: opt, limit: opt.MaxBytes, bp: opt.Learnt}
	b.readers.New = func() any { return new(archive.Reader) }
	if b.bp == nil {
		b.bp = article.NewBoilerplate()
		b.bp.KeepPages = opt.KeepBlocks
	}
	if b.limit <= 0 {
		b.limit = DefaultMaxBytes
	}
	budget := opt.KeepParsed
	if budget == 0 {
		budget = DefaultKeepParsed
	}
	var (
		mu     sync.Mutex
		kept   int // Size of the pages kept parsed
		listed atomic.Int64
	)
	// Every input but an archive is listed already; an archive's pages
	// count once read.
	for _, in := range ins {
		if !in.archive {
			listed.Add(1)
		}
	}
	// The inputs are handed on as they are listed: a web archive's pages
	// as it is read, each with its HTML, so that an archive is read once
	// in this pass, in order, while its pages are parsed.
	produce := func(emit func(*item) bool) {
		for _, in := range ins {
			if !in.archive {
				if !emit(&item{in: in, err: in.err}) {
					return
				}
				continue
			}
			goOn := true
			err := archive.Scan(in.path, int64(b.limit), func(p archive.Page, data []byte, err error) bool {
				it := &item{in: input{name: in.name + "#" + p.URI, path: in.path, rec: &p}, err: err}
				if err == nil {
					it.src = &source{url: p.URI, captured: p.Captured, kind: kindHTML, data: data}
				}
				listed.Add(1)
				goOn = emit(it)
				return goOn
			})
			if err != nil && goOn {
				listed.Add(1)
				goOn = emit(&item{in: input{name: in.name, path: in.path}, err: err})
			}
			if !goOn {
				return
			}
		}
	}
	popt := article.Options{MaxBytes: b.limit}
	readOne := func(_ int, it *item) {
		if it.err != nil {
			return
		}
		src := it.src
		if src == nil {
			var err error
			if src, err = read(ctx, it.in, opt.Fetch, nil, b.limit); err != nil {
				it.err = err
				return
			}
		}
		it.src, it.url, it.captured, it.dateSource = src, src.url, src.captured, src.dateSource
		it.archive = archiveOf(it.in, src)
		it.sum = sha256.Sum256(src.data)
		p, err := src.parse(popt)
		if err != nil {
			// A page that cannot be parsed teaches nothing, and fails
			// extraction with this same error.
			it.err, it.src = err, nil
			return
		}
		it.site, it.blocks = p.Blocks()
		mu.Lock()
		keep := kept+p.Size() <= budget
		if keep {
			kept += p.Size()
		}
		mu.Unlock()
		switch {
		case keep:
			it.page, it.src = p, nil // the parsed page holds all pass 2 needs
		case it.in.rereadable():
			// A page on disk (a file, or a page in an archive) is read
			// again in pass 2 rather than kept: a folder or an archive
			// of many gigabytes must not end up in memory.
			it.src = nil
		}
	}
	learnt := map[[32]byte]bool{}
	learn := func(i int, it *item) {
		b.items = append(b.items, it)
		// The same page given twice teaches nothing new, and learning it
		// twice would make its own paragraphs look like boilerplate. In
		// input order, the first copy is the one that teaches, as its URL
		// may give it another site than the others'.
		if it.err == nil && !learnt[it.sum] && opt.Learnt == nil {
			learnt[it.sum] = true
			b.bp.Learn(it.site, it.blocks)
		}
		it.blocks = nil
		if opt.Progress != nil {
			opt.Progress(i+1, int(listed.Load()))
		}
	}
	workers := workers(opt.Workers)
	if err := inOrderStream(ctx, workers, 16*workers, produce, readOne, learn); err != nil {
		return nil, err
	}
	return b, nil
}

func workers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// Boilerplate is what the batch learnt (or was given in Options.Learnt).
func (b *Batch) Boilerplate() *article.Boilerplate { return b.bp }

// Len is the number of pages in the batch, folders expanded.
func (b *Batch) Len() int { return len(b.items) }

// Each says what Batch.Extract does with each result.
type Each struct {
	// Workers extract pages, and run Work, at once; 0 means GOMAXPROCS.
	// A Work that waits for the disk is worth more workers than cores.
	Workers int
	// Work, when set, runs on the worker that extracted input i, in
	// parallel with other inputs: the costly part of what the caller
	// makes of an article (rendering, writing a draft). It must be safe
	// for concurrent use.
	Work func(i int, r Result)
	// Done is called for each input in order, on the goroutine that
	// called Extract, once its Work and every earlier input's are done.
	Done func(i int, r Result)
}

// Extract runs the second pass: it extracts every page knowing what the
// first learnt about its site, and hands each Result to each.Work and
// each.Done. Work runs at most a window of inputs ahead of Done, which
// bounds what finished work holds in memory; a page is let go once Done
// has had it. When ctx is cancelled, no more work starts and Done is no
// longer called: Extract waits for the work already started and returns
// ctx.Err(). A Batch is extracted once.
func (b *Batch) Extract(ctx context.Context, each Each) error {
	eopt := article.Options{Location: b.opt.Location, Boilerplate: b.bp, MaxBytes: b.limit}
	results := make([]Result, len(b.items))
	extractOne := func(i int) {
		it := b.items[i]
		r := Result{Input: it.in.name, URL: it.url, Archive: it.archive, Err: it.err}
		if r.Err == nil {
			r.Article, r.Err = it.extract(ctx, b, eopt)
		}
		if r.Err == nil && r.Article.Published.IsZero() && r.Article.Updated.IsZero() && !it.captured.IsZero() {
			r.Article.Published, r.Article.DateSource = it.captured, article.DateCapture
			if it.dateSource != "" {
				r.Article.DateSource = it.dateSource
			}
		}
		b.items[i] = nil // done with: let the memory go
		if each.Work != nil {
			each.Work(i, r)
		}
		results[i] = r
	}
	done := func(i int) {
		if each.Done != nil {
			each.Done(i, results[i])
		}
		results[i] = Result{}
	}
	workers := workers(each.Workers)
	return inOrder(ctx, len(b.items), workers, 8*workers, extractOne, done)
}

// extract extracts the item's page, parsing it again if it was not kept,
// and reading it again from its archive if its bytes were not kept
// either.
func (it *item) extract(ctx context.Context, b *Batch, opt article.Options) (*Article, error) {
	p := it.page
	if p == nil {
		src := it.src
		if src == nil {
			var err error
			ar := b.readers.Get().(*archive.Reader)
			src, err = read(ctx, it.in, b.opt.Fetch, ar, b.limit)
			b.readers.Put(ar)
			if err != nil {
				return nil, err
			}
			if sha256.Sum256(src.data) != it.sum {
				return nil, fmt.Errorf("%s changed while it was being imported; import it again", it.in.path)
			}
		}
		var err error
		if p, err = src.parse(opt); err != nil {
			return nil, err
		}
	}
	return p.Extract(opt)
}
