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
	"sort"

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
		add := func(kind byte, v string, w float64) {
			key := string(kind) + v
			id, ok := ids[key]
			if !ok {
				id = int32(len(df))
				ids[key] = id
				df = append(df, 0)
				base = append(base, w)
			}
			df[id]++
			feats[i] = append(feats[i], id)
		}
		if d.Story != "" {
			add('s', d.Story, storyWeight)
		}
		for _, t := range d.Topics {
			add('t', t, topicWeight)
		}
		for _, t := range d.Tags {
			add('g', t, tagWeight)
		}
		for _, t := range d.Names {
			add('n', t, nameWeight)
		}
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

	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunks := min(n, 4*workers)
	err := pool.Each(ctx, chunks, workers, func(c int) {
		acc := make([]float64, n)
		var touched []int32
		for i := c * n / chunks; i < (c+1)*n/chunks; i++ {
			touched = touched[:0]
			for _, id := range feats[i] {
				for _, j := range postings[id] {
					if int(j) == i {
						continue
					}
					if acc[j] == 0 {
						touched = append(touched, j)
					}
					acc[j] += weight[id]
				}
			}
			out[i] = best(docs, feats, weight, df, i, acc, touched, k)
			for _, j := range touched {
				acc[j] = 0
			}
		}
	})
	return out, err
}

// best picks doc i's k best among the candidates in touched (their
// scores from the specific features in acc), adding what they share of
// i's common features.
func best(docs []Doc, feats [][]int32, weight []float64, df []int32, i int, acc []float64, touched []int32, k int) []int {
	type cand struct {
		j     int
		score float64
		gap   int64
	}
	cs := make([]cand, len(touched))
	gap := func(j int) int64 {
		g := docs[i].Unix - docs[j].Unix
		if g < 0 {
			g = -g
		}
		return g
	}
	for x, j := range touched {
		cs[x] = cand{int(j), acc[j], gap(int(j))}
	}
	less := func(a, b cand) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		if a.gap != b.gap {
			return a.gap < b.gap
		}
		return a.j < b.j
	}
	sort.Slice(cs, func(a, b int) bool { return less(cs[a], cs[b]) })
	var common []int32
	for _, id := range feats[i] {
		if df[id] > commonDF {
			common = append(common, id)
		}
	}
	if len(common) > 0 {
		cs = cs[:min(len(cs), rescored)]
		for x := range cs {
			for _, id := range common {
				if _, ok := slices.BinarySearch(feats[cs[x].j], id); ok {
					cs[x].score += weight[id]
				}
			}
		}
		sort.Slice(cs, func(a, b int) bool { return less(cs[a], cs[b]) })
	}
	out := make([]int, 0, min(k, len(cs)))
	for _, c := range cs[:min(k, len(cs))] {
		out = append(out, c.j)
	}
	return out
}
