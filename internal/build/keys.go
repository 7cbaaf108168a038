package build

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"net/url"
	"reflect"
	"sort"
	"time"

	"github.com/brief-ssg/brief/internal/render"
)

// An input key hashes what an output file is made from (a job's in),
// together with what every file depends on (keyContext), so that a
// rebuild renders again only the files whose inputs changed and carries
// the others over from the previous build (output.Keyed).
//
// Keys are FNV-1a, not a seeded hash: `brief build` keeps them in the
// output's manifest to carry files over to the next run, so they must
// mean the same thing in another process.
//
// Values are walked by reflection, so a field added to render.Page and its
// kin is covered without anyone remembering to list it here. Pointers are
// hashed once per build: the views of articles and topics are shared by
// many pages.

// derived are fields of render.Topic that change whenever an article does
// (its count, newest items and intro) yet most templates never read: every
// page is handed every topic for the navigation. A page kind whose
// templates do not mention one leaves it out of its fingerprints.
var derived = []string{"Latest", "Count", "Intro"}

// siteTopics is the skip bit, after derived's, for the site's list of
// topics (render.Site.Topics): every page is handed it, but with the
// theme only the home page and the topic index show it, so a page kind
// whose templates do not read it (render.Templates.ReadsSite) keeps a
// new topic out of its key.
const siteTopics = 1 << 3

// siteDerivedShift places, above siteTopics, the derived fields a page
// kind's templates never read of the topics in the site's list
// (render.Templates.SiteTopicsMention): there the navigation shows only
// titles and links, so an article that joins a topic changes its count
// without changing the key of every tag, month and other topic's page,
// whose templates show a count of their own.
const siteDerivedShift = 4

var (
	topicType      = reflect.TypeFor[render.Topic]()
	articlePtrType = reflect.TypeFor[*render.Article]()
	// Values of these pointer types each belong to one page (the page
	// itself, a neighbour's link, a pager): remembering their hashes by
	// address would cost a map entry that no other page looks up.
	pagePtrType  = reflect.TypeFor[*render.Page]()
	pagerPtrType = reflect.TypeFor[*render.Pager]()
	linkPtrType  = reflect.TypeFor[*render.Link]()
	// An article as a link on other articles' pages (related, neighbours)
	// is one value per article, hashed beforehand like the views.
	coveragePtrType = reflect.TypeFor[*render.Coverage]()
	siteType        = reflect.TypeFor[render.Site]()
	timeType        = reflect.TypeFor[time.Time]()
	locationType    = reflect.TypeFor[time.Location]()
	urlType         = reflect.TypeFor[url.URL]()
)

// hasher computes the fingerprints of one build.
type hasher struct {
	// skips is, per page kind, a bit set of the derived fields its
	// templates never read.
	skips map[string]uint8
	tmpl  *render.Templates
	// ptrs memoises pointed-to values by address and skip set.
	ptrs map[ptrKey]uint64
	// reach caches reachesTopic.
	reach map[reflect.Type]bool
	// fields caches, per struct type, its exported fields.
	fields map[reflect.Type][]field
	// views holds the hashes of the article views, computed beforehand
	// (see Model.keys) and read by every worker's hasher: keyed by the
	// pointer alone, as lists hold thousands of them.
	views map[*render.Article]uint64
	// covers holds the hashes of the articles as links (entry.cov),
	// computed and shared like views.
	covers map[*render.Coverage]uint64
}

// field is an exported field of a struct type.
type field struct {
	index int
	name  string
}

type ptrKey struct {
	addr uintptr
	typ  reflect.Type
	skip uint8
}

// staticFile is the input of a copied static file: its name and the
// SHA-256 of the site's file (zero for the theme's, which come with the
// brief doing the build).
type staticFile struct {
	name string
	sum  [sha256.Size]byte
}

func newHasher(tmpl *render.Templates) *hasher {
	return &hasher{tmpl: tmpl, skips: map[string]uint8{}, ptrs: map[ptrKey]uint64{},
		reach: map[reflect.Type]bool{}, fields: map[reflect.Type][]field{}}
}

// key fingerprints a job's input.
func (h *hasher) key(in any) uint64 {
	w := newDigest()
	h.any(&w, in, 0)
	return w.Sum64()
}

func (h *hasher) any(w *digest, in any, skip uint8) {
	switch v := in.(type) {
	case nil:
		w.WriteByte(0)
	case *entry:
		// An article as pages and feeds use it: its view and its file,
		// whose body the view does not carry until the page renders.
		h.value(w, reflect.ValueOf(v.view), 0)
		w.Write(v.sum[:])
		writeUint(w, v.images)
	case staticFile:
		w.WriteString(v.name)
		w.Write(v.sum[:])
	case []*entry:
		writeUint(w, uint64(len(v)))
		for _, e := range v {
			h.any(w, e, skip)
		}
	case []any:
		writeUint(w, uint64(len(v)))
		for _, x := range v {
			h.any(w, x, skip)
		}
	case *render.Page:
		if v != nil {
			skip = h.skip(v.Kind)
		}
		h.value(w, reflect.ValueOf(v), skip)
	default:
		h.value(w, reflect.ValueOf(in), skip)
	}
}

// skip is the bit set of derived fields the templates of kind never read.
func (h *hasher) skip(kind string) uint8 {
	s, ok := h.skips[kind]
	if !ok {
		for i, name := range derived {
			if !h.tmpl.Mentions(kind, name) {
				s |= 1 << i
			}
		}
		if !h.tmpl.ReadsSite(kind, "Topics") {
			s |= siteTopics
		}
		for i, name := range derived {
			if s&(1<<i) != 0 || !h.tmpl.SiteTopicsMention(kind, name) {
				s |= 1 << (siteDerivedShift + i)
			}
		}
		h.skips[kind] = s
	}
	return s
}

func (h *hasher) value(w *digest, v reflect.Value, skip uint8) {
	switch v.Kind() {
	case reflect.Invalid:
		w.WriteByte(0)
	case reflect.String:
		writeUint(w, uint64(v.Len()))
		w.WriteString(v.String())
	case reflect.Bool:
		if v.Bool() {
			w.WriteByte(1)
		} else {
			w.WriteByte(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		writeUint(w, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		writeUint(w, v.Uint())
	case reflect.Float32, reflect.Float64:
		writeUint(w, math.Float64bits(v.Float()))
	case reflect.Pointer:
		if v.IsNil() {
			w.WriteByte(0)
			return
		}
		w.WriteByte(1)
		writeUint(w, h.pointer(v, skip))
	case reflect.Slice, reflect.Array:
		writeUint(w, uint64(v.Len()))
		for i := range v.Len() {
			h.value(w, v.Index(i), skip)
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		writeUint(w, uint64(len(keys)))
		for _, k := range keys {
			h.value(w, k, skip)
			h.value(w, v.MapIndex(k), skip)
		}
	case reflect.Interface:
		if v.IsNil() {
			w.WriteByte(0)
			return
		}
		w.WriteString(v.Elem().Type().String())
		h.value(w, v.Elem(), skip)
	case reflect.Struct:
		h.structValue(w, v, skip)
	default:
		// Functions and channels carry no data a page shows.
		w.WriteString(v.Type().String())
	}
}

// pointer is the hash of the value the non-nil pointer v points to,
// computed once per build, address and skip set.
func (h *hasher) pointer(v reflect.Value, skip uint8) uint64 {
	if skip != 0 && !h.reachesTopic(v.Type().Elem()) {
		skip = 0 // one hash serves every page kind
	}
	if skip == 0 && v.Type() == articlePtrType {
		if s, ok := h.views[v.Interface().(*render.Article)]; ok {
			return s
		}
	}
	if skip == 0 && v.Type() == coveragePtrType {
		if s, ok := h.covers[v.Interface().(*render.Coverage)]; ok {
			return s
		}
	}
	if t := v.Type(); t == pagePtrType || t == pagerPtrType || t == linkPtrType {
		sub := newDigest()
		h.value(&sub, v.Elem(), skip)
		return sub.Sum64()
	}
	k := ptrKey{v.Pointer(), v.Type(), skip}
	s, ok := h.ptrs[k]
	if !ok {
		sub := newDigest()
		h.value(&sub, v.Elem(), skip)
		s = sub.Sum64()
		h.ptrs[k] = s
	}
	return s
}

func (h *hasher) structValue(w *digest, v reflect.Value, skip uint8) {
	switch v.Type() {
	case timeType:
		var t time.Time
		if v.CanAddr() { // no copy to the heap, as Interface makes
			t = *v.Addr().Interface().(*time.Time)
		} else {
			t = v.Interface().(time.Time)
		}
		writeUint(w, uint64(t.UnixNano()))
		w.WriteString(t.Location().String())
		return
	case locationType:
		loc := v.Addr().Interface().(*time.Location)
		w.WriteString(loc.String())
		return
	case urlType:
		u := v.Addr().Interface().(*url.URL)
		w.WriteString(u.String())
		return
	}
	t := v.Type()
	fs, ok := h.fields[t]
	if !ok {
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() { // templates read exported fields only
				fs = append(fs, field{i, f.Name})
			}
		}
		h.fields[t] = fs
	}
	for _, f := range fs {
		if t == topicType && skip != 0 && skipped(f.name, skip) {
			continue
		}
		if t == siteType && f.name == "Topics" {
			if skip&siteTopics != 0 {
				continue
			}
			// The site's topics are read where the navigation reads them.
			h.value(w, v.Field(f.index), skip>>siteDerivedShift&(1<<len(derived)-1))
			continue
		}
		h.value(w, v.Field(f.index), skip)
	}
}

func skipped(name string, skip uint8) bool {
	for i, d := range derived {
		if d == name {
			return skip&(1<<i) != 0
		}
	}
	return false
}

// digest is 64-bit FNV-1a, with the writing methods maphash.Hash has.
type digest uint64

func newDigest() digest { return 14695981039346656037 }

func (d *digest) WriteString(s string) {
	h := *d
	for i := 0; i < len(s); i++ {
		h = (h ^ digest(s[i])) * 1099511628211
	}
	*d = h
}

func (d *digest) Write(b []byte) {
	h := *d
	for _, c := range b {
		h = (h ^ digest(c)) * 1099511628211
	}
	*d = h
}

func (d *digest) WriteByte(c byte) error {
	*d = (*d ^ digest(c)) * 1099511628211
	return nil
}

func (d *digest) Sum64() uint64 { return uint64(*d) }

func writeUint(w *digest, n uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], n)
	w.Write(b[:])
}

// reachesTopic reports whether values of t can hold a render.Topic or a
// render.Site, the only types whose hash depends on the skip set (a Site
// holds Topics).
func (h *hasher) reachesTopic(t reflect.Type) bool {
	r, ok := h.reach[t]
	if ok {
		return r
	}
	h.reach[t] = false // breaks cycles; corrected below
	switch t.Kind() {
	case reflect.Struct:
		r = t == topicType
		for i := 0; !r && i < t.NumField(); i++ {
			r = h.reachesTopic(t.Field(i).Type)
		}
	case reflect.Pointer, reflect.Slice, reflect.Array:
		r = h.reachesTopic(t.Elem())
	case reflect.Map:
		r = h.reachesTopic(t.Key()) || h.reachesTopic(t.Elem())
	case reflect.Interface:
		r = true
	}
	h.reach[t] = r
	return r
}
