// Package importer turns scraped pages (text dumps, saved HTML, live URLs)
// into curated Markdown articles in a site's content/articles folder,
// without ever losing what the editor changed since.
package importer

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

	"github.com/brief-ssg/brief/internal/extract"
	"github.com/brief-ssg/brief/internal/fetch"
)

// Kind is the form a page was saved in.
type Kind int

// The forms of page brief reads.
const (
	KindHTML Kind = iota
	KindText
)

// MaxFileSize bounds an input file unless Options.MaxBytes says otherwise;
// a scraped page is far smaller, and a larger file is an archive or a video
// put in the wrong folder. It is checked before the file is read, and is
// also the bound on a gzipped page once expanded.
const MaxFileSize = extract.DefaultMaxBytes

// Source is one input read into memory.
type Source struct {
	Name string // the path or URL as given
	URL  string // where a fetched page ended up; "" for files
	Kind Kind
	Data []byte
}

// IsURL reports whether an input names a web page rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// pageExts are the files a folder import picks up.
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

// Expand lists the inputs behind paths and URLs: a folder stands for the
// pages inside it, at any depth, in name order (hidden files and folders
// skipped). Inputs that cannot be listed come back as failures.
func Expand(inputs []string) (names []string, failed []Report) {
	for _, in := range inputs {
		if IsURL(in) {
			names = append(names, in)
			continue
		}
		info, err := os.Stat(in)
		if err != nil {
			failed = append(failed, Report{Input: in, Outcome: Failed, Err: err})
			continue
		}
		if !info.IsDir() {
			names = append(names, in)
			continue
		}
		var found []string
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, Report{Input: p, Outcome: Failed, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && hasPageExt(d.Name()) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			failed = append(failed, Report{Input: in, Outcome: Failed, Err: err})
		}
		sort.Strings(found)
		names = append(names, found...)
	}
	return names, failed
}

// Read loads one input: a file from disk (at most MaxFileSize bytes) or a
// page over HTTP (bounded by the client's limits).
func Read(ctx context.Context, name string, client *fetch.Client) (*Source, error) {
	return read(ctx, name, client, MaxFileSize)
}

func read(ctx context.Context, name string, client *fetch.Client, limit int) (*Source, error) {
	if IsURL(name) {
		if client == nil {
			client = &fetch.Client{}
		}
		p, err := client.Get(ctx, name)
		if err != nil {
			return nil, err
		}
		return &Source{Name: name, URL: p.URL, Kind: KindHTML, Data: p.Body}, nil
	}
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
		return nil, fmt.Errorf("%s: %w: %d bytes, over the %d-byte limit for a web page", name, extract.ErrTooLarge, info.Size(), limit)
	}
	data, err := readAtMost(name, limit)
	if err != nil {
		return nil, err
	}
	kind, err := sniff(name, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Source{Name: name, Kind: kind, Data: data}, nil
}

// readAtMost reads a file that may have grown since it was measured, never
// holding more than limit+1 bytes of it.
func readAtMost(name string, limit int) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: %w: over the %d-byte limit", name, extract.ErrTooLarge, limit)
	}
	return data, nil
}

// sniff decides how to read a file: by its name when it says, else by its
// first bytes.
func sniff(name string, data []byte) (Kind, error) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".txt"):
		return KindText, nil
	case strings.HasSuffix(lower, ".gz"), strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"), strings.HasSuffix(lower, ".xhtml"):
		return KindHTML, nil
	}
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return KindHTML, nil
	}
	head := bytes.ToLower(data[:min(len(data), 2048)])
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.Contains(head, []byte(tag)) {
			return KindHTML, nil
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return 0, fmt.Errorf("%w: a binary file, not a saved page", extract.ErrNoArticle)
	}
	return KindText, nil
}

// Page is a source decoded and parsed once for both passes of an import
// (or of brief extract): its blocks are learnt in the first, and it is
// extracted in the second.
type Page interface {
	Blocks() (site string, blocks []string)
	Extract(extract.Options) (*extract.Article, error)
	Size() int
}

// Parse decodes and parses the source with the extractor that fits it. Of
// opt, it uses MaxBytes (and URL, which defaults to the source's).
func (s *Source) Parse(opt extract.Options) (Page, error) {
	if opt.URL == "" {
		opt.URL = s.URL
	}
	if s.Kind == KindText {
		return extract.ParseText(s.Data, opt)
	}
	return extract.ParseHTML(s.Data, opt)
}

// ExtractPage extracts a parsed page.
func ExtractPage(p Page, opt extract.Options) (*extract.Article, error) {
	a, err := p.Extract(opt)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, errors.New("the extractor returned nothing")
	}
	return a, nil
}
