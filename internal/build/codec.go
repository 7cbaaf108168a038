package build

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"time"
	"unsafe"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/search"
)

// The cache file's codec: a compact binary form of exported struct
// fields, walked by reflection so that a field added to content.Article
// (or the memos) is kept without anyone remembering to list it, and
// several times faster than encoding/gob on maps of small structs. It is
// read back only by the same brief (the cache is keyed by the tool), so
// it carries no type information. Kinds it cannot encode are an error,
// which TestCacheCodecKeepsEveryField would catch.

type encoder struct{ b []byte }

func (e *encoder) uint(n uint64) { e.b = binary.AppendUvarint(e.b, n) }
func (e *encoder) int(n int64)   { e.b = binary.AppendVarint(e.b, n) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

func (e *encoder) value(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.b = append(e.b, 1)
		} else {
			e.b = append(e.b, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.uint(v.Uint())
	case reflect.Float64:
		e.uint(math.Float64bits(v.Float()))
	case reflect.String:
		e.str(v.String())
	case reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			for i := range v.Len() {
				e.b = append(e.b, byte(v.Index(i).Uint()))
			}
			return nil
		}
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		e.uint(uint64(v.Len()))
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return fmt.Errorf("cache codec: map key %s", v.Type().Key())
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		e.uint(uint64(len(keys)))
		for _, k := range keys {
			e.str(k.String())
			if err := e.value(v.MapIndex(k)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return nil
		}
		e.b = append(e.b, 1)
		return e.value(v.Elem())
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			if t.IsZero() {
				e.b = append(e.b, 0)
				return nil
			}
			_, off := t.Zone()
			e.b = append(e.b, 1)
			e.int(t.Unix())
			e.int(int64(t.Nanosecond()))
			e.int(int64(off))
			return nil
		}
		t := v.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			if err := e.value(v.Field(i)); err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name(), t.Field(i).Name, err)
			}
		}
	default:
		return fmt.Errorf("cache codec: cannot encode a %s", v.Type())
	}
	return nil
}

type decoder struct {
	b   []byte
	err error
	// names and zones are what name and time made, for reuse.
	names map[string]string
	zones map[int]*time.Location
	// shared says b is never modified, so strings may point into it
	// (see str).
	shared bool
}

var errShort = errors.New("cache codec: data cut short")

func (d *decoder) uint() uint64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.fail(errShort)
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *decoder) int() int64 {
	n, k := binary.Varint(d.b)
	if k <= 0 {
		d.fail(errShort)
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail(errShort)
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) { // every element takes a byte at least
		d.fail(errShort)
		return 0
	}
	return int(n)
}

// str reads a string. A decoder with shared set returns strings that
// share the decoded bytes rather than copies, which saves copying the
// cache file's 10 MB (at 10k articles) into thousands of strings: its
// bytes must never change afterwards.
func (d *decoder) str() string {
	b := d.next()
	if d.shared && len(b) > 0 {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}

// next reads a length and returns that many bytes.
func (d *decoder) next() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.b = nil
}

func (d *decoder) value(v reflect.Value) {
	if d.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(d.byte() == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(d.int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(d.uint())
	case reflect.Float64:
		v.SetFloat(math.Float64frombits(d.uint()))
	case reflect.String:
		v.SetString(d.str())
	case reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			if len(d.b) < v.Len() {
				d.fail(errShort)
				return
			}
			reflect.Copy(v, reflect.ValueOf(d.b[:v.Len()]))
			d.b = d.b[v.Len():]
			return
		}
		for i := range v.Len() {
			d.value(v.Index(i))
		}
	case reflect.Slice:
		n := d.count()
		if n == 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			d.value(s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		n := d.count()
		if n == 0 {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), n)
		for range n {
			k := d.str()
			e := reflect.New(v.Type().Elem()).Elem()
			d.value(e)
			m.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), e)
		}
		v.Set(m)
	case reflect.Pointer:
		if d.byte() == 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.value(p.Elem())
		v.Set(p)
	case reflect.Struct:
		if v.Type() == timeType {
			if d.byte() == 0 {
				return
			}
			sec, nsec, off := d.int(), d.int(), d.int()
			v.Set(reflect.ValueOf(time.Unix(sec, nsec).In(time.FixedZone("", int(off)))))
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				d.value(v.Field(i))
			}
		}
	default:
		d.fail(fmt.Errorf("cache codec: cannot decode a %s", v.Type()))
	}
}

// The article memos are most of a cache file, and every build decodes all
// of them: walked by reflection that took a one-article rebuild at 10k
// about 0.15 s of CPU, so they have a decoder of their own, reading what
// encoder.value writes for them. TestCacheCodecKeepsEveryField fills every
// field: one added to content.Article or articleMemo and not read here
// fails it.

// articleMemo reads a memo as encoder.value writes an articleMemo.
func (d *decoder) articleMemo(m *articleMemo) {
	d.sum(&m.Sum)
	m.Loc = d.str()
	if d.byte() == 1 {
		m.Article = &content.Article{}
		d.article(m.Article)
	}
	m.HasBody = d.bool()
	if n := d.count(); n > 0 {
		m.Rules = make([]ruleHit, n)
		for i := range m.Rules {
			m.Rules[i] = ruleHit{Sum: d.uint(), Takes: d.bool()}
		}
	}
	m.Matched = d.strs()
	m.Facts = d.bool()
	m.Words = int(d.int())
	m.Excerpt = d.str()
	m.Images = d.strs()
	m.NoteBase = d.str()
	m.Note = d.str()
	m.NamesOf = d.uint()
	m.Names = d.strs()
	d.sum(&m.SearchKey)
	if d.byte() == 1 {
		m.Search = &search.Analysis{Packed: d.str()}
	}
}

// article reads a content.Article as encoder.value writes one.
func (d *decoder) article(a *content.Article) {
	a.Path = d.str()
	a.Slug = d.str()
	a.Title = d.str()
	a.Date = d.time()
	a.DateFrom = d.str()
	a.Updated = d.time()
	a.DateOnly = d.bool()
	a.UpdatedDateOnly = d.bool()
	a.Source = d.str()
	a.SourceURL = d.str()
	a.Authors = d.strs()
	a.Tags = d.strs()
	a.Topics = d.strs()
	a.ExcludeTopics = d.strs()
	a.Summary = d.str()
	a.Image = d.str()
	a.Language = d.str()
	a.Story = d.str()
	a.Lead = d.bool()
	a.Publish = d.str()
	a.Note = d.str()
	a.Draft = d.bool()
	a.Body = d.str()
	a.BodyLine = int(d.int())
	a.Imported = d.time()
	a.ScrapedFrom = d.str()
	a.Fingerprint = d.str()
	if n := d.count(); n > 0 {
		a.ImportHashes = make(map[string]string, n)
		for range n {
			k := d.name()
			a.ImportHashes[k] = d.str()
		}
	}
	a.ImportedTopics = d.strs()
	if n := d.count(); n > 0 {
		a.Lines = make(map[string]int, n)
		for range n {
			k := d.name()
			a.Lines[k] = int(d.int())
		}
	}
}

func (d *decoder) bool() bool { return d.byte() == 1 }

func (d *decoder) sum(s *[sha256.Size]byte) {
	if len(d.b) < len(s) {
		d.fail(errShort)
		return
	}
	copy(s[:], d.b)
	d.b = d.b[len(s):]
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	s := make([]string, n)
	for i := range s {
		s[i] = d.str()
	}
	return s
}

// name reads a string that many records repeat (front matter keys),
// allocated once per decoder.
func (d *decoder) name() string {
	b := d.next()
	if s, ok := d.names[string(b)]; ok {
		return s
	}
	if d.names == nil {
		d.names = map[string]string{}
	}
	s := string(b)
	d.names[s] = s
	return s
}

// time reads a time as encoder.value writes one, in a fixed zone made
// once per offset and decoder.
func (d *decoder) time() time.Time {
	if d.byte() == 0 {
		return time.Time{}
	}
	sec, nsec, off := d.int(), d.int(), int(d.int())
	loc, ok := d.zones[off]
	if !ok {
		if d.zones == nil {
			d.zones = map[int]*time.Location{}
		}
		loc = time.FixedZone("", off)
		d.zones[off] = loc
	}
	return time.Unix(sec, nsec).In(loc)
}
