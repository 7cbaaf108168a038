package importer

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/extract"
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/fetch"
	"github.com/brief-ssg/brief/internal/langdetect"
	"github.com/brief-ssg/brief/internal/safetext"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/slug"
	"github.com/brief-ssg/brief/internal/stories"
	"github.com/brief-ssg/brief/internal/topics"
)

// ArticlesDir is where imported articles are written, relative to the site.
const ArticlesDir = content.Dir + "/articles"

// Options configure one import.
type Options struct {
	// Root is the site's folder, holding site.yaml and content/.
	Root string
	// Site is the site's configuration: its time zone dates the articles,
	// and its topic rules say, in each report, which topics the build
	// would file an article under today. Import never writes them into
	// the article: the rules decide at every build.
	Site *site.Config
	// Update refreshes articles imported before, field by field, where the
	// editor has not changed the field since.
	Update bool
	// DryRun reports what would happen and writes nothing.
	DryRun bool
	// SkipCopies leaves out a page whose body is a near-copy of an
	// article already in content/ (or of one imported before it in the
	// same run); without it, the page is imported and its report says
	// what it copies, and the build puts both in one story.
	//
	// A near-copy is what the build's stories call one, with site.yaml's
	// `stories: near_duplicate` threshold (or its default), whether the
	// site shows stories or not.
	SkipCopies bool
	// Since, when set, leaves out a page whose own date (published, else
	// updated) is before it: its Report has the outcome Old. A page with
	// no date is imported as usual. brief fetch --since sets it for the
	// items whose source gave no date.
	Since time.Time
	// Fetch downloads URL inputs and the images of pages; nil uses a
	// default client.
	Fetch *fetch.Client
	// FetchImages fetches from the web the images of an archived page
	// (see extract.Result.Archive) that its archive does not hold. By
	// default they are left out, with a note, and an import of archives
	// makes no request at all.
	FetchImages bool
	// Now stamps `imported`; nil means time.Now. It is called from
	// several goroutines at once.
	Now func() time.Time
	// MaxBytes bounds one input file, and a gzipped page once expanded; 0
	// means extract.DefaultMaxBytes. Pages fetched over HTTP are bounded
	// by Fetch.
	MaxBytes int
	// KeepParsed bounds the pages kept parsed from pass 1 for pass 2, in
	// bytes of memory (see extract.Options.KeepParsed); 0 means
	// extract.DefaultKeepParsed, and a negative value keeps none.
	KeepParsed int
	// Learnt, when set, is the boilerplate learnt by LearnBlocks over
	// every shard of an import run in shards: the pages are extracted
	// with it rather than with what they teach alone (see
	// extract.Options.Learnt).
	Learnt *article.Boilerplate
	// Progress, when set, is called after each input of each pass
	// ("reading", then "importing") with the count done and the total
	// (while reading, the count listed so far, which grows while a web
	// archive is read), always from the goroutine that called Import.
	Progress func(pass string, done, total int)
	// Log receives diagnostics at debug level, such as each image that
	// could not be fetched (a report's note names only the first); nil
	// discards them.
	Log *slog.Logger
}

// Outcome is what happened to one input.
type Outcome int

// The outcomes of an input.
const (
	Imported Outcome = iota
	Updated
	Duplicate
	Failed
	// Copied: a near-copy of an article in content/, left out because of
	// Options.SkipCopies; Report.CopyOf names the article.
	Copied
	// Old: dated before Options.Since, left out.
	Old
)

// Report says what happened to one input.
type Report struct {
	Input   string
	Outcome Outcome
	// Path is the article written, refreshed, or duplicated, relative to
	// the site root.
	Path string
	// Changed lists the fields --update refreshed; Kept those it left
	// because the editor had changed them.
	Changed, Kept []string
	// Topics are the topics whose rules in site.yaml select the article
	// imported or updated, in site.yaml order: what the next build will
	// file it under, unless the editor lists or excludes topics.
	Topics []string
	// CopyOf is the article already in content/ whose body this page's
	// nearly copies (the one it covers most), "" for none; CopyShare is
	// the share of that article's 5-word shingles the page has, in
	// [0, 1]. Set for Imported and Copied.
	CopyOf    string
	CopyShare float64
	// Note is a remark worth the editor's attention.
	Note string
	// Undated is set for a page that gave no date: it was imported as a
	// draft, dated with the time of its import.
	Undated bool
	Err     error
}

// Result gathers the reports of one import, in input order.
type Result struct {
	Reports []Report
}

// Count returns how many inputs had the outcome.
func (r *Result) Count(o Outcome) int { return countOf(r.Reports, o) }

func (r Report) outcome() Outcome { return r.Outcome }

// countOf counts the reports with the outcome.
func countOf[R interface{ outcome() Outcome }](reports []R, o Outcome) int {
	n := 0
	for _, rep := range reports {
		if rep.outcome() == o {
			n++
		}
	}
	return n
}

// Import reads every input and writes each article found into
// content/articles. It works in two passes: all pages are read and their
// blocks learnt per site first, so that each page is then extracted
// knowing what repeats across its site. One input's failure is reported
// and never stops the others; the error return is for problems with the
// site itself and for cancellation.
//
// Both passes run on every CPU (see extract.Learn and Batch.Extract), with
// the outcome of one input after the other: what depends on other inputs (learning blocks,
// finding duplicates, choosing file names) is done one input at a time,
// in input order.
func Import(ctx context.Context, inputs []string, opt Options) (*Result, error) {
	return run(ctx, opt, nil, func(eopt extract.Options) (*extract.Batch, error) {
		return extract.Learn(ctx, inputs, eopt)
	})
}

// Page is a page the caller holds (see extract.Page), with what the
// caller's editor chose for the article it holds.
type Page struct {
	extract.Page
	// Topics are written into the new article's `topics:` as the
	// editor's own choice: the topic hints of the site.yaml source that
	// brought the page. Import writes no hash for them, so they are the
	// editor's from the start; an article imported before keeps its own.
	Topics []string
	// Publisher names the article's source when the page names none but
	// its own host: the name the editor gave the site.yaml source that
	// brought it, or its feed's title; "" keeps the host.
	Publisher string
}

// ImportPages is Import for pages in memory, such as those brief fetch
// fetched from its sources, in the order given; each Report's Input is
// the page's Name.
func ImportPages(ctx context.Context, pages []Page, opt Options) (*Result, error) {
	ep := make([]extract.Page, len(pages))
	for i, p := range pages {
		ep[i] = p.Page
	}
	return run(ctx, opt, pages, func(eopt extract.Options) (*extract.Batch, error) {
		return extract.LearnPages(ctx, ep, eopt)
	})
}

// run is an import of the pages learn reads (the first pass); held, when
// set, are the pages in memory it reads, one an input, with the caller's
// choices for them.
func run(ctx context.Context, opt Options, held []Page, learn func(extract.Options) (*extract.Batch, error)) (*Result, error) {
	if opt.Site == nil {
		return nil, errors.New("import: no site configuration")
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	loc := opt.Site.Location
	if loc == nil {
		loc = time.UTC
	}
	workers := runtime.GOMAXPROCS(0)
	progress := func(pass string, done, total int) {
		if opt.Progress != nil {
			opt.Progress(pass, done, total)
		}
	}

	// The duplicate index and the leftovers of killed imports concern
	// content/ only: they are read while the pages are.
	type loaded struct {
		idx *index
		err error
	}
	indexed := make(chan loaded, 1)
	go func() {
		idx, err := loadIndex(opt.Root, loc, stories.NewNearIndex(opt.Site.Stories.NearDuplicate))
		if err == nil && !opt.DryRun {
			SweepTemps(opt.Root, opt.Now())
		}
		indexed <- loaded{idx, err}
	}()

	// Pass 1: read, parse and learn every page (see extract.Learn).
	res := &Result{}
	batch, err := learn(extract.Options{
		Location: loc, MaxBytes: opt.MaxBytes, KeepParsed: opt.KeepParsed, Fetch: opt.Fetch, Workers: workers,
		Learnt:   opt.Learnt,
		Progress: func(done, total int) { progress("reading", done, total) },
	})
	if err != nil {
		return res, err
	}

	ld := <-indexed
	if ld.err != nil {
		return res, ld.err
	}
	idx := ld.idx

	// Pass 2: extract, render and write to a temporary file in parallel;
	// then, in input order, find duplicates, pick file names and link.
	items := make([]item, batch.Len())
	known := idx.snapshot()
	// Images are stored unless the site hotlinks them; a dry run
	// writes nothing, images included.
	var media *mediaStore
	if !opt.Site.Images.Hotlink && !opt.DryRun {
		media = newMediaStore(ctx, opt.Root, opt.Fetch, opt.FetchImages)
		if opt.Log != nil {
			media.log = opt.Log
		}
	}
	prepareOne := func(i int, r extract.Result) {
		if r.Err != nil {
			return
		}
		it := &items[i]
		it.doc = newDoc(r.Article, r.Input, r.URL, opt.Now(), loc)
		it.doc.archive = r.Archive
		if !opt.Since.IsZero() && !it.doc.dateGuessed && it.doc.date.Before(opt.Since) {
			it.old = true
			return
		}
		isNew := known.find(it.doc.sourceURL, it.doc.fingerprint, it.doc.scrapedFrom) == nil
		switch {
		case !isNew && !opt.Update:
			// A duplicate: nothing of it is written.
		case media != nil:
			media.localize(it.doc)
		case opt.DryRun:
			it.doc.dropEmbedded("a dry run stores nothing")
		default:
			it.doc.dropEmbedded("the site hotlinks images (images: hotlink), and these have no address to link to")
		}
		it.doc.upgrade()
		it.doc.tags = opt.Site.Tags.Apply(it.doc.tags)
		if held != nil {
			it.doc.topics = held[i].Topics
			if p := safetext.Line(held[i].Publisher); p != "" && hostOnly(it.doc.source, r.URL, it.doc.sourceURL) {
				it.doc.source = p
			}
		}
		it.doc.ruleTopics = opt.Site.RuleTopics(it.doc.topicsDoc())
		it.doc.shingles = stories.ShinglesOf(it.doc.body)
		if isNew {
			it.draft = prepare(it.doc, opt, loc)
		}
	}
	var syncs dirSyncs
	place := func(i int, r extract.Result) {
		it := &items[i]
		rep := Report{Input: r.Input, Outcome: Failed, Err: r.Err}
		if it.old {
			rep = Report{Input: r.Input, Outcome: Old}
		} else if rep.Err == nil {
			rep = importOne(r.Input, it.doc, it.draft, idx, opt, loc, &syncs)
		}
		it.draft.discard()
		*it = item{} // done with: let the memory go
		res.Reports = append(res.Reports, rep)
		progress("importing", i+1, batch.Len())
	}
	// Twice as many workers as CPUs, since a worker waits for the disk
	// while its temporary file is synced.
	err = batch.Extract(ctx, extract.Each{Workers: 2 * workers, Work: prepareOne, Done: place})
	for i := range items {
		items[i].draft.discard() // left by a cancelled run
	}
	syncs.sync(res.Reports)
	return res, err
}

// LearnBlocks runs the first pass of an import alone: it reads every
// page behind inputs and returns the blocks they repeat, site by site,
// without writing anything. An import run in shards learns each shard's,
// adds them up (article.Boilerplate.Add) and imports each shard with the
// sum as Options.Learnt, so that its pages are extracted as one import of
// all the shards would extract them. Of opt, it uses Site (for its time
// zone), MaxBytes, Fetch and Progress.
func LearnBlocks(ctx context.Context, inputs []string, opt Options) (*article.Boilerplate, error) {
	loc := time.UTC
	if opt.Site != nil && opt.Site.Location != nil {
		loc = opt.Site.Location
	}
	batch, err := extract.Learn(ctx, inputs, extract.Options{
		Location: loc, MaxBytes: opt.MaxBytes, KeepParsed: -1, Fetch: opt.Fetch, KeepBlocks: true,
		Progress: func(done, total int) {
			if opt.Progress != nil {
				opt.Progress("reading", done, total)
			}
		},
	})
	if err != nil {
		return nil, err
	}
	return batch.Boilerplate(), nil
}

// item is what pass 2 made of one input, until its turn.
type item struct {
	doc   *doc   // the article extracted
	draft *draft // doc rendered, and written, ahead of its turn
	old   bool   // dated before Options.Since
}

// draft is a new article rendered for the file name its title gives, and
// written to a synced temporary file, by a pass 2 worker: the costly part
// of writing, done in parallel. Its turn may find that the name is taken
// or that an earlier input is the same article; then the draft is
// rendered again for the name chosen, or thrown away.
type draft struct {
	rel  string
	data []byte
	tmp  string // "" in a dry run, or when writing failed
}

// prepare drafts the article of a page that is not in the site yet.
func prepare(d *doc, opt Options, loc *time.Location) *draft {
	rel := ArticlesDir + "/" + d.baseSlug() + ".md"
	data, err := d.render(rel, loc)
	if err != nil {
		return nil // its turn renders it again and reports the error
	}
	dr := &draft{rel: rel, data: data}
	if !opt.DryRun {
		// On failure, its turn writes the file itself and reports why.
		dr.tmp, _ = writeTemp(filepath.Dir(filepath.Join(opt.Root, filepath.FromSlash(rel))), data)
	}
	return dr
}

// discard removes the draft's temporary file, if any.
func (dr *draft) discard() {
	if dr != nil && dr.tmp != "" {
		os.Remove(dr.tmp)
		dr.tmp = ""
	}
}

// importOne places one extracted article: a new file, a refresh of the
// file it was imported into before, or nothing for a duplicate.
func importOne(name string, doc *doc, dr *draft, idx *index, opt Options, loc *time.Location, syncs *dirSyncs) Report {
	rep := Report{Input: name, Note: doc.note()}
	if prev := idx.find(doc.sourceURL, doc.fingerprint, doc.scrapedFrom); prev != nil {
		rep.Path = prev.path
		if !opt.Update {
			rep.Outcome = Duplicate
			return rep
		}
		return update(rep, idx, prev, doc, opt, loc, syncs)
	}
	if copies := idx.near.Find(doc.shingles); len(copies) > 0 {
		rep.CopyOf, rep.CopyShare = copies[0].Path, copies[0].Covered
		if opt.SkipCopies {
			rep.Outcome = Copied
			return rep
		}
	}
	rel, err := idx.claimPath(doc, opt.Root)
	if err != nil {
		rep.Outcome, rep.Err = Failed, err
		return rep
	}
	var data []byte
	if dr != nil && dr.rel == rel {
		data = dr.data
	} else if data, err = doc.render(rel, loc); err != nil {
		rep.Outcome, rep.Err = Failed, err
		return rep
	}
	if !opt.DryRun {
		if dr != nil && dr.tmp != "" && bytes.Equal(dr.data, data) {
			rel, err = linkNew(dr.tmp, opt.Root, rel)
		} else {
			rel, err = writeNew(opt.Root, rel, data)
		}
		if err != nil {
			rep.Outcome, rep.Err = Failed, err
			return rep
		}
		syncs.add(opt.Root, rel)
	}
	idx.add(&entry{path: rel, slug: slugOf(rel), sourceURL: urlKey(doc.sourceURL), fingerprint: doc.fingerprint, scrapedFrom: doc.scrapedFrom})
	idx.near.Add(rel, doc.shingles)
	rep.Outcome, rep.Path, rep.Topics, rep.Undated = Imported, rel, doc.ruleTopics, doc.dateGuessed
	return rep
}

// doc is an article about to be written, in front matter terms.
type doc struct {
	title, source, sourceURL, summary, image string
	date                                     time.Time
	dateGuessed                              bool
	// dateFrom says where date came from when it is not the page's date
	// of publication (content.DateFromUpdated and the others).
	dateFrom string
	// draft is set for a page without a date, never published as news
	// of the day of its import until the editor dates it.
	draft bool
	// language is the article's language tag, "" when unknown.
	language string
	// upgraded counts the http:// images turned into https:// ones.
	upgraded int
	// stored counts the images stored in static/media; imageNotes say
	// which could not be, and why.
	stored                   int
	imageNotes               []string
	authors, tags            []string
	imported                 time.Time
	scrapedFrom, fingerprint string
	body                     string // Markdown
	shingles                 stories.Shingles
	// ruleTopics are the topics whose rules select the article today;
	// reported, never written.
	ruleTopics []string
	// topics are the editor's choice for a new article (see Page.Topics).
	topics []string
	// archive is the web archive the page was read from, which holds its
	// images (see extract.Result.Archive); "" for a live or saved page.
	archive string
	// embedded are the pictures the page carried inside itself, until
	// stored or dropped (see article.Article.Embedded).
	embedded [][]byte
}

// noDate notes an article dated with the time of its import.
const noDate = "no date found on the page; imported as a draft dated with the import time: set its date and remove `draft: true` to publish it"

// note is what the editor should know about the article imported.
func (d *doc) note() string {
	var n string
	if d.dateGuessed {
		n = noDate
	}
	if d.stored > 0 {
		n = joinNotes(n, fmt.Sprintf("%d image(s) stored in %s", d.stored, MediaDir))
	}
	for _, in := range d.imageNotes {
		n = joinNotes(n, in)
	}
	if d.upgraded > 0 {
		n = joinNotes(n, fmt.Sprintf("%d http:// image(s) rewritten to https:// (the published pages load images over https only); check they show", d.upgraded))
	}
	return n
}

// Preview returns the article brief import would write for a page, without
// what only an import records (imported, fingerprint, import_hashes):
// `brief extract` prints it, so that what it shows is what import files.
// a was extracted from the input name, fetched from pageURL ("" for a
// file). A page without a date is dated now, as import dates it, and note
// says so.
func Preview(a *extract.Article, name, pageURL string, loc *time.Location, now time.Time) (data []byte, note string, err error) {
	d := previewDoc(a, name, pageURL, loc, now)
	f, err := d.file(false)
	if err != nil {
		return nil, "", err
	}
	if data, err = f.Bytes(); err != nil {
		return nil, "", err
	}
	return data, d.note(), nil
}

// Fields are the front matter fields and body brief import would write for
// a page, each as written: what `brief extract --format json` prints.
type Fields struct {
	Title, Source, SourceURL, Summary, Image string
	Authors, Tags                            []string
	Markdown                                 string // the body
	Note                                     string // what the editor should know, "" for nothing
}

// PreviewFields is Preview field by field, for callers that print the
// article in a form of their own.
func PreviewFields(a *extract.Article, name, pageURL string, loc *time.Location, now time.Time) Fields {
	d := previewDoc(a, name, pageURL, loc, now)
	return Fields{
		Title: d.title, Source: d.source, SourceURL: d.sourceURL, Summary: d.summary, Image: d.image,
		Authors: d.authors, Tags: d.tags, Markdown: d.body, Note: d.note(),
	}
}

// previewDoc is the article import would make of a page, without storing
// anything: the images it would store are dropped with a note, and the
// plain http:// ones left are upgraded as import upgrades them.
func previewDoc(a *extract.Article, name, pageURL string, loc *time.Location, now time.Time) *doc {
	d := newDoc(a, name, pageURL, now, loc)
	d.dropEmbedded("brief import stores them in " + MediaDir)
	d.upgrade()
	return d
}

// newDoc makes the article for a page extracted from the input name,
// fetched from pageURL ("" for a file), imported at now.
func newDoc(a *extract.Article, name, pageURL string, now time.Time, loc *time.Location) *doc {
	d := &doc{
		title: safetext.Line(a.Title), source: safetext.Line(a.Source),
		image: a.Image, authors: oneLines(a.Authors, maxAuthors), tags: tagList(a.Tags),
		imported: now.In(loc).Truncate(time.Second), scrapedFrom: safetext.Text(name),
		fingerprint: Fingerprint(a.Text), body: strings.TrimSpace(a.Markdown) + "\n",
		embedded: a.Embedded,
	}
	d.sourceURL = a.SourceURL
	if d.sourceURL == "" && pageURL != "" {
		d.sourceURL = article.CleanURL(pageURL, nil)
	}
	if !isWebURL(d.sourceURL) {
		d.sourceURL = ""
	}
	// The extractor resolves images to absolute URLs; anything else a
	// page managed to slip through is dropped rather than trusted.
	if !isWebURL(d.image) {
		d.image = ""
	}
	switch {
	case !a.Published.IsZero():
		d.date = a.Published
		switch a.DateSource {
		case "":
		case article.DateViewStamp:
			d.dateFrom = content.DateFromViewStamp
		case article.DateCapture:
			d.dateFrom = content.DateFromCapture
		default:
			// Given with a page held in memory, such as a feed's date.
			d.dateFrom = safetext.Line(a.DateSource)
		}
	case !a.Updated.IsZero():
		d.date, d.dateFrom = a.Updated, content.DateFromUpdated
	default:
		d.date, d.dateGuessed = d.imported, true
		d.dateFrom, d.draft = content.DateFromImport, true
	}
	d.language = langdetect.Choose(a.Language, a.Title, a.Text)
	d.date = d.date.In(loc)
	d.summary = safetext.Line(a.Description)
	if d.summary == "" {
		d.summary = safetext.Line(article.LeadSentences(a.Text, 280))
	}
	if d.title == "" {
		d.title = safetext.Line(article.LeadSentences(a.Text, 80))
	}
	return d
}

// hostOnly reports whether source is no name but the host of one of the
// page's addresses (the extractor's last resort), or empty.
func hostOnly(source string, addrs ...string) bool {
	if source == "" {
		return true
	}
	for _, a := range addrs {
		if u, err := url.Parse(a); err == nil && u.Host != "" && strings.EqualFold(source, strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")) {
			return true
		}
	}
	return false
}

// upgrade rewrites the http:// images left (not stored, or hotlinked by
// the site's choice) to https://.
func (d *doc) upgrade() {
	var up bool
	if d.image, up = upgradeURL(d.image); up {
		d.upgraded++
	}
	var n int
	d.body, n = upgradeImages(d.body)
	d.upgraded += n
}

// topicsDoc is what topic rules look at in the article: the fields the
// build matches them against once the file is read back.
func (d *doc) topicsDoc() topics.Doc {
	return topics.Doc{Title: d.title, Tags: d.tags, Body: d.body}
}

// Scraped pages list as many keywords and bylines as their SEO plugin
// likes; past these counts they are spam, and every tag becomes a page of
// the published site.
const (
	maxTags    = 20
	maxAuthors = 10
)

// oneLines cleans each value as a one-line field and keeps the first limit
// non-empty, distinct ones.
func oneLines(in []string, limit int) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = safetext.Line(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		if out = append(out, s); len(out) == limit {
			break
		}
	}
	return out
}

// tagList keeps the tags that can name a page: the build refuses a tag with
// no letter or digit to make its URL from ("..", "<>", "///"), and such a
// tag from a scraped page must not break the editor's site. Spellings of
// one tag ("iOS 9", "ios9") are kept once, the first (see site.TagKey).
func tagList(in []string) []string {
	var out []string
	for _, t := range (*site.Tags)(nil).Apply(oneLines(in, len(in))) {
		if slug.Make(t) == "" {
			continue
		}
		if out = append(out, t); len(out) == maxTags {
			break
		}
	}
	return out
}

// Fingerprint identifies an article's text whatever its layout: the
// lower-cased words only, hashed. Two imports of one story from different
// dumps of the same page share it.
func Fingerprint(text string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		b.WriteString(w)
		b.WriteByte(' ')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return "sha256:" + hex.EncodeToString(sum[:16])
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// urlKey folds the spellings of one address: case of scheme and host, a
// fragment, a trailing slash or index.html, tracking parameters.
func urlKey(s string) string {
	if s == "" {
		return ""
	}
	c := article.CleanURL(s, nil)
	u, err := url.Parse(c)
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	u.Path = strings.TrimSuffix(u.Path, "/")
	for _, name := range []string{"/index.html", "/index.htm", "/index.php"} {
		u.Path = strings.TrimSuffix(u.Path, name)
	}
	u.RawPath = ""
	return u.String()
}

// entry is an article already in content/.
type entry struct {
	path        string // relative to the site root, slash-separated
	slug        string
	sourceURL   string // urlKey form
	fingerprint string
	scrapedFrom string
	n           int // its place in the index's entries
}

// index knows the site's articles, to find duplicates and free slugs.
type index struct {
	entries []*entry
	slugs   map[string]bool
	// byURL, byFingerprint and byScraped list the entries under each of
	// their keys, in entries order: an import of tens of thousands of
	// pages looks each one up, and a scan of every entry for each made
	// the imports quadratic.
	byURL, byFingerprint, byScraped map[string][]*entry
	// near holds the articles' bodies, to find near-copies; only the
	// goroutine placing articles in turn uses it (snapshots have none).
	near *stories.NearIndex
}

func newIndex(near *stories.NearIndex) *index {
	return &index{
		slugs: map[string]bool{}, near: near,
		byURL: map[string][]*entry{}, byFingerprint: map[string][]*entry{}, byScraped: map[string][]*entry{},
	}
}

func (ix *index) add(e *entry) {
	e.n = len(ix.entries)
	ix.entries = append(ix.entries, e)
	ix.slugs[e.slug] = true
	file(ix.byURL, e.sourceURL, e)
	file(ix.byFingerprint, e.fingerprint, e)
	file(ix.byScraped, e.scrapedFrom, e)
}

// file lists e under key, in entries order.
func file(m map[string][]*entry, key string, e *entry) {
	if key == "" {
		return
	}
	l := m[key]
	i, found := slices.BinarySearchFunc(l, e.n, func(x *entry, n int) int { return cmp.Compare(x.n, n) })
	if !found {
		m[key] = slices.Insert(l, i, e)
	}
}

// refingerprint gives e the fingerprint of its updated text.
func (ix *index) refingerprint(e *entry, fingerprint string) {
	e.fingerprint = fingerprint
	file(ix.byFingerprint, fingerprint, e)
}

// snapshot copies the index for lookups from other goroutines while this
// one grows.
func (ix *index) snapshot() *index {
	c := newIndex(nil)
	for _, e := range ix.entries {
		cp := *e
		c.add(&cp)
	}
	return c
}

// find returns the article a page was imported into before: the one with
// the same canonical URL, else the same text, else (for dumps, which carry
// no URL, saved again after the page changed) the same scraped file; the
// first in the index's order, of each. An entry stays listed under a
// fingerprint it no longer has (refingerprint), so each is checked.
func (ix *index) find(sourceURL, fingerprint, scrapedFrom string) *entry {
	key := urlKey(sourceURL)
	for _, e := range ix.byURL[key] {
		if e.sourceURL == key {
			return e
		}
	}
	for _, e := range ix.byFingerprint[fingerprint] {
		if e.fingerprint == fingerprint {
			return e
		}
	}
	for _, e := range ix.byScraped[scrapedFrom] {
		if key == "" || e.sourceURL == "" {
			return e
		}
	}
	return nil
}

func slugOf(rel string) string {
	return slug.Make(strings.TrimSuffix(path.Base(rel), ".md"))
}

// loadIndex reads the front matter of every article under content/. It is
// lenient: a file the build would reject still counts, so that a broken
// article is never duplicated by a re-import.
//
// It also indexes the articles' bodies (their shingles only, not the
// text) into near, when given, to find near-copies (see
// Options.SkipCopies).
func loadIndex(root string, loc *time.Location, near *stories.NearIndex) (*index, error) {
	ix := newIndex(near)
	dir := filepath.Join(root, content.Dir)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if content.KindOf(rel) != content.KindArticle {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		e := &entry{path: rel, slug: slugOf(rel)}
		if a, err := content.ParseArticle(rel, data, loc); err == nil {
			e.slug, e.sourceURL, e.fingerprint, e.scrapedFrom = a.Slug, urlKey(a.SourceURL), a.Fingerprint, a.ScrapedFrom
			if near != nil {
				near.Add(rel, stories.ShinglesOf(a.Body))
			}
		} else if f, ok := looseFront(data); ok {
			e.sourceURL, e.fingerprint, e.scrapedFrom = urlKey(f.SourceURL), f.Fingerprint, f.ScrapedFrom
			if f.Slug != "" {
				e.slug = slug.Make(f.Slug)
			}
		}
		ix.add(e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	return ix, nil
}

// Addresses lists the addresses the articles under root's content/ were
// imported from: each one's source_url and, for a page fetched by URL,
// scraped_from, folded by key (a caller's notion of one address) and
// mapped to the article's path. brief fetch reads it to leave alone, before
// fetching anything, an item the site already holds.
func Addresses(root string, loc *time.Location, key func(string) string) (map[string]string, error) {
	ix, err := loadIndex(root, loc, nil)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, e := range ix.entries {
		for _, u := range []string{e.sourceURL, e.scrapedFrom} {
			if k := key(u); k != "" {
				if _, ok := out[k]; !ok {
					out[k] = e.path
				}
			}
		}
	}
	return out, nil
}

// claimPath picks content/articles/<slug>.md for a new article: the
// title's slug, else with the date, else with a counter. It never picks a
// name another article holds, as a file or as a slug.
func (ix *index) claimPath(d *doc, root string) (string, error) {
	base := d.baseSlug()
	day := d.date.Format("2006-01-02")
	dated := withSuffix(base, day)
	// The candidates are made one at a time: most articles take the
	// first, and making all thousand up front cost more than extracting.
	for n := range 1000 {
		s := base
		switch {
		case n == 1:
			s = dated
		case n >= 2:
			// Date and counter are one suffix, so that shortening a long
			// title never cuts into the date.
			s = withSuffix(base, day+"-"+strconv.Itoa(n))
		}
		rel := ArticlesDir + "/" + s + ".md"
		if ix.slugs[s] {
			continue
		}
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel))); err == nil {
			continue
		}
		return rel, nil
	}
	return "", fmt.Errorf("no free file name for %q in %s", d.title, ArticlesDir)
}

// baseSlug is the name an article gets unless another holds it.
func (d *doc) baseSlug() string {
	if s := slug.Make(d.title); s != "" {
		return s
	}
	return "article"
}

// withSuffix appends "-suffix" to a slug, shortening the slug first if
// needed so that the suffix survives slug.MaxLen: file name and slug must
// stay one and the same.
func withSuffix(base, suffix string) string {
	room := slug.MaxLen - len(suffix) - 1
	for len(base) > room {
		i := strings.LastIndexByte(base[:room], '-')
		if i <= 0 {
			cut := room
			for cut > 0 && !utf8.RuneStart(base[cut]) {
				cut--
			}
			base = base[:cut]
			break
		}
		base = base[:i]
	}
	return slug.Make(base + "-" + suffix)
}
