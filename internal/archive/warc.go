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
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
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

// listOptions read a record's header and no more, leniently: an address
// that readOptions drop is read again with them (see targetURI).
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
	cr := &countingReader{r: r}
	br := bufio.NewReaderSize(cr, 64<<10)
	pos := func() int64 { return cr.n - int64(br.Buffered()) }
	defer func() {
		// The WARC reader is third-party code fed hostile bytes: a panic
		// in it is a broken archive, not a crash of the import.
		if p := recover(); p != nil {
			err = fmt.Errorf("%sbyte %d: unreadable record (%v)", memberAt(member), pos(), p)
		}
	}()
	m := newMembers(member, limit, read, page)
	if done, err := m.walk(br, pos); done || err != nil {
		return err
	}
	return walkRecords(path, br, pos(), member, limit, read, page)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// walkRecords walks the records of a WARC stream with the WARC reader,
// from offset start on.
func walkRecords(path string, r io.Reader, start int64, member string, limit int64, read bool, page func(Page, []byte, error) bool) error {
	return eachRecord(r, start, member, readOptions(), func(rec gowarc.Record) bool {
		c, ok := readCapture(rec.WarcRecord)
		if !ok {
			rec.Close()
			return true
		}
		p := c.page
		p.Member, p.Offset, p.Size = member, rec.Offset, rec.Size
		if p.URI == "" {
			// The validating reader drops an address it cannot parse,
			// such as WARC 1.0's <http://…> form that wget writes.
			p.URI = targetURI(path, p)
		}
		var (
			data []byte
			perr error
		)
		switch {
		case c.size > limit:
			perr = tooLarge(c.size, limit)
		case read:
			data, perr = c.payload(rec, p, limit)
		}
		rec.Close()
		return page(p, data, perr)
	})
}

// eachRecord reads the records of a WARC stream with the WARC reader, from
// offset start on, and hands each to fn, which closes it and says whether
// to go on (errStop when it does not). A record that does not read ends
// the walk with its offset.
func eachRecord(r io.Reader, start int64, member string, opts []gowarc.WarcRecordOption, fn func(gowarc.Record) bool) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, start, opts...)
	if err != nil {
		return err
	}
	defer wr.Close()
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
		if !fn(rec) {
			return errStop
		}
	}
}

// members walks a gzipped WARC one member at a time, as the format
// writes it (a record a member): it decompresses each member itself and
// has the WARC reader parse the record's header only, so that the records
// passed over (requests, images, scripts, revisits: most of an archive)
// are decompressed and let go, never copied, and only an HTML page's
// block is held, to be read. Reading every record whole through the WARC
// reader took three times as long as decompressing them.
type members struct {
	member string
	limit  int64
	read   bool
	page   func(Page, []byte, error) bool
	zr     gzip.Reader
	buf    []byte
	header gowarc.Unmarshaler
	// rd and hr read a record's header out of buf, br its block's HTTP
	// header: made once, as there are several records a page.
	rd     bytes.Reader
	hr, br *bufio.Reader
}

func newMembers(member string, limit int64, read bool, page func(Page, []byte, error) bool) *members {
	return &members{
		member: member, limit: limit, read: read, page: page,
		header: gowarc.NewUnmarshaler(append(listOptions(), gowarc.WithSkipParseBlock())...),
		hr:     bufio.NewReader(nil), br: bufio.NewReader(nil),
	}
}

// headMax bounds what of a member is read before its record is known to
// be a page's: its WARC header and the HTTP header of its block.
const headMax = 64 << 10

// walk walks the members of br, whose offset in the stream pos gives,
// while they are gzip members; done says the stream ended, or the walk
// was stopped; otherwise the rest of br is for walkRecords.
func (m *members) walk(br *bufio.Reader, pos func() int64) (done bool, err error) {
	for {
		magic, err := br.Peek(2)
		if len(magic) == 0 && errors.Is(err, io.EOF) {
			return true, nil
		}
		if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
			return false, nil
		}
		off := pos()
		if err := m.one(br, off, pos); err != nil {
			if errors.Is(err, errStop) {
				return true, err
			}
			return true, fmt.Errorf("%sbyte %d: %w", memberAt(m.member), off, err)
		}
	}
}

// one reads the member at offset off.
func (m *members) one(br *bufio.Reader, off int64, pos func() int64) error {
	if err := m.zr.Reset(br); err != nil {
		return cleanErr(err)
	}
	m.zr.Multistream(false)
	var err error
	if m.buf, err = appendAtMost(m.buf[:0], &m.zr, headMax); err != nil {
		return cleanErr(err)
	}
	head := m.buf
	m.rd.Reset(head)
	m.hr.Reset(&m.rd)
	rec, _, _, err := m.header.Unmarshal(m.hr)
	if err != nil {
		if rec != nil {
			rec.Close()
		}
		return cleanErr(err)
	}
	rec.Close()
	start := blockStart(head)
	c, ok := captureOf(rec, m.br, func() (io.Reader, error) { return bytes.NewReader(head[start:]), nil })
	var (
		data []byte
		perr error
	)
	switch {
	case !ok:
	case c.size > m.limit:
		perr = tooLarge(c.size, m.limit)
	case m.read:
		// The block whole, and nothing past it, in a buffer of its own:
		// a page sent with no encoding is handed on in it, uncopied.
		block := make([]byte, c.size)
		n := copy(block, head[start:])
		if got, err := io.ReadFull(&m.zr, block[n:]); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				err = fmt.Errorf("the archive ends inside this record (truncated?): %d of its %d bytes", n+got, c.size)
			}
			return cleanErr(err)
		}
		rd := bytes.NewReader(block)
		c, _ = captureOf(rec, m.br, func() (io.Reader, error) { return rd, nil })
		if c.plain() {
			data = block[len(block)-rd.Len()-c.buffered():]
		} else {
			data, perr = decode(c.body, c.transfer, c.encoding, m.limit, c.size)
		}
	}
	// The rest of the member: the end of the record, or of a block passed
	// over.
	if _, err := io.Copy(io.Discard, &m.zr); err != nil {
		return cleanErr(err)
	}
	if !ok {
		return nil
	}
	p := c.page
	p.Member, p.Offset, p.Size = m.member, off, pos()-off
	if !m.page(p, data, perr) {
		return errStop
	}
	return nil
}

// blockStart is where the block of the record whose start head holds
// begins: past the blank line that ends its header.
func blockStart(head []byte) int {
	crlf := bytes.Index(head, []byte("\r\n\r\n"))
	lf := bytes.Index(head, []byte("\n\n"))
	switch {
	case crlf >= 0 && (lf < 0 || crlf < lf):
		return crlf + 4
	case lf >= 0:
		return lf + 2
	}
	return len(head)
}

// appendAtMost appends to buf what r holds, n bytes at most.
func appendAtMost(buf []byte, r io.Reader, n int64) ([]byte, error) {
	if n <= 0 {
		return buf, nil
	}
	b := bytes.NewBuffer(buf)
	b.Grow(int(min(n, headMax)))
	_, err := b.ReadFrom(io.LimitReader(r, n))
	return b.Bytes(), err
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
	return recordURI(rec.WarcRecord)
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
	if errors.Is(err, gowarc.ErrNoRecord) {
		return fmt.Errorf("not a WARC file, or damaged here: no WARC record where one should start (%w)", err)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("the archive ends inside a record (truncated?): %w", err)
	}
	return err
}

// capture is a record read as the capture of a page.
type capture struct {
	page Page
	size int64 // the record's Content-Length
	// body is the page's payload as the archive holds it: transfer- and
	// content-encoded as it came over the wire, as transfer and encoding
	// say.
	body               io.Reader
	transfer, encoding string
	// head read the HTTP header off the block, nil for a resource
	// record: body is head, past the header.
	head *bufio.Reader
}

// plain reports whether the payload is the page's HTML as it is: neither
// chunked nor compressed.
func (c capture) plain() bool {
	e := strings.ToLower(strings.TrimSpace(c.encoding))
	return !strings.Contains(strings.ToLower(c.transfer), "chunked") && (e == "" || e == "identity")
}

// buffered is how many bytes of the block head has read past the header.
func (c capture) buffered() int {
	if c.head == nil {
		return 0
	}
	return c.head.Buffered()
}

// readCapture reads a record, read with its block cached and unparsed
// (see readOptions), as the capture of an HTML page: a response with a
// 2xx status, or a resource, whose payload is HTML. ok is false for any
// other record.
func readCapture(rec gowarc.WarcRecord) (c capture, ok bool) {
	return captureOf(rec, nil, func() (io.Reader, error) { return rec.Block().RawBytes() })
}

// captureOf reads the record whose header rec holds as the capture of an
// HTML page (see readCapture), its block read from block, which is
// called only for a response or resource record. br, when given, is reset
// to read the block's HTTP header, rather than a reader made for it.
func captureOf(rec gowarc.WarcRecord, br *bufio.Reader, block func() (io.Reader, error)) (c capture, ok bool) {
	h := rec.WarcHeader()
	c.size, _ = h.GetInt64(gowarc.ContentLength)
	c.page.URI = recordURI(rec)
	if t, err := time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate)); err == nil {
		c.page.Captured = t
	}
	switch rec.Type() {
	case gowarc.Response:
		if !strings.HasPrefix(strings.ToLower(h.Get(gowarc.ContentType)), "application/http") {
			return c, false
		}
		raw, err := block()
		if err != nil {
			return c, false
		}
		if br == nil {
			br = bufio.NewReader(raw)
		} else {
			br.Reset(raw)
		}
		tp := textproto.NewReader(br)
		status, err := tp.ReadLine()
		if err != nil {
			return c, false
		}
		proto, rest, _ := strings.Cut(status, " ")
		code, err := strconv.Atoi(strings.TrimSpace(rest[:min(len(rest), 3)]))
		if err != nil || !strings.HasPrefix(proto, "HTTP/") || code < 200 || code >= 300 {
			return c, false
		}
		header, err := tp.ReadMIMEHeader()
		if err != nil || !isHTML(header.Get("Content-Type")) {
			return c, false
		}
		c.body, c.head, c.transfer, c.encoding = br, br, header.Get("Transfer-Encoding"), header.Get("Content-Encoding")
		return c, true
	case gowarc.Resource:
		if !isHTML(h.Get(gowarc.ContentType)) {
			return c, false
		}
		raw, err := block()
		if err != nil {
			return c, false
		}
		c.body = raw
		return c, true
	}
	return c, false
}

// recordURI is the address a record captured, "" for none.
func recordURI(rec gowarc.WarcRecord) string {
	uri := strings.TrimSpace(rec.WarcHeader().Get(gowarc.WarcTargetURI))
	// WARC 1.0 writes the URI in angle brackets in some tools.
	return strings.TrimSuffix(strings.TrimPrefix(uri, "<"), ">")
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
	return new(Reader).Read(path, p, limit)
}

// Reader reads pages again, as Read does, keeping its decompressor and
// buffers from one page to the next: an import's second pass reads
// thousands, and making them anew for each was most of what reading a
// page allocated. A Reader is not safe for concurrent use; its zero value
// is ready.
type Reader struct {
	m  *members
	br *bufio.Reader
	// data and err are what m handed on.
	data []byte
	err  error
	seen bool
}

// Read is archive.Read with r's buffers.
func (r *Reader) Read(path string, p Page, limit int64) ([]byte, error) {
	f, closer, err := openAt(path, p)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	return r.record(f, p, limit)
}

// readOptions are how brief reads records: each block is held whole in
// memory as it is read (a reader that validates nothing skips past it to
// find the next record, and its payload is lost), records being bounded
// by List's limit, and left unparsed, since readCapture reads the HTTP
// header of the few it needs (the reader's own parse of every block,
// with its payload digests, was most of an archive's reading time).
// Digests are not checked, since a capture with a wrong digest is still
// the page the editor archived.
func readOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(32 << 20),
		gowarc.WithSkipParseBlock(),
	}
}

// record reads the page p from r, which starts at its record.
func (r *Reader) record(f io.Reader, p Page, limit int64) (data []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			r.m = nil // in an unknown state
			data, err = nil, fmt.Errorf("%sbyte %d: unreadable record (%v)", memberAt(p.Member), p.Offset, v)
		}
	}()
	if r.br == nil {
		r.br = bufio.NewReaderSize(f, 64<<10)
	} else {
		r.br.Reset(f)
	}
	br := r.br
	defer br.Reset(nil) // lets the file go
	// A record in a gzip member of its own is read as the first pass
	// read it (see members): its header parsed, its block read as is.
	// The WARC reader would copy the block into a buffer of its own and
	// hash it, which took most of the time of an import's second pass
	// over an archive.
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		if r.m == nil {
			r.m = newMembers("", 0, true, func(_ Page, html []byte, perr error) bool {
				r.seen, r.data, r.err = true, html, perr
				return true
			})
		}
		r.m.member, r.m.limit = p.Member, limit
		r.seen, r.data, r.err = false, nil, nil
		if merr := r.m.one(br, p.Offset, func() int64 { return p.Offset + p.Size }); merr != nil {
			return nil, fmt.Errorf("%sbyte %d: %w", memberAt(p.Member), p.Offset, merr)
		}
		data, err, r.data, r.err = r.data, r.err, nil, nil
		if !r.seen {
			return nil, notAPage(p)
		}
		return data, err
	}
	rec, done, err := recordAt(br, p, readOptions())
	if err != nil {
		return nil, err
	}
	defer done()
	c, ok := readCapture(rec.WarcRecord)
	switch {
	case !ok:
		return nil, notAPage(p)
	case c.size > limit:
		return nil, tooLarge(c.size, limit)
	}
	return c.payload(rec, p, limit)
}

// recordAt reads the one record of p from r, which starts at it, with a
// WARC reader made with opts; done releases the record and the reader.
func recordAt(r io.Reader, p Page, opts []gowarc.WarcRecordOption) (rec gowarc.Record, done func(), err error) {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, p.Offset, opts...)
	if err != nil {
		return rec, nil, err
	}
	rec, err = wr.Next()
	done = func() {
		if rec.WarcRecord != nil {
			rec.Close()
		}
		wr.Close()
	}
	if err != nil {
		done()
		return rec, nil, fmt.Errorf("%sbyte %d: %w", memberAt(p.Member), p.Offset, cleanErr(err))
	}
	return rec, done, nil
}

func notAPage(p Page) error {
	return fmt.Errorf("%sbyte %d: not the capture of an HTML page (the archive changed since it was listed?)", memberAt(p.Member), p.Offset)
}

// payload returns the HTML of the page the capture, read from rec, holds:
// its payload decoded.
func (c capture) payload(rec gowarc.Record, p Page, limit int64) ([]byte, error) {
	for _, v := range rec.Validation {
		if cl := (*gowarc.ContentLengthError)(nil); errors.As(v, &cl) {
			return nil, fmt.Errorf("%sbyte %d: the archive ends inside this record (truncated?): %d of its %d bytes", memberAt(p.Member), p.Offset, cl.Actual, cl.Expected)
		}
	}
	return decode(c.body, c.transfer, c.encoding, limit, c.size)
}

// decode undoes the encodings a WARC keeps as they came over the wire;
// size is about how many bytes r holds, to read them in one buffer.
func decode(r io.Reader, transfer, encoding string, limit, size int64) ([]byte, error) {
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
	body, err := readAtMost(r, limit, size)
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
	out, err := readAtMost(dec, limit, 4*size)
	if err != nil {
		return nil, fmt.Errorf("decoding the %s-encoded page: %w", encoding, err)
	}
	return out, nil
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

// readAtMost reads r to its end, limit bytes at most, into a buffer made
// for about size bytes.
func readAtMost(r io.Reader, limit, size int64) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(min(size, limit)) + bytes.MinRead)
	_, err := b.ReadFrom(io.LimitReader(r, limit+1))
	data := b.Bytes()
	if err != nil {
		return nil, cleanErr(err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over the %d-byte limit for a web page", article.ErrTooLarge, limit)
	}
	return data, nil
}
