package article

import (
	"hash/fnv"
	"sync"
)

// Boilerplate learns which blocks of text repeat across the pages of one
// site: navigation, "Related" headings, footers, newsletter boxes. A block
// seen on at least MinPages different pages of a site is boilerplate there,
// whatever markup it hides in. It is safe for concurrent use.
//
// Use it in two passes: Learn every page's blocks, then extract each page
// with Options.Boilerplate set.
//
// Copies of one article (its AMP or print page, the same story filed under
// two sections, two captures of it in an archive) share their paragraphs,
// which would make the article look like its own boilerplate and leave
// every copy empty. So a page that shares, with one earlier page and no
// other yet, most of its own prose and most of that page's is taken for a
// copy of that page and not learnt. (Both ways, because the second page
// of a site shares its furniture with the first alone: that is most of a
// short page's prose, but not most of the first page's unless the first
// is all furniture too.) Add replays saved pages through the same test, so
// shards added in order know each other's copies.
type Boilerplate struct {
	// MinPages is how many distinct pages a block must appear on; values
	// below 2 mean 2.
	MinPages int
	// KeepPages makes Learn keep the blocks of every page, in order, so
	// that WriteTo can save them for another store to replay (Add). It
	// costs about 12 bytes a block.
	KeepPages bool

	mu    sync.Mutex
	sites map[string]*siteBlocks
	kept  []keptPage // with KeepPages, every page learnt, copies included
}

// keptPage is one page given to Learn, as WriteTo saves it.
type keptPage struct {
	site   string
	blocks []foldedBlock
}

// foldedBlock is a block as Learn weighs it: its Fold's hash, and the
// Fold's length when the block is prose (proseBytes), else 0.
type foldedBlock struct {
	h     uint64
	prose int
}

type siteBlocks struct {
	pages  int
	counts map[uint64]int
	// first is, for each prose block (proseBytes), the number of the
	// page that first held it (0 for the site's first page), and prose
	// each page's folded prose in bytes, by number.
	first map[uint64]int32
	prose []int
}

// proseBytes is the folded length from which a block counts as prose, a
// sentence or more (about seven words), for telling copies apart from
// pages that merely share a site's furniture.
const proseBytes = 40

// copyShare is the share of its prose, and of the earlier page's, that a
// page must have in common with one earlier page alone to be taken for a
// copy of it, and copyMinBytes the folded prose a page needs for the test
// to mean anything (about twenty words).
const (
	copyShare    = 0.5
	copyMinBytes = 100
)

// NewBoilerplate returns an empty store that needs a block on two pages.
func NewBoilerplate() *Boilerplate { return &Boilerplate{MinPages: 2} }

// Learn records the blocks of one page of site (a host name or publisher
// name; callers pick one key per site and stick to it). A block repeated
// within the page counts once. It reports false, learning nothing, when
// the page is a copy of one learnt before (see Boilerplate).
func (b *Boilerplate) Learn(site string, blocks []string) bool {
	if b == nil || site == "" {
		return false
	}
	var page []foldedBlock
	seen := map[uint64]bool{}
	for _, blk := range blocks {
		k := Fold(blk)
		if k == "" {
			continue
		}
		h := foldHash(k)
		if seen[h] {
			continue
		}
		seen[h] = true
		bl := foldedBlock{h: h}
		if len(k) >= proseBytes {
			bl.prose = len(k)
		}
		page = append(page, bl)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.KeepPages {
		b.kept = append(b.kept, keptPage{site, page})
	}
	return b.learn(site, page)
}

// learn counts the blocks of one page, unless it is a copy of one learnt
// before. b.mu is held.
func (b *Boilerplate) learn(site string, page []foldedBlock) bool {
	prose := 0
	for _, bl := range page {
		prose += bl.prose
	}
	if b.sites == nil {
		b.sites = map[string]*siteBlocks{}
	}
	s := b.sites[site]
	if s == nil {
		s = &siteBlocks{counts: map[uint64]int{}, first: map[uint64]int32{}}
		b.sites[site] = s
	}
	if prose >= copyMinBytes {
		// Prose already on one earlier page and on no other is either
		// that page's article or furniture only the two share; when it is
		// most of this page's prose and of that page's, this page is that
		// article again.
		shared := map[int32]int{}
		for _, bl := range page {
			if bl.prose == 0 || s.counts[bl.h] != 1 {
				continue
			}
			if p, ok := s.first[bl.h]; ok {
				shared[p] += bl.prose
			}
		}
		for p, n := range shared {
			if float64(n) >= copyShare*float64(prose) && float64(n) >= copyShare*float64(s.prose[p]) {
				return false
			}
		}
	}
	for _, bl := range page {
		if bl.prose > 0 && s.counts[bl.h] == 0 {
			s.first[bl.h] = int32(s.pages)
		}
		s.counts[bl.h]++
	}
	s.pages++
	s.prose = append(s.prose, prose)
	return true
}

// Pages reports how many pages of site were learnt.
func (b *Boilerplate) Pages(site string) int {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if s := b.sites[site]; s != nil {
		return s.pages
	}
	return 0
}

// Repeated reports whether block was seen on enough pages of site to be
// boilerplate there.
func (b *Boilerplate) Repeated(site, block string) bool {
	if b == nil {
		return false
	}
	h, ok := blockHash(block)
	if !ok {
		return false
	}
	minPages := max(b.MinPages, 2)
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.sites[site]
	return s != nil && s.counts[h] >= minPages
}

// blockHash fingerprints a block by its Fold, so that spacing,
// punctuation and counters' formatting do not hide a repeat. Blocks with
// no letters or digits are not fingerprinted.
func blockHash(s string) (uint64, bool) {
	k := Fold(s)
	return foldHash(k), k != ""
}

func foldHash(k string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	return h.Sum64()
}
