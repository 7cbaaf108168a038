package stories

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/pool"
)

// Linking is a single pass over the documents in order of publication,
// each joining the open story it is most like or starting a new one: the
// online centroid clustering of the Europe Media Monitor (Steinberger et
// al. 2009, "An introduction to the Europe Media Monitor family of
// applications") and of Miranda et al. 2018 ("Multilingual Clustering of
// Streaming News", EMNLP), where a document joins the cluster whose
// centroid it is most similar to if that similarity passes a threshold.
//
// A centroid rule rather than single link: single link joins two stories
// as soon as one pair of articles looks alike, and in news such pairs are
// everywhere (a background paragraph, the same minister, the same club),
// so stories chain into topics; every published comparison of linkages
// on news (Miranda et al.; Azzopardi and Staff 2012) finds single link
// the worst for precision. The cosine to the centroid (the sum of the
// members' unit vectors) is the average-link similarity to the members
// scaled by the story's tightness, costs one comparison per story instead
// of one per member, and needs no second pass, so the grouping of a site
// grows article by article as a briefing does.
//
// Near-duplicates are the exception: a copy joins its original's story
// whatever the centroid says, because a copy is not a new account to
// weigh but the same one (wire text on four sites).
//
// Candidates come from an inverted index of the documents' rarest heavy
// terms (top), read backwards from the newest posting while within the
// window and at most postingScan deep, so each document is compared with
// a bounded number of stories: the pass is linear in the number of
// documents, whatever their count (no pair of documents is compared
// unless they share a rare term and the window).

const (
	// indexTerms is how many terms a document is indexed and looked up
	// by: its heaviest among those found in at most maxDF documents.
	indexTerms = 16
	// postingScan bounds how many recent documents one term's postings
	// give as candidates.
	postingScan = 64
	// crossShared is how many cross-language terms a document must share
	// with a story in other languages: two names and a number, say; fewer
	// is chance.
	crossShared = 3
	// similarShared is how many terms a document must share with a
	// story's centroid to join it by similarity: a short text (a brief,
	// a caption) can pass the cosine on one rare word alone, its name of
	// a club or a town, and one word is no event.
	similarShared = 3
	// explainTerms is how many shared terms a Reason lists.
	explainTerms = 5
)

// doc is a document as the linking sees it.
type doc struct {
	d      *Document
	index  int // in the caller's slice
	slug   string
	lang   int // bit in vocabulary.langs; -1: unknown
	all    vector
	cross  vector
	lookup []int32 // terms it is indexed and looked up by
}

// cluster is a story being built.
type cluster struct {
	pin    string
	closed bool // a pin to a member's own slug: no one else joins
	order  int  // creation order, to break ties
	docs   []int
	reason []Reason
	all    *centroid
	cross  *centroid
	langs  uint64
	first  time.Time
	last   time.Time
}

// Group puts every document into exactly one story and says why each
// joined. The stories come sorted by their first publication time, then
// by ID; see Story for the ids and Options for the thresholds. It stops
// early, returning ctx's error, when ctx is done.
func Group(ctx context.Context, docs []Document, opt Options) ([]Story, error) {
	opt = opt.WithDefaults()
	if err := opt.Check(); err != nil {
		return nil, err
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := docs[a].Published.Compare(docs[b].Published); c != 0 {
			return c
		}
		return strings.Compare(docs[a].Path, docs[b].Path)
	})

	an, tables, err := analyseAll(ctx, docs, order, opt.Workers)
	if err != nil {
		return nil, err
	}
	ds, terms, df, err := vectorise(ctx, docs, order, an, tables, opt.Workers)
	if err != nil {
		return nil, err
	}
	sigs := make([]signature, len(ds))
	for i := range an {
		sigs[i] = an[i].sig
	}
	an = nil
	near, err := nearDuplicates(ctx, sigs, func(i int) string { return ds[i].d.Text }, opt.NearDuplicate)
	if err != nil {
		return nil, err
	}
	clusters, err := link(ctx, ds, near, terms, df, opt)
	if err != nil {
		return nil, err
	}
	return assemble(ds, clusters), nil
}

// link runs the pass and returns the clusters, in order of creation.
func link(ctx context.Context, ds []doc, near [][]nearPair, terms []string, df []int32, opt Options) ([]*cluster, error) {
	maxDF := int32(max(50, len(ds)/200))
	err := pool.Each(ctx, len(ds), opt.Workers, func(i int) {
		ds[i].lookup = append(top(ds[i].all, indexTerms, df, maxDF), top(ds[i].cross, indexTerms/2, df, maxDF)...)
	})
	if err != nil {
		return nil, err
	}

	var clusters []*cluster
	of := make([]int, len(ds)) // document → cluster
	pins := map[string]*cluster{}
	pin, closed := resolvePins(ds)
	newCluster := func(pin string) *cluster {
		c := &cluster{pin: pin, closed: closed[pin], order: len(clusters), all: &centroid{}, cross: &centroid{}}
		clusters = append(clusters, c)
		return c
	}
	join := func(c *cluster, i int, r Reason) {
		d := &ds[i]
		c.docs = append(c.docs, i)
		c.reason = append(c.reason, r)
		c.all.add(d.all)
		c.cross.add(d.cross)
		if d.lang >= 0 {
			c.langs |= 1 << uint(d.lang)
		}
		if len(c.docs) == 1 {
			c.first = d.d.Published
		}
		c.last = d.d.Published
		of[i] = c.order
	}

	postings := make([][]int32, len(terms))
	seen := make([]int, 0)
	for i := range ds {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		d := &ds[i]
		switch {
		case pin[i] != "":
			c := pins[pin[i]]
			r := Reason{Signal: SignalPin}
			if c == nil {
				c = newCluster(pin[i])
				pins[pin[i]] = c
				r.Signal = SignalFirst
			}
			join(c, i, r)
		default:
			if c, r := copyOf(ds, i, near[i], clusters, of); c != nil {
				join(c, i, r)
				break
			}
			seen = seen[:0]
			for _, t := range d.lookup {
				p := postings[t]
				for j := len(p) - 1; j >= 0 && j >= len(p)-postingScan; j-- {
					if d.d.Published.Sub(ds[p[j]].d.Published) > opt.Window {
						break
					}
					seen = append(seen, of[p[j]])
				}
			}
			slices.Sort(seen)
			seen = slices.Compact(seen)
			var best *cluster
			var bestR Reason
			var bestRatio float64
			for _, ci := range seen {
				c := clusters[ci]
				if c.closed || d.d.Published.Sub(c.last) > opt.Window {
					continue
				}
				var r Reason
				var ratio float64
				rise := opt.Rise * max(0, d.d.Published.Sub(c.first)-opt.Hold).Hours() / 24
				// A document of unknown language (too few stop words to
				// tell, none declared) is compared on all its terms.
				if d.lang < 0 || c.langs&(1<<uint(d.lang)) != 0 || c.langs == 0 {
					s, shared := c.all.cosine(d.all)
					if shared < similarShared {
						continue
					}
					r, ratio = Reason{Signal: SignalSimilar, Score: s}, s/(opt.Similar+rise)
				} else {
					s, shared := c.cross.cosine(d.cross)
					if shared < crossShared {
						continue
					}
					r, ratio = Reason{Signal: SignalCrossLanguage, Score: s}, s/(opt.CrossLanguage+rise)
				}
				if ratio >= 1 && ratio > bestRatio {
					best, bestR, bestRatio = c, r, ratio
				}
			}
			if best == nil {
				join(newCluster(""), i, Reason{Signal: SignalFirst})
				break
			}
			explain(ds, i, best, &bestR, terms)
			join(best, i, bestR)
		}
		for _, t := range d.lookup {
			postings[t] = append(postings[t], int32(i))
		}
	}
	return clusters, nil
}

// resolvePins returns each document's effective pin and the pins that
// close their story. An editor merges by copying the id of the story an
// article should join, and an unpinned story's id is its first article's
// slug: so a pin naming the slug of an unpinned document pins that
// document too, and the two stories become one, whoever was published
// first. Such a story stays open to the articles the scores bring; only
// a document pinned by its editor to its own slug closes its story
// (a split: it stands alone, joined by nothing but other pins).
func resolvePins(ds []doc) (pin []string, closed map[string]bool) {
	pin = make([]string, len(ds))
	closed = map[string]bool{}
	bySlug := map[string]int{}
	for i := range ds {
		pin[i] = ds[i].d.Pin
		if pin[i] != "" && pin[i] == ds[i].slug {
			closed[pin[i]] = true
		}
		if _, dup := bySlug[ds[i].slug]; !dup {
			bySlug[ds[i].slug] = i
		}
	}
	for i := range ds {
		p := ds[i].d.Pin
		if p == "" || p == ds[i].slug {
			continue
		}
		if j, ok := bySlug[p]; ok && ds[j].d.Pin == "" {
			pin[j] = p
		}
	}
	return pin, closed
}

// copyOf returns the open story of the closest earlier near-duplicate of
// the i-th document, if any.
func copyOf(ds []doc, i int, pairs []nearPair, clusters []*cluster, of []int) (*cluster, Reason) {
	var best *cluster
	var r Reason
	for _, p := range pairs {
		c := clusters[of[p.other]]
		if c.closed || best != nil && p.jaccard <= r.Score {
			continue
		}
		best = c
		r = Reason{Signal: SignalNearDuplicate, Score: p.jaccard, With: ds[p.other].d.Path, WithScore: p.jaccard}
	}
	return best, r
}

// explain fills in the member of c the i-th document is most like, and
// the terms that weighed most.
func explain(ds []doc, i int, c *cluster, r *Reason, terms []string) {
	d := &ds[i]
	vec := func(x *doc) vector {
		if r.Signal == SignalCrossLanguage {
			return x.cross
		}
		return x.all
	}
	best := -1.0
	for _, m := range c.docs {
		if s := dot(vec(d), vec(&ds[m])); s > best {
			best, r.With, r.WithScore = s, ds[m].d.Path, s
		}
	}
	if r.Signal == SignalCrossLanguage {
		r.Shared = c.cross.strongest(d.cross, explainTerms, terms)
	} else {
		r.Shared = c.all.strongest(d.all, explainTerms, terms)
	}
}

// analysis is what is read from one document alone.
type analysis struct {
	counts []termCount // numbered in tables[table]
	table  int
	lang   string // language tag, its primary subtag only
	sig    signature
}

// termCount is a term and its weighted count in one document: the same
// shape as a vector's entry, so that weigh can write a document's vector
// over its counts.
type termCount = entry

// analyser is one goroutine's tokenizer and its buffers, reused from
// document to document.
type analyser struct {
	tb     *table
	sc     scanner
	toks   []token
	title  []token
	stops  []uint8
	wh     []uint64
	sh     []uint64
	count  counter
	packed []uint64
}

// workers returns n goroutines' analysers, n from Options.Workers.
func analysers(n int) []*analyser {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	langs := newLanguages()
	out := make([]*analyser, n)
	for i := range out {
		out[i] = &analyser{tb: newTable(langs)}
	}
	return out
}

// each calls fn(i, a) for every i in [0, n) on up to len(as) goroutines,
// each with an analyser of its own.
func each(ctx context.Context, n int, as []*analyser, fn func(i int, a *analyser, k int)) error {
	free := make(chan int, len(as))
	for k := range as {
		free <- k
	}
	return pool.Each(ctx, n, len(as), func(i int) {
		k := <-free
		fn(i, as[k], k)
		free <- k
	})
}

// analyseAll tokenizes every document, on up to workers goroutines; the
// result is in order, its terms numbered in the tables returned.
func analyseAll(ctx context.Context, docs []Document, order []int, workers int) ([]analysis, []*table, error) {
	as := analysers(workers)
	an := make([]analysis, len(order))
	err := each(ctx, len(order), as, func(k int, x *analyser, t int) {
		d := &docs[order[k]]
		tb := x.tb
		a := analysis{table: t}
		x.toks = tb.tokenize(&x.sc, d.Text, x.toks[:0])
		li := -1
		if d.Language != "" {
			li = tb.langs.index(d.Language)
			a.lang, _, _ = strings.Cut(strings.ToLower(d.Language), "-")
		} else {
			x.stops = x.stops[:0]
			for _, tok := range x.toks[:min(len(x.toks), 400)] {
				x.stops = append(x.stops, tb.terms[tok.id].stop)
			}
			if li = tb.langs.guessStops(x.stops); li >= 0 {
				a.lang = tb.langs.tags[li]
			}
		}
		var stop uint8
		if li >= 0 {
			stop = 1 << li
		}
		// Title words count twice: the headline is the writer's summary.
		x.title = tb.tokenize(&x.sc, d.Title, x.title[:0])
		tb.termCounts(x.title, stop, 2, &x.count)
		tb.termCounts(x.toks, stop, 1, &x.count)
		a.counts = x.count.take()
		x.wh = x.wh[:0]
		for _, tok := range x.toks {
			x.wh = append(x.wh, tb.terms[tok.id].hash)
		}
		x.sh = shingleHashes(x.wh, x.sh[:0])
		a.sig = sign(x.sh)
		an[k] = a
	})
	tables := make([]*table, len(as))
	for i, x := range as {
		tables[i] = x.tb
	}
	return an, tables, err
}

// vectorise numbers the terms and weighs every document's vectors, on up
// to workers goroutines.
func vectorise(ctx context.Context, docs []Document, order []int, an []analysis, tables []*table, workers int) ([]doc, []string, []int32, error) {
	v := newVocabulary(tables)
	langIDs := map[string]int{}
	ds := make([]doc, len(order))
	for k, i := range order {
		id, ok := langIDs[an[k].lang]
		switch {
		case an[k].lang == "":
			id = -1
		case !ok:
			id = min(len(langIDs), 63) // past 63 languages, the rest share a bit
			langIDs[an[k].lang] = id
		}
		ds[k] = doc{d: &docs[i], index: i, slug: docs[i].slugOf(), lang: id}
		v.add(an[k].counts, tables[an[k].table], an[k].table, id)
	}
	v.number()
	v.weights(len(ds))
	as := analysers(workers)
	err := each(ctx, len(ds), as, func(k int, x *analyser, _ int) {
		ds[k].all, ds[k].cross, x.packed = v.weigh(an[k].counts, an[k].table, x.packed)
		an[k].counts = nil
	})
	return ds, v.terms, v.df, err
}

// assemble turns the clusters into stories with unique ids, sorted.
func assemble(ds []doc, clusters []*cluster) []Story {
	out := make([]Story, 0, len(clusters))
	taken := map[string]bool{}
	for _, c := range clusters {
		if c.pin != "" {
			taken[c.pin] = true
		}
	}
	for _, c := range clusters {
		s := Story{ID: c.pin, Pinned: c.pin != ""}
		for k, i := range c.docs {
			d := ds[i].d
			s.Members = append(s.Members, Member{Doc: ds[i].index, Path: d.Path, Reason: c.reason[k]})
			if k == 0 || d.Published.Before(s.First) {
				s.First = d.Published
			}
			if k == 0 || d.Published.After(s.Last) {
				s.Last = d.Published
			}
		}
		if s.ID == "" {
			id := ds[c.docs[0]].slug
			for n := 2; taken[id]; n++ {
				id = fmt.Sprintf("%s-%d", ds[c.docs[0]].slug, n)
			}
			s.ID = id
			taken[id] = true
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b Story) int {
		return cmp.Or(a.First.Compare(b.First), strings.Compare(a.ID, b.ID))
	})
	return out
}
