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
	final []int32  // provisional number → final, once numbered
}

func newVocabulary() *vocabulary { return &vocabulary{ids: map[string]int32{}} }

// add records one document's terms and returns their provisional numbers
// (see number).
func (v *vocabulary) add(counts []termCount, lang int) []int32 {
	ids := make([]int32, len(counts))
	for i, tc := range counts {
		k := tc.term
		id, ok := v.ids[k]
		if !ok {
			id = int32(len(v.terms))
			v.ids[k] = id
			v.terms = append(v.terms, k)
			v.df = append(v.df, 0)
			v.langs = append(v.langs, 0)
		}
		v.df[id]++
		if lang >= 0 {
			v.langs[id] |= 1 << uint(lang)
		}
		ids[i] = id
	}
	return ids
}

// number renumbers the terms in their sorted order, so that the numbers,
// and so the order of the sums over them, are the same in every run
// whatever the order terms were added in. The numbers add returned are
// provisional: weigh maps them.
func (v *vocabulary) number() {
	perm := make([]int32, len(v.terms))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return strings.Compare(v.terms[a], v.terms[b]) })
	v.final = make([]int32, len(perm))
	terms := make([]string, len(perm))
	df := make([]int32, len(perm))
	langs := make([]uint64, len(perm))
	for n, old := range perm {
		v.final[old] = int32(n)
		terms[n], df[n], langs[n] = v.terms[old], v.df[old], v.langs[old]
		v.ids[v.terms[old]] = int32(n)
	}
	v.terms, v.df, v.langs = terms, df, langs
}

// crossTerm says a term occurs in documents of two languages or more.
func (v *vocabulary) crossTerm(id int32) bool { return bits.OnesCount64(v.langs[id]) >= 2 }

// weigh returns a document's vector over all its terms (all) and over its
// cross-language terms (cross), both of length 1 (or empty). counts are
// the document's terms, ids their numbers, n the number of documents.
func (v *vocabulary) weigh(counts []termCount, ids []int32, n int) (all, cross vector) {
	every := make(vector, len(counts))
	for i, tc := range counts {
		id := v.final[ids[i]]
		w := (1 + math.Log(float64(tc.n))) * math.Log(1+float64(n)/float64(v.df[id]))
		every[i] = entry{id, float32(w)}
	}
	slices.SortFunc(every, func(a, b entry) int { return int(a.term - b.term) })
	// Sums in the order of the final numbers, to be the same every run.
	var norm, crossNorm float64
	for _, e := range every {
		w := float64(e.w)
		norm += w * w
		if v.df[e.term] < 2 {
			continue
		}
		all = append(all, e)
		if v.crossTerm(e.term) {
			crossNorm += w * w
			cross = append(cross, e)
		}
	}
	scale(all, norm)
	scale(cross, crossNorm)
	return all, cross
}

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
// normalised by how tight the story is.
type centroid struct {
	sum   map[int32]float64
	norm2 float64
}

func newCentroid() *centroid { return &centroid{sum: map[int32]float64{}} }

// add adds v to c.
func (c *centroid) add(v vector) {
	d := c.dotRaw(v)
	var vv float64
	for _, e := range v {
		c.sum[e.term] += float64(e.w)
		vv += float64(e.w) * float64(e.w)
	}
	c.norm2 += 2*d + vv
}

func (c *centroid) dotRaw(v vector) float64 {
	var s float64
	for _, e := range v {
		s += float64(e.w) * c.sum[e.term]
	}
	return s
}

// cosine is the cosine of v and c, and how many terms they share.
func (c *centroid) cosine(v vector) (float64, int) {
	if c.norm2 <= 0 {
		return 0, 0
	}
	var s float64
	shared := 0
	for _, e := range v {
		if x, ok := c.sum[e.term]; ok {
			s += float64(e.w) * x
			shared++
		}
	}
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
	for _, e := range v {
		if x, ok := c.sum[e.term]; ok {
			all = append(all, tw{e.term, float64(e.w) * x})
		}
	}
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
