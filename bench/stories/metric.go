// Package storiesbench measures the story grouping (internal/stories)
// against labelled sets and at scale. See README.md for the commands and
// the figures.
package storiesbench

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"slices"
	"sort"
)

// Labels is a labelled set: which files form one story. It reads both
// shapes score_stories.py reads: {"stories": {"id": [file, …]}} and
// {"stories": [[file, …], …]}; files are matched by base name.
type Labels struct {
	// Stories maps a story id to its files' base names; a list-shaped file
	// gets ids "0", "1", ….
	Stories map[string][]string
	// HardNegatives are pairs of base names that must stay apart.
	HardNegatives [][2]string
	// Kinds maps a base name to its kind (wire-copy, rewrite…), when given.
	Kinds map[string]string
	// Items is every item of the set, when given; else the labelled ones
	// and those the caller names are.
	Items []string
	// Ambiguous are pairs left out of every count, as score_stories.py
	// does without --strict.
	Ambiguous [][2]string
}

// ReadLabels reads a labels file.
func ReadLabels(file string) (*Labels, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var raw struct {
		Stories       json.RawMessage   `json:"stories"`
		HardNegatives [][2]string       `json:"hard_negatives"`
		Kinds         map[string]string `json:"kinds"`
		Items         []string          `json:"items"`
		Ambiguous     [][2]string       `json:"ambiguous_pairs"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	l := &Labels{HardNegatives: raw.HardNegatives, Kinds: raw.Kinds, Items: raw.Items, Ambiguous: raw.Ambiguous, Stories: map[string][]string{}}
	var byID map[string][]string
	if err := json.Unmarshal(raw.Stories, &byID); err == nil {
		l.Stories = byID
	} else {
		var list [][]string
		if err := json.Unmarshal(raw.Stories, &list); err != nil {
			return nil, fmt.Errorf("%s: stories is neither an object nor a list of lists: %w", file, err)
		}
		for i, g := range list {
			l.Stories[fmt.Sprint(i)] = g
		}
	}
	for id, files := range l.Stories {
		for i, f := range files {
			l.Stories[id][i] = path.Base(f)
		}
	}
	return l, nil
}

// Scores are pairwise and BCubed precision, recall and F1 of a grouping,
// each in [0, 1], as score_stories.py computes them.
type Scores struct {
	Items                        int
	GoldPairs, PredPairs, True   int
	PairP, PairR, PairF1         float64
	BCubedP, BCubedR, BCubedF1   float64
	HardNegatives, HardNegMerged int
}

func (s Scores) String() string {
	return fmt.Sprintf("pairwise P %.4f R %.4f F1 %.4f (true %d / predicted %d / gold %d pairs)   BCubed P %.4f R %.4f F1 %.4f   hard negatives merged %d of %d",
		s.PairP, s.PairR, s.PairF1, s.True, s.PredPairs, s.GoldPairs, s.BCubedP, s.BCubedR, s.BCubedF1, s.HardNegMerged, s.HardNegatives)
}

// Score compares a predicted grouping with the labels over the universe
// of items (base names): items absent from a grouping are singletons
// there. Pairwise counts the pairs of items put in one story; BCubed
// averages, over items, the share of the item's predicted story that is
// in its true one (precision) and the share of its true story found in
// its predicted one (recall) (Bagga and Baldwin 1998; Amigó et al. 2009).
// With no predicted pair, pairwise precision is 1.
func Score(pred [][]string, l *Labels, universe []string) Scores {
	gold := map[string]string{}
	for id, files := range l.Stories {
		for _, f := range files {
			gold[f] = "g:" + id
		}
	}
	predOf := map[string]string{}
	for i, g := range pred {
		for _, f := range g {
			predOf[path.Base(f)] = fmt.Sprint("p:", i)
		}
	}
	items := slices.Clone(universe)
	items = append(items, l.Items...)
	for f := range gold {
		items = append(items, f)
	}
	sort.Strings(items)
	items = slices.Compact(items)
	gmem, pmem := map[string][]string{}, map[string][]string{}
	for _, x := range items {
		g, ok := gold[x]
		if !ok {
			g = "gs:" + x
		}
		p, ok := predOf[x]
		if !ok {
			p = "ps:" + x
		}
		gold[x], predOf[x] = g, p
		gmem[g] = append(gmem[g], x)
		pmem[p] = append(pmem[p], x)
	}
	amb := map[[2]string]bool{}
	for _, p := range l.Ambiguous {
		a, b := path.Base(p[0]), path.Base(p[1])
		amb[[2]string{a, b}], amb[[2]string{b, a}] = true, true
	}
	s := Scores{Items: len(items)}
	for _, x := range items {
		for _, y := range gmem[gold[x]] {
			if x < y && !amb[[2]string{x, y}] {
				s.GoldPairs++
				if predOf[x] == predOf[y] {
					s.True++
				}
			}
		}
		for _, y := range pmem[predOf[x]] {
			if x < y && !amb[[2]string{x, y}] {
				s.PredPairs++
			}
		}
	}
	s.PairP, s.PairR = 1, 1
	if s.PredPairs > 0 {
		s.PairP = float64(s.True) / float64(s.PredPairs)
	}
	if s.GoldPairs > 0 {
		s.PairR = float64(s.True) / float64(s.GoldPairs)
	}
	s.PairF1 = f1(s.PairP, s.PairR)
	if s.PredPairs == 0 {
		s.PairF1 = 0
	}
	for _, x := range items {
		both, inPred, inGold := 0, 0, 0
		for _, y := range pmem[predOf[x]] {
			if amb[[2]string{x, y}] {
				continue
			}
			inPred++
			if gold[y] == gold[x] {
				both++
			}
		}
		for _, y := range gmem[gold[x]] {
			if !amb[[2]string{x, y}] {
				inGold++
			}
		}
		s.BCubedP += float64(both) / float64(inPred)
		s.BCubedR += float64(both) / float64(inGold)
	}
	if n := float64(len(items)); n > 0 {
		s.BCubedP /= n
		s.BCubedR /= n
	}
	s.BCubedF1 = f1(s.BCubedP, s.BCubedR)
	s.HardNegatives = len(l.HardNegatives)
	for _, p := range l.HardNegatives {
		a, b := path.Base(p[0]), path.Base(p[1])
		if pa, ok := predOf[a]; ok && pa == predOf[b] {
			s.HardNegMerged++
		}
	}
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
