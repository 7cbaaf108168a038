package related

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Blinken meets Xi Jinping in Beijing as talks resume", []string{"xi jinping", "beijing"}},
		{"Top U.S. and Chinese generals hold first talks", []string{"u.s", "chinese"}},
		{"Washington tightens its chip rules. The PLA responds.", []string{"pla"}},
		{"Yellen Ends Beijing Visit Promising That Curbs Will Stay Narrow", []string{"yellen ends beijing visit promising", "stay narrow"}},
		{"The Taiwan Strait, the South China Sea and the G7", []string{"taiwan strait", "south china sea", "g7"}},
		{"nothing named here at all", nil},
		{"Officials said Raimondo's trip went well", []string{"raimondo"}},
		// A headline, then its summary: the line break ends "Antwerp".
		{"Port strike spreads to Antwerp\nNothing moved on the docks on Monday.", []string{"antwerp", "monday"}},
		{"Yellen Ends Beijing Visit\nYellen said curbs will stay narrow.", []string{"yellen ends beijing visit"}},
	} {
		if got := Names(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Names(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestRank(t *testing.T) {
	docs := []Doc{
		0: {Topics: []string{"trade"}, Tags: []string{"chips", "export-controls"}, Names: []string{"raimondo"}, Unix: 100},
		1: {Topics: []string{"trade"}, Tags: []string{"chips"}, Unix: 200},                    // a tag and a topic
		2: {Topics: []string{"trade"}, Unix: 110},                                             // the topic alone
		3: {Topics: []string{"security"}, Tags: []string{"taiwan"}, Unix: 120},                // nothing shared
		4: {Topics: []string{"trade"}, Tags: []string{"chips", "export-controls"}, Unix: 300}, // two tags
		5: {Story: "s", Topics: []string{"trade"}, Names: []string{"raimondo"}, Unix: 150},    // a name and a story…
		6: {Story: "s", Topics: []string{"security"}, Unix: 160},                              // …shared with 5 only
		7: {Topics: []string{"trade"}, Tags: []string{"chips"}, Names: []string{"raimondo"}, Unix: 90},
	}
	got, err := Rank(context.Background(), docs, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int][]int{
		0: {4, 7, 1, 5}, // two tags; a tag and a name; a tag; a name
		3: {6},          // the topic alone
		6: {5, 3},       // the story outweighs a topic
	}
	for i, w := range want {
		if !slices.Equal(got[i], w) {
			t.Errorf("doc %d: related %v, want %v", i, got[i], w)
		}
	}
	for i, list := range got {
		if slices.Contains(list, i) {
			t.Errorf("doc %d is related to itself: %v", i, list)
		}
	}
	// The same docs, worked on by another number of workers, give the
	// same lists.
	again, err := Rank(context.Background(), docs, 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, again, slices.Equal) {
		t.Errorf("one worker ranks %v, two %v", again, got)
	}
}

// TestRankCommonFeatures: a feature on more articles than commonDF finds
// no candidates, yet still orders those found through rarer ones.
func TestRankCommonFeatures(t *testing.T) {
	docs := make([]Doc, commonDF+10)
	for i := range docs {
		docs[i] = Doc{Topics: []string{"all"}, Unix: int64(i)}
	}
	docs[0].Tags = []string{"rare"}
	docs[1].Tags = []string{"rare"}
	docs[2].Tags = []string{"rare"}
	docs[2].Topics = nil
	docs[1].Unix = 1000 // farther in time than 2, but shares the topic
	got, err := Rank(context.Background(), docs, 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 2}; !slices.Equal(got[0], want) {
		t.Errorf("doc 0: related %v, want %v", got[0], want)
	}
	if len(got[5]) != 0 {
		t.Errorf("doc 5 shares only a topic on every article, yet has related %v", got[5])
	}
}

// randomDocs is a site of n docs drawn from few enough features that
// some are common (more than commonDF docs hold them) and most lists
// are long, as on a real site.
func randomDocs(r *rand.Rand, n int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = randomDoc(r, i)
	}
	return docs
}

func randomDoc(r *rand.Rand, i int) Doc {
	pick := func(prefix string, of, most int) []string {
		var s []string
		for range r.IntN(most + 1) {
			v := prefix + strconv.Itoa(r.IntN(of))
			if !slices.Contains(s, v) {
				s = append(s, v)
			}
		}
		return s
	}
	d := Doc{Topics: pick("t", 4, 2), Tags: pick("g", 60, 4), Names: pick("n", 300, 3), Unix: int64(i * 100)}
	if r.IntN(10) == 0 {
		d.Story = "s" + strconv.Itoa(r.IntN(20))
	}
	return d
}

// naiveRank is the ranking spelt out: every candidate scored on every
// shared feature and all of them sorted. Rank must agree with it.
func naiveRank(docs []Doc, k int) [][]int {
	df := map[string]int{}
	keys := make([][]string, len(docs))
	for i, d := range docs {
		eachFeature(d, func(key string, _ float64) {
			if !slices.Contains(keys[i], key) {
				keys[i] = append(keys[i], key)
				df[key]++
			}
		})
	}
	w := func(key string) float64 {
		if key[0] == 's' {
			return storyWeight
		}
		b := map[byte]float64{'t': topicWeight, 'g': tagWeight, 'n': nameWeight}[key[0]]
		return b * math.Log(1+float64(len(docs))/float64(df[key]))
	}
	out := make([][]int, len(docs))
	for i := range docs {
		var cs []cand
		for j := range docs {
			var specific bool
			var score float64
			for _, key := range keys[i] {
				if slices.Contains(keys[j], key) && df[key] <= commonDF {
					specific = true
					score += w(key)
				}
			}
			if j == i || !specific {
				continue
			}
			cs = append(cs, cand{j, score, max(docs[i].Unix-docs[j].Unix, docs[j].Unix-docs[i].Unix)})
		}
		slices.SortFunc(cs, compareCand)
		var common []string
		for _, key := range keys[i] {
			if df[key] > commonDF {
				common = append(common, key)
			}
		}
		if len(common) > 0 {
			cs = cs[:min(len(cs), rescored)]
			for x := range cs {
				for _, key := range common {
					if slices.Contains(keys[cs[x].j], key) {
						cs[x].score += w(key)
					}
				}
			}
			slices.SortFunc(cs, compareCand)
		}
		out[i] = []int{}
		for _, c := range cs[:min(k, len(cs))] {
			out[i] = append(out[i], c.j)
		}
	}
	return out
}

func sameLists(a, b [][]int) bool {
	return slices.EqualFunc(a, b, func(x, y []int) bool { return len(x) == 0 && len(y) == 0 || slices.Equal(x, y) })
}

func TestRankAgreesWithNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	docs := randomDocs(r, 600)
	got, err := Rank(context.Background(), docs, 9, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := naiveRank(docs, 9); !sameLists(got, want) {
		for i := range got {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("doc %d: related %v, want %v", i, got[i], want[i])
			}
		}
	}
}

// TestUpdateEqualsRank: ranking again after a few docs changed, from the
// previous lists, gives what ranking everything gives, whatever changed:
// a name, a tag, a topic (a common feature), the date, the story, or
// nothing at all.
func TestUpdateEqualsRank(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	docs := randomDocs(r, 600)
	prev, err := Rank(ctx, docs, 9, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		change func(d *Doc)
	}{
		{"nothing", func(d *Doc) {}},
		{"a name added", func(d *Doc) { d.Names = append(slices.Clone(d.Names), "n-new") }},
		{"a shared name added", func(d *Doc) { d.Names = append(slices.Clone(d.Names), "n7") }},
		{"names gone", func(d *Doc) { d.Names = nil }},
		{"a tag swapped", func(d *Doc) { d.Tags = []string{"g3"} }},
		{"a topic added", func(d *Doc) { d.Topics = append(slices.Clone(d.Topics), "t-new", "t1") }},
		{"topics gone", func(d *Doc) { d.Topics = nil }},
		{"the date", func(d *Doc) { d.Unix += 12345 }},
		{"a story", func(d *Doc) { d.Story = "s3" }},
		{"everything", func(d *Doc) { *d = randomDoc(r, 0) }},
	} {
		for _, changed := range [][]int{{17}, {0, 599}, {5, 6, 7, 300}} {
			next := slices.Clone(docs)
			for _, i := range changed {
				tc.change(&next[i])
			}
			got, err := Update(ctx, docs, prev, next, 9, 2)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Rank(ctx, next, 9, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !sameLists(got, want) {
				t.Errorf("%s in docs %v: the updated lists differ from a full ranking", tc.name, changed)
			}
		}
	}
	// A doc more or fewer re-weights everything: still the same lists.
	next := append(slices.Clone(docs), randomDoc(r, 600))
	got, err := Update(ctx, docs, prev, next, 9, 2)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Rank(ctx, next, 9, 2)
	if !sameLists(got, want) {
		t.Error("a doc added: the updated lists differ from a full ranking")
	}
}
