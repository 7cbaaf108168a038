package stories

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2024, 10, 15, 9, 0, 0, 0, time.UTC)

// words returns n distinct made-up words from r.
func words(r *rand.Rand, n int) []string {
	out := make([]string, n)
	for i := range out {
		b := make([]byte, 7)
		for k := range b {
			b[k] = byte('a' + r.IntN(26))
		}
		out[i] = string(b)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Norrland Steel's profit fell 34%.", []string{"norrland", "steel", "s", "profit", "fell", "34"}},
		{"2,1 Millionen und 2.1 million; 1,400 jobs", []string{"21", "millionen", "und", "21", "million", "1400", "jobs"}},
		{"Errázuriz und Zieliński in Słubice", []string{"errazuriz", "und", "zielinski", "in", "słubice"}},
	}
	for _, tt := range tests {
		tb := newTable(newLanguages())
		var got []string
		for _, tok := range tb.tokenize(&scanner{}, tt.in, nil) {
			got = append(got, strings.TrimPrefix(tb.terms[tok.id].text, numberPrefix))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTermCountsNames(t *testing.T) {
	tb := newTable(newLanguages())
	var c counter
	tb.termCounts(tb.tokenize(&scanner{}, "The minister met Catalina Errázuriz in Lima. Chile agreed.", nil), 1<<tb.langs.index("en"), 1, &c)
	counts := map[string]float32{}
	for _, tc := range c.take() {
		counts[tb.terms[tc.term].text] = tc.w
	}
	for _, want := range []string{"@catalina errazuriz", "minister", "lima", "chile"} {
		if counts[want] == 0 {
			t.Errorf("no %q in %v", want, counts)
		}
	}
	for _, not := range []string{"the", "@lima chile", "@the minister"} {
		if counts[not] != 0 {
			t.Errorf("%q counted in %v", not, counts)
		}
	}
}

func TestGuessLanguage(t *testing.T) {
	l := newLanguages()
	tests := map[string]string{
		"the ministers said that the treaty was signed in the capital and it will be ratified":    "en",
		"los cancilleres firmaron este martes en lima un acuerdo para vigilar de manera conjunta": "es",
		"zwei jahre nach dem großen fischsterben wollen deutschland und polen gemeinsam die oder": "de",
		"xq zz yy ww vv": "",
	}
	for text, want := range tests {
		got := ""
		if i := l.guess(strings.Fields(text)); i >= 0 {
			got = l.tags[i]
		}
		if got != want {
			t.Errorf("guess(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestMinHashEstimate checks that signatures estimate the Jaccard
// similarity of the shingle sets within their standard error.
func TestMinHashEstimate(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, keep := range []int{0, 100, 200, 300, 380, 400} {
		a := words(r, 400)
		b := slices.Clone(a[:keep])
		b = append(b, words(r, 400-keep)...)
		sa, sb := shingles(a), shingles(b)
		exact, _ := jaccard(sa, sb)
		sigA, sigB := sign(sa), sign(sb)
		est := sigA.estimate(&sigB)
		if math.Abs(est-exact) > 0.25 {
			t.Errorf("keep %d: estimate %.2f, exact %.2f", keep, est, exact)
		}
		if keep == 400 && est != 1 {
			t.Errorf("identical bodies: estimate %.2f", est)
		}
	}
}

func TestJaccard(t *testing.T) {
	tests := []struct {
		a, b           []uint64
		jac, contained float64
	}{
		{[]uint64{1, 2, 3, 4}, []uint64{3, 4, 5, 6}, 2.0 / 6, 0.5},
		{[]uint64{1, 2}, []uint64{1, 2, 3, 4}, 0.5, 1},
		{nil, []uint64{1}, 0, 0},
	}
	for _, tt := range tests {
		j, c := jaccard(tt.a, tt.b)
		if j != tt.jac || c != tt.contained {
			t.Errorf("jaccard(%v, %v) = %v, %v; want %v, %v", tt.a, tt.b, j, c, tt.jac, tt.contained)
		}
	}
}

// story builds documents of made-up words: each event has its own
// vocabulary, and its reports draw from it.
type corpus struct {
	r    *rand.Rand
	docs []Document
}

func (c *corpus) add(path string, at time.Time, vocab []string, n int) *Document {
	var b strings.Builder
	for i := range n {
		if i > 0 && i%12 == 0 {
			b.WriteString(". ")
		}
		b.WriteString(vocab[c.r.IntN(len(vocab))] + " ")
	}
	c.docs = append(c.docs, Document{Path: path, Title: vocab[0] + " " + vocab[1], Text: b.String(), Published: at})
	return &c.docs[len(c.docs)-1]
}

func groups(t *testing.T, docs []Document, opt Options) [][]string {
	t.Helper()
	got, err := Group(context.Background(), docs, opt)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	seen := map[string]bool{}
	for _, s := range got {
		var g []string
		for _, m := range s.Members {
			if seen[m.Path] {
				t.Fatalf("%s is in two stories", m.Path)
			}
			seen[m.Path] = true
			g = append(g, m.Path)
		}
		slices.Sort(g)
		out = append(out, g)
	}
	if len(seen) != len(docs) {
		t.Fatalf("%d documents in stories, want %d", len(seen), len(docs))
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

func TestGroup(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	a, b, c := words(r, 40), words(r, 40), words(r, 40)
	day := 24 * time.Hour
	tests := []struct {
		name string
		docs func(*corpus)
		want [][]string
	}{
		{"one event, three reports, one other event", func(k *corpus) {
			k.add("a1", t0, a, 200)
			k.add("a2", t0.Add(time.Hour), a, 200)
			k.add("a3", t0.Add(day), a, 150)
			k.add("b1", t0.Add(2*time.Hour), b, 200)
		}, [][]string{{"a1", "a2", "a3"}, {"b1"}}},
		{"a report after the window starts a new story", func(k *corpus) {
			k.add("a1", t0, a, 200)
			k.add("a2", t0.Add(9*day), a, 200)
		}, [][]string{{"a1"}, {"a2"}}},
		{"pins merge what the scores keep apart", func(k *corpus) {
			k.add("a1", t0, a, 200).Pin = "x"
			k.add("b1", t0, b, 200).Pin = "x"
			k.add("c1", t0, c, 200)
		}, [][]string{{"a1", "b1"}, {"c1"}}},
		{"a pin naming another article's story merges into it", func(k *corpus) {
			k.add("a1", t0, a, 200)
			k.add("a2", t0.Add(time.Hour), a, 200)
			k.add("b1", t0.Add(2*time.Hour), b, 200).Pin = "a1"
			k.add("a3", t0.Add(3*time.Hour), a, 200)
		}, [][]string{{"a1", "a2", "a3", "b1"}}},
		{"a pin naming a later article's slug takes it in", func(k *corpus) {
			k.add("b1", t0, b, 200).Pin = "a1"
			k.add("a1", t0.Add(time.Hour), a, 200)
			k.add("a2", t0.Add(2*time.Hour), a, 200)
		}, [][]string{{"a1", "a2", "b1"}}},
		{"two briefs sharing one rare name stay apart", func(k *corpus) {
			k.add("a1", t0, a, 200)
			k.docs = append(k.docs,
				Document{Path: "q1", Title: "Quorvale", Text: "Quorvale council votes.", Published: t0},
				Document{Path: "q2", Title: "Quorvale", Text: "Quorvale ferry late.", Published: t0.Add(time.Hour)})
		}, [][]string{{"a1"}, {"q1"}, {"q2"}}},
		{"a pin to its own slug splits an article off", func(k *corpus) {
			k.add("a1", t0, a, 200)
			k.add("a2", t0.Add(time.Hour), a, 200).Pin = "a2"
			k.add("a3", t0.Add(2*time.Hour), a, 200)
		}, [][]string{{"a1", "a3"}, {"a2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := &corpus{r: rand.New(rand.NewPCG(5, 6))}
			tt.docs(k)
			if got := groups(t, k.docs, Options{}); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPinsSurviveThresholds: whatever the thresholds, pinned articles
// stay together and apart as pinned.
func TestPinsSurviveThresholds(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	a, b := words(r, 40), words(r, 40)
	k := &corpus{r: r}
	k.add("a1", t0, a, 200).Pin = "p"
	k.add("b1", t0.Add(20*24*time.Hour), b, 200).Pin = "p"
	k.add("a2", t0.Add(time.Hour), a, 200).Pin = "a2"
	for _, sim := range []float64{0.01, 0.3, 1} {
		got := groups(t, k.docs, Options{Similar: sim, NearDuplicate: sim})
		want := [][]string{{"a1", "b1"}, {"a2"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("similar %v: got %v, want %v", sim, got, want)
		}
	}
}

func TestNearDuplicateReason(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	body := strings.Join(words(r, 300), " ")
	copyBody := "A local intro line here. " + body[:len(body)*9/10]
	docs := []Document{
		{Path: "orig.md", Title: "Original", Text: body, Published: t0},
		{Path: "copy.md", Title: "Another headline", Text: copyBody, Published: t0.Add(40 * 24 * time.Hour)},
	}
	got, err := Group(context.Background(), docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d stories, want 1", len(got))
	}
	s := got[0]
	if s.ID != "orig" {
		t.Errorf("id %q, want the earliest member's slug, orig", s.ID)
	}
	r1 := s.Members[1].Reason
	if r1.Signal != SignalNearDuplicate || r1.With != "orig.md" || r1.Score < 0.8 {
		t.Errorf("copy's reason: %+v", r1)
	}
}

// TestCrossLanguage: an article in another language joins on the names
// and numbers it shares, and only then.
func TestCrossLanguage(t *testing.T) {
	docs := []Document{
		{Path: "en1.md", Title: "Chile and Peru sign anchovy pact", Published: t0,
			Text: "Foreign Minister Catalina Errázuriz and Ricardo Salaverry signed the treaty in Lima on Tuesday. The commission will get $14 million over five years, and the landings reached 6.1 million tonnes. Arica and Tacna will host the meetings."},
		{Path: "en2.md", Title: "Pacific neighbours to count anchovies together", Published: t0.Add(time.Hour),
			Text: "Catalina Errázuriz of Chile and Ricardo Salaverry of Peru said in Lima that the fish do not carry passports. The commission has $14 million; meetings alternate between Arica and Tacna."},
		{Path: "es1.md", Title: "Perú y Chile firman acuerdo", Published: t0.Add(2 * time.Hour),
			Text: "Los cancilleres Ricardo Salaverry y Catalina Errázuriz firmaron en Lima un acuerdo. Ambos gobiernos aportarán 14 millones de dólares para una comisión que sesionará en Tacna y Arica. El año pasado desembarcaron 6,1 millones de toneladas."},
		{Path: "es2.md", Title: "Sismo sacude el sur del país", Published: t0.Add(3 * time.Hour),
			Text: "Un sismo de magnitud 5 sacudió la región de Los Lagos este martes, sin daños según la oficina de emergencias, que pidió calma a la población de Puerto Montt."},
	}
	got := groups(t, docs, Options{})
	want := [][]string{{"en1.md", "en2.md", "es1.md"}, {"es2.md"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestDeterministic: the same documents in any order give the same
// stories, ids and reasons.
func TestDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	k := &corpus{r: r}
	for e := range 30 {
		v := words(r, 30)
		for j := range 1 + e%4 {
			k.add(fmt.Sprintf("e%02d-%d", e, j), t0.Add(time.Duration(e*7+j)*time.Hour), v, 120)
		}
	}
	first, err := Group(context.Background(), k.docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths := func(ss []Story) []string {
		var out []string
		for _, s := range ss {
			for _, m := range s.Members {
				out = append(out, s.ID+" "+m.Path+" "+string(m.Reason.Signal)+" "+m.Reason.With)
			}
		}
		return out
	}
	for range 3 {
		shuffled := slices.Clone(k.docs)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Group(context.Background(), shuffled, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(paths(first), paths(again)) {
			t.Fatalf("order changed the stories:\n%v\n%v", paths(first), paths(again))
		}
	}
	if len(first) != 30 {
		t.Errorf("%d stories, want 30", len(first))
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, o := range []Options{{Similar: 1.5}, {NearDuplicate: -0.1}, {Window: -time.Hour}} {
		if err := o.WithDefaults().Check(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	if err := (Options{}).WithDefaults().Check(); err != nil {
		t.Error(err)
	}
}

func TestGroupStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := rand.New(rand.NewPCG(13, 14))
	k := &corpus{r: r}
	for i := range 3000 {
		k.add(fmt.Sprint(i), t0, words(r, 20), 50)
	}
	if _, err := Group(ctx, k.docs, Options{}); err == nil {
		t.Error("no error from a cancelled grouping")
	}
}

// TestSameWhateverWorkersAndOrder: the stories, ids, reasons and scores
// are the same on one goroutine and on four, and whatever the order of
// the documents, although the goroutines number terms in the order they
// meet them.
func TestSameWhateverWorkersAndOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	k := &corpus{r: r}
	for e := range 40 {
		v := words(r, 30)
		for j := range 1 + e%4 {
			d := k.add(fmt.Sprintf("e%02d-%d", e, j), t0.Add(time.Duration(e*5+j)*time.Hour), v, 150)
			if j == 2 {
				// A copy under another headline: a near-duplicate.
				c := *d
				c.Path, c.Title, c.Published = d.Path+"-copy", "Wire: "+d.Title, d.Published.Add(time.Hour)
				k.docs = append(k.docs, c)
			}
		}
	}
	dump := func(ss []Story) []string {
		var out []string
		for _, s := range ss {
			for _, m := range s.Members {
				r := m.Reason
				out = append(out, fmt.Sprintf("%s %s %s %v %s %v %q", s.ID, m.Path, r.Signal, r.Score, r.With, r.WithScore, r.Shared))
			}
		}
		return out
	}
	want, err := Group(context.Background(), k.docs, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) >= len(k.docs)-10 {
		t.Fatalf("%d stories of %d documents: the test needs stories of several", len(want), len(k.docs))
	}
	tests := []struct {
		name    string
		workers int
		shuffle bool
	}{
		{"4 workers", 4, false},
		{"1 worker, shuffled", 1, true},
		{"4 workers, shuffled", 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := slices.Clone(k.docs)
			if tt.shuffle {
				r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
			}
			got, err := Group(context.Background(), docs, Options{Workers: tt.workers})
			if err != nil {
				t.Fatal(err)
			}
			if g, w := dump(got), dump(want); !slices.Equal(g, w) {
				t.Errorf("stories differ:\n%v\nwant\n%v", g, w)
			}
		})
	}
}

// TestNearIndex: a trimmed copy under a local intro is found with the
// share of the original it keeps; unrelated and short bodies are not.
func TestNearIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	orig := strings.Join(words(r, 300), " ")
	other := strings.Join(words(r, 300), " ")
	x := NewNearIndex(0)
	x.Add("orig.md", ShinglesOf(orig))
	x.Add("other.md", ShinglesOf(other))
	x.Add("short.md", ShinglesOf("too short"))
	if x.Len() != 2 {
		t.Errorf("Len = %d, want 2 (a short body is left out)", x.Len())
	}
	ws := strings.Fields(orig)
	tests := []struct {
		name     string
		body     string
		want     string
		covered  float64 // at least
		jacAbove float64
	}{
		{"same text", orig, "orig.md", 1, 0.99},
		{"trimmed last tenth, new intro", "Reported by our desk. " + strings.Join(ws[:270], " "), "orig.md", 0.88, 0.8},
		{"first half only: contained", strings.Join(ws[:150], " "), "orig.md", 0.49, 0.45},
		{"unrelated", strings.Join(words(r, 300), " "), "", 0, 0},
		{"short", "too short", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.Find(ShinglesOf(tt.body))
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("found %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Path != tt.want || got[0].Covered < tt.covered || got[0].Covered > 1 || got[0].Jaccard < tt.jacAbove {
				t.Errorf("got %+v, want %s covered ≥ %v, Jaccard ≥ %v", got, tt.want, tt.covered, tt.jacAbove)
			}
		})
	}
}
