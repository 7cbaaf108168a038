package stories

import "slices"

// Near-duplicates are found as in Broder (1997) and Leskovec, Rajaraman
// and Ullman, Mining of Massive Datasets, ch. 3: a body is the set of its
// 5-word shingles, two bodies' likeness is the Jaccard similarity of those
// sets, MinHash signatures estimate it, and LSH banding of the signatures
// proposes the pairs worth checking, so that no pair of bodies is compared
// unless they probably share shingles.
//
// The signature uses one-permutation hashing (Li, Owen and Zhang, NIPS
// 2012): each shingle is hashed once and falls in one of sigSize bins by
// its top bits; a bin keeps its smallest hash. Empty bins (short bodies)
// borrow the nearest non-empty bin to their right, offset by the distance
// (rotation densification, Shrivastava and Li, ICML 2014), so that two
// identical bodies still agree on every bin and different ones rarely
// agree on borrowed bins. This costs one hash a shingle instead of one a
// shingle and permutation.

const (
	shingleWords = 5  // words per shingle: wire copies share runs of this length, unrelated news rarely does
	sigSize      = 32 // bins of a signature
	bandRows     = 2  // bins per LSH band
	bands        = sigSize / bandRows
)

// With 16 bands of 2 rows, a pair with Jaccard similarity j is proposed
// with probability 1-(1-j²)^16: 0.99 at j = 0.5, 0.78 at j = 0.3, 0.15 at
// j = 0.1. Every proposal is checked exactly (near.go), so the low rows
// buy recall (a copy with a new intro and a trimmed ending) at the price
// of a few checks.

// signature is a body's MinHash signature; the zero signature means the
// body has fewer than shingleWords words.
type signature [sigSize]uint64

// wordHash is FNV-1a of w, mixed: a fixed function, so that which pairs
// LSH proposes, and so the grouping, is the same in every run.
func wordHash[T string | []byte](w T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return mix(h)
}

// shingles returns the hashes of the shingleWords-word runs of words,
// sorted and without repeats.
func shingles(words []string) []uint64 {
	wh := make([]uint64, len(words))
	for i, w := range words {
		wh[i] = wordHash(w)
	}
	return sortedSet(shingleHashes(wh, nil))
}

// bodyShingles returns the shingles of a body, sorted and without
// repeats, tokenized with sc; wh is scratch for the word hashes, returned
// for reuse.
func bodyShingles(sc *scanner, text string, wh []uint64) (set, scratch []uint64) {
	wh = wh[:0]
	var t rawToken
	sc.reset(text)
	for sc.next(&t) {
		wh = append(wh, wordHash(t.text))
	}
	return sortedSet(shingleHashes(wh, nil)), wh
}

func sortedSet(s []uint64) []uint64 {
	slices.Sort(s)
	return slices.Clip(slices.Compact(s))
}

// shingleHashes appends to out the hashes of the shingleWords-word runs
// of the words whose hashes are wh, in order, repeats included: enough
// for a signature.
func shingleHashes(wh, out []uint64) []uint64 {
	if len(wh) < shingleWords {
		return out
	}
	for i := 0; i+shingleWords <= len(wh); i++ {
		var s uint64
		for _, x := range wh[i : i+shingleWords] {
			s = mix(s*0x9e3779b97f4a7c15 ^ x)
		}
		out = append(out, s)
	}
	return out
}

// mix is the finaliser of SplitMix64: it spreads every input bit over the
// output, which the bins (top bits) and minima (all bits) rely on.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// sign returns the signature of a set of shingle hashes.
func sign(shingles []uint64) signature {
	var sig signature
	if len(shingles) == 0 {
		return sig
	}
	const empty = ^uint64(0)
	for i := range sig {
		sig[i] = empty
	}
	for _, s := range shingles {
		bin := s >> (64 - 5) // sigSize = 32 = 2⁵ bins
		if s < sig[bin] {
			sig[bin] = s
		}
	}
	for i := range sig {
		if sig[i] != empty {
			continue
		}
		for d := 1; d < sigSize; d++ {
			if v := sig[(i+d)%sigSize]; v != empty && (i+d)%sigSize != i {
				// Borrowed values are told apart by the distance, so that
				// they match only where both bodies borrowed alike.
				sig[i] = mix(v + uint64(d))
				break
			}
		}
	}
	return sig
}

// estimate is the share of bins two signatures agree on: an unbiased
// estimate of the Jaccard similarity, with a standard error of about
// 0.09 at 32 bins.
func (s *signature) estimate(o *signature) float64 {
	n := 0
	for i := range s {
		if s[i] == o[i] {
			n++
		}
	}
	return float64(n) / sigSize
}

// bandKeys returns the LSH bucket of each band of s.
func (s *signature) bandKeys() [bands]uint64 {
	var k [bands]uint64
	for b := range k {
		x := uint64(b) + 1
		for _, v := range s[b*bandRows : (b+1)*bandRows] {
			x = mix(x*0x9e3779b97f4a7c15 ^ v)
		}
		k[b] = x
	}
	return k
}

// jaccard is the exact Jaccard similarity of two sorted sets of hashes,
// and their containment: the share of the smaller set in the larger.
func jaccard(a, b []uint64) (j, contained float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	both := overlap(a, b)
	return float64(both) / float64(len(a)+len(b)-both), float64(both) / float64(min(len(a), len(b)))
}

// overlap is the size of the intersection of two sorted sets of hashes.
func overlap(a, b []uint64) int {
	both := 0
	for i, k := 0, 0; i < len(a) && k < len(b); {
		switch {
		case a[i] == b[k]:
			both++
			i++
			k++
		case a[i] < b[k]:
			i++
		default:
			k++
		}
	}
	return both
}
