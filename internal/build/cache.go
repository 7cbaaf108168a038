package build

import (
	"context"
	"crypto/sha256"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/images"
	"github.com/brief-ssg/brief/internal/related"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/search"
	"github.com/brief-ssg/brief/internal/site"
)

// A Cache is what one build of a site lends the next: every rule about
// what may be reused lives here. A one-off build passes none
// (Options.Cache nil) and reads and computes everything; `brief serve`
// keeps one in memory between rebuilds; `brief build` (ToDir) keeps one in
// a file beside the output's manifest, so that the next run starts from
// it. A Cache holds no output: files are carried over by the output
// writer (output.Keyed), by the input keys the build computes.
//
// What it keeps, and when each piece is valid:
//
//   - Every input file's size, modification time and SHA-256. A file is
//     not read again when its size and modification time are those
//     recorded, its modification time is known (not zero, as in-memory
//     file systems give) and older than the scan that recorded it by more
//     than racySlack (so that a write in the same clock tick as that scan
//     cannot hide), and nobody reported it through Changed. On a Watched
//     cache, a file nobody reported is not even looked at. Any other file
//     is read and hashed.
//   - Each article's parsed front matter, keyed by path, SHA-256 of the
//     file and the time zone its dates were read in; its body is kept in
//     memory but not in the cache file, and read again when a page needs
//     it.
//   - What the build derives from one article alone: the topics whose
//     rules take it (each topic's answer valid for its slug and rules), its word
//     count and excerpt (valid with the file), and its rendered note
//     (valid for one base path).
//   - Plain pages and topic intros, parsed, keyed like articles.
//   - The last ranking of related articles (internal/related): what each
//     article's list was ranked from and the lists, so that the next
//     build ranks again only the lists a changed article can reach
//     (related.Update); valid for one list length.
//   - In memory only: site.yaml parsed (keyed by its SHA-256 and
//     --base-url), the templates parsed (keyed by the SHA-256 of every
//     file of templates/), and, on a watched cache, the merged search
//     index (search.Index, which checks each article's analysis itself).
//
// Anything else (the model, the pages, the feeds) is made anew by every
// build, and which output files are rendered again is decided by their
// input keys (keys.go), not by the cache. A stale or corrupt cache can
// only cost time: every entry is checked against the file it came from,
// and a cache file from another brief, or one that does not decode, is
// ignored.
//
// A Cache is used by one build at a time.
type Cache struct {
	// watched says every change is reported through Changed.
	watched bool
	// scanned is when the scan that recorded files began.
	scanned time.Time
	files   map[string]fileRecord
	// dirty holds the paths reported by Changed since the last scan.
	dirty map[string]bool

	articles map[string]*articleMemo
	others   map[string]*otherMemo

	cfg  *configMemo
	tmpl *templatesMemo
	// ranking is the last ranking of related articles.
	ranking *rankingMemo
	// imageInfo holds the sizes of the pictures builds have read, by
	// hash (in memory only: reading a header costs little).
	imageInfo map[[sha256.Size]byte]images.Info
	// search is the merged search index of the last build (in memory
	// only, on a watched cache), which the next updates rather than
	// merging every article's kept analysis anew.
	search *search.Index
}

// searchIndex is the cache's merged search index; nil but on a watched
// cache (`brief serve`'s), the one kind that outlives its build: for a
// one-off build, or one whose cache is read from a file, holding it
// would only keep every posting in memory while the pages render.
func (c *Cache) searchIndex() *search.Index {
	if c == nil || !c.watched {
		return nil
	}
	if c.search == nil {
		c.search = &search.Index{}
	}
	return c.search
}

// imageInfos is the cache's map of picture sizes, or a fresh one for a
// build without a cache.
func (c *Cache) imageInfos() map[[sha256.Size]byte]images.Info {
	if c == nil {
		return map[[sha256.Size]byte]images.Info{}
	}
	if c.imageInfo == nil {
		c.imageInfo = map[[sha256.Size]byte]images.Info{}
	}
	return c.imageInfo
}

// racySlack is how much older than the recording scan a file's
// modification time must be for size and time alone to vouch for it:
// file systems with coarse clocks give a file written just after the scan
// the same time as one written just before.
const racySlack = 2 * time.Second

// fileRecord identifies an input file's bytes.
type fileRecord struct {
	Size, Mtime int64
	Sum         [sha256.Size]byte
}

// articleMemo is one article file, parsed, with what the build derives
// from it alone.
type articleMemo struct {
	mu      sync.Mutex // guards reading the body again
	Sum     [sha256.Size]byte
	Loc     string
	Article *content.Article
	// HasBody says Article.Body holds the body; a memo read from a cache
	// file has none until a page needs it.
	HasBody bool

	// Rules holds, for each topic whose rules were run on the article
	// (by the sum of its slug and rules, ruleSum), whether they take it:
	// a new or changed topic runs its rules alone, the others keep
	// their answers.
	Rules   []ruleHit
	Matched []string // slugs of the topics whose rules take it, in site.yaml's order
	Facts   bool     // Words, Excerpt and Images are set
	Words   int
	Excerpt string
	// Images are the addresses of the body's images, as written.
	Images []string
	// NoteBase is the base path Note was rendered for; "" when none is.
	NoteBase string
	Note     string
	// noteTeaser is the line of the note lists show (render.Article's
	// NoteTeaser), made once per memo and kept in memory only.
	noteTeaser string
	// Names are the names related.Names finds in the text whose FNV-1a
	// hash is NamesOf (the headline and summary its list entry shows);
	// NamesOf is 0 when none were looked for.
	NamesOf uint64
	Names   []string
	// Search is the search index's analysis of the article, worked out
	// from the inputs whose hash is SearchKey (searchKey); nil until a
	// build with search on indexes it (search.go).
	SearchKey [sha256.Size]byte
	Search    *search.Analysis

	// enc is the memo as the cache file holds it (cachefile.go), kept
	// from the file it was read from or the last one written, so that
	// writing the cache re-encodes only the memos a build changed; nil
	// once anything above changes (see touch).
	enc []byte
}

// ruleHit is one topic's rules' answer for an article.
type ruleHit struct {
	Sum   uint64
	Takes bool
}

// keptSearch returns the search index's analysis kept for key, or nil.
func (m *articleMemo) keptSearch(key [sha256.Size]byte) *search.Analysis {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Search == nil || m.SearchKey != key {
		return nil
	}
	return m.Search
}

// keepSearch keeps the search index's analysis a for key.
func (m *articleMemo) keepSearch(key [sha256.Size]byte, a *search.Analysis) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.SearchKey, m.Search = key, a
	m.touch()
}

// touch marks the memo changed since it was last read from or written to
// a cache file. Whatever sets a field of a memo calls it.
func (m *articleMemo) touch() { m.enc = nil }

// rankingMemo is a ranking of related articles: the lists
// related.Rank(Docs, K) returns.
type rankingMemo struct {
	K     int
	Docs  []related.Doc
	Lists [][]int
}

// rank ranks the related articles of docs, reusing and keeping the
// cache's last ranking; a build without a cache ranks them all.
func (c *Cache) rank(ctx context.Context, docs []related.Doc, k, workers int) ([][]int, error) {
	if c == nil {
		return related.Rank(ctx, docs, k, workers)
	}
	var prevDocs []related.Doc
	var prevLists [][]int
	if r := c.ranking; r != nil && r.K == k {
		prevDocs, prevLists = r.Docs, r.Lists
	}
	lists, err := related.Update(ctx, prevDocs, prevLists, docs, k, workers)
	if err != nil {
		return nil, err
	}
	c.ranking = &rankingMemo{K: k, Docs: docs, Lists: lists}
	return lists, nil
}

// otherMemo is a plain page or topic intro, parsed.
type otherMemo struct {
	Sum  [sha256.Size]byte
	Loc  string
	File content.Parsed
}

type configMemo struct {
	sum     [sha256.Size]byte
	baseURL string
	cfg     *site.Config
	err     error
}

type templatesMemo struct {
	sum  [sha256.Size]byte
	tmpl *render.Templates
	err  error
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{
		files: map[string]fileRecord{}, dirty: map[string]bool{},
		articles: map[string]*articleMemo{}, others: map[string]*otherMemo{},
	}
}

// Watch promises that from now on every change to the site is reported
// through Changed (a file watcher does that), so that a rebuild looks
// only at what was reported and at files it does not know.
func (c *Cache) Watch() { c.watched = true }

// Changed reports paths (slash-separated, relative to the site's root:
// "content/articles/x.md", "templates", "site.yaml") as changed: the next
// build reads them, and everything below a reported folder, again. A path
// the cache cannot place, such as ".", makes it forget everything.
func (c *Cache) Changed(paths ...string) {
	for _, p := range paths {
		if p == "." || p == "" {
			*c = Cache{watched: c.watched, files: map[string]fileRecord{}, dirty: map[string]bool{},
				articles: map[string]*articleMemo{}, others: map[string]*otherMemo{}}
			continue
		}
		c.dirty[p] = true
	}
}

// isDirty reports whether p, or a folder holding it, was reported.
func (c *Cache) isDirty(p string) bool {
	if len(c.dirty) == 0 {
		return false
	}
	for q := p; ; {
		if c.dirty[q] {
			return true
		}
		i := strings.LastIndexByte(q, '/')
		if i < 0 {
			return false
		}
		q = q[:i]
	}
}

// trustsUnseen reports whether p may be taken as unchanged without even
// a stat: a watched cache that knows p and was not told it changed.
func (c *Cache) trustsUnseen(p string) bool {
	if c == nil || !c.watched {
		return false
	}
	_, ok := c.files[p]
	return ok && !c.isDirty(p)
}

// recorded returns what the cache knows of p.
func (c *Cache) recorded(p string) (size, mtime int64, sum [sha256.Size]byte) {
	r := c.files[p]
	return r.Size, r.Mtime, r.Sum
}

// trusts returns p's recorded sum when its size and modification time
// vouch for it (see Cache).
func (c *Cache) trusts(p string, size, mtime int64) ([sha256.Size]byte, bool) {
	if c == nil || mtime == 0 || c.isDirty(p) {
		return [sha256.Size]byte{}, false
	}
	r, ok := c.files[p]
	if !ok || r.Size != size || r.Mtime != mtime || mtime >= c.scanned.Add(-racySlack).UnixNano() {
		return [sha256.Size]byte{}, false
	}
	return r.Sum, true
}

// record keeps what a scan that began at start found, and forgets the
// memos of files that are gone.
func (c *Cache) record(in *inputs, start time.Time) {
	if c == nil {
		return
	}
	files := make(map[string]fileRecord, len(in.files))
	for _, f := range in.files {
		if f.err == nil {
			files[f.path] = fileRecord{Size: f.size, Mtime: f.mtime, Sum: f.sum}
		}
	}
	c.files, c.scanned = files, start
	clear(c.dirty)
	for p := range c.articles {
		if _, ok := files[p]; !ok {
			delete(c.articles, p)
		}
	}
	for p := range c.others {
		if _, ok := files[p]; !ok {
			delete(c.others, p)
		}
	}
}
