package importer

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/site"
)

// MergeOptions configure a merge of shard sites into a site.
type MergeOptions struct {
	// Root is the site merged into.
	Root string
	// Site is its configuration: its time zone reads the articles' dates.
	Site *site.Config
	// Shards are the sites each shard was imported into, each a copy of
	// Root's as it was before the imports, in the order a single import
	// would have read their inputs.
	Shards []string
	// DryRun reports what would happen and writes nothing.
	DryRun bool
}

// MergeReport says what became of one article of a shard.
type MergeReport struct {
	// Shard is the shard's folder, as given; From the article's path in
	// it, relative to the shard's root.
	Shard, From string
	// Outcome is Imported (written to Path), Duplicate (Path holds the
	// same article), or Failed (Err says why).
	Outcome Outcome
	Path    string
	Err     error
}

// MergeResult gathers the reports of one merge: the articles each shard
// added, in the order they were merged. Articles the site already holds,
// byte for byte at the same path, are not reported.
type MergeResult struct {
	Reports []MergeReport
}

// Count returns how many articles had the outcome.
func (r *MergeResult) Count(o Outcome) int { return countOf(r.Reports, o) }

func (r MergeReport) outcome() Outcome { return r.Outcome }

// Merge adds to a site the articles that shards of one import wrote into
// copies of it, so that the site ends up as one import of every shard's
// inputs, in shard order, would have left it: byte for byte, save for the
// `imported` stamps, which are each shard's.
//
// It places each shard's new articles as import places a page, in the
// order that shard imported them, which their names give back: a file
// whose canonical URL or text is already in the site (imported by an
// earlier shard) is a duplicate and left out; the others keep their bytes
// and take the first free name of their title, then of their title and
// date, then with a counter, which is the name import would have chosen.
// Files are written as import writes them: never over another file.
// The error is for a site or shard that cannot be read; one article's
// failure is in its report.
func Merge(ctx context.Context, opt MergeOptions) (*MergeResult, error) {
	if opt.Site == nil {
		return nil, errors.New("merge: no site configuration")
	}
	loc := opt.Site.Location
	if loc == nil {
		loc = time.UTC
	}
	// Near-copies are not looked for: a merge only places what shards
	// imported (see the README on shards).
	idx, err := loadIndex(opt.Root, loc, nil)
	if err != nil {
		return nil, err
	}
	res := &MergeResult{}
	var syncs dirSyncs
	defer func() { syncMerged(&syncs, res) }()
	for _, shard := range opt.Shards {
		files, err := shardArticles(opt.Root, shard, loc)
		if err != nil {
			return res, err
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			rep := MergeReport{Shard: shard, From: f.rel, Outcome: Failed}
			d := &doc{title: f.a.Title, date: f.a.Date.In(loc)}
			if prev := idx.find(f.a.SourceURL, f.a.Fingerprint, f.a.ScrapedFrom); prev != nil {
				rep.Outcome, rep.Path = Duplicate, prev.path
				res.Reports = append(res.Reports, rep)
				continue
			}
			rel, err := idx.claimPath(d, opt.Root)
			if err == nil && !opt.DryRun {
				rel, err = writeNew(opt.Root, rel, f.data)
			}
			if err != nil {
				rep.Err = err
				res.Reports = append(res.Reports, rep)
				continue
			}
			if !opt.DryRun {
				syncs.add(opt.Root, rel)
			}
			idx.add(&entry{path: rel, slug: slugOf(rel), sourceURL: urlKey(f.a.SourceURL), fingerprint: f.a.Fingerprint, scrapedFrom: f.a.ScrapedFrom})
			rep.Outcome, rep.Path = Imported, rel
			res.Reports = append(res.Reports, rep)
		}
	}
	return res, nil
}

// syncMerged makes the merged files durable, failing the reports of those
// whose folder would not sync.
func syncMerged(syncs *dirSyncs, res *MergeResult) {
	reports := make([]Report, len(res.Reports))
	for i, r := range res.Reports {
		reports[i] = Report{Outcome: r.Outcome, Path: r.Path, Err: r.Err}
	}
	syncs.sync(reports)
	for i := range res.Reports {
		res.Reports[i].Outcome, res.Reports[i].Err = reports[i].Outcome, reports[i].Err
	}
}

// shardFile is an article a shard's import wrote.
type shardFile struct {
	rel  string
	data []byte
	a    *content.Article
	// order is where it sorts among the shard's files (see importOrder).
	order orderKey
}

// shardArticles returns the articles of a shard that the site does not
// hold at the same path with the same bytes (those were in the site before
// the shard's import), in the order the shard imported them.
func shardArticles(root, shard string, loc *time.Location) ([]shardFile, error) {
	dir := filepath.Join(shard, ArticlesDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("shard %s: %w", shard, err)
	}
	var out []shardFile
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			continue
		}
		rel := ArticlesDir + "/" + name
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("shard %s: %w", shard, err)
		}
		if have, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel))); err == nil && bytes.Equal(have, data) {
			continue
		}
		a, err := content.ParseArticle(rel, data, loc)
		if err != nil {
			return nil, fmt.Errorf("shard %s: %w", shard, err)
		}
		if a.Fingerprint == "" {
			return nil, fmt.Errorf("shard %s: %s was not written by brief import (no fingerprint); merge takes only what a shard imported", shard, rel)
		}
		out = append(out, shardFile{rel: rel, data: data, a: a, order: importOrder(name, a)})
	}
	slices.SortStableFunc(out, func(x, y shardFile) int { return x.order.compare(y.order) })
	return out, nil
}

// orderKey sorts a shard's articles back into the order its import named
// them in. Import gives an article its title's name if free, else the
// title's name and date, then with a counter: among articles of one
// title, the plain name came first, and one name and date's counters
// count up. Articles of different titles never competed for a name, so
// their relative order does not change the names a merge gives them.
type orderKey struct {
	base  string // the title's name
	plain bool   // the file has that name
	day   string // the date suffix, for the others
	n     int    // the counter: 1 for none
	name  string
}

var datedName = regexp.MustCompile(`-(\d{4}-\d{2}-\d{2})(?:-(\d+))?$`)

func importOrder(name string, a *content.Article) orderKey {
	stem := strings.TrimSuffix(name, ".md")
	k := orderKey{base: (&doc{title: a.Title}).baseSlug(), name: stem, n: 1}
	k.plain = stem == k.base
	if m := datedName.FindStringSubmatch(stem); m != nil && !k.plain {
		k.day = m[1]
		if m[2] != "" {
			k.n, _ = strconv.Atoi(m[2])
		}
	}
	return k
}

func (k orderKey) compare(o orderKey) int {
	if c := cmp.Compare(k.base, o.base); c != 0 {
		return c
	}
	if k.plain != o.plain {
		if k.plain {
			return -1
		}
		return 1
	}
	return cmp.Or(cmp.Compare(k.day, o.day), cmp.Compare(k.n, o.n), cmp.Compare(k.name, o.name))
}
