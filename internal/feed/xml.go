package feed

import (
	"io"
	"strings"
)

// xmlWriter writes indented XML by hand. encoding/xml declares namespaces
// afresh on each element instead of using the conventional prefixes
// (content:encoded, dc:creator) that some RSS readers match literally, and
// it escapes every newline in text as &#xA;, which makes content:encoded
// unreadable. Well-formedness rests on two rules that this
// type enforces: every name is a constant chosen in this package, and every
// text or attribute value goes through escape.
type xmlWriter struct {
	b     strings.Builder
	depth int
}

func newXMLWriter() *xmlWriter {
	x := &xmlWriter{}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	return x
}

// attrs are name/value pairs; a pair with an empty value is left out, so
// that optional attributes need no special casing at the call site.
func (x *xmlWriter) start(name string, attrs []string) {
	x.b.WriteString(strings.Repeat("  ", x.depth))
	x.b.WriteByte('<')
	x.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		x.b.WriteByte(' ')
		x.b.WriteString(attrs[i])
		x.b.WriteString(`="`)
		escape(&x.b, attrs[i+1], true)
		x.b.WriteByte('"')
	}
}

// open starts an element that will hold other elements.
func (x *xmlWriter) open(name string, attrs ...string) {
	x.start(name, attrs)
	x.b.WriteString(">\n")
	x.depth++
}

func (x *xmlWriter) close(name string) {
	x.depth--
	x.b.WriteString(strings.Repeat("  ", x.depth))
	x.b.WriteString("</" + name + ">\n")
}

// text writes an element holding only text, even when the text is empty.
func (x *xmlWriter) text(name, s string, attrs ...string) {
	x.start(name, attrs)
	x.b.WriteByte('>')
	escape(&x.b, s, false)
	x.b.WriteString("</" + name + ">\n")
}

// opt writes a text element only when there is text, for optional ones.
func (x *xmlWriter) opt(name, s string, attrs ...string) {
	if s != "" {
		x.text(name, s, attrs...)
	}
}

// empty writes an element with attributes only.
func (x *xmlWriter) empty(name string, attrs ...string) {
	x.start(name, attrs)
	x.b.WriteString("/>\n")
}

func (x *xmlWriter) writeTo(w io.Writer) error {
	_, err := io.WriteString(w, x.b.String())
	return err
}

// escape writes s as XML character data or as an attribute value. Escaping
// '>' as well as '<' means "]]>" can never appear. In attributes, tab and
// newline are written as references because a parser would otherwise turn
// them into spaces. Characters XML cannot carry at all are dropped here too,
// so even a caller that skipped clean gets well-formed output.
func escape(b *strings.Builder, s string, attr bool) {
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\t' && attr:
			b.WriteString("&#x9;")
		case r == '\n' && attr:
			b.WriteString("&#xA;")
		case r == '\r':
			b.WriteString("&#xD;")
		case !xmlChar(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
}
