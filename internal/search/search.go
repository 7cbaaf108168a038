// Package search builds the static search index of a briefing: files
// published under /search/ that the search page's script (search.js)
// reads with fetch, so that a site searches without a server.
//
// The index is split so that a query downloads only what its words need,
// and so that editing one article rewrites only the few files its words
// live in:
//
//   - meta.json: the counts BM25 needs (documents, average length) and
//     the layout's constants: small, as every edit rewrites it.
//   - dict.json: where the dictionary's shards start; it changes only
//     when a shard is added or starts with another word.
//   - d/<id>.txt: dictionary shards, sorted by the folded word a reader
//     types, front-coded (see writeDictLine). Shard boundaries fall after words whose hash is a
//     multiple of a constant, so a new word changes one shard, not the
//     boundaries after it.
//   - p/<bucket>.bin: postings of every term whose FNV-1a hash falls in
//     the bucket: for each document (in id order, ids delta-coded), the
//     term's weighted frequency and the document's quantised length. A
//     term in more than topPostings documents keeps its best documents
//     there and the others in r/<hash>.bin, fetched only when a query
//     needs every match (a filter, or sorting by date).
//   - c/<n>.json: the result data of chunkSize documents (title, source,
//     date, topics, tags, summary and the start of the text for the
//     snippet).
//   - facets.json and f/<hash>.bin: the topics, sources and tags, with
//     the documents of each (in facets.json for those of a few documents),
//     for filters; dates.bin: every document's day, for the date range.
//   - endings.json: how the stemmer's terms end next to the words filed
//     under them, for the page to find the term of a word no article
//     has as typed (see Index.endingsFile).
//
// Every file but meta.json is gzipped (see compress).
//
// Document ids follow publication order (oldest first), so new articles
// take new ids and leave every other document's alone, and sorting by
// date is sorting by id.
package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/pool"
)

// Doc is one article as the index sees it.
type Doc struct {
	URL      string // site-relative path, "articles/x/"
	Title    string
	Source   string
	Date     time.Time // in the site's time zone
	DateOnly bool      // Date's time of day is not to be shown
	Language string    // BCP 47 tag; "" for the site's
	Summary  string
	Note     string // Markdown
	Body     string // Markdown; "" to leave the body out
	Topics   []Facet
	Tags     []Facet
	// Draft marks an article published only in a preview with drafts
	// (brief serve); its result says so, as the site's lists do.
	Draft bool
	// Analysis, when set, is what an earlier Build worked out from this
	// document's Title, Summary, Note, Tags' names, Source, Body and
	// Language (see Options.Keep), and Build reads Note and Body no more
	// (the others still go into the result data). The caller keeps it
	// only while all of those are unchanged.
	Analysis *Analysis
}

// Facet is a topic or tag a document belongs to: its name as shown and
// the key that identifies it (the topic's or tag's slug).
type Facet struct {
	Name string
	Key  string
}

// Options adjust Build.
type Options struct {
	// Language is the site's language tag, used for documents without
	// their own.
	Language string
	// Workers bounds parallel analysis; 0 means one per CPU.
	Workers int
	// Deferred leaves every file Build would gzip uncompressed, with
	// File.Gzip set: the caller compresses it (Compress) when it writes
	// it, and so need not compress a file whose bytes it wrote before.
	Deferred bool
	// Keep, when set, is given the analysis of every document Build
	// analysed (those without Doc.Analysis), by the document's index in
	// the docs passed to Build, one call at a time, before Build returns.
	Keep func(doc int, a *Analysis)
	// Index, when set, is the merged index of the last Build given it,
	// which this Build updates in place (see Index) rather than merging
	// every document's analysis anew; nil merges from nothing.
	Index *Index
}

// File is one file of the index, named relative to the index's folder
// ("p/1f.bin").
type File struct {
	Name string
	Data []byte
	// Gzip says Data is still to be compressed (Compress) before it is
	// published; only with Options.Deferred.
	Gzip bool
	// Sum is the SHA-256 of Data before compression: what a caller that
	// keeps the last build's files compares (a rebuild re-encodes few
	// files, and hashing all of them would cost more).
	Sum [sha256.Size]byte
}

// Field weights: a word in the title counts as five in the body. Tags
// and the editor's words (summary, note) weigh more than the body too.
const (
	weightTitle   = 5
	weightSummary = 2
	weightNote    = 2
	weightTags    = 2
	weightSource  = 1
	weightBody    = 1
)

// Layout constants; the script reads them from meta.json.
const (
	// chunkSize is how many documents one result-data file holds: ten
	// results fetch at most ten small files.
	chunkSize = 4
	// topPostings is how many documents a term's first postings list
	// holds; a query for a common word reads these, the best for it.
	topPostings = 400
	// bucketBytes is the size a postings bucket aims at.
	bucketBytes = 4 << 10
	// dictCut makes a dictionary shard end after a word whose hash is a
	// multiple of it: 256 words a shard on average.
	dictCut = 256
	// dictMax bounds a shard whatever the hashes say.
	dictMax = 2048
	// textChars is how much of the body the snippet may quote, and
	// summaryChars how much of the summary.
	textChars    = 400
	summaryChars = 300
	// A posting is one byte after its id gap: three bits of weighted
	// frequency (the nearest of weightLevels) and five of document length,
	// lengthMin·lengthRatio^q words (q from 0 to 31, 10 to about 21,000
	// words). BM25 saturates frequency quickly and needs length only
	// roughly; coarse steps also mean an edit seldom changes a
	// document's length step, and with it every bucket the document is in.
	lengthMin   = 10
	lengthRatio = 1.28
)

// weightLevels are the weighted frequencies a posting can say.
var weightLevels = []float64{1, 2, 3, 5, 8, 12, 20, 40}

// weightLevel is level(w, weightLevels) for every weighted frequency a
// posting holds (capped at 255), worked out once.
var weightLevel = func() (t [256]byte) {
	for w := 1; w < 256; w++ {
		t[w] = byte(level(float64(w), weightLevels))
	}
	return t
}()

// level returns the index of the value in levels nearest to v, on a log
// scale.
func level(v float64, levels []float64) int {
	best, d := 0, math.Inf(1)
	for i, l := range levels {
		if e := math.Abs(math.Log(v / l)); e < d {
			best, d = i, e
		}
	}
	return best
}

// analysed is what one document contributes, as Build reads it (dlq
// is set by unpack).
type analysed struct {
	terms []termFreq  // in the order met
	forms [][2]string // form and term, in the order met
	stops []string    // the stop words left out, folded
	dlq   uint8       // the length step, 0–31
	words int
	text  string // the start of the note and body, for the snippet
}

type termFreq struct {
	term string
	w    uint32
}

// posting is one document of a term's list.
type posting struct {
	doc uint32
	w   uint8 // weighted frequency, capped at 255
	dlq uint8 // length step
}

// Build makes the index of docs. The same documents, in any order, give
// the same files.
func Build(ctx context.Context, docs []Doc, opt Options) ([]File, error) {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		da, db := docs[order[a]], docs[order[b]]
		if !da.Date.Equal(db.Date) {
			return da.Date.Before(db.Date)
		}
		return da.URL < db.URL
	})
	sorted := make([]*Doc, len(docs))
	for i, j := range order {
		sorted[i] = &docs[j]
	}

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Each document's analysis: kept ones as they are, the others
	// worked out and packed. Every one is read back from its packed form
	// below, so that a kept analysis and a fresh one index alike.
	packs := make([]*Analysis, len(sorted))
	fresh := make([]bool, len(sorted))
	chunks := min(len(sorted), 8*workers)
	if chunks > 0 {
		// One set of analyzers a worker, handed from chunk to chunk, so
		// that each word is stemmed once a worker, not once a chunk.
		free := make(chan map[string]*analyzer, workers)
		for range workers {
			free <- map[string]*analyzer{}
		}
		var lexMu sync.Mutex
		lexicons := map[string]*lexicon{}
		lexiconOf := func(lang string) *lexicon {
			lexMu.Lock()
			defer lexMu.Unlock()
			l := lexicons[lang]
			if l == nil {
				l = newLexicon()
				lexicons[lang] = l
			}
			return l
		}
		err := pool.Each(ctx, chunks, workers, func(c int) {
			analyzers := <-free
			defer func() { free <- analyzers }()
			for i := c * len(sorted) / chunks; i < (c+1)*len(sorted)/chunks; i++ {
				d := sorted[i]
				packs[i] = d.Analysis
				if packs[i] == nil {
					lang := d.Language
					if lang == "" {
						lang = opt.Language
					}
					a := analyzers[lang]
					if a == nil {
						a = newAnalyzer(lang, lexiconOf(lang))
						analyzers[lang] = a
					}
					res := analyse(a, d)
					packs[i], fresh[i] = pack(&res), true
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if opt.Keep != nil {
		for i, f := range fresh {
			if f {
				opt.Keep(order[i], packs[i])
			}
		}
	}

	ix := opt.Index
	if ix == nil {
		ix = &Index{}
	}
	if err := ix.update(sorted, packs); err != nil {
		*ix = Index{}
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		*ix = Index{}
		return nil, err
	}
	encoded, shards := ix.encode()
	files := make([]File, 0, len(encoded)+8)
	for _, f := range encoded {
		files = append(files, File{Name: f.name, Data: f.data, Sum: f.sum})
	}
	add := func(name string, data []byte) {
		files = append(files, File{Name: name, Data: data, Sum: sha256.Sum256(data)})
	}

	// Filters.
	facetFiles, facets := facetIndex(sorted)
	for _, f := range facetFiles {
		f.Sum = sha256.Sum256(f.Data)
		files = append(files, f)
	}
	fj, err := json.Marshal(facets)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	add("facets.json", fj)
	var dates []byte
	lastDay := int64(0)
	for _, d := range sorted {
		day := dayNumber(d.Date)
		dates = binary.AppendUvarint(dates, uint64(day-lastDay))
		lastDay = day
	}
	add("dates.bin", dates)

	avg := 1.0
	if len(sorted) > 0 {
		avg = math.Round(float64(max(ix.totalLen, 1))/float64(len(sorted))*100) / 100
	}
	meta := struct {
		Version  int       `json:"v"`
		Docs     int       `json:"docs"`
		AvgLen   float64   `json:"avglen"`
		Buckets  int       `json:"buckets"`
		Chunk    int       `json:"chunk"`
		LenMin   float64   `json:"lenmin"`
		LenRatio float64   `json:"lenratio"`
		Weights  []float64 `json:"weights"`
	}{2, len(sorted), avg, ix.buckets, chunkSize, lengthMin, lengthRatio, weightLevels}
	mj, err := json.Marshal(meta)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if shards == nil {
		shards = [][2]string{}
	}
	dj, err := json.Marshal(shards)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	add("dict.json", dj)
	if opt.Deferred {
		for i := range files {
			files[i].Gzip = true
		}
	} else if err := compressAll(ctx, files, workers); err != nil {
		return nil, err
	}
	add("meta.json", mj)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

// writeDictLine writes one dictionary line: how many characters (code
// points) the form shares with the previous line's, the rest of the
// form, the term (empty when it is the form, "~k" when it is the form's
// first k characters), and the class of the term's document frequency
// (bits.Len: 1 for one document, 2 for two or three, 3 for four to
// seven…), separated by tabs. The script ranks the words a prefix or a
// typo may mean by it; the exact count, for BM25, is in the postings.
func writeDictLine(b *strings.Builder, prev, form, term string, df int) {
	shared, bytesShared := 0, 0
	for bytesShared < len(prev) && bytesShared < len(form) {
		r1, n1 := utf8.DecodeRuneInString(prev[bytesShared:])
		r2, n2 := utf8.DecodeRuneInString(form[bytesShared:])
		if r1 != r2 || n1 != n2 {
			break
		}
		bytesShared += n1
		shared++
	}
	b.WriteString(strconv.Itoa(shared))
	b.WriteByte('\t')
	b.WriteString(form[bytesShared:])
	b.WriteByte('\t')
	switch {
	case term == form:
	case strings.HasPrefix(form, term):
		b.WriteByte('~')
		b.WriteString(strconv.Itoa(utf8.RuneCountInString(term)))
	default:
		b.WriteString(term)
	}
	b.WriteByte('\t')
	b.WriteString(strconv.Itoa(bits.Len(uint(df))))
	b.WriteByte('\n')
}

// analyse counts the weighted frequency of every term of d.
func analyse(a *analyzer, d *Doc) analysed {
	stop := func(id int32) {
		if !a.stopSeen[id] {
			a.stopSeen[id] = true
			a.touchedStops = append(a.touchedStops, id)
		}
	}
	count := func(text string, weight uint32) int {
		n := 0
		a.scan(text, func(p int32) {
			t := a.pairs[p].termID
			if a.weight[t] == 0 {
				a.touchedTerms = append(a.touchedTerms, t)
			}
			a.weight[t] += weight
			if !a.seen[p] {
				a.seen[p] = true
				a.touchedPairs = append(a.touchedPairs, p)
			}
			n++
		}, stop)
		return n
	}
	count(d.Title, weightTitle)
	summary := count(d.Summary, weightSummary)
	notePlain := PlainText(d.Note)
	note := count(notePlain, weightNote)
	for _, t := range d.Tags {
		count(t.Name, weightTags)
	}
	count(d.Source, weightSource)
	bodyPlain := PlainText(d.Body)
	words := count(bodyPlain, weightBody)
	// Length normalises the body; an article without one is as long as
	// the editor's words about it.
	if words == 0 {
		words = summary + note
	}
	words = max(words, 1)
	res := analysed{words: words, text: snippetText(notePlain, bodyPlain)}
	res.terms = make([]termFreq, len(a.touchedTerms))
	for i, t := range a.touchedTerms {
		res.terms[i] = termFreq{a.terms[t], a.weight[t]}
		a.weight[t] = 0
	}
	res.forms = make([][2]string, len(a.touchedPairs))
	for i, p := range a.touchedPairs {
		res.forms[i] = [2]string{a.pairs[p].form, a.pairs[p].term}
		a.seen[p] = false
	}
	res.stops = make([]string, len(a.touchedStops))
	for i, id := range a.touchedStops {
		res.stops[i] = a.stops[id]
		a.stopSeen[id] = false
	}
	a.touchedTerms, a.touchedPairs, a.touchedStops = a.touchedTerms[:0], a.touchedPairs[:0], a.touchedStops[:0]
	return res
}

// split keeps a long list's best topPostings documents for the first
// fetch, by a stand-in for BM25's term part that reads the document
// alone (a fixed average length), so that which documents are on top
// changes only when one of them changes.
func split(ps []posting) (top, rest []posting) {
	if len(ps) <= topPostings {
		return ps, nil
	}
	scores := make([]float64, len(ps))
	for i, p := range ps {
		dl := lengthMin * math.Pow(lengthRatio, float64(p.dlq))
		w := weightLevels[weightLevel[p.w]]
		scores[i] = w / (w + 1.2*(0.25+0.75*dl/400))
	}
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		sa, sb := scores[idx[a]], scores[idx[b]]
		if sa != sb {
			return sa > sb
		}
		return ps[idx[a]].doc > ps[idx[b]].doc // newer first
	})
	in := make([]bool, len(ps))
	for _, i := range idx[:topPostings] {
		in[i] = true
	}
	for i, p := range ps {
		if in[i] {
			top = append(top, p)
		} else {
			rest = append(rest, p)
		}
	}
	return top, rest
}

// appendPostings writes postings in id order: the gap from the previous
// id, then the weighted frequency's level and the length step in a byte.
func appendPostings(b []byte, ps []posting) []byte {
	prev := uint32(0)
	for i, p := range ps {
		gap := p.doc - prev
		if i == 0 {
			gap = p.doc
		}
		b = binary.AppendUvarint(b, uint64(gap))
		b = append(b, weightLevel[p.w]<<5|p.dlq)
		prev = p.doc
	}
	return b
}

// snippetText is the text a result's snippet may quote: the note, then
// the body, both as plain text.
func snippetText(note, body string) string {
	if note != "" {
		return cut(strings.TrimSpace(note+" "+body), textChars)
	}
	return cut(body, textChars)
}

// record is one document's result data, as an array to keep it short:
// URL, title, source, date ("2006-01-02" or "2006-01-02T15:04"), topics,
// tags, summary, text (snippetText), and for a draft a ninth element, 1.
func record(d *Doc, text string) []any {
	date := d.Date.Format("2006-01-02T15:04")
	if d.DateOnly {
		date = d.Date.Format("2006-01-02")
	}
	names := func(fs []Facet) []string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = f.Name
		}
		return out
	}
	r := []any{d.URL, d.Title, d.Source, date, names(d.Topics), names(d.Tags), cut(d.Summary, summaryChars), text}
	if d.Draft {
		r = append(r, 1)
	}
	return r
}

// facetInline is how many documents a topic, source or tag may have for
// its list to be written in facets.json rather than in a file of its
// own: a site with hundreds of tags of an article or two would
// otherwise publish hundreds of tiny files.
const facetInline = 16

// facetIndex writes the documents of every topic, source and tag, and
// lists them for the filters: name, file id, number of documents, key
// (the topic's or tag's slug, the folded source name) and, for one of
// at most facetInline documents, its document ids instead of a file.
func facetIndex(docs []*Doc) ([]File, map[string][][]any) {
	type facet struct {
		name string
		ids  []uint32
	}
	kinds := []string{"topics", "sources", "tags"}
	sets := map[string]map[string]*facet{}
	for _, k := range kinds {
		sets[k] = map[string]*facet{}
	}
	put := func(kind, key, name string, id int) {
		f := sets[kind][key]
		if f == nil {
			f = &facet{name: name}
			sets[kind][key] = f
		}
		if n := len(f.ids); n == 0 || f.ids[n-1] != uint32(id) {
			f.ids = append(f.ids, uint32(id))
		}
	}
	for id, d := range docs {
		for _, t := range d.Topics {
			put("topics", t.Key, t.Name, id)
		}
		for _, t := range d.Tags {
			put("tags", t.Key, t.Name, id)
		}
		if d.Source != "" {
			put("sources", Fold(d.Source), d.Source, id)
		}
	}
	var files []File
	lists := map[string][][]any{}
	for _, k := range kinds {
		keys := make([]string, 0, len(sets[k]))
		for key := range sets[k] {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		list := [][]any{}
		for _, key := range keys {
			f := sets[k][key]
			id := hex64(k + "\x00" + key)
			if len(f.ids) <= facetInline {
				list = append(list, []any{f.name, id, len(f.ids), key, f.ids})
				continue
			}
			var b []byte
			prev := uint32(0)
			for i, d := range f.ids {
				gap := d - prev
				if i == 0 {
					gap = d
				}
				b = binary.AppendUvarint(b, uint64(gap))
				prev = d
			}
			files = append(files, File{Name: "f/" + id + ".bin", Data: b})
			list = append(list, []any{f.name, id, len(f.ids), key})
		}
		lists[k] = list
	}
	return files, lists
}

// compressAll gzips the index's files in place (Compress), on up to
// workers goroutines.
func compressAll(ctx context.Context, files []File, workers int) error {
	errs := make([]error, len(files))
	err := pool.Each(ctx, len(files), workers, func(i int) {
		files[i].Data, errs[i] = Compress(files[i].Data)
	})
	if err != nil {
		return err
	}
	return errors.Join(errs...)
}

// gzipWriters are reused: a new writer allocates its tables anew, which
// costs more than compressing a small file.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return w
}}

// Compress gzips one file of the index. Every file but meta.json is
// stored compressed, so that what a host stores and sends is small
// whether or not it compresses responses; the script inflates them with
// the browser's DecompressionStream (and takes a file as it is when a
// host has already decoded it). The same bytes always give the same
// output: the header carries no name or time. Safe for concurrent use.
func Compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("search: compressing: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("search: compressing: %w", err)
	}
	return buf.Bytes(), nil
}

// dayNumber is the calendar day of t (in its own zone) as days since
// 1970-01-01.
func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// Hash32 is FNV-1a over the UTF-8 bytes of s, as the script computes it
// to find a term's bucket.
func Hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

func hex64(s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	return fmt.Sprintf("%016x", h.Sum64())
}

// cut shortens s to at most n runes at a word boundary.
func cut(s string, n int) string {
	end, runes := 0, 0
	for end < len(s) && runes < n {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		runes++
	}
	if end == len(s) {
		return s
	}
	c := s[:end]
	if i := strings.LastIndexByte(c, ' '); i > n/2 {
		c = c[:i]
	}
	return c + "…"
}

// Entry is one line of a dictionary shard: a folded form, the term it is
// filed under, and the class of the number of documents holding the term
// (bits.Len of it).
type Entry struct {
	Form, Term string
	DFClass    int
}

// ReadShard decodes a dictionary shard (d/<id>.txt, gzipped) as the
// search script does; it exists for tests and tools that check an index.
func ReadShard(data []byte) ([]Entry, error) {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("search: dictionary shard: %w", err)
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("search: dictionary shard: %w", err)
	}
	var out []Entry
	var prev []rune
	for _, line := range strings.Split(strings.TrimSuffix(string(text), "\n"), "\n") {
		f := strings.Split(line, "\t")
		n, err := strconv.Atoi(f[0])
		if len(f) != 4 || err != nil || n > len(prev) {
			return nil, fmt.Errorf("search: dictionary shard: bad line %q", line)
		}
		form := append(slices.Clone(prev[:n]), []rune(f[1])...)
		prev = form
		e := Entry{Form: string(form), Term: string(form)}
		switch {
		case strings.HasPrefix(f[2], "~"):
			k, err := strconv.Atoi(f[2][1:])
			if err != nil || k > len(form) {
				return nil, fmt.Errorf("search: dictionary shard: bad term in %q", line)
			}
			e.Term = string(form[:k])
		case f[2] != "":
			e.Term = f[2]
		}
		if e.DFClass, err = strconv.Atoi(f[3]); err != nil {
			return nil, fmt.Errorf("search: dictionary shard: bad count in %q", line)
		}
		out = append(out, e)
	}
	return out, nil
}
