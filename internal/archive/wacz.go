package archive

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
)

// A WACZ (Browsertrix, ArchiveWeb.page) is a zip whose archive/ folder
// holds WARCs; its indexes and page lists are not needed, as every page is
// in a WARC.

// waczMembers returns the WARCs of a WACZ, in name order.
func waczMembers(z *zip.Reader) []*zip.File {
	var out []*zip.File
	for _, f := range z.File {
		name := strings.ToLower(f.Name)
		if strings.HasPrefix(name, "archive/") && (strings.HasSuffix(name, ".warc") || strings.HasSuffix(name, ".warc.gz")) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func walkWACZ(name string, limit int64, read bool, page func(Page, []byte, error) bool) error {
	z, err := zip.OpenReader(name)
	if err != nil {
		return fmt.Errorf("not a readable WACZ (zip) file: %w", err)
	}
	defer z.Close()
	members := waczMembers(&z.Reader)
	if len(members) == 0 {
		return fmt.Errorf("a WACZ with no WARC in its archive/ folder")
	}
	for _, f := range members {
		r, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		err = walkWARC(name, r, f.Name, limit, read, page)
		r.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// openAt opens the record of p in the WARC that holds it. A WARC stored
// in a WACZ as the format asks (uncompressed in the zip) is read in place;
// a deflated one is read up to the record. The reader ends with the
// record, so that reading one page never reads the records after it.
func openAt(name string, p Page) (io.Reader, io.Closer, error) {
	if p.Member == "" {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, err
		}
		return noSeek{io.NewSectionReader(f, p.Offset, p.Size)}, f, nil
	}
	z, err := zip.OpenReader(name)
	if err != nil {
		return nil, nil, err
	}
	i := slices.IndexFunc(z.File, func(f *zip.File) bool { return f.Name == p.Member })
	if i < 0 {
		z.Close()
		return nil, nil, fmt.Errorf("%s: no such member (the WACZ changed since it was listed?)", p.Member)
	}
	f := z.File[i]
	if f.Method == zip.Store {
		at, err := f.DataOffset()
		if err != nil {
			z.Close()
			return nil, nil, err
		}
		zf, err := os.Open(name)
		if err != nil {
			z.Close()
			return nil, nil, err
		}
		z.Close()
		return noSeek{io.NewSectionReader(zf, at+p.Offset, min(p.Size, int64(f.CompressedSize64)-p.Offset))}, zf, nil
	}
	r, err := f.Open()
	if err != nil {
		z.Close()
		return nil, nil, err
	}
	if _, err := io.CopyN(io.Discard, r, p.Offset); err != nil {
		r.Close()
		z.Close()
		return nil, nil, fmt.Errorf("%s: %w", path.Base(p.Member), cleanErr(err))
	}
	return io.LimitReader(r, p.Size), closers{r, z}, nil
}

// noSeek hides Seek: the WARC reader seeks a seekable stream to the offset
// it is given, and the stream given is already there.
type noSeek struct{ io.Reader }

type closers []io.Closer

func (cs closers) Close() error {
	var first error
	for _, c := range cs {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
