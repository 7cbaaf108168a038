package build

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"sort"
	"time"

	"github.com/brief-ssg/brief/internal/content"
)

// CacheKind names the file, hidden beside the build folder `brief build`
// writes (output.Beside: public/ has .public-cache), that keeps its Cache
// for the next run. It holds drafts' and future articles' front matter, so
// it never goes inside the folder that is published.
const CacheKind = "cache"

// cacheFormat starts every cache file; a file in another format is
// ignored.
const cacheFormat = "brief cache v8"

// cacheData is a Cache as a cache file holds it, but for its articles,
// which follow it in the file: by path, sorted, each a length and its memo
// encoded without the article's body, which the next build reads again
// from its file when it needs it. Each memo's bytes are kept with it
// (articleMemo.enc), so that the next cache file is mostly copied, not
// encoded again.
type cacheData struct {
	Format  string
	Tool    string
	Scanned int64
	Files   map[string]fileRecord
	Pages   map[string]*pageMemo
	Ranking *rankingMemo
}

// pageMemo is an otherMemo in a cache file.
type pageMemo struct {
	Sum   [32]byte
	Loc   string
	Page  *content.Page
	Intro *content.Intro
	// Edition is an edition's intro.
	Edition *content.EditionIntro
}

// encode returns the cache file for a brief identified by tool.
func (c *Cache) encode(tool string) ([]byte, error) {
	var b bytes.Buffer
	_, err := cacheFile{c, tool}.WriteTo(&b)
	return b.Bytes(), err
}

// cacheFile is a Cache as written for a brief identified by tool.
type cacheFile struct {
	c    *Cache
	tool string
}

// WriteTo writes the cache file to w. The file is mostly the memos' kept
// bytes (10 MB at 10k articles), which go to w as they are: assembling
// them in one slice first cost a one-article rebuild more than all its
// rendering (a dozen regrowths of a 10 MB slice).
func (f cacheFile) WriteTo(w io.Writer) (int64, error) {
	c := f.c
	d := cacheData{
		Format: cacheFormat, Tool: f.tool, Scanned: c.scanned.UnixNano(), Files: c.files,
		Pages: make(map[string]*pageMemo, len(c.others)), Ranking: c.ranking,
	}
	for p, m := range c.others {
		d.Pages[p] = &pageMemo{Sum: m.Sum, Loc: m.Loc, Page: m.File.Page, Intro: m.File.Intro, Edition: m.File.Edition}
	}
	e := encoder{b: make([]byte, 0, 64<<10+len(c.files)*64)}
	if err := e.value(reflect.ValueOf(d)); err != nil {
		return 0, fmt.Errorf("build: writing the cache: %w", err)
	}
	paths := make([]string, 0, len(c.articles))
	for p := range c.articles {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	e.uint(uint64(len(paths)))
	var n int64
	write := func(b []byte) error {
		k, err := w.Write(b)
		n += int64(k)
		return err
	}
	for _, p := range paths {
		m := c.articles[p]
		if m.enc == nil {
			a := *m.Article
			a.Body = ""
			rec := encoder{}
			err := rec.value(reflect.ValueOf(articleMemo{
				Sum: m.Sum, Loc: m.Loc, Article: &a, Rules: m.Rules, Matched: m.Matched,
				Facts: m.Facts, Words: m.Words, Excerpt: m.Excerpt, Images: m.Images, NoteBase: m.NoteBase, Note: m.Note,
				NamesOf: m.NamesOf, Names: m.Names,
				SearchKey: m.SearchKey, Search: m.Search,
			}))
			if err != nil {
				return n, fmt.Errorf("build: writing the cache: %w", err)
			}
			m.enc = rec.b
		}
		e.str(p)
		e.uint(uint64(len(m.enc)))
		if err := write(e.b); err != nil {
			return n, err
		}
		if err := write(m.enc); err != nil {
			return n, err
		}
		e.b = e.b[:0]
	}
	return n, write(e.b)
}

// decodeCache reads a cache file written by encode for the same tool; it
// returns an empty cache for anything else, which costs the build time,
// never correctness. The cache's strings share data's bytes, which must
// not change afterwards.
func decodeCache(data []byte, tool string) *Cache {
	c := NewCache()
	if len(data) == 0 || tool == "" {
		return c
	}
	var d cacheData
	// The format and tool come first: a file of another brief is not
	// decoded further.
	dec := decoder{b: data, shared: true}
	if dec.str() != cacheFormat || dec.str() != tool || dec.err != nil {
		return c
	}
	// Then what encoder.value writes for cacheData's fields, in order:
	// its files (one record per input file) read by hand, like the
	// memos below, and the rest by reflection.
	d.Format, d.Tool = cacheFormat, tool
	d.Scanned = dec.int()
	if n := dec.count(); n > 0 {
		d.Files = make(map[string]fileRecord, n)
		for range n {
			p := dec.str()
			r := fileRecord{Size: dec.int(), Mtime: dec.int()}
			dec.sum(&r.Sum)
			d.Files[p] = r
		}
	}
	dec.value(reflect.ValueOf(&d.Pages).Elem())
	if dec.value(reflect.ValueOf(&d.Ranking).Elem()); dec.err != nil {
		return c
	}
	n := dec.count()
	articles := make(map[string]*articleMemo, n)
	// One decoder for every memo, so that its zones and names are shared.
	rd := decoder{shared: true}
	for range n {
		p := dec.str()
		size := dec.count()
		if dec.err != nil {
			return c
		}
		rec := dec.b[:size:size]
		dec.b = dec.b[size:]
		m := &articleMemo{}
		rd.b = rec
		if rd.articleMemo(m); rd.err != nil || len(rd.b) != 0 {
			return c
		}
		m.enc = rec
		articles[p] = m
	}
	if dec.err != nil || len(dec.b) != 0 {
		return c
	}
	c.scanned = time.Unix(0, d.Scanned)
	if d.Files != nil {
		c.files = d.Files
	}
	for p, m := range articles {
		if m == nil || m.Article == nil || m.Article.Path != p {
			continue
		}
		c.articles[p] = m
	}
	if r := d.Ranking; r != nil && validRanking(r) {
		c.ranking = r
	}
	for p, m := range d.Pages {
		if m == nil || btoi(m.Page != nil)+btoi(m.Intro != nil)+btoi(m.Edition != nil) != 1 {
			continue
		}
		c.others[p] = &otherMemo{Sum: m.Sum, Loc: m.Loc, File: content.Parsed{Path: p, Page: m.Page, Intro: m.Intro, Edition: m.Edition}}
	}
	return c
}

// validRanking reports whether r's lists fit its docs: a damaged file
// must not send a build indexing past its articles.
func validRanking(r *rankingMemo) bool {
	if len(r.Lists) != len(r.Docs) {
		return false
	}
	for _, l := range r.Lists {
		for _, j := range l {
			if j < 0 || j >= len(r.Docs) {
				return false
			}
		}
	}
	return true
}

// btoi is 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
