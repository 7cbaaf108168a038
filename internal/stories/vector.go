package stories

import (
	"math"
	"math/bits"
	"slices"
	"strings"
)

// Documents are compared as TF-IDF vectors (Salton and Buckley 1988), as
// the Europe Media Monitor does for its story clusters (Steinberger,
// Pouliquen and van der Goot, 2009): a term's weight in a document is
// (1 + ln tf) · ln(1 + N/df), tf counting title words twice, and vectors
// are scaled to length 1, so a dot product is a cosine in [0, 1].
//
// Terms found in one document only cannot match anything: they count in
// the vector's length (a document full of its own words is less like the
// others) but are not stored, which keeps memory to the shared terms.

// entry is one term's weight in a vector.
type entry struct {
	term int32
	w    float32
}

// vector is a sparse vector sorted by term.
type vector []entry

// vocabulary numbers the terms of all documents and counts, for each, the
// documents it occurs in and the languages of those documents.
type vocabulary struct {
	ids   map[string]int32
	terms []string
	df    []int32
	langs []uint64 // bit l set: a document of language l has the term
	// idf is ln(1 + N/df) of each term, and lnCount ln(k) for small
	// counts k, worked out once: weigh would otherwise take two
	// logarithms a term of every document. Same values, so same weights.
	idf     []float64
	lnCount [64]float64
	// of maps each table's numbers to the vocabulary's: provisional ones
	// (-1: not seen yet) until number, final ones after.
	of [][]int32
}

func newVocabulary(tables []*table) *vocabulary {
	v := &vocabulary{ids: map[string]int32{}, of: make([][]int32, len(tables))}
	for i, tb := range tables {
		v.of[i] = make([]int32, len(tb.terms))
		for k := range v.of[i] {
			v.of[i][k] = -1
		}
	}
	return v
}

// add records one document's terms, counted by their numbers in tb (the
// t-th table).
func (v *vocabulary) add(counts []termCount, tb *table, t int, lang int) {
	of := v.of[t]
	for _, tc := range counts {
		id := of[tc.term]
		if id < 0 {
			k := tb.terms[tc.term].text
			var ok bool
			if id, ok = v.ids[k]; !ok {
				id = int32(len(v.terms))
				v.ids[k] = id
				v.terms = append(v.terms, k)
				v.df = append(v.df, 0)
				v.langs = append(v.langs, 0)
			}
			of[tc.term] = id
		}
		v.df[id]++
		if lang >= 0 {
			v.langs[id] |= 1 << uint(lang)
		}
	}
}

// number renumbers the terms in their sorted order, so that the numbers,
// and so the order of the sums over them, are the same in every run
// whatever the order terms were added in (and whichever goroutine
// tokenized which document).
func (v *vocabulary) number() {
	perm := make([]int32, len(v.terms))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return strings.Compare(v.terms[a], v.terms[b]) })
	final := make([]int32, len(perm))
	terms := make([]string, len(perm))
	df := make([]int32, len(perm))
	langs := make([]uint64, len(perm))
	for n, old := range perm {
		final[old] = int32(n)
		terms[n], df[n], langs[n] = v.terms[old], v.df[old], v.langs[old]
	}
	v.terms, v.df, v.langs, v.ids = terms, df, langs, nil
	for _, of := range v.of {
		for k, id := range of {
			if id >= 0 {
				of[k] = final[id]
			}
		}
	}
}

// weights works out the logarithms weigh needs, for n documents.
func (v *vocabulary) weights(n int) {
	v.idf = make([]float64, len(v.df))
	for i, df := range v.df {
		v.idf[i] = math.Log(1 + float64(n)/float64(df))
	}
	for k := range v.lnCount {
		v.lnCount[k] = math.Log(float64(k))
	}
}

// crossTerm says a term occurs in documents of two languages or more.
func (v *vocabulary) crossTerm(id int32) bool { return bits.OnesCount64(v.langs[id]) >= 2 }

// weigh returns a document's vector over all its terms (all) and over its
// cross-language terms (cross), both of length 1 (or empty). counts are
// the document's terms, numbered in the t-th table, and all is written
// over them (they are of no use once weighed, and this halves the peak
// memory); weights must have been called; packed is scratch, returned
// for reuse.
func (v *vocabulary) weigh(counts []termCount, t int, packed []uint64) (all, cross vector, scratch []uint64) {
	// Sorted as term<<32 | weight bits: an ordered sort of integers is
	// several times faster than one with a comparison function.
	packed = packed[:0]
	of := v.of[t]
	for _, tc := range counts {
		id := of[tc.term]
		var ln float64
		if k := int(tc.w); float32(k) == tc.w && k < len(v.lnCount) {
			ln = v.lnCount[k]
		} else {
			ln = math.Log(float64(tc.w))
		}
		w := (1 + ln) * v.idf[id]
		packed = append(packed, uint64(id)<<32|uint64(math.Float32bits(float32(w))))
	}
	slices.Sort(packed)
	// Sums in the order of the final numbers, to be the same every run.
	var norm, crossNorm float64
	nAll, nCross := 0, 0
	for _, p := range packed {
		e := unpack(p)
		w := float64(e.w)
		norm += w * w
		if v.df[e.term] < 2 {
			continue
		}
		nAll++
		if v.crossTerm(e.term) {
			crossNorm += w * w
			nCross++
		}
	}
	if nAll > 0 {
		all = counts[:0:nAll] // nAll ≤ len(counts), and every count is in packed
	}
	// Sized exactly: the vectors are most of the grouping's memory.
	if nCross > 0 {
		cross = make(vector, 0, nCross)
	}
	for _, p := range packed {
		e := unpack(p)
		if v.df[e.term] < 2 {
			continue
		}
		all = append(all, e)
		if v.crossTerm(e.term) {
			cross = append(cross, e)
		}
	}
	scale(all, norm)
	scale(cross, crossNorm)
	return all, cross, packed
}

// unpack is the entry packed as term<<32 | weight bits.
func unpack(p uint64) entry { return entry{int32(p >> 32), math.Float32frombits(uint32(p))} }

func scale(v vector, norm2 float64) {
	if norm2 == 0 {
		return
	}
	f := 1 / math.Sqrt(norm2)
	for i := range v {
		v[i].w = float32(float64(v[i].w) * f)
	}
}

// dot is the dot product of two vectors.
func dot(a, b vector) float64 {
	var s float64
	for i, k := 0, 0; i < len(a) && k < len(b); {
		switch {
		case a[i].term == b[k].term:
			s += float64(a[i].w) * float64(b[k].w)
			i++
			k++
		case a[i].term < b[k].term:
			i++
		default:
			k++
		}
	}
	return s
}

// centroid is the sum of a story's member vectors; its cosine with a
// document is the document's average-link similarity to the members,
// normalised by how tight the story is. The sum is sparse, sorted by
// term; a story of one member, as most are, shares its member's vector.
type centroid struct {
	one   vector // the only member's vector, while there is one
	terms []int32
	sum   []float64
	norm2 float64
}

// add adds v to c.
func (c *centroid) add(v vector) {
	d := c.dotRaw(v)
	var vv float64
	for _, e := range v {
		vv += float64(e.w) * float64(e.w)
	}
	switch {
	case c.one == nil && c.terms == nil:
		c.one = v
	default:
		if c.one != nil {
			c.terms = make([]int32, len(c.one))
			c.sum = make([]float64, len(c.one))
			for i, e := range c.one {
				c.terms[i], c.sum[i] = e.term, float64(e.w)
			}
			c.one = nil
		}
		c.merge(v)
	}
	c.norm2 += 2*d + vv
}

// merge adds v to the sum.
func (c *centroid) merge(v vector) {
	terms := make([]int32, 0, len(c.terms)+len(v))
	sum := make([]float64, 0, len(c.terms)+len(v))
	i, k := 0, 0
	for i < len(c.terms) || k < len(v) {
		switch {
		case k == len(v) || i < len(c.terms) && c.terms[i] < v[k].term:
			terms, sum = append(terms, c.terms[i]), append(sum, c.sum[i])
			i++
		case i == len(c.terms) || v[k].term < c.terms[i]:
			terms, sum = append(terms, v[k].term), append(sum, float64(v[k].w))
			k++
		default:
			terms, sum = append(terms, c.terms[i]), append(sum, c.sum[i]+float64(v[k].w))
			i++
			k++
		}
	}
	c.terms, c.sum = slices.Clip(terms), slices.Clip(sum)
}

// each calls fn, in the order of v, for each term of v in c with its
// weight in v and its sum in c.
func (c *centroid) each(v vector, fn func(term int32, w float32, x float64)) {
	if c.one != nil {
		for i, k := 0, 0; i < len(v) && k < len(c.one); {
			switch {
			case v[i].term == c.one[k].term:
				fn(v[i].term, v[i].w, float64(c.one[k].w))
				i++
				k++
			case v[i].term < c.one[k].term:
				i++
			default:
				k++
			}
		}
		return
	}
	for i, k := 0, 0; i < len(v) && k < len(c.terms); {
		switch {
		case v[i].term == c.terms[k]:
			fn(v[i].term, v[i].w, c.sum[k])
			i++
			k++
		case v[i].term < c.terms[k]:
			i++
		default:
			k++
		}
	}
}

func (c *centroid) dotRaw(v vector) float64 {
	var s float64
	c.each(v, func(_ int32, w float32, x float64) { s += float64(w) * x })
	return s
}

// cosine is the cosine of v and c, and how many terms they share.
func (c *centroid) cosine(v vector) (float64, int) {
	if c.norm2 <= 0 {
		return 0, 0
	}
	var s float64
	shared := 0
	c.each(v, func(_ int32, w float32, x float64) {
		s += float64(w) * x
		shared++
	})
	return s / math.Sqrt(c.norm2), shared
}

// strongest returns the terms of v that weigh most in its dot product with
// c, at most k, strongest first.
func (c *centroid) strongest(v vector, k int, terms []string) []string {
	type tw struct {
		term int32
		w    float64
	}
	var all []tw
	c.each(v, func(term int32, w float32, x float64) { all = append(all, tw{term, float64(w) * x}) })
	slices.SortFunc(all, func(a, b tw) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return int(a.term - b.term)
	})
	out := make([]string, 0, min(k, len(all)))
	for _, t := range all[:min(k, len(all))] {
		out = append(out, terms[t.term])
	}
	return out
}

// top returns the k terms of v with the greatest weight among those found
// in at most maxDF documents: the rare terms a document is looked up by.
func top(v vector, k int, df []int32, maxDF int32) []int32 {
	c := make(vector, 0, len(v))
	for _, e := range v {
		if df[e.term] <= maxDF {
			c = append(c, e)
		}
	}
	slices.SortFunc(c, func(a, b entry) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return int(a.term - b.term)
	})
	out := make([]int32, 0, min(k, len(c)))
	for _, e := range c[:min(k, len(c))] {
		out = append(out, e.term)
	}
	return out
}
