package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Index is the merged index one Build made: every term's postings, the
// dictionary's forms, and the files encoded from them. Handed to the
// next Build of the same site (Options.Index), it lets that Build take
// out and put in only the postings of the documents that changed, and
// encode again only the postings buckets, dictionary shards and result
// chunks they touch, instead of merging every document's analysis anew:
// `brief serve` keeps one between reloads. The files are the same bytes
// as a Build without it would give. The zero Index is empty; an Index is
// used by one Build at a time, and a Build that fails empties it.
type Index struct {
	docs     []docState
	terms    map[string]*termState
	forms    map[string]*formState
	formList []*formState // sorted by form
	totalLen int
	topBytes int // bytes of every term's bucket entry
	// stops counts the analyses that left out each stop word.
	stops    map[string]int
	stopFile *cachedFile // nil when stops changed
	// endings counts the form-term pairs of each ending (see ending).
	endings map[[2]string]int

	buckets     int
	bucketTerms [][]*termState // by bucket, sorted by term
	bucketFiles []cachedFile   // by bucket; nil data: empty bucket
	shards      map[string]*shardState
	chunks      []cachedFile

	// What this Build changed, cleared when its files are encoded.
	dirtyTerms  []*termState
	dirtyChunks map[int]bool
	newForms    []*formState
	goneForms   int
}

// docState is what the Index keeps of one document: what it was merged
// from, and its result record (JSON, see record).
type docState struct {
	doc   Doc // without Note, Body and Analysis
	pack  string
	text  string
	rec   []byte
	dlq   uint8
	words int
}

// termState is one term: its postings in id order, and its entry in its
// bucket (and the rest of a long list, r/<hash>.bin) as last encoded.
type termState struct {
	term     string
	postings []posting
	forms    []*formState // the forms filed under it
	dirty    bool
	top      []byte
	rest     *cachedFile
	restName string
}

// formState is one folded form and the terms it is filed under, each
// with how many document analyses list the pair.
type formState struct {
	form  string
	terms []formTerm // sorted by term
	cut   bool       // a dictionary shard ends after it
	dirty bool       // its lines changed since its shard was encoded
}

type formTerm struct {
	te *termState
	n  int
}

// shardState is a dictionary shard as last encoded, by its first form.
type shardState struct {
	last  string
	lines int
	file  cachedFile
}

// cachedFile is an encoded file with the SHA-256 of its bytes.
type cachedFile struct {
	data []byte
	sum  [sha256.Size]byte
}

func newCached(data []byte) cachedFile { return cachedFile{data, sha256.Sum256(data)} }

// update brings the index to docs (sorted in id order) with their
// packed analyses. A document keeps its id while every document before
// it is the same article (by URL); from the first that is not, the old
// documents' postings are taken out and the new ones' put in, so that
// adding the newest article costs that article alone and removing the
// oldest costs a full merge. A document with the same id and another
// analysis has its postings updated where they differ.
func (ix *Index) update(docs []*Doc, packs []*Analysis) error {
	if ix.terms == nil {
		ix.terms = map[string]*termState{}
		ix.forms = map[string]*formState{}
		ix.shards = map[string]*shardState{}
		ix.stops = map[string]int{}
		ix.endings = map[[2]string]int{}
	}
	ix.dirtyChunks = map[int]bool{}
	same := 0
	for same < len(ix.docs) && same < len(docs) && ix.docs[same].doc.URL == docs[same].URL {
		same++
	}
	for id := len(ix.docs) - 1; id >= same; id-- {
		old, err := unpack(&Analysis{Packed: ix.docs[id].pack})
		if err != nil {
			return err
		}
		ix.remove(uint32(id), &old)
		ix.dirtyChunks[id/chunkSize] = true
	}
	ix.docs = ix.docs[:same]
	for id := range same {
		st := &ix.docs[id]
		d := docs[id]
		if st.pack != packs[id].Packed {
			old, err := unpack(&Analysis{Packed: st.pack})
			if err != nil {
				return err
			}
			a, err := unpack(packs[id])
			if err != nil {
				return err
			}
			ix.change(uint32(id), &old, &a)
			st.pack, st.text, st.dlq, st.words = packs[id].Packed, a.text, a.dlq, a.words
			st.rec = nil
		}
		if st.rec == nil || !sameRecord(&st.doc, d) {
			st.doc = bare(d)
			rec, err := json.Marshal(record(d, st.text))
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
			if !slices.Equal(rec, st.rec) {
				ix.dirtyChunks[id/chunkSize] = true
			}
			st.rec = rec
		}
	}
	for id := same; id < len(docs); id++ {
		a, err := unpack(packs[id])
		if err != nil {
			return err
		}
		ix.add(uint32(id), &a)
		rec, err := json.Marshal(record(docs[id], a.text))
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		ix.docs = append(ix.docs, docState{doc: bare(docs[id]), pack: packs[id].Packed, text: a.text, rec: rec, dlq: a.dlq, words: a.words})
		ix.dirtyChunks[id/chunkSize] = true
	}
	return nil
}

// bare is d without what its record does not show.
func bare(d *Doc) Doc {
	b := *d
	b.Note, b.Body, b.Analysis = "", "", nil
	return b
}

// sameRecord reports whether d shows as old did (record), the text
// aside.
func sameRecord(old, d *Doc) bool {
	names := func(a, b []Facet) bool {
		return slices.EqualFunc(a, b, func(x, y Facet) bool { return x.Name == y.Name })
	}
	// Equal instants at equal offsets show the same date and time.
	_, oldOffset := old.Date.Zone()
	_, offset := d.Date.Zone()
	return old.URL == d.URL && old.Title == d.Title && old.Source == d.Source &&
		old.Date.Equal(d.Date) && oldOffset == offset && old.DateOnly == d.DateOnly && old.Draft == d.Draft &&
		old.Summary == d.Summary && names(old.Topics, d.Topics) && names(old.Tags, d.Tags)
}

// add puts in the postings and forms of the document id analysed as a.
func (ix *Index) add(id uint32, a *analysed) {
	ix.totalLen += a.words
	for _, tf := range a.terms {
		ix.put(ix.term(tf.term), posting{id, uint8(min(tf.w, 255)), a.dlq})
	}
	ix.addForms(a)
	ix.addStops(a)
}

// remove takes out what add put in.
func (ix *Index) remove(id uint32, a *analysed) {
	ix.totalLen -= a.words
	for _, tf := range a.terms {
		if te := ix.terms[tf.term]; te != nil {
			ix.drop(te, id)
		}
	}
	ix.dropForms(a)
	ix.dropStops(a)
}

// change updates the postings of document id from its old analysis to
// a: only the terms whose posting differs are touched.
func (ix *Index) change(id uint32, old, a *analysed) {
	ix.totalLen += a.words - old.words
	was := make(map[string]uint8, len(old.terms))
	for _, tf := range old.terms {
		was[tf.term] = uint8(min(tf.w, 255))
	}
	for _, tf := range a.terms {
		w := uint8(min(tf.w, 255))
		if ow, ok := was[tf.term]; !ok || ow != w || old.dlq != a.dlq {
			ix.put(ix.term(tf.term), posting{id, w, a.dlq})
		}
		delete(was, tf.term)
	}
	for t := range was {
		if te := ix.terms[t]; te != nil {
			ix.drop(te, id)
		}
	}
	// New pairs first, so that a pair both analyses list never counts
	// zero on the way.
	ix.addForms(a)
	ix.dropForms(old)
	ix.addStops(a)
	ix.dropStops(old)
}

func (ix *Index) addStops(a *analysed) {
	for _, w := range a.stops {
		if ix.stops[w]++; ix.stops[w] == 1 {
			ix.stopFile = nil
		}
	}
}

func (ix *Index) dropStops(a *analysed) {
	for _, w := range a.stops {
		if ix.stops[w]--; ix.stops[w] <= 0 {
			delete(ix.stops, w)
			ix.stopFile = nil
		}
	}
}

func (ix *Index) term(t string) *termState {
	te := ix.terms[t]
	if te == nil {
		te = &termState{term: t}
		ix.terms[t] = te
	}
	return te
}

func (ix *Index) markTerm(te *termState) {
	if !te.dirty {
		te.dirty = true
		ix.dirtyTerms = append(ix.dirtyTerms, te)
	}
}

// put sets the posting of p.doc in te's list.
func (ix *Index) put(te *termState, p posting) {
	ix.markTerm(te)
	n := len(te.postings)
	if n == 0 || te.postings[n-1].doc < p.doc {
		te.postings = append(te.postings, p)
		return
	}
	i, found := slices.BinarySearchFunc(te.postings, p.doc, func(q posting, d uint32) int { return cmpU32(q.doc, d) })
	if found {
		te.postings[i] = p
		return
	}
	te.postings = slices.Insert(te.postings, i, p)
}

// drop takes document doc out of te's list.
func (ix *Index) drop(te *termState, doc uint32) {
	i, found := slices.BinarySearchFunc(te.postings, doc, func(q posting, d uint32) int { return cmpU32(q.doc, d) })
	if found {
		ix.markTerm(te)
		te.postings = slices.Delete(te.postings, i, i+1)
	}
}

func cmpU32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (ix *Index) addForms(a *analysed) {
	for _, ft := range a.forms {
		fs := ix.forms[ft[0]]
		if fs == nil {
			fs = &formState{form: ft[0], cut: Hash32(ft[0])%dictCut == 0}
			ix.forms[ft[0]] = fs
			ix.newForms = append(ix.newForms, fs)
		}
		i, found := slices.BinarySearchFunc(fs.terms, ft[1], func(x formTerm, t string) int { return strings.Compare(x.te.term, t) })
		if found {
			fs.terms[i].n++
			continue
		}
		te := ix.term(ft[1])
		te.forms = append(te.forms, fs)
		fs.terms = slices.Insert(fs.terms, i, formTerm{te, 1})
		fs.dirty = true
		if e, ok := ending(ft[0], ft[1]); ok {
			ix.endings[e]++
		}
	}
}

func (ix *Index) dropForms(a *analysed) {
	for _, ft := range a.forms {
		fs := ix.forms[ft[0]]
		if fs == nil {
			continue
		}
		i, found := slices.BinarySearchFunc(fs.terms, ft[1], func(x formTerm, t string) int { return strings.Compare(x.te.term, t) })
		if !found {
			continue
		}
		if fs.terms[i].n--; fs.terms[i].n > 0 {
			continue
		}
		if e, ok := ending(ft[0], ft[1]); ok {
			if ix.endings[e]--; ix.endings[e] <= 0 {
				delete(ix.endings, e)
			}
		}
		te := fs.terms[i].te
		te.forms = slices.DeleteFunc(te.forms, func(f *formState) bool { return f == fs })
		fs.terms = slices.Delete(fs.terms, i, i+1)
		fs.dirty = true
		if len(fs.terms) == 0 {
			delete(ix.forms, fs.form)
			ix.goneForms++
		}
	}
}

// encode encodes again what update changed and returns every postings,
// dictionary and result-data file, with the dictionary's shard list
// (dict.json).
func (ix *Index) encode() ([]indexFile, [][2]string) {
	// Terms: their bucket entries and long lists' rest.
	changedBuckets := map[*termState]bool{}
	for _, te := range ix.dirtyTerms {
		te.dirty = false
		ix.topBytes -= len(te.top)
		if len(te.postings) == 0 {
			delete(ix.terms, te.term)
			if te.top != nil {
				changedBuckets[te] = true
			}
			te.top, te.rest = nil, nil
			continue
		}
		oldTop := te.top
		oldDF := dfOf(oldTop)
		top, rest := split(te.postings)
		b := make([]byte, 0, len(te.term)+8+2*len(top))
		b = binary.AppendUvarint(b, uint64(len(te.term)))
		b = append(b, te.term...)
		b = binary.AppendUvarint(b, uint64(len(te.postings)))
		b = binary.AppendUvarint(b, uint64(len(top)))
		b = appendPostings(b, top)
		te.top = b
		ix.topBytes += len(b)
		te.rest = nil
		if len(rest) > 0 {
			r := binary.AppendUvarint(nil, uint64(len(rest)))
			f := newCached(appendPostings(r, rest))
			te.rest = &f
			if te.restName == "" {
				te.restName = "r/" + hex64(te.term) + ".bin"
			}
		}
		if !slices.Equal(oldTop, b) {
			changedBuckets[te] = true
		}
		if oldTop == nil || bits.Len(uint(oldDF)) != bits.Len(uint(len(te.postings))) {
			for _, fs := range te.forms {
				fs.dirty = true
			}
		}
	}
	ix.dirtyTerms = ix.dirtyTerms[:0]

	// Buckets: all of them when their number changes, else those of the
	// terms whose entry changed.
	buckets := 1
	for buckets*bucketBytes < ix.topBytes {
		buckets *= 2
	}
	if buckets != ix.buckets {
		ix.buckets = buckets
		ix.bucketTerms = make([][]*termState, buckets)
		ix.bucketFiles = make([]cachedFile, buckets)
		all := make([]*termState, 0, len(ix.terms))
		for _, te := range ix.terms {
			all = append(all, te)
		}
		slices.SortFunc(all, func(a, b *termState) int { return strings.Compare(a.term, b.term) })
		for _, te := range all {
			b := Hash32(te.term) & uint32(buckets-1)
			ix.bucketTerms[b] = append(ix.bucketTerms[b], te)
		}
		for b := range ix.bucketTerms {
			ix.encodeBucket(b)
		}
	} else {
		dirty := map[uint32]bool{}
		for te := range changedBuckets {
			b := Hash32(te.term) & uint32(buckets-1)
			dirty[b] = true
			list := ix.bucketTerms[b]
			i, found := slices.BinarySearchFunc(list, te.term, func(x *termState, t string) int { return strings.Compare(x.term, t) })
			switch {
			case len(te.postings) == 0:
				if found {
					list = slices.Delete(list, i, i+1)
				}
			case found:
				list[i] = te
			default:
				list = slices.Insert(list, i, te)
			}
			ix.bucketTerms[b] = list
		}
		for b := range dirty {
			ix.encodeBucket(int(b))
		}
	}

	// The dictionary's forms, in order: the new ones merged in, the gone
	// ones left out.
	if len(ix.newForms) > 0 || ix.goneForms > 0 {
		slices.SortFunc(ix.newForms, func(a, b *formState) int { return strings.Compare(a.form, b.form) })
		merged := make([]*formState, 0, max(0, len(ix.formList)+len(ix.newForms)-ix.goneForms))
		i, j := 0, 0
		for i < len(ix.formList) || j < len(ix.newForms) {
			var next *formState
			if j == len(ix.newForms) || i < len(ix.formList) && ix.formList[i].form < ix.newForms[j].form {
				next, i = ix.formList[i], i+1
			} else {
				next, j = ix.newForms[j], j+1
			}
			if len(next.terms) > 0 && ix.forms[next.form] == next {
				merged = append(merged, next)
			}
		}
		ix.formList = merged
		ix.newForms, ix.goneForms = ix.newForms[:0], 0
	}

	var files []indexFile
	for b, f := range ix.bucketFiles {
		if f.data != nil {
			files = append(files, indexFile{"p/" + strconv.FormatUint(uint64(b), 16) + ".bin", f})
		}
	}
	for _, te := range ix.terms {
		if te.rest != nil {
			files = append(files, indexFile{te.restName, *te.rest})
		}
	}

	// Dictionary shards: a shard is encoded again when a form in it
	// changed or its bounds moved.
	var shardList [][2]string
	shards := make(map[string]*shardState, len(ix.shards))
	for lo := 0; lo < len(ix.formList); {
		hi, lines, dirty := lo, 0, false
		for hi < len(ix.formList) {
			fs := ix.formList[hi]
			lines += len(fs.terms)
			dirty = dirty || fs.dirty
			hi++
			if fs.cut || lines >= dictMax {
				break
			}
		}
		first, last := ix.formList[lo].form, ix.formList[hi-1].form
		sh := ix.shards[first]
		if sh == nil || dirty || sh.last != last || sh.lines != lines {
			var cur strings.Builder
			prev := ""
			for _, fs := range ix.formList[lo:hi] {
				for _, ft := range fs.terms {
					writeDictLine(&cur, prev, fs.form, ft.te.term, len(ft.te.postings))
					prev = fs.form
				}
				fs.dirty = false
			}
			sh = &shardState{last: last, lines: lines, file: newCached([]byte(cur.String()))}
		}
		shards[first] = sh
		id := hex64(first)
		shardList = append(shardList, [2]string{first, id})
		files = append(files, indexFile{"d/" + id + ".txt", sh.file})
		lo = hi
	}
	ix.shards = shards
	if len(shardList) > 0 {
		// The first shard takes every word before its first one too.
		shardList[0][0] = ""
	}

	// Result data, chunkSize documents a file.
	n := (len(ix.docs) + chunkSize - 1) / chunkSize
	if len(ix.chunks) > n {
		ix.chunks = ix.chunks[:n]
	}
	for len(ix.chunks) < n {
		ix.chunks = append(ix.chunks, cachedFile{})
	}
	for c := range ix.chunks {
		if ix.chunks[c].data != nil && !ix.dirtyChunks[c] {
			continue
		}
		var b []byte
		b = append(b, '[')
		for i := c * chunkSize; i < min((c+1)*chunkSize, len(ix.docs)); i++ {
			if i > c*chunkSize {
				b = append(b, ',')
			}
			b = append(b, ix.docs[i].rec...)
		}
		b = append(b, ']')
		ix.chunks[c] = newCached(b)
	}
	for c, f := range ix.chunks {
		files = append(files, indexFile{"c/" + strconv.Itoa(c) + ".json", f})
	}

	// The stop words the analyses left out, for the script to leave out
	// of a query.
	if ix.stopFile == nil {
		words := make([]string, 0, len(ix.stops))
		for w := range ix.stops {
			words = append(words, w)
		}
		slices.Sort(words)
		data, _ := json.Marshal(words) // a []string always marshals
		f := newCached(data)
		ix.stopFile = &f
	}
	files = append(files, indexFile{"stop.json", *ix.stopFile})
	files = append(files, indexFile{"endings.json", newCached(ix.endingsFile())})
	ix.dirtyChunks = nil
	return files, shardList
}

func (ix *Index) encodeBucket(b int) {
	var data []byte
	for _, te := range ix.bucketTerms[b] {
		data = append(data, te.top...)
	}
	if len(data) == 0 {
		ix.bucketFiles[b] = cachedFile{}
		return
	}
	ix.bucketFiles[b] = newCached(data)
}

// dfOf reads the document count from a term's bucket entry.
func dfOf(top []byte) int {
	if top == nil {
		return 0
	}
	n, k := binary.Uvarint(top)
	top = top[k+int(n):]
	df, _ := binary.Uvarint(top)
	return int(df)
}

// indexFile is a file of the index as Index.encode gives it.
type indexFile struct {
	name string
	cachedFile
}

// Endings: how the stemmer relates the words it met to their terms, for
// the search page to find the term of a word no article has as written
// ("negotiating" when articles say "negotiations"). A pair's ending is
// what its term and its form have after the characters they share
// ("countri"/"countries": "" and "es"; "countri"/"country": "i" and
// "y"); the page tries each ending the query word ends with, and looks up
// the word with the term's ending instead.
const (
	// endingsMin is how many forms must share an ending for it to be
	// published: one is as likely a stemmer's accident.
	endingsMin = 2
	// endingsMax bounds the list, commonest first.
	endingsMax = 400
	// endingTermMax and endingFormMax bound an ending's two sides, in
	// characters.
	endingTermMax = 3
	endingFormMax = 8
)

// ending returns the ending of a form and its term (see endingsFile), and
// false when the pair says nothing about stemming (form and term alike,
// or endings longer than the bounds).
func ending(form, term string) ([2]string, bool) {
	// A joined name ("u.s", "at&t") is filed under itself without its
	// dots, which is no ending a word has.
	if form == term || strings.ContainsAny(form, ".&") {
		return [2]string{}, false
	}
	p := 0
	for p < len(form) && p < len(term) {
		r1, n1 := utf8.DecodeRuneInString(form[p:])
		r2, n2 := utf8.DecodeRuneInString(term[p:])
		if r1 != r2 || n1 != n2 {
			break
		}
		p += n1
	}
	tt, ft := term[p:], form[p:]
	if p == 0 || ft == "" || utf8.RuneCountInString(tt) > endingTermMax || utf8.RuneCountInString(ft) > endingFormMax {
		return [2]string{}, false
	}
	return [2]string{tt, ft}, true
}

// endingsFile is endings.json: the endings of at least endingsMin forms,
// at most endingsMax of the commonest, as [term ending, form ending]
// pairs sorted by form ending, then term ending.
func (ix *Index) endingsFile() []byte {
	type counted struct {
		e [2]string
		n int
	}
	var list []counted
	for e, n := range ix.endings {
		if n >= endingsMin {
			list = append(list, counted{e, n})
		}
	}
	slices.SortFunc(list, func(a, b counted) int {
		if a.n != b.n {
			return b.n - a.n
		}
		if c := strings.Compare(a.e[1], b.e[1]); c != 0 {
			return c
		}
		return strings.Compare(a.e[0], b.e[0])
	})
	list = list[:min(len(list), endingsMax)]
	out := make([][2]string, len(list))
	for i, c := range list {
		out[i] = c.e
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		if c := strings.Compare(a[1], b[1]); c != 0 {
			return c
		}
		return strings.Compare(a[0], b[0])
	})
	data, _ := json.Marshal(out) // strings always marshal
	return data
}
