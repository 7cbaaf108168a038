// Package warctest writes WARC and WACZ files for tests and benchmarks:
// records as a crawler writes them (request, response, revisit, metadata),
// plain or gzipped one member a record, and WACZ packages of them. It is
// written from the WARC 1.1 and WACZ 1.1 specifications, independently of
// the reader brief uses, so that tests check one against the other.
package warctest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Record is one WARC record.
type Record struct {
	// Type is the WARC-Type: "response", "request", "revisit",
	// "resource", "metadata", "warcinfo".
	Type string
	// URI is the WARC-Target-URI; "" leaves it out.
	URI string
	// Date is the WARC-Date; zero means 2024-05-01T10:00:00Z.
	Date time.Time
	// ContentType is the record's Content-Type; "" means
	// "application/http; msgtype=response" for responses and revisits,
	// "application/http; msgtype=request" for requests.
	ContentType string
	// Block is the record's content: for a response, the HTTP response
	// with its header (see Response).
	Block []byte
	// ID is the WARC-Record-ID's UUID part; "" makes one from the record's
	// place in the file.
	ID string
}

// Response is an HTTP/1.1 response as a crawler stores it: status line,
// the header lines given ("Name: value"), Content-Length, and body.
func Response(status int, body []byte, header ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, statusText(status))
	for _, h := range header {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	return b.Bytes()
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 301:
		return "Moved Permanently"
	case 404:
		return "Not Found"
	}
	return "Status"
}

// HTMLPage is a response record for an HTML page at uri.
func HTMLPage(uri, html string) Record {
	return Record{Type: "response", URI: uri, Block: Response(200, []byte(html), "Content-Type: text/html; charset=utf-8")}
}

// DefaultDate is a record's date when Record.Date is zero.
var DefaultDate = time.Date(2024, time.May, 1, 10, 0, 0, 0, time.UTC)

// Writer writes records to a WARC stream.
type Writer struct {
	w    io.Writer
	gz   bool
	n    int
	zw   *gzip.Writer
	head bytes.Buffer
}

// NewWriter writes a WARC to w; gz writes each record as its own gzip
// member, as a .warc.gz holds them.
func NewWriter(w io.Writer, gz bool) *Writer {
	return &Writer{w: w, gz: gz}
}

// Write appends records.
func (w *Writer) Write(recs ...Record) error {
	for _, r := range recs {
		if err := w.write(r); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) write(r Record) error {
	w.n++
	ct := r.ContentType
	if ct == "" {
		switch r.Type {
		case "request":
			ct = "application/http; msgtype=request"
		default:
			ct = "application/http; msgtype=response"
		}
	}
	date := r.Date
	if date.IsZero() {
		date = DefaultDate
	}
	id := r.ID
	if id == "" {
		id = fmt.Sprintf("00000000-0000-4000-8000-%012d", w.n)
	}
	h := &w.head
	h.Reset()
	h.WriteString("WARC/1.1\r\n")
	fmt.Fprintf(h, "WARC-Type: %s\r\n", r.Type)
	fmt.Fprintf(h, "WARC-Record-ID: <urn:uuid:%s>\r\n", id)
	fmt.Fprintf(h, "WARC-Date: %s\r\n", date.UTC().Format(time.RFC3339))
	if r.URI != "" {
		fmt.Fprintf(h, "WARC-Target-URI: %s\r\n", r.URI)
	}
	if r.Type == "revisit" {
		h.WriteString("WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest\r\n")
		h.WriteString("WARC-Refers-To-Target-URI: " + r.URI + "\r\n")
	}
	fmt.Fprintf(h, "Content-Type: %s\r\n", ct)
	fmt.Fprintf(h, "Content-Length: %d\r\n\r\n", len(r.Block))
	out := w.w
	if w.gz {
		if w.zw == nil {
			w.zw = gzip.NewWriter(w.w)
		} else {
			w.zw.Reset(w.w)
		}
		out = w.zw
	}
	for _, part := range [][]byte{h.Bytes(), r.Block, []byte("\r\n\r\n")} {
		if _, err := out.Write(part); err != nil {
			return err
		}
	}
	if w.gz {
		return w.zw.Close()
	}
	return nil
}

// WARC returns a whole WARC file of the records, with a warcinfo record
// first as crawlers write it.
func WARC(gz bool, recs ...Record) []byte {
	var b bytes.Buffer
	w := NewWriter(&b, gz)
	info := Record{Type: "warcinfo", ContentType: "application/warc-fields", Block: []byte("software: warctest\r\nformat: WARC File Format 1.1\r\n")}
	if err := w.Write(append([]Record{info}, recs...)...); err != nil {
		panic(err) // a bytes.Buffer does not fail
	}
	return b.Bytes()
}

// WACZ returns a WACZ package holding the WARCs given by name (stored, not
// compressed, in archive/, as the format asks), with a datapackage.json
// and a pages list. deflate compresses the WARCs in the zip instead, as
// some tools do.
func WACZ(warcs map[string][]byte, deflate bool) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	names := make([]string, 0, len(warcs))
	for n := range warcs {
		names = append(names, n)
	}
	sort.Strings(names)
	add := func(name string, method uint16, data []byte) {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			panic(err) // a bytes.Buffer does not fail
		}
	}
	method := zip.Store
	if deflate {
		method = zip.Deflate
	}
	var resources []string
	for _, n := range names {
		add("archive/"+n, method, warcs[n])
		resources = append(resources, fmt.Sprintf(`{"name":%q,"path":"archive/%s","bytes":%d}`, n, n, len(warcs[n])))
	}
	add("pages/pages.jsonl", zip.Deflate, []byte(`{"format":"json-pages-1.0","id":"pages","title":"All Pages"}`+"\n"))
	add("datapackage.json", zip.Deflate, []byte(`{"profile":"data-package","wacz_version":"1.1.1","resources":[`+strings.Join(resources, ",")+`]}`))
	if err := z.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}
