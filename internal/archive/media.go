package archive

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// ErrNotArchived is returned by Media.Read for an address the archive
// holds no copy of.
var ErrNotArchived = errors.New("not in the archive")

// maxMediaRedirects bounds the redirects followed inside an archive from
// an image's address to its copy.
const maxMediaRedirects = 5

// Media is what a web archive holds besides its pages: the images (and
// any other resources) it captured, by address, so that an import takes a
// page's pictures from the archive that captured the page rather than from
// the live web. It is built by IndexMedia and safe for concurrent use.
type Media struct {
	path  string
	byURL map[string]mediaRecord
	// mirror is an ArchiveBox snapshot folder whose wget copy holds
	// files under <host>/<path>; "" for other archives.
	mirror string
}

// mediaRecord is where one capture is: a record of the WARC at path (in
// the WACZ member, when set), or a redirect to another address.
type mediaRecord struct {
	path, member string
	offset, size int64
	location     string
}

// IndexMedia lists the captures of non-HTML resources in the archive at
// path: a WARC or WACZ file; an ArchiveBox snapshot folder (the WARCs in
// its warc/ folder and the files of its wget copy); or any other file,
// such as a SingleFile page, whose images are inside the page and which
// holds nothing else. It reads record headers only, once, streaming;
// what it keeps is an address and an offset a capture. Successful (2xx)
// responses and resources are indexed, and redirects (3xx) to follow;
// the first capture of an address wins, as a replay tool shows it.
func IndexMedia(path string) (*Media, error) {
	m := &Media{path: path, byURL: map[string]mediaRecord{}}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case info.IsDir():
		m.mirror = path
		warcs, _ := filepath.Glob(filepath.Join(path, "warc", "*"))
		for _, w := range warcs {
			if IsArchive(w) {
				if err := m.indexFile(w); err != nil {
					return m, err
				}
			}
		}
		return m, nil
	case IsArchive(path):
		return m, m.indexFile(path)
	}
	return m, nil
}

func (m *Media) indexFile(path string) error {
	if !isWACZ(path) {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return m.indexWARC(f, path, "")
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("not a readable WACZ (zip) file: %w", err)
	}
	defer z.Close()
	for _, f := range waczMembers(&z.Reader) {
		r, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		err = m.indexWARC(r, path, f.Name)
		r.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// indexWARC notes the resource captures of one WARC stream. An archive
// that breaks off keeps what came before the break.
func (m *Media) indexWARC(r io.Reader, path, member string) (err error) {
	defer func() {
		// Third-party code fed hostile bytes: a panic is a broken archive.
		if p := recover(); p != nil {
			err = fmt.Errorf("%sunreadable record (%v)", memberAt(member), p)
		}
	}()
	// Record headers and HTTP headers are all the index needs.
	return eachRecord(r, 0, member, listOptions(), func(rec gowarc.Record) bool {
		key, mr, ok := mediaCapture(rec.WarcRecord)
		rec.Close()
		if !ok {
			return true
		}
		mr.path, mr.member, mr.offset, mr.size = path, member, rec.Offset, rec.Size
		if _, seen := m.byURL[key]; !seen {
			m.byURL[key] = mr
		}
		return true
	})
}

// mediaCapture says whether a record captured a resource other than an
// HTML page (or a redirect away from one), under which key.
func mediaCapture(rec gowarc.WarcRecord) (string, mediaRecord, bool) {
	h := rec.WarcHeader()
	uri := strings.TrimSpace(h.Get(gowarc.WarcTargetURI))
	uri = strings.TrimSuffix(strings.TrimPrefix(uri, "<"), ">")
	key := mediaKey(uri)
	if key == "" {
		return "", mediaRecord{}, false
	}
	switch rec.Type() {
	case gowarc.Response:
		b, ok := rec.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return "", mediaRecord{}, false
		}
		code := b.HttpStatusCode()
		switch {
		case code >= 300 && code < 400:
			loc := b.HttpHeader().Get("Location")
			base, err := url.Parse(uri)
			if loc == "" || err != nil {
				return "", mediaRecord{}, false
			}
			return key, mediaRecord{location: article.CleanURL(loc, base)}, true
		case code >= 200 && code < 300:
			return key, mediaRecord{}, !isHTML(b.HttpHeader().Get("Content-Type"))
		}
	case gowarc.Resource:
		return key, mediaRecord{}, !isHTML(h.Get(gowarc.ContentType))
	}
	return "", mediaRecord{}, false
}

// mediaKey folds an address as the extractor writes an image's: cleaned
// of tracking parameters and fragment.
func mediaKey(u string) string { return article.CleanURL(u, nil) }

// Len is how many addresses the archive holds a capture of.
func (m *Media) Len() int { return len(m.byURL) }

// Read returns the bytes the archive captured at address u, decoded as
// served (chunks, gzip and deflate undone), at most limit bytes; a
// redirect captured at u is followed within the archive. An address the
// archive did not capture gives an error wrapping ErrNotArchived; a
// capture over limit one wrapping article.ErrTooLarge.
func (m *Media) Read(u string, limit int64) ([]byte, error) {
	key := mediaKey(u)
	for range maxMediaRedirects + 1 {
		mr, ok := m.byURL[key]
		if !ok {
			if data, err := m.mirrorFile(key, limit); !errors.Is(err, ErrNotArchived) {
				return data, err
			}
			return nil, fmt.Errorf("%s: %w", u, ErrNotArchived)
		}
		if mr.location == "" {
			return readMedia(mr, limit)
		}
		key = mediaKey(mr.location)
	}
	return nil, fmt.Errorf("%s: more than %d redirects inside the archive", u, maxMediaRedirects)
}

// mirrorFile reads the copy of u that wget saved in an ArchiveBox
// snapshot folder: <host>/<path>, the host with its port as wget writes
// it ("host+port" under --restrict-file-names=windows, "host:port"
// otherwise), a query after "@" or "?".
func (m *Media) mirrorFile(u string, limit int64) ([]byte, error) {
	pu, err := url.Parse(u)
	if m.mirror == "" || err != nil || pu.Host == "" {
		return nil, ErrNotArchived
	}
	rel := filepath.FromSlash(strings.TrimPrefix(pu.Path, "/"))
	if rel == "" || !filepath.IsLocal(rel) {
		return nil, ErrNotArchived
	}
	var names []string
	for _, host := range []string{strings.ReplaceAll(pu.Host, ":", "+"), pu.Host} {
		name := filepath.Join(m.mirror, host, rel)
		if pu.RawQuery != "" {
			names = append(names, name+"@"+pu.RawQuery, name+"?"+pu.RawQuery)
		} else {
			names = append(names, name)
		}
	}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		info, err := f.Stat()
		if err != nil || !info.Mode().IsRegular() {
			f.Close()
			continue
		}
		data, err := readAtMost(f, limit, info.Size())
		f.Close()
		return data, err
	}
	return nil, ErrNotArchived
}

// readMedia reads the payload of the capture mr.
func readMedia(mr mediaRecord, limit int64) (data []byte, err error) {
	p := Page{Member: mr.member, Offset: mr.offset, Size: mr.size}
	defer func() {
		if v := recover(); v != nil {
			data, err = nil, fmt.Errorf("%sbyte %d: unreadable record (%v)", memberAt(p.Member), p.Offset, v)
		}
	}()
	r, closer, err := openAt(mr.path, p)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	// The block is parsed here (listOptions), unlike a page's: the
	// payload is the HTTP response's body.
	rec, done, err := recordAt(r, p, append(listOptions(), gowarc.WithBufferMaxMemBytes(32<<20)))
	if err != nil {
		return nil, err
	}
	defer done()
	if size, _ := rec.WarcRecord.WarcHeader().GetInt64(gowarc.ContentLength); size > limit {
		return nil, fmt.Errorf("%w: a record of %d bytes, over the limit of %d", article.ErrTooLarge, size, limit)
	}
	switch b := rec.WarcRecord.Block().(type) {
	case gowarc.HttpResponseBlock:
		payload, err := b.PayloadBytes()
		if err != nil {
			return nil, err
		}
		// net/http moves Transfer-Encoding out of the header it parses:
		// read it from the header as recorded.
		resp, err := http.ReadResponse(bufio.NewReader(io.MultiReader(bytes.NewReader(b.ProtocolHeaderBytes()), strings.NewReader("\r\n"))), nil)
		var transfer, encoding string
		if err == nil {
			transfer, encoding = strings.Join(resp.TransferEncoding, ","), resp.Header.Get("Content-Encoding")
		}
		return decode(payload, transfer, encoding, limit, mr.size)
	case gowarc.PayloadBlock:
		payload, err := b.PayloadBytes()
		if err != nil {
			return nil, err
		}
		return readAtMost(payload, limit, mr.size)
	}
	raw, err := rec.WarcRecord.Block().RawBytes()
	if err != nil {
		return nil, err
	}
	return readAtMost(raw, limit, mr.size)
}
