package content

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// fastFront decodes front matter written the way brief writes it (brief
// import, brief new): one `key: value` line per known key, each value a
// double-quoted string without escapes, a plain scalar, a flow list of
// such quoted strings, or, for import_hashes, a block of indented
// `name: value` lines. yaml.v3 took most of the time of parsing a content
// file. It reports false for anything else, including every text that
// could be a mistake (a # anywhere, a tab, a repeated key, an unknown
// key), and decodeFront then asks yaml.v3, which explains mistakes; what
// it accepts, it decodes to exactly what yaml.v3 and Front's unmarshalers
// give (FuzzFastFrontMatchesYAML).
func fastFront(text []byte) (*Front, map[string]int, bool) {
	if len(text) == 0 || !plainText(text) {
		return nil, nil, false
	}
	var f Front
	lines := map[string]int{}
	rest := text
	for n := 1; len(rest) > 0; n++ {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		if len(l) == 0 {
			continue
		}
		key, value, ok := keyLine(l)
		if !ok || !frontKeys[key] {
			return nil, nil, false
		}
		if _, dup := lines[key]; dup {
			return nil, nil, false
		}
		lines[key] = n + 1 // the YAML starts on the file's second line
		if key == "import_hashes" {
			if value != "" {
				return nil, nil, false
			}
			var m map[string]string
			m, rest, n, ok = hashBlock(rest, n)
			if !ok {
				return nil, nil, false
			}
			f.ImportHashes = m
			continue
		}
		if value == "" || !setField(&f, key, value, n) {
			return nil, nil, false
		}
	}
	return &f, lines, true
}

// plainText reports whether text holds none of what the fast path leaves
// to yaml.v3: comments, tabs, escapes, carriage returns, anchors, tags,
// and characters YAML refuses or reads as line breaks. (Anchors, aliases,
// tags and single quotes matter only at the start of a value; scalarValue
// refuses those.)
func plainText(text []byte) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f || c == '#' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += size
	}
	return true
}

// keyLine splits an unindented `key: value` (or `key:`) line.
func keyLine(l []byte) (key, value string, ok bool) {
	i := 0
	for i < len(l) && (l[i] >= 'a' && l[i] <= 'z' || l[i] == '_') {
		i++
	}
	if i == 0 || i == len(l) || l[i] != ':' {
		return "", "", false
	}
	key = string(l[:i])
	switch {
	case i+1 == len(l):
		return key, "", true
	case l[i+1] != ' ' || i+2 == len(l) || l[i+2] == ' ':
		return "", "", false
	}
	return key, string(l[i+2:]), true
}

// hashBlock reads import_hashes' indented `name: value` lines, which
// follow line n; it returns what follows them and the last line read.
func hashBlock(rest []byte, n int) (map[string]string, []byte, int, bool) {
	var m map[string]string
	for len(rest) > 0 && bytes.HasPrefix(rest, []byte("  ")) {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		n++
		name, value, ok := keyLine(l[2:])
		if !ok || value == "" || !plainWord(value) || isNull(name) || isNull(value) {
			return nil, nil, 0, false
		}
		if m == nil {
			m = map[string]string{}
		}
		if _, dup := m[name]; dup || len(m) >= 64 {
			return nil, nil, 0, false
		}
		m[name] = value
	}
	return m, rest, n, m != nil
}

// plainWord reports whether s is letters and digits only: a plain
// scalar that is text to any string field.
func plainWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// setField decodes value, from line n of the YAML, into f's field key.
func setField(f *Front, key, value string, n int) bool {
	switch key {
	case "lead", "draft":
		var b bool
		switch value {
		case "true":
			b = true
		case "false":
		default:
			return false
		}
		if key == "lead" {
			f.Lead = b
		} else {
			f.Draft = b
		}
		return true
	case "author", "tags", "topics", "exclude_topics":
		l, single, ok := flowList(value)
		if !ok {
			return false
		}
		if single && key != "author" {
			l = splitTerms(l[0])
		}
		switch key {
		case "author":
			f.Author = List(l)
		case "tags":
			f.Tags = Terms(l)
		case "topics":
			f.Topics = Terms(l)
		default:
			f.ExcludeTopics = Terms(l)
		}
		return true
	case "import_hashes":
		return false
	}
	s, ok := scalarValue(value)
	if !ok {
		return false
	}
	switch key {
	case "date", "updated", "imported":
		t := Timestamp{Raw: strings.TrimSpace(s), Line: n}
		switch key {
		case "date":
			f.Date = t
		case "updated":
			f.Updated = t
		default:
			f.Imported = t
		}
		return true
	}
	p := stringField(f, key)
	if p == nil {
		return false
	}
	*p = s
	return true
}

// stringField is f's string field for key, or nil.
func stringField(f *Front, key string) *string {
	switch key {
	case "title":
		return &f.Title
	case "slug":
		return &f.Slug
	case "date_from":
		return &f.DateFrom
	case "source":
		return &f.Source
	case "source_url":
		return &f.SourceURL
	case "summary":
		return &f.Summary
	case "image":
		return &f.Image
	case "language":
		return &f.Language
	case "story":
		return &f.Story
	case "publish":
		return &f.Publish
	case "note":
		return &f.Note
	case "description":
		return &f.Description
	case "scraped_from":
		return &f.ScrapedFrom
	case "fingerprint":
		return &f.Fingerprint
	}
	return nil
}

// scalarValue reads a double- or single-quoted string without escapes
// (two single quotes are one) or a plain scalar that YAML reads as that
// very text (not null, not a list).
func scalarValue(v string) (string, bool) {
	switch v[0] {
	case '"':
		if len(v) < 2 || v[len(v)-1] != '"' || strings.IndexByte(v[1:len(v)-1], '"') >= 0 {
			return "", false
		}
		return v[1 : len(v)-1], true
	case '\'':
		return singleQuoted(v)
	}
	if strings.ContainsAny(v[:1], " -?:,[]{}|>%@`&*!'\"") || v[len(v)-1] == ' ' || v[len(v)-1] == ':' || strings.Contains(v, ": ") {
		return "", false
	}
	if isNull(v) {
		return "", false
	}
	return v, true
}

// singleQuoted reads a single-quoted YAML string on one line.
func singleQuoted(v string) (string, bool) {
	if len(v) < 2 || v[len(v)-1] != '\'' {
		return "", false
	}
	in := v[1 : len(v)-1]
	if !strings.Contains(in, "'") {
		return in, true
	}
	var b strings.Builder
	for i := 0; i < len(in); i++ {
		if in[i] == '\'' {
			if i+1 == len(in) || in[i+1] != '\'' {
				return "", false
			}
			i++
		}
		b.WriteByte(in[i])
	}
	return b.String(), true
}

// isNull reports whether YAML reads the plain scalar v as null.
func isNull(v string) bool {
	switch v {
	case "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// flowList reads a flow list of quoted or plain strings (["a", b], or
// []), what brief writes for authors, tags and topics, or one scalar,
// which it reports as single: a list of one, which Terms split at commas.
func flowList(v string) (l []string, single, ok bool) {
	if v[0] != '[' {
		s, ok := scalarValue(v)
		if !ok {
			return nil, false, false
		}
		return []string{s}, true, true
	}
	if v == "[]" {
		return []string{}, false, true
	}
	if len(v) < 3 || v[len(v)-1] != ']' {
		return nil, false, false
	}
	var out []string
	for in := v[1 : len(v)-1]; ; {
		item, rest, ok := cutItem(in)
		if !ok {
			return nil, false, false
		}
		s, ok := flowItem(item)
		if !ok {
			return nil, false, false
		}
		out = append(out, s)
		if rest == "" {
			return out, false, true
		}
		if !strings.HasPrefix(rest, ", ") {
			return nil, false, false
		}
		in = rest[2:]
	}
}

// cutItem cuts a flow list's first item from in: a quoted string to its
// closing quote, a plain one to the first comma.
func cutItem(in string) (item, rest string, ok bool) {
	switch {
	case in == "":
		return "", "", false
	case in[0] == '"':
		end := strings.IndexByte(in[1:], '"')
		if end < 0 {
			return "", "", false
		}
		return in[:end+2], in[end+2:], true
	case in[0] == '\'':
		for i := 1; i < len(in); i++ {
			if in[i] != '\'' {
				continue
			}
			if i+1 < len(in) && in[i+1] == '\'' {
				i++
				continue
			}
			return in[:i+1], in[i+1:], true
		}
		return "", "", false
	}
	if i := strings.IndexByte(in, ','); i >= 0 {
		return in[:i], in[i:], true
	}
	return in, "", true
}

// flowItem reads one item of a flow list: a quoted string, or a plain
// one free of flow indicators.
func flowItem(item string) (string, bool) {
	if item == "" {
		return "", false
	}
	if item[0] == '"' || item[0] == '\'' {
		return scalarValue(item)
	}
	if strings.ContainsAny(item, "[]{}") {
		return "", false
	}
	return scalarValue(item)
}
