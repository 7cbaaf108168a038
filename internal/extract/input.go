package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/archive"
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/htmlpage"
	"github.com/brief-ssg/brief/internal/extract/textdump"
	"github.com/brief-ssg/brief/internal/fetch"
)

// IsURL reports whether an input names a web page rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// pageExts are the files a folder stands for.
var pageExts = []string{".txt", ".html", ".htm", ".xhtml", ".html.gz", ".htm.gz"}

func hasPageExt(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range pageExts {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// input is one page to read: a file, a URL or a page in a web archive.
type input struct {
	name string // as given, or as found in a folder or archive given
	path string // name resolved against Options.Dir; the URL for URLs
	err  error  // why it could not be listed
	mem  *Page  // a page the caller holds; nil for files and URLs
	// rec is the page's place in the archive at path, for a page in a
	// WARC or WACZ; nil otherwise.
	rec *archive.Page
	// archive marks a WARC or WACZ at path, which stands for the pages
	// it captured (named after it and their address, "crawl.warc.gz#https://…"),
	// listed as it is read; an archive that breaks off gives the pages
	// before the break, then an input failing with the reason.
	archive bool
	// url and captured are what an ArchiveBox snapshot says of the page
	// in the file at path: its address and when it was archived.
	url      string
	captured time.Time
	// snapshot is the ArchiveBox snapshot folder holding that file.
	snapshot string
}

// expand lists the inputs behind paths and URLs: a folder stands for the
// pages inside it, at any depth, in name order (hidden files and folders
// skipped), and an ArchiveBox snapshot folder for the best copy of its
// page; a web archive (WARC, WACZ) is marked, to stand for the HTML pages
// it captured, in archive order, once read. Relative names are resolved
// against dir, and keep their form. Inputs that cannot be listed come with
// their error.
func expand(names []string, dir string) []input {
	var out []input
	for _, name := range names {
		if IsURL(name) {
			out = append(out, input{name: name, path: name})
			continue
		}
		path := name
		if dir != "" && !filepath.IsAbs(name) {
			path = filepath.Join(dir, name)
		}
		// as names a file found under path as the user would: under name.
		as := func(p string) string {
			if rel, err := filepath.Rel(path, p); err == nil {
				return filepath.Join(name, rel)
			}
			return p
		}
		info, err := os.Stat(path)
		if err != nil || !info.IsDir() {
			out = append(out, markArchive(input{name: name, path: path, err: err}))
			continue
		}
		var found []input
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, input{name: as(p), path: p, err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != path && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				// A snapshot folder holds many copies of one page (and
				// ArchiveBox's own index.html): it stands for its best.
				s, err := archive.ReadSnapshot(p)
				switch {
				case errors.Is(err, archive.ErrNoSnapshot):
					return nil
				case err != nil:
					found = append(found, input{name: as(p), path: p, err: err})
				default:
					found = append(found, input{name: as(s.HTML), path: s.HTML, url: s.URL, captured: s.Captured, snapshot: p})
				}
				return fs.SkipDir
			}
			if hasPageExt(d.Name()) || archive.IsArchive(d.Name()) {
				found = append(found, input{name: as(p), path: p})
			}
			return nil
		})
		if err != nil {
			out = append(out, input{name: name, path: path, err: err})
		}
		sort.Slice(found, func(i, j int) bool { return found[i].name < found[j].name })
		for _, in := range found {
			out = append(out, markArchive(in))
		}
	}
	return out
}

// markArchive marks a web archive, whose pages the first pass lists as
// it reads them (see learn); any other file stands for itself.
func markArchive(in input) input {
	in.archive = in.err == nil && in.rec == nil && archive.IsArchive(in.name)
	return in
}

// rereadable reports whether the page of in can be read again as it was
// (a file, or a page in a web archive), rather than fetched again or held
// by the caller.
func (in input) rereadable() bool {
	return in.mem == nil && !IsURL(in.path)
}

// kind is the form a page was saved in.
type kind int

const (
	kindHTML kind = iota
	kindText
)

// source is one input read into memory.
type source struct {
	// url is the page's address: where a fetched page ended up, or
	// where an archived page was captured from; "" for other files.
	url string
	// captured is when an archive captured the page, or the date the
	// caller gave with a page in memory (Page.Date); zero otherwise.
	// dateSource says where it came from, "" meaning a capture.
	captured   time.Time
	dateSource string
	kind       kind
	data       []byte
	// singleFile marks a page SingleFile saved.
	singleFile bool
}

// read loads one input: a file from disk (at most limit bytes), a page
// over HTTP (bounded by the client's limits) or a page of a web archive,
// read with ar when given.
func read(ctx context.Context, in input, client *fetch.Client, ar *archive.Reader, limit int) (*source, error) {
	if in.mem != nil {
		if len(in.mem.Body) > limit {
			return nil, fmt.Errorf("%s: %w: %d bytes, over the %d-byte limit for a web page", in.name, article.ErrTooLarge, len(in.mem.Body), limit)
		}
		return &source{url: in.mem.URL, captured: in.mem.Date, dateSource: in.mem.DateSource, kind: kindHTML, data: in.mem.Body}, nil
	}
	if IsURL(in.path) {
		if client == nil {
			client = &fetch.Client{}
		}
		p, err := client.Get(ctx, in.path)
		if err != nil {
			return nil, err
		}
		return &source{url: p.URL, kind: kindHTML, data: p.Body}, nil
	}
	if in.rec != nil {
		if ar == nil {
			ar = new(archive.Reader)
		}
		data, err := ar.Read(in.path, *in.rec, int64(limit))
		if err != nil {
			return nil, err
		}
		return &source{url: in.rec.URI, captured: in.rec.Captured, kind: kindHTML, data: data}, nil
	}
	name := in.path
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a folder", name)
	}
	if !info.Mode().IsRegular() {
		// A FIFO or device would block or never end.
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	if info.Size() > int64(limit) {
		return nil, fmt.Errorf("%s: %w: %d bytes, over the %d-byte limit for a web page", name, article.ErrTooLarge, info.Size(), limit)
	}
	data, err := readAtMost(name, limit, info.Size())
	if err != nil {
		return nil, err
	}
	k, err := sniff(name, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	src := &source{kind: k, data: data}
	if k == kindHTML {
		if url, saved, ok := archive.SingleFile(data); ok {
			src.url, src.captured, src.singleFile = url, saved, true
		}
	}
	if in.url != "" {
		src.url, src.captured = in.url, in.captured
	}
	return src, nil
}

// archiveOf is the web archive that holds the page of in, read as src
// (see Result.Archive).
func archiveOf(in input, src *source) string {
	switch {
	case in.rec != nil:
		return in.path
	case in.snapshot != "":
		return in.snapshot
	case src.singleFile:
		return in.path
	}
	return ""
}

// readAtMost reads a file that may have grown since it was measured at
// size bytes, never holding more than limit+1 bytes of it: into one
// buffer of its size when it has not grown, as every page of a folder is
// read in each pass.
func readAtMost(name string, limit int, size int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	b.Grow(int(min(max(size, 0), int64(limit))) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, int64(limit)+1)); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if b.Len() > limit {
		return nil, fmt.Errorf("%s: %w: over the %d-byte limit", name, article.ErrTooLarge, limit)
	}
	return b.Bytes(), nil
}

// sniff decides how to read a file: by its name when it says, else by its
// first bytes.
func sniff(name string, data []byte) (kind, error) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".txt"):
		return kindText, nil
	case strings.HasSuffix(lower, ".gz"), strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"), strings.HasSuffix(lower, ".xhtml"):
		return kindHTML, nil
	}
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return kindHTML, nil
	}
	head := bytes.ToLower(data[:min(len(data), 2048)])
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.Contains(head, []byte(tag)) {
			return kindHTML, nil
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return 0, fmt.Errorf("%w: a binary file, not a saved page", article.ErrNoArticle)
	}
	return kindText, nil
}

// page is an input decoded and parsed once for both passes: its blocks
// are learnt in the first, and it is extracted in the second.
type page interface {
	Blocks() (site string, blocks []string)
	Extract(article.Options) (*article.Article, error)
	Size() int
}

// parse decodes and parses the source with the extractor that fits it. Of
// opt, it uses MaxBytes and URL, which defaults to the source's.
func (s *source) parse(opt article.Options) (page, error) {
	if opt.URL == "" {
		opt.URL = s.url
	}
	if s.kind == kindText {
		return textdump.Parse(s.data, opt)
	}
	return htmlpage.Parse(s.data, opt)
}
