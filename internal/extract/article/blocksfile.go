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
)

// blocksMagic opens a saved Boilerplate, with its format's version.
const blocksMagic = "brief-blocks 1\n"

// WriteTo saves what b learnt: for each site, its page count and how many
// pages held each block, gzipped, in a form that Add reads back and that
// depends only on what was learnt (sites and blocks are sorted). It is how
// shards of one import share what each learnt (brief import --learn).
func (b *Boilerplate) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	z := gzip.NewWriter(cw)
	bw := bufio.NewWriter(z)
	b.mu.Lock()
	var buf []byte
	buf = append(buf, blocksMagic...)
	buf = binary.AppendUvarint(buf, uint64(len(b.sites)))
	for _, site := range slices.Sorted(maps.Keys(b.sites)) {
		s := b.sites[site]
		buf = binary.AppendUvarint(buf, uint64(len(site)))
		buf = append(buf, site...)
		buf = binary.AppendUvarint(buf, uint64(s.pages))
		buf = binary.AppendUvarint(buf, uint64(len(s.counts)))
		for _, h := range slices.Sorted(maps.Keys(s.counts)) {
			buf = binary.AppendUvarint(buf, h)
			buf = binary.AppendUvarint(buf, uint64(s.counts[h]))
		}
		bw.Write(buf)
		buf = buf[:0]
	}
	bw.Write(buf)
	b.mu.Unlock()
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

// Add adds the blocks saved by WriteTo to what b has learnt, as if b had
// learnt those pages too: counts add up, so that the stores of several
// shards add up to the store of one import of them all. On error, b may
// hold part of the file.
func (b *Boilerplate) Add(r io.Reader) error {
	z, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBlocksFile, err)
	}
	br := bufio.NewReader(z)
	magic := make([]byte, len(blocksMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != blocksMagic {
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
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sites == nil {
		b.sites = map[string]*siteBlocks{}
	}
	for range n {
		l, err := binary.ReadUvarint(br)
		if err != nil || l > 4096 {
			return bad(fmt.Errorf("a site name of %d bytes: %v", l, err))
		}
		name := make([]byte, l)
		if _, err := io.ReadFull(br, name); err != nil {
			return bad(err)
		}
		pages, err := binary.ReadUvarint(br)
		if err != nil {
			return bad(err)
		}
		count, err := binary.ReadUvarint(br)
		if err != nil {
			return bad(err)
		}
		s := b.sites[string(name)]
		if s == nil {
			s = &siteBlocks{counts: map[uint64]int{}}
			b.sites[string(name)] = s
		}
		s.pages += int(pages)
		for range count {
			h, err := binary.ReadUvarint(br)
			if err != nil {
				return bad(err)
			}
			c, err := binary.ReadUvarint(br)
			if err != nil {
				return bad(err)
			}
			s.counts[h] += int(c)
		}
	}
	return nil
}
