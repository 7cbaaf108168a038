// Package related ranks, for each article of a site, the other articles
// a reader of it would most likely want next: those of the same story,
// and those sharing its tags, the names in its headline and summary, and
// its topics. The ranking is deterministic: the same articles give the
// same lists, whatever the order of work.
package related

import (
	"context"
	"math"
	"runtime"
	"slices"

	"github.com/brief-ssg/brief/internal/pool"
)

// Doc is what the ranking knows of one article.
type Doc struct {
	// Story identifies the article's story of more than one article;
	// "" for an article alone.
	Story string
	// Topics, Tags and Names are the article's topic slugs, tag keys and
	// names (see Names), each without repeats.
	Topics, Tags, Names []string
	// Unix is the article's publication time in seconds: between equal
	// scores, the article nearer in time ranks first.
	Unix int64
}

// Weights of what two articles share. A shared story is the editor's (or
// the grouping's) word that both report one event, so it outweighs
// anything short of three shared specific features. A tag is a label an
// editor or publisher chose for the subject: the strongest feature.
// Names (people, places, bodies) are read from the headline and summary
// without understanding them, so they count for less. Topics are broad:
// a site has a handful and each takes a large share of the articles, so
// a shared topic only orders articles that share something more
// specific. Every feature but the story is further weighted by its
// rarity, ln(1 + N/df): a tag on two articles says more than one on half
// of the site.
const (
	storyWeight = 6.0
	tagWeight   = 3.0
	nameWeight  = 2.0
	topicWeight = 1.0
)

// commonDF is the number of articles above which a feature no longer
// finds candidates (its posting list would make the work grow with the
// square of the site); it still scores the candidates found otherwise.
const commonDF = 200

// rescored is how many candidates, best first by their specific
// features, get the common features' share added before the final cut.
const rescored = 64

// Rank returns, for each doc, the indices of at most k other docs that
// share something with it, best first; an article sharing nothing gets
// none. workers bounds the goroutines (0: one per CPU).
func Rank(ctx context.Context, docs []Doc, k, workers int) ([][]int, error) {
	return Update(ctx, nil, nil, docs, k, workers)
}

// Update is Rank of docs for a caller that kept an earlier ranking:
// prevLists must be what Rank(prevDocs, k) returned (nil prevDocs means
// none). When prevDocs has as many docs as docs, only the lists a changed
// doc can reach are ranked again: the changed docs' own, those of docs
// holding a feature whose count changed (its weight did), and those of
// docs that share a feature finding candidates with a changed doc (it
// may enter, leave or move in their lists). The others are prevLists'
// own slices, which the caller must not modify. The result is always
// what Rank(docs, k) returns. A different number of docs re-weights
// every feature, so everything is ranked again then.
func Update(ctx context.Context, prevDocs []Doc, prevLists [][]int, docs []Doc, k, workers int) ([][]int, error) {
	n := len(docs)
	out := make([][]int, n)
	if n < 2 || k <= 0 {
		return out, ctx.Err()
	}
	// Features get ids by kind and value; each doc's list is sorted by id.
	ids := map[string]int32{}
	var df []int32
	var base []float64 // the weight of the feature's kind
	feats := make([][]int32, n)
	for i, d := range docs {
		eachFeature(d, func(key string, w float64) {
			id, ok := ids[key]
			if !ok {
				id = int32(len(df))
				ids[key] = id
				df = append(df, 0)
				base = append(base, w)
			}
			df[id]++
			feats[i] = append(feats[i], id)
		})
		slices.Sort(feats[i])
		feats[i] = slices.Compact(feats[i])
	}
	weight := make([]float64, len(df))
	for id := range df {
		weight[id] = base[id] * math.Log(1+float64(n)/float64(df[id]))
	}
	for key, id := range ids {
		if key[0] == 's' { // a story is an event, whatever its size
			weight[id] = storyWeight
		}
	}
	postings := make([][]int32, len(df))
	for i, fs := range feats {
		for _, id := range fs {
			if df[id] <= commonDF {
				postings[id] = append(postings[id], int32(i))
			}
		}
	}

	todo := reach(prevDocs, prevLists, docs, ids, df, feats, postings)
	if todo == nil {
		todo = make([]int32, n)
		for i := range todo {
			todo[i] = int32(i)
		}
	} else {
		copy(out, prevLists)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	m := len(todo)
	chunks := min(m, 4*workers)
	if chunks == 0 {
		return out, ctx.Err()
	}
	err := pool.Each(ctx, chunks, workers, func(c int) {
		acc := make([]float64, n)
		var touched []int32
		for _, i := range todo[c*m/chunks : (c+1)*m/chunks] {
			touched = touched[:0]
			for _, id := range feats[i] {
				for _, j := range postings[id] {
					if j == i {
						continue
					}
					if acc[j] == 0 {
						touched = append(touched, j)
					}
					acc[j] += weight[id]
				}
			}
			out[i] = best(docs, feats, weight, df, int(i), acc, touched, k)
			for _, j := range touched {
				acc[j] = 0
			}
		}
	})
	return out, err
}

// eachFeature calls fn with the key (kind byte, then value) and the
// kind's weight of each of d's features.
func eachFeature(d Doc, fn func(key string, w float64)) {
	if d.Story != "" {
		fn("s"+d.Story, storyWeight)
	}
	for _, t := range d.Topics {
		fn("t"+t, topicWeight)
	}
	for _, t := range d.Tags {
		fn("g"+t, tagWeight)
	}
	for _, t := range d.Names {
		fn("n"+t, nameWeight)
	}
}

// reach lists, in increasing order, the docs whose lists must be ranked
// again after prevDocs became docs (see Update); nil means all of them.
func reach(prevDocs []Doc, prevLists [][]int, docs []Doc, ids map[string]int32, df []int32, feats, postings [][]int32) []int32 {
	n := len(docs)
	if len(prevDocs) != n || len(prevLists) != n {
		return nil
	}
	var changed []int
	for i := range docs {
		if !sameDoc(prevDocs[i], docs[i]) {
			changed = append(changed, i)
		}
	}
	if len(changed) > n/8 {
		return nil // ranking again costs little more than finding what to rank
	}
	redo := make([]bool, n)
	mark := func(id int32) { // every doc holding the feature
		if len(postings[id]) == int(df[id]) {
			for _, j := range postings[id] {
				redo[j] = true
			}
			return
		}
		for j, fs := range feats {
			if _, ok := slices.BinarySearch(fs, id); ok {
				redo[j] = true
			}
		}
	}
	for _, c := range changed {
		redo[c] = true
		old := map[int32]bool{}
		eachFeature(prevDocs[c], func(key string, _ float64) {
			if id, ok := ids[key]; ok { // a feature no doc holds now reaches none
				old[id] = true
			}
		})
		now := map[int32]bool{}
		for _, id := range feats[c] {
			now[id] = true
		}
		for id := range old {
			if !now[id] {
				mark(id) // its count and weight changed
			}
		}
		for id := range now {
			switch {
			case !old[id]:
				mark(id) // its count and weight changed
			case df[id] <= commonDF:
				// Unchanged in count, but it makes c a candidate of every
				// doc holding it, where c's score or date changed.
				for _, j := range postings[id] {
					redo[j] = true
				}
			}
		}
	}
	todo := []int32{}
	for i, r := range redo {
		if r {
			todo = append(todo, int32(i))
		}
	}
	return todo
}

// sameDoc reports whether a and b are the same doc for the ranking.
func sameDoc(a, b Doc) bool {
	return a.Story == b.Story && a.Unix == b.Unix && slices.Equal(a.Topics, b.Topics) &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Names, b.Names)
}

// best picks doc i's k best among the candidates in touched (their
// scores from the specific features in acc), adding what they share of
// i's common features.
func best(docs []Doc, feats [][]int32, weight []float64, df []int32, i int, acc []float64, touched []int32, k int) []int {
	var common []int32
	for _, id := range feats[i] {
		if df[id] > commonDF {
			common = append(common, id)
		}
	}
	// Only the first `keep` by specific score matter: the rescored ones
	// when there are common features, else the k returned. The order is
	// total (score, then nearness in time, then index), so keeping the
	// best `keep` while scanning gives the same list as sorting all.
	keep := k
	if len(common) > 0 {
		keep = rescored
	}
	cs := top(docs, i, acc, touched, keep)
	if len(common) > 0 {
		for x := range cs {
			for _, id := range common {
				if _, ok := slices.BinarySearch(feats[cs[x].j], id); ok {
					cs[x].score += weight[id]
				}
			}
		}
		slices.SortFunc(cs, compareCand)
	}
	out := make([]int, 0, min(k, len(cs)))
	for _, c := range cs[:min(k, len(cs))] {
		out = append(out, c.j)
	}
	return out
}

// cand is a candidate for a doc's list: its index, score and distance in
// time from the doc.
type cand struct {
	j     int
	score float64
	gap   int64
}

// compareCand orders candidates best first: higher score, then nearer in
// time, then lower index.
func compareCand(a, b cand) int {
	switch {
	case a.score != b.score:
		if a.score > b.score {
			return -1
		}
		return 1
	case a.gap != b.gap:
		if a.gap < b.gap {
			return -1
		}
		return 1
	}
	return a.j - b.j
}

// top returns the keep best candidates of doc i among touched (scores in
// acc), best first.
func top(docs []Doc, i int, acc []float64, touched []int32, keep int) []cand {
	cs := make([]cand, 0, min(keep, len(touched))+1)
	for _, j := range touched {
		g := docs[i].Unix - docs[j].Unix
		if g < 0 {
			g = -g
		}
		c := cand{int(j), acc[j], g}
		if len(cs) == keep && compareCand(c, cs[keep-1]) >= 0 {
			continue
		}
		// Insert in order; the list is short and most candidates of a
		// long list stop at the test above.
		x, _ := slices.BinarySearchFunc(cs, c, compareCand)
		if len(cs) < keep {
			cs = append(cs, cand{})
		}
		copy(cs[x+1:], cs[x:len(cs)-1])
		cs[x] = c
	}
	return cs
}
