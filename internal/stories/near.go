package stories

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// nearPair says an earlier document (by position in the order of
// publication) is a copy of this one.
type nearPair struct {
	other   int32
	jaccard float64
}

const (
	// bucketScan bounds how many earlier documents of one LSH bucket a
	// document is checked against (the latest ones): a bucket that big is
	// one text published over and over (a template, a correction notice),
	// and checking a few of its copies finds the story all the same.
	bucketScan = 32
	// containedShare and containedMin make a trimmed copy a near-duplicate
	// although its Jaccard similarity is low: at least this share of the
	// shorter body's shingles, and this many, are in the longer one.
	containedShare = 0.9
	containedMin   = 40
)

// nearDuplicates returns, for each document in order, the earlier ones
// whose body is a near-copy of its own: Jaccard similarity of the
// shingles at least minJaccard, or the shorter body nearly all contained
// in the longer one. sigs are the signatures in order; texts(i) returns
// the body of the i-th, whose shingles the exact check of the pairs LSH
// proposes needs.
func nearDuplicates(ctx context.Context, sigs []signature, texts func(i int) string, minJaccard float64) ([][]nearPair, error) {
	out := make([][]nearPair, len(sigs))
	// The buckets are lists threaded through one slice, newest first:
	// head maps a bucket to its newest entry, and entry e is document
	// doc[e], followed by next[e] (-1: none). Most buckets hold one
	// document, and a slice of each would cost more than the document.
	head := make(map[uint64]int32, len(sigs)*bands)
	var doc, next []int32
	seen := make([]int32, len(sigs)) // seen[k] == i+1: k already proposed for i
	exact := map[int][]uint64{}
	var sc scanner
	var wh []uint64
	shinglesOf := func(i int) []uint64 {
		s, ok := exact[i]
		if !ok {
			s, wh = bodyShingles(&sc, texts(i), wh)
			exact[i] = s
		}
		return s
	}
	var zero signature
	for i := range sigs {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if sigs[i] == zero {
			continue
		}
		keys := sigs[i].bandKeys()
		for _, key := range keys {
			e, ok := head[key]
			if !ok {
				e = -1
			}
			for n := 0; e >= 0 && n < bucketScan; e, n = next[e], n+1 {
				k := doc[e]
				if seen[k] == int32(i+1) {
					continue
				}
				seen[k] = int32(i + 1)
				// The estimate errs by about 0.09; far below the
				// threshold, even containment is unlikely, so the pair
				// is not worth the exact check.
				if sigs[i].estimate(&sigs[k]) < minJaccard/3 {
					continue
				}
				jac, contained := jaccard(shinglesOf(i), shinglesOf(int(k)))
				small := min(len(shinglesOf(i)), len(shinglesOf(int(k))))
				if jac >= minJaccard || contained >= containedShare && small >= containedMin {
					out[i] = append(out[i], nearPair{other: k, jaccard: jac})
				}
			}
			first := int32(-1)
			if h, ok := head[key]; ok {
				first = h
			}
			head[key] = int32(len(doc))
			doc = append(doc, int32(i))
			next = append(next, first)
		}
		// Shingles of documents already checked may be needed again by a
		// later copy; keep them only while their memory is small.
		if len(exact) > 4096 {
			clear(exact)
		}
	}
	return out, nil
}

// Shingles is a body as the near-duplicate check sees it: the set of its
// 5-word shingles and their MinHash signature. The zero Shingles (a body
// of fewer than five words) is a copy of nothing.
type Shingles struct {
	set []uint64 // sorted, without repeats
	sig signature
}

// ShinglesOf returns the shingles of a body (plain text or Markdown:
// punctuation and markup separate words and are otherwise ignored).
func ShinglesOf(text string) Shingles {
	var sc scanner
	set, _ := bodyShingles(&sc, text, nil)
	return Shingles{set: set, sig: sign(set)}
}

// Len is the number of distinct shingles.
func (s Shingles) Len() int { return len(s.set) }

// NearCopy is a body of a NearIndex that a queried body nearly copies.
type NearCopy struct {
	Path string
	// Jaccard is the shingles' Jaccard similarity, in [0, 1].
	Jaccard float64
	// Covered is the share of Path's shingles that the queried body has,
	// in [0, 1]: 0.94 is "94% of its text", whatever the copy added.
	Covered float64
}

// NearIndex finds, among many bodies, the near-copies of one: the same
// test as Group's near-duplicates (Jaccard similarity at least the
// threshold, or the shorter body nearly all in the longer one), with the
// same LSH banding, so that a query is checked exactly against the few
// bodies that probably share shingles, not against all. Add and Find may
// not be called at once from several goroutines.
type NearIndex struct {
	minJaccard float64
	paths      []string
	shingles   []Shingles
	buckets    map[uint64][]int32
}

// NewNearIndex returns an empty index; minJaccard is the lowest Jaccard
// similarity, in [0, 1], of a near-copy (0 means DefaultNearDuplicate).
func NewNearIndex(minJaccard float64) *NearIndex {
	if minJaccard == 0 {
		minJaccard = DefaultNearDuplicate
	}
	return &NearIndex{minJaccard: minJaccard, buckets: map[uint64][]int32{}}
}

// Len is the number of bodies added.
func (x *NearIndex) Len() int { return len(x.paths) }

// Add adds the body of path; a body of fewer than five words is left out,
// as it can be a copy of nothing.
func (x *NearIndex) Add(path string, s Shingles) {
	if len(s.set) == 0 {
		return
	}
	i := int32(len(x.paths))
	x.paths = append(x.paths, path)
	x.shingles = append(x.shingles, s)
	for _, key := range s.sig.bandKeys() {
		x.buckets[key] = append(x.buckets[key], i)
	}
}

// Find returns the bodies that s nearly copies, the most covered first
// (then by Jaccard similarity, then by path).
func (x *NearIndex) Find(s Shingles) []NearCopy {
	if len(s.set) == 0 {
		return nil
	}
	var out []NearCopy
	seen := map[int32]bool{}
	for _, key := range s.sig.bandKeys() {
		b := x.buckets[key]
		// The newest bodies of a bucket only, as in Group: a bucket that
		// big is one text published over and over.
		for j := len(b) - 1; j >= 0 && j >= len(b)-bucketScan; j-- {
			k := b[j]
			if seen[k] {
				continue
			}
			seen[k] = true
			o := &x.shingles[k]
			if s.sig.estimate(&o.sig) < x.minJaccard/3 {
				continue
			}
			both := overlap(s.set, o.set)
			jac := float64(both) / float64(len(s.set)+len(o.set)-both)
			contained := float64(both) / float64(min(len(s.set), len(o.set)))
			if jac >= x.minJaccard || contained >= containedShare && min(len(s.set), len(o.set)) >= containedMin {
				out = append(out, NearCopy{Path: x.paths[k], Jaccard: jac, Covered: float64(both) / float64(len(o.set))})
			}
		}
	}
	slices.SortFunc(out, func(a, b NearCopy) int {
		return cmp.Or(cmp.Compare(b.Covered, a.Covered), cmp.Compare(b.Jaccard, a.Jaccard), strings.Compare(a.Path, b.Path))
	})
	return out
}
