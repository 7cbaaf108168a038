package article

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// blocksMagic opens a saved Boilerplate, with its format's version.
const blocksMagic = "brief-blocks 2\n"

// ErrNotKept reports a WriteTo on a store that did not keep its pages.
var ErrNotKept = errors.New("the store did not keep its pages (set KeepPages before learning)")

// WriteTo saves what b learnt, gzipped: every page given to Learn (or
// replayed by Add), in order, as its site and its blocks' hashes, so that
// Add can replay them. It needs KeepPages set before learning (else
// ErrNotKept). Saving pages rather than counts lets a store that adds the
// files of several shards, in the order one import would read them, tell
// copies of one article in two shards apart as that import would. It is
// how shards of one import share what each learnt (brief import --learn).
func (b *Boilerplate) WriteTo(w io.Writer) (int64, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.KeepPages {
		return 0, ErrNotKept
	}
	sites := map[string]int{}
	for _, p := range b.kept {
		sites[p.site] = 0
	}
	names := slices.Sorted(maps.Keys(sites))
	for i, name := range names {
		sites[name] = i
	}
	cw := &countWriter{w: w}
	z := gzip.NewWriter(cw)
	bw := bufio.NewWriter(z)
	var buf []byte
	buf = append(buf, blocksMagic...)
	buf = binary.AppendUvarint(buf, uint64(len(names)))
	for _, name := range names {
		buf = binary.AppendUvarint(buf, uint64(len(name)))
		buf = append(buf, name...)
	}
	buf = binary.AppendUvarint(buf, uint64(len(b.kept)))
	for _, p := range b.kept {
		buf = binary.AppendUvarint(buf, uint64(sites[p.site]))
		buf = binary.AppendUvarint(buf, uint64(len(p.blocks)))
		for _, bl := range p.blocks {
			buf = binary.LittleEndian.AppendUint64(buf, bl.h)
			buf = binary.AppendUvarint(buf, uint64(bl.prose))
		}
		bw.Write(buf)
		buf = buf[:0]
	}
	bw.Write(buf)
	err := bw.Flush()
	if cerr := z.Close(); err == nil {
		err = cerr
	}
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ErrBlocksFile reports a file that WriteTo did not write.
var ErrBlocksFile = errors.New("not a file of learnt blocks (brief import --learn writes them)")

// Add replays the pages saved by WriteTo into b, as if b had learnt them
// there and then: files added in the order one import would read their
// shards leave b as that import's store. On error, b may hold part of the
// file.
func (b *Boilerplate) Add(r io.Reader) error {
	z, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBlocksFile, err)
	}
	br := bufio.NewReader(z)
	magic := make([]byte, len(blocksMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != blocksMagic {
		if strings.HasPrefix(string(magic), "brief-blocks ") {
			return fmt.Errorf("%w: written by another version of brief; run brief import --learn again", ErrBlocksFile)
		}
		return ErrBlocksFile
	}
	bad := func(err error) error {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("%w: %w", ErrBlocksFile, err)
	}
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return bad(err)
	}
	if n > 1<<24 {
		return bad(fmt.Errorf("%d sites", n))
	}
	var names []string
	for range n {
		l, err := binary.ReadUvarint(br)
		if err != nil || l > 4096 {
			return bad(fmt.Errorf("a site name of %d bytes: %v", l, err))
		}
		name := make([]byte, l)
		if _, err := io.ReadFull(br, name); err != nil {
			return bad(err)
		}
		names = append(names, string(name))
	}
	pages, err := binary.ReadUvarint(br)
	if err != nil {
		return bad(err)
	}
	var h [8]byte
	for range pages {
		site, err := binary.ReadUvarint(br)
		if err != nil {
			return bad(err)
		}
		if site >= uint64(len(names)) {
			return bad(fmt.Errorf("site %d of %d", site, len(names)))
		}
		count, err := binary.ReadUvarint(br)
		if err != nil {
			return bad(err)
		}
		if count > 1<<20 {
			return bad(fmt.Errorf("a page of %d blocks", count))
		}
		page := make([]foldedBlock, 0, count)
		for range count {
			if _, err := io.ReadFull(br, h[:]); err != nil {
				return bad(err)
			}
			prose, err := binary.ReadUvarint(br)
			if err != nil {
				return bad(err)
			}
			page = append(page, foldedBlock{h: binary.LittleEndian.Uint64(h[:]), prose: int(min(prose, 1<<30))})
		}
		b.mu.Lock()
		if b.KeepPages {
			b.kept = append(b.kept, keptPage{names[site], page})
		}
		b.learn(names[site], page)
		b.mu.Unlock()
	}
	return nil
}
