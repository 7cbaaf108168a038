package stories

import "context"

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
	head := make(map[uint64]int32, len(sigs)*bands/2)
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
