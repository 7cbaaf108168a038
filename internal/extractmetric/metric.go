// Package extractmetric is the extraction benchmark's metric, as the
// benchmark data's README defines it (shared/bench/extraction/README.md),
// in one place for the benchmark (bench/extraction) and the extractors'
// quality floors (internal/extract):
//
//   - a text's words are its runs of Unicode letters, digits and
//     underscores (the regex \w+);
//   - a text's shingles are the multiset of its word 4-grams; a text of
//     one to three words is one shingle of all of them, an empty text has
//     none;
//   - a page's true positives are the shingles in both texts (with
//     multiplicity), false positives those only extracted, false
//     negatives those only in the reference;
//   - precision is the mean over pages of tp/(tp+fp), recall the mean of
//     tp/(tp+fn); a page with fp = fn = 0 scores 1 on both, and a page
//     whose denominator is 0 is left out of that mean;
//   - F1 is 2PR/(P+R) of the two means; accuracy is the share of pages
//     whose extracted word sequence equals the reference's exactly.
//
// (The README also divides tp, fp and fn by their sum so that every page
// weighs the same; the ratios above do not change by it.)
package extractmetric

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Words splits s into the benchmark's words.
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_'
	})
}

// shingles counts the word 4-grams of ws.
func shingles(ws []string) map[string]int {
	const n = 4
	m := map[string]int{}
	if len(ws) == 0 {
		return m
	}
	for i := range max(1, len(ws)-n+1) {
		m[strings.Join(ws[i:min(i+n, len(ws))], "\x00")]++
	}
	return m
}

// Page is one page's score.
type Page struct {
	TP, FP, FN int
	// Exact says the extracted words are the reference's, in order.
	Exact bool
}

// Score scores the text extracted from a page against its reference.
func Score(got, want string) Page {
	gw, ww := Words(got), Words(want)
	g, w := shingles(gw), shingles(ww)
	p := Page{Exact: slices.Equal(gw, ww)}
	for k, c := range g {
		both := min(c, w[k])
		p.TP += both
		p.FP += c - both
	}
	for k, c := range w {
		p.FN += c - min(c, g[k])
	}
	return p
}

// Precision is tp/(tp+fp); ok is false where that is undefined, and the
// page is left out of the mean.
func (p Page) Precision() (v float64, ok bool) {
	return ratio(p.TP, p.FP, p.FN)
}

// Recall is tp/(tp+fn); ok is false where that is undefined, and the page
// is left out of the mean.
func (p Page) Recall() (v float64, ok bool) {
	return ratio(p.TP, p.FN, p.FP)
}

// ratio is tp/(tp+miss), 1 when neither kind of error occurred.
func ratio(tp, miss, other int) (float64, bool) {
	switch {
	case miss == 0 && other == 0:
		return 1, true
	case tp+miss == 0:
		return 0, false
	}
	return float64(tp) / float64(tp+miss), true
}

// F1 is the page's own F1, for listing pages worst first; 0 where either
// ratio is undefined.
func (p Page) F1() float64 {
	pr, okP := p.Precision()
	rc, okR := p.Recall()
	if !okP || !okR || pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

// Summary is the benchmark's figures over a set of pages.
type Summary struct {
	Precision, Recall, F1, Accuracy float64
	Pages                           int
}

// Summarize aggregates page scores as the README says.
func Summarize(pages []Page) Summary {
	var sp, sr float64
	var np, nr, exact int
	for _, p := range pages {
		if v, ok := p.Precision(); ok {
			sp += v
			np++
		}
		if v, ok := p.Recall(); ok {
			sr += v
			nr++
		}
		if p.Exact {
			exact++
		}
	}
	s := Summary{Pages: len(pages)}
	if np > 0 {
		s.Precision = sp / float64(np)
	}
	if nr > 0 {
		s.Recall = sr / float64(nr)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if len(pages) > 0 {
		s.Accuracy = float64(exact) / float64(len(pages))
	}
	return s
}

func (s Summary) String() string {
	return fmt.Sprintf("F1 %.3f  P %.3f  R %.3f  accuracy %.3f  (%d pages)", s.F1, s.Precision, s.Recall, s.Accuracy, s.Pages)
}
