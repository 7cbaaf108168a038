package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestAnalyzer(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		want       []string // form=term, or the form alone when they are one
	}{
		{"en", "China's tariffs on the chips", []string{"chinas=china", "tariffs=tariff", "chips=chip"}},
		{"en", "Controlled, controlling: CONTROLS!", []string{"controlled=control", "controlling=control", "controls=control"}},
		{"en", "Zürich’s café", []string{"zurichs=zurich", "cafe"}},
		{"fr", "Les négociations commerciales", []string{"les=le", "negociations=negoci", "commerciales=commercial"}},
		{"zh", "中美贸易", []string{"中美", "美贸", "贸易"}},
		{"zh", "美 and 中", []string{"美", "and", "中"}},
		{"ja", "東京で会談", []string{"東京", "京で", "で会", "会談"}},
		{"de", "Die Gespräche", []string{"die", "gesprache"}}, // no German stemmer: words as written
		{"en", strings.Repeat("x", maxWord+1) + " ok", []string{"ok"}},
		// Acronyms that spell a stop word are names; the words are not.
		{"en", "The US told us that WHO and who differ; IT is it. A I", []string{"us", "told", "us", "who", "differ", "it"}},
		{"fr", "L'ONU et ON", []string{"lonu", "on"}},
	} {
		var got []string
		newAnalyzer(c.lang, nil).each(c.text, func(tk token) {
			if tk.form == tk.term {
				got = append(got, tk.form)
			} else {
				got = append(got, tk.form+"="+tk.term)
			}
		})
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %q: got %q, want %q", c.lang, c.text, got, c.want)
		}
	}
}

// TestStopList: the index lists the stop words its documents left out
// (stop.json), folded, so that the search page can leave them out of a
// query; a word written as an acronym is indexed, not listed.
func TestStopList(t *testing.T) {
	docs := []Doc{
		{URL: "a/", Title: "The US and the WHO", Body: "They told us who was there, and IT said it was.", Date: time.Unix(0, 0)},
		{URL: "b/", Title: "Été", Language: "fr", Body: "Nous avons été là.", Date: time.Unix(1, 0)},
	}
	files := build(t, docs)
	var stops []string
	if err := json.Unmarshal(inflate(t, files["stop.json"]), &stops); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"the", "and", "they", "who", "it", "was", "there", "nous", "ete"} {
		if !slices.Contains(stops, w) {
			t.Errorf("stop.json lacks %q: %q", w, stops)
		}
	}
	if !slices.IsSorted(stops) {
		t.Errorf("stop.json is not sorted: %q", stops)
	}
	for _, w := range []string{"who", "it"} {
		if term, df, _ := lookup(t, files, w); term != w || df != 1 {
			t.Errorf("the acronym %q: term %q in %d documents, want itself in 1", strings.ToUpper(w), term, df)
		}
	}
}

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"# Heading\n\nA [link](https://x.example/) and ![an image](i.png).", "Heading A link and an image."},
		{"- **bold** item\n- *em* item\n\n> quoted", "bold item em item quoted"},
		{"| a | b |\n|---|---|\n| c | d |", "a b c d"},
		{"Text[^1].\n\n[^1]: A note.", "Text. A note."},
	} {
		if got := PlainText(c.md); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.md, got, c.want)
		}
	}
}

// corpus makes n documents from a small vocabulary, the same for the same
// seed.
func corpus(n int, seed uint64) []Doc {
	r := rand.New(rand.NewPCG(seed, 1))
	words := strings.Fields("trade tariff export control chip semiconductor taiwan strait navy balloon summit visit treasury minister talks beijing washington climate fentanyl student visa dialogue military investment rule sanction")
	for i := range 400 {
		words = append(words, "w"+strconv.Itoa(i))
	}
	text := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		return b.String()
	}
	start := time.Date(2023, 1, 1, 9, 0, 0, 0, time.UTC)
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{
			URL: fmt.Sprintf("articles/a%04d/", i), Title: text(6), Source: []string{"Wire", "Ledger", "Post"}[i%3],
			Date: start.Add(time.Duration(i) * 7 * time.Hour), Summary: text(20), Body: text(300),
			Topics: []Facet{{"Trade", "trade"}}, Tags: []Facet{{"Tag " + strconv.Itoa(i%7), "tag-" + strconv.Itoa(i%7)}},
		}
	}
	return docs
}

func build(t *testing.T, docs []Doc) map[string][]byte {
	t.Helper()
	files, err := Build(context.Background(), docs, Options{Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		if _, dup := out[f.Name]; dup {
			t.Fatalf("%s written twice", f.Name)
		}
		out[f.Name] = f.Data
	}
	return out
}

// inflate returns an index file as the script reads it.
func inflate(t *testing.T, data []byte) []byte {
	t.Helper()
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Fatalf("an index file is not gzipped: % x", data[:min(len(data), 8)])
	}
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDeterministic: the same documents in another order give the same
// files, byte for byte.
func TestDeterministic(t *testing.T) {
	docs := corpus(300, 1)
	a := build(t, docs)
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b := build(t, shuffled)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for n, data := range a {
		if !bytes.Equal(data, b[n]) {
			t.Errorf("%s differs between two builds of the same documents", n)
		}
	}
}

// changed returns the share of b's bytes in files that a does not hold
// with the same bytes, and the names of those files.
func changed(a, b map[string][]byte) (float64, []string) {
	total, diff := 0, 0
	var names []string
	for n, data := range b {
		total += len(data)
		if !bytes.Equal(a[n], data) {
			diff += len(data)
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return float64(diff) / float64(total), names
}

// TestEditRewritesLittle: editing one article's note, or adding a new
// article, rewrites a small part of the index.
func TestEditRewritesLittle(t *testing.T) {
	docs := corpus(1000, 2)
	before := build(t, docs)

	edited := slices.Clone(docs)
	edited[350].Note = "The editor adds that the summit talks went badly."
	after := build(t, edited)
	share, names := changed(before, after)
	if share > 0.05 {
		t.Errorf("a note edit rewrote %.1f%% of the index bytes (%d files: %v)", 100*share, len(names), names)
	}
	if !slices.Contains(names, "c/87.json") {
		t.Errorf("the edited document's result data (c/175.json) did not change: %v", names)
	}
	for _, n := range names {
		if strings.HasPrefix(n, "c/") && n != "c/87.json" {
			t.Errorf("result data of other documents changed: %s", n)
		}
	}

	// A sentence added to a body, as the benchmark's edit: only the
	// buckets of its words' terms, the dictionary shards of its new words,
	// meta.json and (this corpus having none before) the stop words
	// change, not dict.json nor other documents' data.
	edited = slices.Clone(docs)
	edited[500].Body += " The editor checked this report against two other sources."
	share, names = changed(before, build(t, edited))
	if share > 0.05 {
		t.Errorf("a body edit rewrote %.1f%% of the index bytes (%d files: %v)", 100*share, len(names), names)
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "p/") && !strings.HasPrefix(n, "d/") && !strings.HasPrefix(n, "r/") && n != "meta.json" && n != "stop.json" && n != "c/125.json" {
			t.Errorf("a body edit changed %s", n)
		}
	}
	if p := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return !strings.HasPrefix(n, "p/") }); len(p) > 8 {
		t.Errorf("a body edit of 8 words rewrote %d postings buckets: %v", len(p), p)
	}

	added := append(slices.Clone(docs), Doc{URL: "articles/new/", Title: "Fentanyl talks", Date: docs[len(docs)-1].Date.Add(time.Hour), Body: "A new round of talks."})
	share, names = changed(before, build(t, added))
	if share > 0.05 {
		t.Errorf("adding the newest article rewrote %.1f%% of the index bytes (%d files)", 100*share, len(names))
	}
}

// lookup reads the index as the search script does: the dictionary line
// of form, then the term's postings in its bucket (and its rest file).
func lookup(t *testing.T, files map[string][]byte, form string) (term string, df int, ids []int) {
	t.Helper()
	var meta struct {
		Docs    int    `json:"docs"`
		Buckets uint32 `json:"buckets"`
	}
	if err := json.Unmarshal(files["meta.json"], &meta); err != nil {
		t.Fatal(err)
	}
	var dict [][2]string
	if err := json.Unmarshal(inflate(t, files["dict.json"]), &dict); err != nil {
		t.Fatal(err)
	}
	shard := 0
	for i, d := range dict {
		if d[0] <= form {
			shard = i
		}
	}
	entries, err := ReadShard(files["d/"+dict[shard][1]+".txt"])
	if err != nil {
		t.Fatal(err)
	}
	class := 0
	for _, e := range entries {
		if e.Form == form {
			term, class = e.Term, e.DFClass
		}
	}
	if term == "" {
		return "", 0, nil
	}
	b := inflate(t, files["p/"+strconv.FormatUint(uint64(Hash32(term)&(meta.Buckets-1)), 16)+".bin"])
	readPostings := func(b []byte, n int) []int {
		var out []int
		id := 0
		for range n {
			gap, k := binary.Uvarint(b)
			id += int(gap)
			out = append(out, id)
			b = b[k+1:]
		}
		return out
	}
	skip := func(b []byte, n int) []byte {
		for range n {
			_, k := binary.Uvarint(b)
			b = b[k+1:]
		}
		return b
	}
	for len(b) > 0 {
		l, k := binary.Uvarint(b)
		name := string(b[k : k+int(l)])
		b = b[k+int(l):]
		total, k := binary.Uvarint(b)
		b = b[k:]
		top, k := binary.Uvarint(b)
		b = b[k:]
		if name != term {
			b = skip(b, int(top))
			continue
		}
		ids = readPostings(b, int(top))
		if total > top {
			r := inflate(t, files["r/"+hex64(term)+".bin"])
			n, k := binary.Uvarint(r)
			ids = append(ids, readPostings(r[k:], int(n))...)
		}
		slices.Sort(ids)
		df = int(total)
		if len(ids) != df || bits.Len(uint(df)) != class {
			t.Errorf("%s: %d postings, list says %d, dictionary's class %d", term, len(ids), total, class)
		}
		return term, df, ids
	}
	t.Fatalf("%s: no postings in its bucket", term)
	return "", 0, nil
}

// TestLookup reads terms back: stems join forms, documents are numbered
// by date, long lists are split and whole again.
func TestLookup(t *testing.T) {
	docs := []Doc{
		{URL: "articles/b/", Title: "Chipmakers face new export controls", Date: time.Date(2023, 10, 17, 0, 0, 0, 0, time.UTC), Body: "The rules control chips."},
		{URL: "articles/a/", Title: "Balloon over Montana", Date: time.Date(2023, 2, 2, 0, 0, 0, 0, time.UTC), Body: "A surveillance balloon. 气球事件"},
		{URL: "articles/c/", Title: "Talks", Date: time.Date(2023, 11, 15, 0, 0, 0, 0, time.UTC), Note: "Export **controls** again.", Body: "Nothing."},
	}
	files := build(t, docs)
	for _, c := range []struct {
		form, term string
		ids        []int
	}{
		{"controls", "control", []int{1, 2}},
		{"control", "control", []int{1, 2}},
		{"balloon", "balloon", []int{0}},
		{"气球", "气球", []int{0}},
		{"nothing", "noth", []int{2}},
		{"the", "", nil}, // a stop word
	} {
		term, _, ids := lookup(t, files, c.form)
		if term != c.term || !slices.Equal(ids, c.ids) {
			t.Errorf("%s: term %q in %v, want %q in %v", c.form, term, ids, c.term, c.ids)
		}
	}

	many := corpus(topPostings*3, 3)
	files = build(t, many)
	_, df, ids := lookup(t, files, "trade")
	if df <= topPostings || len(ids) != df {
		t.Errorf("trade: df %d, %d postings; want a list longer than %d, whole", df, len(ids), topPostings)
	}
}

// TestBodyLeftOut: documents without a body are indexed by their other
// fields only.
func TestBodyLeftOut(t *testing.T) {
	docs := []Doc{{URL: "articles/a/", Title: "Summit", Summary: "Leaders met.", Date: time.Now()}}
	files := build(t, docs)
	if term, _, _ := lookup(t, files, "summit"); term != "summit" {
		t.Errorf("the title's word is not indexed")
	}
	if term, _, _ := lookup(t, files, "leaders"); term != "leader" {
		t.Errorf("the summary's word is not indexed")
	}
}

// BenchmarkBuild indexes 1,000 generated documents.
func BenchmarkBuild(b *testing.B) {
	docs := corpus(1000, 4)
	for b.Loop() {
		if _, err := Build(context.Background(), docs, Options{Language: "en"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestKeptAnalysis: documents that carry the analyses an earlier Build
// handed to Options.Keep, and nothing else to analyse, give the same
// files; a kept analysis that does not decode is an error, not an index.
func TestKeptAnalysis(t *testing.T) {
	docs := corpus(60, 7)
	docs[3].Body = "Zürich’s café and 中美贸易 talks"
	kept := make([]*Analysis, len(docs))
	files, err := Build(context.Background(), docs, Options{Language: "en", Keep: func(i int, a *Analysis) { kept[i] = a }})
	if err != nil {
		t.Fatal(err)
	}
	again := slices.Clone(docs)
	for i := range again {
		if kept[i] == nil {
			t.Fatalf("document %d: no analysis kept", i)
		}
		again[i].Analysis = kept[i]
		// A build with kept analyses must not read these.
		again[i].Note, again[i].Body = "", ""
	}
	calls := 0
	got, err := Build(context.Background(), again, Options{Language: "en", Keep: func(int, *Analysis) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Errorf("Keep called %d times for documents that were all kept", calls)
	}
	if !slices.EqualFunc(files, got, func(a, b File) bool { return a.Name == b.Name && bytes.Equal(a.Data, b.Data) }) {
		t.Errorf("an index from kept analyses differs from the one they were kept from")
	}

	again[5].Analysis = &Analysis{Packed: kept[5].Packed[:len(kept[5].Packed)/2]}
	if _, err := Build(context.Background(), again, Options{Language: "en"}); err == nil {
		t.Errorf("a cut-short kept analysis gave no error")
	}
}

// TestIndexUpdate: a Build that updates the last Build's Index gives the
// files, byte for byte, of a Build from nothing, after every kind of
// change: edits of a body, a title, a note, a topic's name, articles
// added (newest and in the middle), removed (newest, oldest and one in
// the middle), and many at once. Each File's Sum is its bytes' SHA-256.
func TestIndexUpdate(t *testing.T) {
	docs := corpus(300, 11)
	r := rand.New(rand.NewPCG(5, 5))
	var ix Index
	kept := make(map[string]*Analysis)
	steps := []struct {
		name   string
		change func([]Doc) []Doc
	}{
		{"first build", func(d []Doc) []Doc { return d }},
		{"nothing changed", func(d []Doc) []Doc { return d }},
		{"body edited", func(d []Doc) []Doc { d[120].Body += " zeppelin harbour cranes"; return d }},
		{"body edited back", func(d []Doc) []Doc {
			d[120].Body = strings.TrimSuffix(d[120].Body, " zeppelin harbour cranes")
			return d
		}},
		{"title edited", func(d []Doc) []Doc { d[7].Title = "Balloon over the strait"; return d }},
		{"note added", func(d []Doc) []Doc { d[200].Note = "The editor *doubts* this [report](https://example.org)."; return d }},
		{"topic renamed", func(d []Doc) []Doc {
			for i := range d {
				d[i].Topics = []Facet{{"Trade and tariffs", "trade"}}
			}
			return d
		}},
		{"newest added", func(d []Doc) []Doc {
			return append(d, Doc{URL: "articles/new/", Title: "Fentanyl talks resume", Date: d[len(d)-1].Date.Add(time.Hour), Body: "A new round of talks on fentanyl."})
		}},
		{"older added", func(d []Doc) []Doc {
			return append(d, Doc{URL: "articles/old/", Title: "Visa rules", Date: d[150].Date.Add(-time.Minute), Body: "Student visa rules changed quietly."})
		}},
		{"newest removed", func(d []Doc) []Doc { return slices.DeleteFunc(d, func(x Doc) bool { return x.URL == "articles/new/" }) }},
		{"middle removed", func(d []Doc) []Doc { return slices.Delete(d, 40, 41) }},
		{"oldest removed", func(d []Doc) []Doc { return d[1:] }},
		{"many changed", func(d []Doc) []Doc {
			for range 40 {
				i := r.IntN(len(d))
				d[i].Body = d[(i+1)%len(d)].Body
				d[i].Summary = "w1 w2 w3"
			}
			return d
		}},
		{"a word's last article removed", func(d []Doc) []Doc {
			return slices.DeleteFunc(d, func(x Doc) bool { return strings.Contains(x.Body, "zeppelin") || x.URL == "articles/old/" })
		}},
		{"all removed", func(d []Doc) []Doc { return nil }},
		{"all back", func(d []Doc) []Doc { return corpus(300, 11) }},
	}
	for _, step := range steps {
		docs = step.change(slices.Clone(docs))
		want := build(t, docs)
		// The updating Build reads kept analyses, as a build cache
		// gives them, for documents whose inputs it saw before.
		in := slices.Clone(docs)
		key := func(d Doc) string {
			return d.URL + "\x00" + d.Title + "\x00" + d.Summary + "\x00" + d.Note + "\x00" + d.Body
		}
		for i := range in {
			in[i].Analysis = kept[key(in[i])]
		}
		files, err := Build(context.Background(), in, Options{Language: "en", Index: &ix, Keep: func(i int, a *Analysis) { kept[key(in[i])] = a }})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		got := map[string][]byte{}
		for _, f := range files {
			got[f.Name] = f.Data
			if f.Name != "meta.json" && f.Sum != sha256.Sum256(inflate(t, f.Data)) {
				t.Errorf("%s: %s: Sum is not the SHA-256 of its bytes", step.name, f.Name)
			}
		}
		for n, data := range want {
			if g, ok := got[n]; !ok {
				t.Errorf("%s: %s missing from the updated index", step.name, n)
			} else if !bytes.Equal(g, data) {
				t.Errorf("%s: %s differs from a build from nothing", step.name, n)
			}
		}
		for n := range got {
			if _, ok := want[n]; !ok {
				t.Errorf("%s: the updated index has %s, a build from nothing has not", step.name, n)
			}
		}
	}
}

// TestFacetFiles: a topic, source or tag of a few documents lists them
// in facets.json; a larger one has a file of its own.
func TestFacetFiles(t *testing.T) {
	docs := corpus(40, 3) // "Trade" on all 40, seven tags of 5 or 6
	files := build(t, docs)
	var facets map[string][][]json.RawMessage
	if err := json.Unmarshal(inflate(t, files["facets.json"]), &facets); err != nil {
		t.Fatal(err)
	}
	if n := len(facets["tags"]); n != 7 {
		t.Fatalf("%d tags listed, want 7", n)
	}
	for _, tag := range facets["tags"] {
		var ids []int
		var id string
		json.Unmarshal(tag[1], &id)
		if len(tag) != 5 || json.Unmarshal(tag[4], &ids) != nil || len(ids) < 5 {
			t.Errorf("tag %s: its documents are not listed in facets.json: %s", tag[0], tag)
		}
		if _, ok := files["f/"+id+".bin"]; ok {
			t.Errorf("tag %s has a file besides its list", tag[0])
		}
	}
	topic := facets["topics"][0]
	var id string
	json.Unmarshal(topic[1], &id)
	if len(topic) != 4 || files["f/"+id+".bin"] == nil {
		t.Errorf("the topic of 40 documents has no file of its own: %s", topic)
	}
}

// TestJoinedNames: a name of short runs of letters joined by "&" or dots
// is one word, filed under its letters, so that AT&T and U.S. are found
// as written and U.S. as US too; longer runs are words of their own.
func TestJoinedNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"AT&T and T-Mobile", []string{"at&t", "mobile=mobil"}},
		{"The U.S. and the U.K.", []string{"u.s=us", "u.k=uk"}},
		{"U.S.-China talks, e.g. trade", []string{"u.s=us", "china", "talks=talk", "e.g=eg", "trade"}},
		{"www.example.com 3.5 AT&T2 Mr.Smith", []string{"www", "example=exampl", "com", "3", "5", "at", "t2", "mr", "smith"}},
	} {
		var got []string
		newAnalyzer("en", nil).each(c.text, func(tk token) {
			if tk.form == tk.term {
				got = append(got, tk.form)
			} else {
				got = append(got, tk.form+"="+tk.term)
			}
		})
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
	files := build(t, []Doc{{URL: "a/", Title: "AT&T and T-Mobile agree", Body: "Regulators in the U.S. approved it.", Date: time.Unix(0, 0)}})
	for form, want := range map[string]string{"at&t": "at&t", "u.s": "us"} {
		if term, df, _ := lookup(t, files, form); term != want || df != 1 {
			t.Errorf("%s: term %q in %d documents, want %q in 1", form, term, df, want)
		}
	}
}

// TestEndings: the index publishes how its terms end next to their
// words, so that the search page can find "stalling" in an article that
// says "stalled" and "countries" in one that says "country".
func TestEndings(t *testing.T) {
	files := build(t, []Doc{
		{URL: "a/", Title: "Talks stalled in two countries", Body: "Ports were opened; talks resumed; the country wanted more; walls painted and stories told.", Date: time.Unix(0, 0)},
		{URL: "b/", Title: "Leading parties", Body: "Stalled cities and a wall painted; rebels heading home to the city. The U.S. and the A.S. group agreed.", Date: time.Unix(1, 0)},
	})
	var endings [][2]string
	if err := json.Unmarshal(inflate(t, files["endings.json"]), &endings); err != nil {
		t.Fatal(err)
	}
	for _, e := range [][2]string{{"", "ed"}, {"", "s"}, {"", "es"}, {"i", "y"}} {
		if !slices.Contains(endings, e) {
			t.Errorf("endings.json lacks %q: %q", e, endings)
		}
	}
	for _, e := range endings {
		if strings.ContainsAny(e[1], ".&") {
			t.Errorf("endings.json has the ending %q of a joined name", e)
		}
	}
	if !slices.IsSortedFunc(endings, func(a, b [2]string) int { return strings.Compare(a[1]+"\x00"+a[0], b[1]+"\x00"+b[0]) }) {
		t.Errorf("endings.json is not sorted: %q", endings)
	}
}

// TestScriptCompact: the page's script leaves out search.js's comments
// and indentation, and nothing else.
func TestScriptCompact(t *testing.T) {
	got := compact("// a comment\n(function () {\n  // why\n  var s = \"// not a comment\";\n\n  return s; // kept\n})();\n")
	want := "(function () {\nvar s = \"// not a comment\";\nreturn s; // kept\n})();\n"
	if got != want {
		t.Errorf("compact gave %q, want %q", got, want)
	}
	if n := len(Script()); n >= len(source) || n == 0 {
		t.Errorf("the page's script is %d bytes, search.js %d", n, len(source))
	}
}
