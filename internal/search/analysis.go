package search

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
)

// Analysis is what one document gives the index: its terms with their
// weighted frequencies, the forms a reader may type for them, its
// length and the text its snippet quotes. Build works it out for every
// document that has none (Doc.Analysis nil) and hands it to
// Options.Keep, so that a build can keep it (a build cache) and pass it
// back while the document's inputs are unchanged, and so analyse only
// the documents that changed. Build reads a kept Analysis exactly as a
// fresh one, so the index's bytes are the same either way.
type Analysis struct {
	// Packed is the analysis in a compact binary form (see pack), opaque
	// to everyone but this package; a string, so that it can be kept and
	// copied as it is.
	Packed string
}

// AnalysisVersion names the way documents are analysed: a caller that
// keeps analyses (Options.Keep) keeps one only while this is the same,
// since a change of tokenizer, stop words or stemming makes older ones
// index differently from fresh ones.
const AnalysisVersion = "3" // acronyms kept; stop words listed; joined names (AT&T, U.S.)

// errPacked reports an Analysis that does not decode: a kept one from
// something other than this package.
var errPacked = errors.New("search: a kept document analysis does not decode; remove the build cache")

// pack encodes an analysis: the word count, the snippet text, the terms
// (each its bytes and weighted frequency), the forms (each the index
// of its term, how many leading bytes it shares with the term, and the
// rest) and the stop words, all lengths and numbers as uvarints. Forms are mostly their
// term with a short ending, so they cost a few bytes each.
func pack(a *analysed) *Analysis {
	n := 8 + len(a.text)
	termIndex := make(map[string]int, len(a.terms))
	for i, t := range a.terms {
		n += len(t.term) + 3
		termIndex[t.term] = i
	}
	b := make([]byte, 0, n+4*len(a.forms))
	b = binary.AppendUvarint(b, uint64(a.words))
	b = binary.AppendUvarint(b, uint64(len(a.text)))
	b = append(b, a.text...)
	b = binary.AppendUvarint(b, uint64(len(a.terms)))
	for _, t := range a.terms {
		b = binary.AppendUvarint(b, uint64(len(t.term)))
		b = append(b, t.term...)
		b = binary.AppendUvarint(b, uint64(t.w))
	}
	b = binary.AppendUvarint(b, uint64(len(a.forms)))
	for _, f := range a.forms {
		form, term := f[0], f[1]
		shared := 0
		for shared < len(form) && shared < len(term) && form[shared] == term[shared] {
			shared++
		}
		b = binary.AppendUvarint(b, uint64(termIndex[term]))
		b = binary.AppendUvarint(b, uint64(shared))
		b = binary.AppendUvarint(b, uint64(len(form)-shared))
		b = append(b, form[shared:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(a.stops)))
	for _, w := range a.stops {
		b = binary.AppendUvarint(b, uint64(len(w)))
		b = append(b, w...)
	}
	return &Analysis{Packed: string(b)}
}

// unpack decodes what pack wrote. Terms, and forms that are their term,
// are substrings of the packed string: nothing is copied for them.
func unpack(p *Analysis) (analysed, error) {
	s := p.Packed
	bad := false
	num := func() uint64 {
		// binary.Uvarint over a string without copying it.
		var x uint64
		var shift uint
		for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
			c := s[i]
			if c < 0x80 {
				s = s[i+1:]
				return x | uint64(c)<<shift
			}
			x |= uint64(c&0x7f) << shift
			shift += 7
		}
		bad, s = true, ""
		return 0
	}
	str := func() string {
		n := num()
		if n > uint64(len(s)) {
			bad, s = true, ""
			return ""
		}
		out := s[:n]
		s = s[n:]
		return out
	}
	var a analysed
	a.words = int(num())
	a.text = str()
	nt := num()
	if nt > uint64(len(s)) {
		return a, errPacked
	}
	a.terms = make([]termFreq, nt)
	for i := range a.terms {
		a.terms[i].term = str()
		a.terms[i].w = uint32(num())
	}
	nf := num()
	if nf > uint64(len(s)) {
		return a, errPacked
	}
	a.forms = make([][2]string, nf)
	for i := range a.forms {
		ti, shared, rest := num(), num(), str()
		if ti >= nt || shared > uint64(len(a.terms[ti].term)) {
			return a, errPacked
		}
		term := a.terms[ti].term
		form := term[:shared]
		if rest != "" {
			form = strings.Clone(form + rest)
		}
		a.forms[i] = [2]string{form, term}
	}
	ns := num()
	if ns > uint64(len(s)) {
		return a, errPacked
	}
	a.stops = make([]string, ns)
	for i := range a.stops {
		a.stops[i] = str()
	}
	if bad || s != "" {
		return a, errPacked
	}
	a.dlq = lengthStep(a.words)
	return a, nil
}

// lengthStep is the length step (0–31) of a document of words words.
func lengthStep(words int) uint8 {
	return uint8(max(0, min(31, math.Round(math.Log(float64(words)/lengthMin)/math.Log(lengthRatio)))))
}
