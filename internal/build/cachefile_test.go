package build

import (
	"reflect"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/related"
)

// fill sets every exported field of v (recursively) to a value that is
// not its zero value, so that a field the codec dropped shows.
func fill(t *testing.T, v reflect.Value, n *int) {
	t.Helper()
	*n++
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)))
	case reflect.Array:
		for i := range v.Len() {
			fill(t, v.Index(i), n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(t, s.Index(0), n)
		fill(t, s.Index(1), n)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		fill(t, e, n)
		m.SetMapIndex(reflect.ValueOf("k"), e)
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(t, p.Elem(), n)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(time.Date(2025, 3, 4, 5, 6, 7, 8, time.FixedZone("", 3600*(*n%12)))))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(t, v.Field(i), n)
			}
		}
	default:
		t.Fatalf("fill: %s", v.Type())
	}
}

// TestCacheCodecKeepsEveryField round-trips a cache whose memos have
// every field set: a field added to content.Article or the memos that the
// cache file dropped would make a build from the cache differ from a
// fresh one.
func TestCacheCodecKeepsEveryField(t *testing.T) {
	n := 0
	var am articleMemo
	fill(t, reflect.ValueOf(&am).Elem(), &n)
	am.Article.Body = "" // bodies are not kept
	am.HasBody = false
	am.Article.Path = "content/articles/a.md"
	var page content.Page
	fill(t, reflect.ValueOf(&page).Elem(), &n)
	c := NewCache()
	c.scanned = time.Unix(1700000000, 5)
	c.files["content/articles/a.md"] = fileRecord{Size: 3, Mtime: 4, Sum: [32]byte{1, 2}}
	c.articles[am.Article.Path] = &am
	c.others["content/pages/p.md"] = &otherMemo{Sum: [32]byte{9}, Loc: "UTC", File: content.Parsed{Path: "content/pages/p.md", Page: &page}}
	var doc related.Doc
	fill(t, reflect.ValueOf(&doc).Elem(), &n)
	c.ranking = &rankingMemo{K: 9, Docs: []related.Doc{doc, {}}, Lists: [][]int{{1}, nil}}
	data, err := c.encode("tool")
	if err != nil {
		t.Fatal(err)
	}
	got := decodeCache(data, "tool")
	if !reflect.DeepEqual(got.ranking, c.ranking) {
		t.Errorf("ranking changed:\n got %+v\nwant %+v", got.ranking, c.ranking)
	}
	c.ranking.Lists[0] = []int{2} // past the docs, as a damaged file could say
	if bad, err := c.encode("tool"); err != nil || decodeCache(bad, "tool").ranking != nil {
		t.Errorf("a ranking naming doc 2 of 2 was kept (%v)", err)
	}
	if !got.scanned.Equal(c.scanned) || !reflect.DeepEqual(got.files, c.files) {
		t.Errorf("files: got %v at %v", got.files, got.scanned)
	}
	ga := got.articles[am.Article.Path]
	if ga == nil {
		t.Fatal("article memo lost")
	}
	if !sameValue(reflect.ValueOf(ga).Elem(), reflect.ValueOf(&am).Elem()) {
		t.Errorf("article memo changed:\n got %+v\nwant %+v", ga.Article, am.Article)
	}
	if gp := got.others["content/pages/p.md"]; gp == nil || !reflect.DeepEqual(gp.File.Page, &page) {
		t.Errorf("page memo changed: %+v", gp)
	}
	if len(decodeCache(data, "other tool").articles) != 0 {
		t.Error("another brief's cache was used")
	}
	for _, bad := range [][]byte{nil, []byte("junk"), data[:len(data)/2], append(append([]byte(nil), data...), 0)} {
		if len(decodeCache(bad, "tool").articles) != 0 {
			t.Errorf("a corrupt cache of %d bytes was used", len(bad))
		}
	}
}

// sameValue compares exported fields, times by instant and offset.
func sameValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Struct:
		if a.Type() == timeType {
			ta, tb := a.Interface().(time.Time), b.Interface().(time.Time)
			_, oa := ta.Zone()
			_, ob := tb.Zone()
			return ta.Equal(tb) && oa == ob
		}
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() && !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !sameValue(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	}
	return a.Interface() == b.Interface()
}

// TestCacheFileReencodesTouchedMemos checks that a memo read from a cache
// file is written back from its kept bytes until something changes it,
// and encoded again after.
func TestCacheFileReencodesTouchedMemos(t *testing.T) {
	c := NewCache()
	a := &content.Article{Path: "content/articles/a.md", Title: "A"}
	c.articles[a.Path] = &articleMemo{Loc: "UTC", Article: a, Matched: []string{"x"}}
	data, err := c.encode("tool")
	if err != nil {
		t.Fatal(err)
	}
	got := decodeCache(data, "tool")
	m := got.articles[a.Path]
	if m == nil || m.enc == nil {
		t.Fatal("the memo's bytes were not kept")
	}
	again, err := got.encode("tool")
	if err != nil || string(again) != string(data) {
		t.Fatalf("an untouched cache was written differently (%v)", err)
	}
	m.Matched = []string{"y"}
	m.touch()
	data, err = got.encode("tool")
	if err != nil {
		t.Fatal(err)
	}
	if m := decodeCache(data, "tool").articles[a.Path]; m == nil || len(m.Matched) != 1 || m.Matched[0] != "y" {
		t.Errorf("a touched memo was written as it was read: %+v", m)
	}
}
