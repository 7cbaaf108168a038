package content

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/safetext"
)

// File is a content file being written: front matter, then a Markdown
// body. It is the one writer of front matter, so that `brief import`,
// `brief import --update` and `brief extract` write articles alike, and
// the reader above reads back what they wrote: each value is written in
// the form the reader returns it (one-line fields on one line, lists
// cleaned, URLs escaped), quoted wherever YAML needs it.
//
// A new file lists its keys in one fixed order (see keys); a file opened
// with EditFile keeps the editor's keys, their order and their comments
// (re-spaced as YAML writes them), and a key it gains goes after the last
// key that the fixed order puts before it.
type File struct {
	front *yaml.Node // a mapping
	body  []byte     // everything after the closing ---, as written
}

// valueKind says what a front matter key holds and how the reader reads
// it, which is how the writer writes it.
type valueKind int

const (
	kindLine   valueKind = iota // one line of text: see safetext.Line
	kindText                    // text as safetext.Text keeps it (slug, paths, hashes)
	kindNote                    // Markdown, trimmed
	kindURL                     // a URL: see escapeURL
	kindList                    // a list of one-line items: see clean
	kindTime                    // a date
	kindBool                    // false is left out
	kindHashes                  // import_hashes: field → hash
)

// keys are the front matter keys in the order a new file lists them: what
// the article is, then the editor's choices, then what import records.
var keys = []frontKey{
	{"title", kindLine},
	{"date", kindTime},
	{"date_from", kindLine},
	{"updated", kindTime},
	{"source", kindLine},
	{"source_url", kindURL},
	{"author", kindList},
	{"tags", kindList},
	{"topics", kindList},
	{"exclude_topics", kindList},
	{"summary", kindLine},
	{"description", kindLine},
	{"image", kindURL},
	{"language", kindText},
	{"story", kindText},
	{"lead", kindBool},
	{"publish", kindText},
	{"note", kindNote},
	{"draft", kindBool},
	{"slug", kindText},
	{"imported", kindTime},
	{"scraped_from", kindText},
	{"fingerprint", kindText},
	{"import_hashes", kindHashes},
}

type frontKey struct {
	name string
	kind valueKind
}

// keyIndex is the place of a key in the fixed order, -1 for none.
func keyIndex(name string) int {
	return slices.IndexFunc(keys, func(k frontKey) bool { return k.name == name })
}

// NewFile returns an empty content file.
func NewFile() *File {
	return &File{front: &yaml.Node{Kind: yaml.MappingNode}}
}

// EditFile opens a content file for changing some of its keys. The keys it
// is not asked to change, and the body unless SetBody is called, are
// written back as they are.
func EditFile(data []byte) (*File, error) {
	yamlText, body, _, err := Split(data)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlText, &doc); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	switch {
	case len(doc.Content) == 0:
		return &File{front: &yaml.Node{Kind: yaml.MappingNode}, body: body}, nil
	case doc.Content[0].Kind != yaml.MappingNode:
		return nil, fmt.Errorf("front matter is not a list of `key: value` lines")
	}
	return &File{front: doc.Content[0], body: body}, nil
}

// Day is a date written as a day alone (`date: 2025-01-11`), which pages
// show without a time of day.
type Day struct{ Date time.Time }

// Set gives key the value v, in the form the reader will return it. v is a
// string, a []string, a time.Time or a Day, a bool or, for import_hashes, a
// map[string]string, as the key requires. An empty value (the zero time,
// false, "", an empty list, or nil) removes the key.
func (f *File) Set(key string, v any) error {
	i := keyIndex(key)
	if i < 0 {
		return fmt.Errorf("front matter: unknown key %q", key)
	}
	val, err := node(keys[i].kind, v)
	if err != nil {
		return fmt.Errorf("front matter: %s: %w", key, err)
	}
	m := f.front
	at := -1
	for j := 0; j+1 < len(m.Content); j += 2 {
		if m.Content[j].Value == key {
			at = j
			break
		}
	}
	switch {
	case val == nil && at >= 0:
		m.Content = slices.Delete(m.Content, at, at+2)
	case val == nil:
	case at >= 0:
		// The editor's comments on the line stay with it.
		val.HeadComment, val.LineComment, val.FootComment = m.Content[at+1].HeadComment, m.Content[at+1].LineComment, m.Content[at+1].FootComment
		m.Content[at+1] = val
	default:
		// After the last key that the fixed order puts before this one,
		// else first.
		at = 0
		for j := 0; j+1 < len(m.Content); j += 2 {
			if k := keyIndex(m.Content[j].Value); k >= 0 && k < i {
				at = j + 2
			}
		}
		kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
		m.Content = slices.Insert(m.Content, at, kn, val)
	}
	return nil
}

// node makes the YAML for one value of the given kind, nil for an empty
// value.
func node(kind valueKind, v any) (*yaml.Node, error) {
	if v == nil {
		return nil, nil
	}
	str := func(s string) *yaml.Node {
		// YAML is UTF-8 text: the encoder refuses anything else, and a
		// file name (scraped_from) may be any bytes.
		s = safetext.Text(s)
		if s == "" {
			return nil
		}
		// The encoder quotes a string wherever it would read back as
		// something else (true, 1.5, a date, "- x", "a: b", "#x").
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	}
	wrong := func() (*yaml.Node, error) { return nil, fmt.Errorf("%T is not a value for this key", v) }
	switch kind {
	case kindLine, kindText, kindNote, kindURL:
		s, ok := v.(string)
		if !ok {
			return wrong()
		}
		switch kind {
		case kindLine:
			s = safetext.Line(s)
		case kindNote:
			s = strings.TrimSpace(safetext.Text(s))
		case kindURL:
			s = escapeURL(s)
		}
		return str(s), nil
	case kindList:
		l, ok := v.([]string)
		if !ok {
			return wrong()
		}
		l = clean(l)
		if len(l) == 0 {
			return nil, nil
		}
		// Lists read best on one line: tags: [China, Taiwan].
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		for _, s := range l {
			seq.Content = append(seq.Content, str(s))
		}
		return seq, nil
	case kindTime:
		if d, ok := v.(Day); ok {
			if d.Date.IsZero() {
				return nil, nil
			}
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.Date.Format(time.DateOnly)}, nil
		}
		t, ok := v.(time.Time)
		if !ok {
			return wrong()
		}
		if t.IsZero() {
			return nil, nil
		}
		// Written as the timestamp it is, not as a quoted string.
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: t.Format(time.RFC3339Nano)}, nil
	case kindBool:
		b, ok := v.(bool)
		if !ok {
			return wrong()
		}
		if !b {
			return nil, nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}, nil
	case kindHashes:
		h, ok := v.(map[string]string)
		if !ok {
			return wrong()
		}
		if len(h) == 0 {
			return nil, nil
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range slices.Sorted(maps.Keys(h)) {
			m.Content = append(m.Content, str(k), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: safetext.Text(h[k])})
		}
		return m, nil
	}
	return wrong()
}

// SetBody replaces the body with Markdown, written after a blank line
// and ending with a newline, as safetext.Text stores text: bytes that are
// not UTF-8 become U+FFFD, and control characters other than tab and
// newline (NUL, which the reader refuses, ESC) are dropped.
func (f *File) SetBody(markdown string) {
	markdown = safetext.Text(markdown)
	b := make([]byte, 0, len(markdown)+2)
	b = append(b, '\n')
	b = append(b, markdown...)
	if len(markdown) > 0 && markdown[len(markdown)-1] != '\n' {
		b = append(b, '\n')
	}
	f.body = b
}

// Bytes returns the file: front matter between lines of three dashes,
// then the body.
func (f *File) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	if len(f.front.Content) > 0 {
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(f.front); err != nil {
			return nil, fmt.Errorf("writing front matter: %w", err)
		}
		if err := enc.Close(); err != nil {
			return nil, fmt.Errorf("writing front matter: %w", err)
		}
	}
	buf.WriteString("---\n")
	buf.Write(f.body)
	return buf.Bytes(), nil
}
