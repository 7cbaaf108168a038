package diag

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseYAML parses src, YAML that starts on line lineOffset+1 of path,
// into a node tree, without decoding it: parsing is linear in the input,
// while decoding a large mapping is not, so callers check the tree with
// CheckShape first.
//
// The parser's own messages name YAML's grammar, not the editor's mistake,
// and often no line ("mapping values are not allowed in this context"), so
// a failed parse is explained from the text: each line that holds one of
// the mistakes editors make most (an unquoted ": " in a title, a value
// starting with a quote that does not end with it, a tab as indentation)
// is reported with its line and the quoted value to write instead. The
// parser's message, with its line made right, is the fallback.
//
// prose names the keys whose values are text an editor writes, where a #
// starts a comment by surprise: "title: #1 pick" parses, as an empty
// title. Those are errors even when the YAML parses.
func ParseYAML(path string, lineOffset int, src []byte, prose func(key string) bool) (*yaml.Node, error) {
	var doc yaml.Node
	perr := yaml.Unmarshal(src, &doc)
	var errs List
	for _, h := range lintYAML(src, prose) {
		if perr != nil || h.always {
			errs.Add(&Error{Path: path, Line: h.line + lineOffset, Msg: h.msg})
		}
	}
	if perr != nil && errs.Len() == 0 {
		errs.Add(FromYAML(path, lineOffset, perr))
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &doc, nil
}

// yamlHint is a mistake found on one line (1-based in the YAML text).
// always marks mistakes that parse but lose text.
type yamlHint struct {
	line   int
	msg    string
	always bool
}

// yamlKeyLine is a `key: value` line, possibly a list item, with the
// indentation before it.
var yamlKeyLine = regexp.MustCompile(`^( *)(- +)?([A-Za-z_][A-Za-z0-9_-]*):(?:( +)(.*))?$`)

// yamlNoSpace is `key:value`, which YAML reads as one plain string.
var yamlNoSpace = regexp.MustCompile(`^ *(- +)?([A-Za-z_][A-Za-z0-9_-]*):([^\s/].*)$`)

// lintYAML finds the mistakes ParseYAML explains. It reads line by line
// and skips the lines of block scalars (note: |), whose text is free.
func lintYAML(src []byte, prose func(string) bool) []yamlHint {
	var hints []yamlHint
	blockIndent := -1 // indentation of the key that opened a block scalar
	for i, raw := range bytes.Split(src, []byte("\n")) {
		n := i + 1
		l := strings.TrimRight(string(raw), " \r")
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if blockIndent >= 0 {
			if strings.TrimSpace(l) == "" || indent > blockIndent {
				continue
			}
			blockIndent = -1
		}
		if t := strings.TrimLeft(l, " "); strings.HasPrefix(t, "\t") {
			hints = append(hints, yamlHint{line: n, msg: "this line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces (or remove it)"})
			continue
		}
		m := yamlKeyLine.FindStringSubmatch(l)
		if m == nil {
			if m := yamlNoSpace.FindStringSubmatch(l); m != nil && !strings.HasPrefix(strings.TrimSpace(l), "#") {
				hints = append(hints, yamlHint{line: n, msg: fmt.Sprintf("%q has no space after the colon, so YAML does not read it as a key: write %s: %s", strings.TrimSpace(l), m[2], m[3])})
			}
			continue
		}
		key, v := m[3], strings.TrimSpace(m[5])
		if v == "" {
			continue
		}
		isProse := prose != nil && prose(key)
		quote := func(what string) yamlHint {
			return yamlHint{line: n, msg: fmt.Sprintf("%s %s: put the whole value in quotes: %s: %s", key, what, key, quoteYAML(v))}
		}
		switch c := v[0]; {
		case c == '|' || c == '>':
			blockIndent = indent
		case c == '#':
			if isProse {
				h := quote(fmt.Sprintf("starts with #, which YAML reads as the start of a comment, so %s is empty", key))
				h.always = true
				hints = append(hints, h)
			}
		case c == '"' || c == '\'':
			if end := closingQuote(v); end < 0 {
				hints = append(hints, quote(fmt.Sprintf("starts with a quote (%c) that does not end on this line", c)))
			} else if rest := strings.TrimSpace(v[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
				hints = append(hints, quote(fmt.Sprintf("starts with a quote (%c), so YAML expects the value to end at the matching quote, but more text follows it", c)))
			}
		case c == '[' || c == '{':
			// A flow list is how lists are written; only text after
			// it is a mistake, and the parser then fails.
			if !isProse {
				continue
			}
			hints = append(hints, quote(fmt.Sprintf("starts with %c, which YAML reads as the start of a list or mapping", c)))
		case strings.ContainsRune("@`%", rune(c)):
			hints = append(hints, quote(fmt.Sprintf("starts with %c, which YAML reserves", c)))
		case c == '*' || c == '&' || c == '!':
			hints = append(hints, quote(fmt.Sprintf("starts with %c, which YAML reads as an alias, anchor or tag", c)))
		case (c == '-' || c == '?' || c == ':') && (len(v) == 1 || v[1] == ' '):
			hints = append(hints, quote(fmt.Sprintf("starts with %q, which YAML reads as structure", v[:1]+" ")))
		default:
			text, comment, hasComment := strings.Cut(v, " #")
			switch {
			case strings.Contains(text, ": ") || strings.HasSuffix(text, ":"):
				hints = append(hints, quote(`contains ": ", which YAML reads as the start of another key`))
			case hasComment && isProse:
				h := quote(fmt.Sprintf("contains \" #\", and YAML reads the rest (%q) as a comment", "#"+comment))
				h.always = true
				hints = append(hints, h)
			}
		}
	}
	return hints
}

// closingQuote returns the index in v of the quote that closes the quoted
// scalar v starts with, or -1.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case q == '\'' && v[i] == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// quoteYAML writes v as a YAML string an editor can paste: in double
// quotes when it has none, else in single quotes when it has none of
// those, else double-quoted with escapes.
func quoteYAML(v string) string {
	switch {
	case !strings.Contains(v, `"`) && !strings.Contains(v, `\`):
		return `"` + v + `"`
	case !strings.Contains(v, `'`):
		return `'` + v + `'`
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// Limits bound the shape of a YAML tree before it is decoded.
type Limits struct {
	MaxDepth int // nesting of lists and mappings
	MaxNodes int // keys, values and list items in all
	MaxKeys  int // keys of one mapping: decoding checks them pairwise
}

// coreTags are the tags a YAML value may be given explicitly; others
// (!!binary, which decodes to arbitrary bytes, and local tags) are
// refused.
var coreTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true, "!!timestamp": true, "!!seq": true, "!!map": true}

// CheckShape refuses what no hand-written configuration needs and what
// makes decoding blow up: anchors and aliases (how "billion laughs" files
// multiply a value), explicit tags other than YAML's core ones (!!binary
// puts bytes that are not text into a string), deep nesting, and more
// nodes or keys than lim allows. what names the file's kind in messages
// ("front matter", "site.yaml"); lines are n.Line+lineOffset.
func CheckShape(path string, lineOffset int, doc *yaml.Node, what string, lim Limits) error {
	count := 0
	var walk func(n *yaml.Node, depth int) error
	walk = func(n *yaml.Node, depth int) error {
		line := n.Line + lineOffset
		count++
		switch {
		case count > lim.MaxNodes:
			return Errorf(path, line, "%s holds more than %d values; it is a few dozen lines in any real site: is a data file pasted into it?", what, lim.MaxNodes)
		case depth > lim.MaxDepth:
			return Errorf(path, line, "%s is nested more than %d levels deep", what, lim.MaxDepth)
		case n.Kind == yaml.AliasNode || n.Anchor != "":
			return Errorf(path, line, "YAML anchors and aliases (&name, *name) are not allowed in %s; write the value out (and quote a value that starts with & or *)", what)
		case n.Style&yaml.TaggedStyle != 0 && !coreTags[n.Tag]:
			return Errorf(path, line, "the YAML tag %s is not allowed in %s; write the value as plain text", n.Tag, what)
		case n.Kind == yaml.MappingNode && len(n.Content)/2 > lim.MaxKeys:
			return Errorf(path, line, "a mapping in %s has %d keys, over the limit of %d", what, len(n.Content)/2, lim.MaxKeys)
		}
		for _, c := range n.Content {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(doc, 0)
}
