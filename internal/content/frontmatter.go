package content

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/diag"
)

// MaxFileSize bounds a content file. An article is text a person curates;
// anything larger is a mistake (a binary, a whole scraped site) and would
// only slow every build down.
const MaxFileSize = 4 << 20

// Front is the front matter of a content file. Which fields apply depends on
// the kind of file; see Kind.
type Front struct {
	Title string    `yaml:"title"`
	Slug  string    `yaml:"slug"`
	Date  Timestamp `yaml:"date"`
	// DateFrom says where an imported date came from when it is not the
	// page's date of publication (see DateFromUpdated and the others).
	DateFrom      string    `yaml:"date_from"`
	Updated       Timestamp `yaml:"updated"`
	Source        string    `yaml:"source"`
	SourceURL     string    `yaml:"source_url"`
	Author        List      `yaml:"author"`
	Tags          Terms     `yaml:"tags"`
	Topics        Terms     `yaml:"topics"`
	ExcludeTopics Terms     `yaml:"exclude_topics"`
	Summary       string    `yaml:"summary"`
	Image         string    `yaml:"image"`
	// Language is the article's language tag (en, pt-BR, zh-Hans); its
	// page's <html lang> follows it.
	Language string `yaml:"language"`
	// Story pins the article to a story (see internal/stories): articles
	// with the same story are one, whatever their likeness.
	Story string `yaml:"story"`
	// Lead makes the article its story's lead, the report shown first and
	// listed for the story, whatever the build would choose.
	Lead bool `yaml:"lead"`
	// Publish is how much of the article the site republishes: full,
	// excerpt or link (see site.Publish); it wins over site.yaml.
	Publish     string `yaml:"publish"`
	Note        string `yaml:"note"`
	Draft       bool   `yaml:"draft"`
	Description string `yaml:"description"`

	// Written by brief import.
	Imported    Timestamp `yaml:"imported"`
	ScrapedFrom string    `yaml:"scraped_from"`
	Fingerprint string    `yaml:"fingerprint"`
	// ImportHashes records, per field, a hash of the value brief import
	// wrote ("title", "body", …; see Article.ImportValues). A field whose
	// value no longer matches its hash was edited by hand, and `brief
	// import --update` leaves it alone.
	ImportHashes map[string]string `yaml:"import_hashes"`
}

// Timestamp is a date as written in front matter. It is resolved once the
// site's time zone is known: an editor who writes "2025-01-11 13:20" means
// the site's local time, never UTC by accident.
type Timestamp struct {
	Raw  string
	Line int
}

// UnmarshalYAML keeps the text and its line; it accepts only scalars.
func (t *Timestamp) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a date must be text such as 2025-01-11T13:20:00+08:00", n.Line)
	}
	t.Raw, t.Line = strings.TrimSpace(n.Value), n.Line
	return nil
}

// IsZero reports whether the field was left out.
func (t Timestamp) IsZero() bool { return t.Raw == "" }

// dateLayouts lists what an editor may write, most specific first. Layouts
// without an offset are read in the site's time zone.
var dateLayouts = []struct {
	layout    string
	hasOffset bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02", false},
}

// minYear rejects placeholder dates such as 0001-01-01, which sort before
// everything and read as "no date" in feeds.
const minYear = 1000

// Parse resolves the timestamp. Dates without an offset are read in loc.
func (t Timestamp) Parse(loc *time.Location) (time.Time, error) {
	for _, l := range dateLayouts {
		var (
			v   time.Time
			err error
		)
		if l.hasOffset {
			v, err = time.Parse(l.layout, t.Raw)
		} else {
			v, err = time.ParseInLocation(l.layout, t.Raw, loc)
		}
		if err == nil {
			if v.Year() < minYear {
				return time.Time{}, fmt.Errorf("%q is not a plausible date (before the year %d); write the real date", t.Raw, minYear)
			}
			return v, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date; write it as 2025-01-11T13:20:00+08:00, or 2025-01-11 13:20 in the site's time zone", t.Raw)
}

// DateOnly reports whether the timestamp is a day without a time of day
// ("2025-01-11"), which Parse places at midnight in the site's zone.
func (t Timestamp) DateOnly() bool {
	_, err := time.Parse(time.DateOnly, t.Raw)
	return err == nil
}

// List is a list of strings that an editor may also write as a single
// string: `tags: China` means `tags: [China]`.
type List []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (l *List) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			*l = nil
			return nil
		}
		*l = List{n.Value}
		return nil
	case yaml.SequenceNode:
		out := make(List, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: each item must be text, not a list or mapping", c.Line)
			}
			out = append(out, c.Value)
		}
		*l = out
		return nil
	}
	return fmt.Errorf("line %d: expected text or a list of text", n.Line)
}

// Terms is a List whose single string is a comma-separated list:
// `tags: China, trade` means `tags: [China, trade]`, not the one tag
// "China, trade" (slug china-trade). An item of a real list keeps its
// commas. Authors stay a List, since a name may hold a comma.
type Terms []string

// UnmarshalYAML accepts what List does, splitting a single string at
// commas (also the full-width comma of CJK text).
func (t *Terms) UnmarshalYAML(n *yaml.Node) error {
	var l List
	if err := l.UnmarshalYAML(n); err != nil {
		return err
	}
	if n.Kind == yaml.ScalarNode && len(l) == 1 {
		l = strings.FieldsFunc(l[0], func(r rune) bool { return r == ',' || r == '，' })
	}
	*t = Terms(l)
	return nil
}

// ErrNoFrontMatter reports a content file that does not start with ---.
var ErrNoFrontMatter = errors.New("no front matter: the file must start with a line of three dashes (---), then YAML, then another ---")

// Split separates front matter from body. It returns the YAML, the body and
// the 1-based line on which the body starts.
func Split(data []byte) (yamlText, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, rest, ok := cutLine(data)
	if !ok || strings.TrimRight(string(first), " \t\r") != "---" {
		return nil, nil, 0, ErrNoFrontMatter
	}
	line := 2
	start := rest
	for len(rest) > 0 {
		l, after, _ := cutLine(rest)
		trimmed := strings.TrimRight(string(l), " \t\r")
		if trimmed == "---" || trimmed == "..." {
			yamlText = start[:len(start)-len(rest)]
			return yamlText, after, line + 1, nil
		}
		rest = after
		line++
	}
	return nil, nil, 0, errors.New("front matter is not closed: add a line of three dashes (---) after the last field")
}

func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, len(b) > 0
}

var errTooLarge = fmt.Errorf("file is over the %d MiB limit for a content file; split it or move it out of content/", MaxFileSize>>20)

// checkText refuses files that are not text an editor wrote.
func checkText(data []byte) error {
	if len(data) > MaxFileSize {
		return errTooLarge
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return errors.New("file is binary (it contains NUL bytes); only Markdown files belong in content/")
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return &lineError{line: line, msg: "file is not valid UTF-8 text; re-save it as UTF-8"}
	}
	return nil
}

type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// frontKeys are the keys Front accepts, from its yaml tags.
var frontKeys = func() map[string]bool {
	keys := map[string]bool{}
	t := reflect.TypeOf(Front{})
	for i := range t.NumField() {
		keys[strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]] = true
	}
	return keys
}()

// Bounds on front matter, checked before its YAML is decoded: decoding a
// mapping compares its keys pairwise, so its time grows with the square of
// the key count, and real front matter is a few dozen lines, two levels
// deep.
const (
	// MaxFrontMatter bounds the front matter block in bytes; long
	// commentary belongs in the body.
	MaxFrontMatter = 64 << 10
	maxFrontNodes  = 2000
	maxFrontKeys   = 200
	maxDepth       = 8
)

// proseKeys hold text an editor writes freely, where a # or ": " in the
// text trips YAML up.
var proseKeys = map[string]bool{"title": true, "summary": true, "description": true, "source": true, "note": true, "date_from": true}

// decodeFront decodes YAML front matter strictly: syntax mistakes,
// unknown keys, duplicate keys and wrong types are errors with their line
// in the file and what to write instead. The YAML is parsed once, and its
// size and shape are checked before the node tree is decoded; the tree
// serves both the key check and the decoding.
func decodeFront(path string, yamlText []byte) (*Front, map[string]int, error) {
	var f Front
	lines := map[string]int{}
	if len(yamlText) > MaxFrontMatter {
		return nil, nil, diag.Errorf(path, 2, "front matter is %d KiB, over the %d KiB limit: move long text into the body, below the closing ---", len(yamlText)>>10, MaxFrontMatter>>10)
	}
	// The YAML starts on the file's second line, after the opening ---.
	doc, err := diag.ParseYAML(path, 1, yamlText, func(k string) bool { return proseKeys[k] })
	if err != nil {
		return nil, nil, err
	}
	if len(doc.Content) == 0 {
		return &f, lines, nil
	}
	if err := diag.CheckShape(path, 1, doc, "front matter", diag.Limits{MaxDepth: maxDepth, MaxNodes: maxFrontNodes, MaxKeys: maxFrontKeys}); err != nil {
		return nil, nil, err
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, nil, diag.Errorf(path, m.Line+1, "front matter must be a list of `key: value` lines")
	}
	var errs diag.List
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !frontKeys[k.Value] {
			errs.Add(diag.Errorf(path, k.Line+1, "unknown key %q (known keys: %s)", k.Value, knownKeyList()))
			continue
		}
		if prev, dup := lines[k.Value]; dup {
			errs.Add(diag.Errorf(path, k.Line+1, "key %q is set twice (first on line %d); keep one", k.Value, prev))
		}
		lines[k.Value] = k.Line + 1
	}
	if err := m.Decode(&f); err != nil {
		errs.Add(diag.FromYAML(path, 1, err))
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	return &f, lines, nil
}

func knownKeyList() string {
	keys := make([]string, 0, len(frontKeys))
	for k := range frontKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}
