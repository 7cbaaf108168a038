package main

import (
	"slices"
	"strings"
	"unicode"
)

// words splits text the way the benchmark's reference does (`\w+` over
// Unicode): runs of letters, numbers and underscores.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts the word 4-grams of ws. A text of fewer than four words is
// a single shingle of all of them, so an empty text still counts as one
// (empty) shingle: an empty extraction of a non-empty page scores zero
// precision rather than being left out.
func shingles(ws []string) map[string]int {
	const n = 4
	m := map[string]int{}
	count := max(1, len(ws)-n+1)
	for i := range count {
		m[strings.Join(ws[i:min(i+n, len(ws))], "\x00")]++
	}
	return m
}

// pageScore is one page's result; ok* tell whether the ratio is defined.
type pageScore struct {
	precision, recall float64
	okP, okR          bool
	exact             bool
}

func score(got, want string) pageScore {
	gw, ww := words(got), words(want)
	g, w := shingles(gw), shingles(ww)
	var tp, fp, fn int
	for k, c := range g {
		both := min(c, w[k])
		tp += both
		fp += c - both
	}
	for k, c := range w {
		fn += c - min(c, g[k])
	}
	var s pageScore
	s.exact = slices.Equal(gw, ww)
	if fp == 0 && fn == 0 {
		return pageScore{precision: 1, recall: 1, okP: true, okR: true, exact: s.exact}
	}
	// The README normalises tp, fp and fn by their sum so that each page
	// weighs the same; the ratios below are unchanged by it.
	if tp+fp > 0 {
		s.precision, s.okP = float64(tp)/float64(tp+fp), true
	}
	if tp+fn > 0 {
		s.recall, s.okR = float64(tp)/float64(tp+fn), true
	}
	return s
}

// summary aggregates page scores the benchmark's way: means of per-page
// precision and recall, F1 of those means, share of exact matches.
type summary struct {
	P, R, F1, Acc float64
	Pages         int
}

func summarise(scores []pageScore) summary {
	var sp, sr float64
	var np, nr, exact int
	for _, s := range scores {
		if s.okP {
			sp += s.precision
			np++
		}
		if s.okR {
			sr += s.recall
			nr++
		}
		if s.exact {
			exact++
		}
	}
	var out summary
	out.Pages = len(scores)
	if np > 0 {
		out.P = sp / float64(np)
	}
	if nr > 0 {
		out.R = sr / float64(nr)
	}
	if out.P+out.R > 0 {
		out.F1 = 2 * out.P * out.R / (out.P + out.R)
	}
	if len(scores) > 0 {
		out.Acc = float64(exact) / float64(len(scores))
	}
	return out
}
