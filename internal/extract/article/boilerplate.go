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
type Boilerplate struct {
	// MinPages is how many distinct pages a block must appear on; values
	// below 2 mean 2.
	MinPages int

	mu    sync.Mutex
	sites map[string]*siteBlocks
}

type siteBlocks struct {
	pages  int
	counts map[uint64]int
}

// NewBoilerplate returns an empty store that needs a block on two pages.
func NewBoilerplate() *Boilerplate { return &Boilerplate{MinPages: 2} }

// Learn records the blocks of one page of site (a host name or publisher
// name; callers pick one key per site and stick to it). A block repeated
// within the page counts once.
func (b *Boilerplate) Learn(site string, blocks []string) {
	if b == nil || site == "" {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sites == nil {
		b.sites = map[string]*siteBlocks{}
	}
	s := b.sites[site]
	if s == nil {
		s = &siteBlocks{counts: map[uint64]int{}}
		b.sites[site] = s
	}
	s.pages++
	seen := map[uint64]bool{}
	for _, blk := range blocks {
		h, ok := blockHash(blk)
		if !ok || seen[h] {
			continue
		}
		seen[h] = true
		s.counts[h]++
	}
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
	h := fnv.New64a()
	h.Write([]byte(k))
	return h.Sum64(), k != ""
}
