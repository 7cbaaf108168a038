package htmlpage

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/unicode/norm"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// decodePage turns raw page bytes into NFC UTF-8 text: it gunzips when the
// bytes say gzip, refuses binary formats, and decodes the declared or
// sniffed charset. Pages over limit bytes are refused.
func decodePage(data []byte, limit int) (string, error) {
	if err := article.CheckSize(len(data), limit); err != nil {
		return "", err
	}
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return "", fmt.Errorf("gzip: %w", err)
		}
		// The trailer's last four bytes give the expanded size (modulo
		// 4 GiB, and a damaged or hostile file may lie, hence the bound):
		// one buffer of that size saves the copies of a growing one.
		size := limit + 1
		if n := len(data); n >= 18 {
			if isize := int64(binary.LittleEndian.Uint32(data[n-4:])) + 1; isize < int64(size) {
				size = int(isize)
			}
		}
		var buf bytes.Buffer
		buf.Grow(size + bytes.MinRead)
		if _, err := buf.ReadFrom(io.LimitReader(zr, int64(limit)+1)); err != nil {
			return "", fmt.Errorf("gzip (a truncated or damaged file?): %w", err)
		}
		out := buf.Bytes()
		if len(out) > limit {
			return "", fmt.Errorf("%w: the gzip file expands past the %s limit", article.ErrTooLarge, article.SizeName(limit))
		}
		data = out
	}
	if why := binaryKind(data); why != "" {
		return "", fmt.Errorf("%w: %s", article.ErrNoArticle, why)
	}
	enc := pageEncoding(data)
	var s string
	if enc == nil {
		if !utf8.Valid(data) {
			// Declared UTF-8 (or with a UTF-8 BOM) but not: a few stray
			// bytes read as U+FFFD, as in a browser; many mean noise.
			if share := article.InvalidUTF8Share(data); share > article.MaxInvalidUTF8 {
				return "", fmt.Errorf("%w: the page says it is UTF-8 but %.0f%% of it is not; save it again as UTF-8", article.ErrNoArticle, 100*share)
			}
			data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		}
		s = string(data)
	} else {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("decoding charset: %w", err)
		}
		s = string(out)
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	return norm.NFC.String(s), nil
}

// binaryKind names the format of data that is clearly not a page, or
// returns "".
func binaryKind(data []byte) string {
	head := data[:min(len(data), 512)]
	for _, m := range []struct{ magic, name string }{
		{"%PDF", "PDF document"}, {"\x89PNG", "PNG image"}, {"\xff\xd8\xff", "JPEG image"},
		{"GIF8", "GIF image"}, {"PK\x03\x04", "ZIP archive"}, {"RIFF", "RIFF media"},
		{"\x7fELF", "executable"}, {"\x1f\x8b", "nested gzip"},
	} {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return m.name
		}
	}
	// UTF-16 pages carry a BOM and legitimately hold NULs.
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return ""
	}
	ctl := 0
	for _, b := range head {
		if b == 0 {
			return "binary data"
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctl++
		}
	}
	if len(head) > 0 && ctl*10 > len(head) {
		return "binary data"
	}
	return ""
}

// pageEncoding picks the page's charset: a BOM, then a declaration in the
// first 8 KiB (the standard prescan reads only 1 KiB, which long heads
// overrun), then UTF-8 if the bytes are valid UTF-8, else windows-1252 as
// browsers do. nil means the bytes are UTF-8 already.
func pageEncoding(data []byte) encoding.Encoding {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		return nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		e, _ := htmlindex.Get("utf-16le")
		return e
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		e, _ := htmlindex.Get("utf-16be")
		return e
	}
	if name := declaredCharset(data[:min(len(data), 8192)]); name != "" {
		if e, err := htmlindex.Get(name); err == nil {
			if n, _ := htmlindex.Name(e); n == "utf-8" {
				return nil
			}
			// A page saved as UTF-8 but still declaring its old charset is
			// common; valid UTF-8 with high bytes is not a legacy encoding.
			if utf8.Valid(data) && hasHighBytes(data) {
				return nil
			}
			return e
		}
	}
	if utf8.Valid(data) {
		return nil
	}
	e, _ := htmlindex.Get("windows-1252")
	return e
}

func hasHighBytes(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return true
		}
	}
	return false
}

// declaredCharset finds charset= inside a <meta> tag or an XML declaration's
// encoding=.
func declaredCharset(head []byte) string {
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("<?xml")) {
		if i := bytes.Index(lower, []byte("encoding=")); i >= 0 {
			if v := attrValue(lower[i+len("encoding="):]); v != "" {
				return v
			}
		}
	}
	for off := 0; ; {
		i := bytes.Index(lower[off:], []byte("<meta"))
		if i < 0 {
			return ""
		}
		start := off + i
		end := bytes.IndexByte(lower[start:], '>')
		if end < 0 {
			return ""
		}
		tag := lower[start : start+end]
		if j := bytes.Index(tag, []byte("charset=")); j >= 0 {
			if v := attrValue(tag[j+len("charset="):]); v != "" {
				return v
			}
		}
		off = start + end
	}
}

func attrValue(b []byte) string {
	b = bytes.TrimLeft(b, " \"'")
	end := bytes.IndexAny(b, "\"'; />")
	if end < 0 {
		end = len(b)
	}
	return string(bytes.TrimSpace(b[:end]))
}
