package related

import (
	"context"
	"slices"
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
