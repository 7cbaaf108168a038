// Package archive reads the pages that web archives hold, for brief
// import: WARC files (plain, or gzipped one member a record), WACZ
// packages of them, SingleFile pages and ArchiveBox snapshot folders.
//
// A WARC is read twice, never held: List streams it once and notes where
// each captured HTML page starts, and Read goes back to one page by that
// offset, so that pages can be read on many goroutines, and read again
// later, in memory that does not grow with the archive.
package archive

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"os"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// Page is an HTML page captured in an archive: where to find it again and
// what the archive says about it.
type Page struct {
	// URI is the address the page was captured from (WARC-Target-URI).
	URI string
	// Captured is when it was captured (WARC-Date); zero when unknown.
	Captured time.Time
	// Member is the WARC inside a WACZ package that holds the page; ""
	// for a WARC file.
	Member string
	// Offset is where the page's record starts in its WARC, in bytes
	// (of the compressed file for a .warc.gz), and Size how many bytes it
	// takes there.
	Offset, Size int64
}

// IsArchive reports whether a file name is one List reads: .warc,
// .warc.gz or .wacz, in any case.
func IsArchive(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz") || strings.HasSuffix(lower, ".wacz")
}

func isWACZ(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".wacz") }

// Skip says why List passed over a page it could not import, which the
// caller reports: a page over the size limit.
type Skip struct {
	Page Page
	Err  error
}

// List reads the archive at path (a WARC or a WACZ, see IsArchive) from
// start to end and calls page, in archive order, for every capture of an
// HTML page: a response (or resource) record whose payload is text/html
// or XHTML with a 2xx status. Revisit, request, metadata and non-HTML
// records are passed over; a capture whose record is larger than limit
// bytes is handed to skip. List holds one record header at a time,
// whatever the archive's size.
//
// The error is for an archive that cannot be opened or read on (a broken
// or truncated record, which the pages before it survive), naming the
// byte offset where reading stopped.
func List(path string, limit int64, page func(Page), skip func(Skip)) error {
	return walk(path, limit, false, func(p Page, _ []byte, err error) bool {
		if err != nil {
			skip(Skip{Page: p, Err: err})
		} else {
			page(p)
		}
		return true
	})
}

// Scan is List and Read in one pass: it reads the archive at path from
// start to end, as List does, and calls page for every capture of an HTML
// page with the HTML Read would return, or with the reason it cannot be
// read (over limit, before or after decoding, wrapping
// article.ErrTooLarge; an encoding brief cannot decode; a record cut
// short). An import's first pass reads an archive this way: each record
// is decompressed once, in order, rather than listed and then sought.
// Scan holds one record at a time, and stops reading, with no error, once
// page returns false; the error is List's.
func Scan(path string, limit int64, page func(p Page, html []byte, err error) bool) error {
	return walk(path, limit, true, page)
}

// walk is List, or Scan when read is set.
func walk(path string, limit int64, read bool, page func(Page, []byte, error) bool) error {
	var err error
	if isWACZ(path) {
		err = walkWACZ(path, limit, read, page)
	} else {
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return err
		}
		defer f.Close()
		err = walkWARC(path, f, "", limit, read, page)
	}
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

// readerOptions are how brief reads records: it needs the payload of the
// pages it imports and no validation it would only ignore. Digests are
// not checked, since a capture with a wrong digest is still the page the
// editor archived.
func listOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	}
}

// walkWARC walks the pages of one WARC stream (see walk); member names
// it inside a WACZ.
func walkWARC(path string, r io.Reader, member string, limit int64, read bool, page func(Page, []byte, error) bool) (err error) {
	opts := listOptions()
	if read {
		// Only a reader that validates keeps a record's block to be read:
		// one that does not skips past it to find where the next starts.
		opts = readOptions()
	}
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0, opts...)
	if err != nil {
		return err
	}
	defer wr.Close()
	var at int64
	defer func() {
		// The WARC reader is third-party code fed hostile bytes: a panic
		// in it is a broken archive, not a crash of the import.
		if p := recover(); p != nil {
			err = fmt.Errorf("%sbyte %d: unreadable record (%v)", memberAt(member), at, p)
		}
	}()
	for {
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) && rec.WarcRecord == nil {
			return nil
		}
		if err != nil {
			if rec.WarcRecord != nil {
				rec.Close()
			}
			return fmt.Errorf("%sbyte %d: %w", memberAt(member), rec.Offset, cleanErr(err))
		}
		at = rec.Offset
		p, size, ok := htmlCapture(rec.WarcRecord)
		if !ok {
			rec.Close()
			continue
		}
		p.Member, p.Offset, p.Size = member, rec.Offset, rec.Size
		if read && p.URI == "" {
			// The validating reader drops an address it cannot parse,
			// such as WARC 1.0's <http://…> form that wget writes.
			p.URI = targetURI(path, p)
		}
		var (
			data []byte
			perr error
		)
		switch {
		case size > limit:
			perr = tooLarge(size, limit)
		case read:
			data, perr = payload(rec, p, limit)
		}
		rec.Close()
		if !page(p, data, perr) {
			return errStop
		}
	}
}

// targetURI reads the WARC-Target-URI of p's record again, leniently.
func targetURI(path string, p Page) (uri string) {
	defer func() {
		if recover() != nil {
			uri = ""
		}
	}()
	r, closer, err := openAt(path, p)
	if err != nil {
		return ""
	}
	defer closer.Close()
	wr, err := gowarc.NewWarcFileReaderFromStream(r, p.Offset, listOptions()...)
	if err != nil {
		return ""
	}
	defer wr.Close()
	rec, err := wr.Next()
	if rec.WarcRecord == nil {
		return ""
	}
	defer rec.Close()
	if err != nil {
		return ""
	}
	got, _, _ := htmlCapture(rec.WarcRecord)
	return got.URI
}

// errStop ends a walk that its caller stopped.
var errStop = errors.New("stopped")

func tooLarge(size, limit int64) error {
	return fmt.Errorf("%w: a %d-byte record, over the %d-byte limit for a web page", article.ErrTooLarge, size, limit)
}

func memberAt(member string) string {
	if member == "" {
		return ""
	}
	return member + ": "
}

// cleanErr turns the reader's end of file inside a record into what it
// means to an editor.
func cleanErr(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("the archive ends inside a record (truncated?): %w", err)
	}
	return err
}

// htmlCapture says whether a record is the capture of an HTML page, and
// gives its address, date and size.
func htmlCapture(rec gowarc.WarcRecord) (Page, int64, bool) {
	h := rec.WarcHeader()
	size, _ := h.GetInt64(gowarc.ContentLength)
	p := Page{URI: strings.TrimSpace(h.Get(gowarc.WarcTargetURI))}
	// WARC 1.0 writes the URI in angle brackets in some tools.
	p.URI = strings.TrimSuffix(strings.TrimPrefix(p.URI, "<"), ">")
	if t, err := time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate)); err == nil {
		p.Captured = t
	}
	switch rec.Type() {
	case gowarc.Response:
		b, ok := rec.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return p, size, false
		}
		code := b.HttpStatusCode()
		return p, size, code >= 200 && code < 300 && isHTML(b.HttpHeader().Get("Content-Type"))
	case gowarc.Resource:
		return p, size, isHTML(h.Get(gowarc.ContentType))
	}
	return p, size, false
}

func isHTML(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "text/html" || mt == "application/xhtml+xml")
}

// Read returns the HTML of a page List found in the archive at path: the
// payload of its record, without the HTTP transfer and content encodings
// (chunked; gzip, deflate). A page over limit bytes, before or after
// decoding, gives an error wrapping article.ErrTooLarge.
func Read(path string, p Page, limit int64) ([]byte, error) {
	r, closer, err := openAt(path, p)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	return readRecord(r, p, limit)
}

// readOptions cache the payload of the one record read, which the reader
// would otherwise drop once past it; records are bounded by List's limit.
func readOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(32 << 20),
	}
}

func readRecord(r io.Reader, p Page, limit int64) (data []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			data, err = nil, fmt.Errorf("%sbyte %d: unreadable record (%v)", memberAt(p.Member), p.Offset, v)
		}
	}()
	wr, err := gowarc.NewWarcFileReaderFromStream(r, p.Offset, readOptions()...)
	if err != nil {
		return nil, err
	}
	defer wr.Close()
	rec, err := wr.Next()
	if rec.WarcRecord != nil {
		defer rec.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("%sbyte %d: %w", memberAt(p.Member), p.Offset, cleanErr(err))
	}
	if size, _ := rec.WarcRecord.WarcHeader().GetInt64(gowarc.ContentLength); size > limit {
		return nil, tooLarge(size, limit)
	}
	return payload(rec, p, limit)
}

// payload returns the HTML of the page whose record rec is, decoded.
func payload(rec gowarc.Record, p Page, limit int64) ([]byte, error) {
	truncated := func(actual, expected int64) error {
		return fmt.Errorf("%sbyte %d: the archive ends inside this record (truncated?): %d of its %d bytes", memberAt(p.Member), p.Offset, actual, expected)
	}
	for _, v := range rec.Validation {
		if cl := (*gowarc.ContentLengthError)(nil); errors.As(v, &cl) {
			return nil, truncated(cl.Actual, cl.Expected)
		}
	}
	// A reader that validates nothing (Scan's) notes no short record:
	// the block, held whole, tells.
	if want, err := rec.WarcRecord.WarcHeader().GetInt64(gowarc.ContentLength); err == nil {
		raw, err := rec.WarcRecord.Block().RawBytes()
		if err != nil {
			return nil, cleanErr(err)
		}
		got, err := io.Copy(io.Discard, raw)
		if err != nil {
			return nil, cleanErr(err)
		}
		if got != want {
			return nil, truncated(got, want)
		}
	}
	var (
		body     io.Reader
		transfer string
		encoding string
		err      error
	)
	switch b := rec.WarcRecord.Block().(type) {
	case gowarc.HttpResponseBlock:
		if body, err = b.PayloadBytes(); err != nil {
			return nil, err
		}
		// The parsed header lacks Transfer-Encoding (net/http moves it
		// out), so both are read from the header as recorded.
		raw := b.ProtocolHeaderBytes()
		transfer, encoding = headerValue(raw, "Transfer-Encoding"), headerValue(raw, "Content-Encoding")
	case gowarc.PayloadBlock:
		if body, err = b.PayloadBytes(); err != nil {
			return nil, err
		}
	default:
		raw, err := rec.WarcRecord.Block().RawBytes()
		if err != nil {
			return nil, err
		}
		body = raw
	}
	return decode(body, transfer, encoding, limit)
}

// decode undoes the encodings a WARC keeps as they came over the wire.
func decode(r io.Reader, transfer, encoding string, limit int64) ([]byte, error) {
	if strings.Contains(strings.ToLower(transfer), "chunked") {
		br := bufio.NewReader(r)
		// Some crawlers store the body de-chunked but keep the header:
		// a chunked body opens with a hexadecimal size and a line end.
		if looksChunked(br) {
			r = httputil.NewChunkedReader(br)
		} else {
			r = br
		}
	}
	body, err := readAtMost(r, limit)
	if err != nil {
		return nil, err
	}
	var dec io.ReadCloser
	switch e := strings.ToLower(strings.TrimSpace(encoding)); e {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		if dec, err = gzip.NewReader(bytes.NewReader(body)); err != nil {
			return nil, fmt.Errorf("the page is gzip-encoded but does not gunzip: %w", err)
		}
	case "deflate":
		// Servers send either zlib-wrapped or raw deflate under this name.
		if dec, err = zlib.NewReader(bytes.NewReader(body)); err != nil {
			dec = flate.NewReader(bytes.NewReader(body))
		}
	default:
		return nil, fmt.Errorf("the page is %s-encoded, which brief cannot decode; archive it without compression (Accept-Encoding: gzip) or save it as HTML", e)
	}
	defer dec.Close()
	out, err := readAtMost(dec, limit)
	if err != nil {
		return nil, fmt.Errorf("decoding the %s-encoded page: %w", encoding, err)
	}
	return out, nil
}

// headerValue returns the value of the named field in a raw HTTP header,
// "" when absent.
func headerValue(raw []byte, name string) string {
	for _, line := range strings.Split(string(raw), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func looksChunked(br *bufio.Reader) bool {
	head, _ := br.Peek(18)
	i := bytes.IndexAny(head, "\r\n;")
	if i <= 0 {
		return false
	}
	for _, c := range bytes.TrimSpace(head[:i]) {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c)) {
			return false
		}
	}
	return true
}

func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, cleanErr(err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over the %d-byte limit for a web page", article.ErrTooLarge, limit)
	}
	return data, nil
}
