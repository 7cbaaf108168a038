package site

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The publish modes: how much of an article's text the site republishes.
const (
	// PublishFull publishes the whole text (the default).
	PublishFull = "full"
	// PublishExcerpt publishes its opening (Publish.Words words or
	// Publish.Paragraphs paragraphs) and links the rest.
	PublishExcerpt = "excerpt"
	// PublishLink publishes no text of the article: the editor's note
	// and summary, and the link to the original.
	PublishLink = "link"
)

// DefaultExcerptWords is the length of an excerpt when site.yaml gives
// neither words nor paragraphs: about a minute's reading, enough to
// say what the article is about.
const DefaultExcerptWords = 120

// Publish is site.yaml's `publish:` section: how much of other outlets'
// text the briefing republishes, on its pages, in its feeds and in its
// search index. It is a mode alone (`publish: excerpt`) or a mapping:
//
//	publish:
//	  mode: full            # full (default) | excerpt | link
//	  words: 120            # an excerpt's length in words (default 120)
//	  paragraphs: 0         # or in paragraphs; with both, the shorter wins
//	  sources:              # per source, by its name or its web host
//	    Pacific Ledger: excerpt
//	    wire.example: link
//
// An article's own `publish:` in its front matter wins over both.
type Publish struct {
	Mode       string            `yaml:"mode"`
	Words      int               `yaml:"words"`
	Paragraphs int               `yaml:"paragraphs"`
	Sources    map[string]string `yaml:"sources"`
}

// publishKeys are the keys of publish: as a mapping.
var publishKeys = []string{"mode", "words", "paragraphs", "sources"}

// UnmarshalYAML reads publish: as a mode alone or as a mapping, refusing
// keys it does not know as the rest of site.yaml does.
func (p *Publish) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		p.Mode = n.Value
		return nil
	}
	if n.Kind == yaml.MappingNode {
		var bad []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !contains(publishKeys, k.Value) {
				bad = append(bad, fmt.Sprintf("line %d: publish: unknown key %q; the keys are %s", k.Line, k.Value, strings.Join(publishKeys, ", ")))
			}
		}
		if bad != nil {
			return &yaml.TypeError{Errors: bad}
		}
	}
	type plain Publish
	return n.Decode((*plain)(p))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ValidPublishMode reports whether s is a publish mode.
func ValidPublishMode(s string) bool {
	return s == PublishFull || s == PublishExcerpt || s == PublishLink
}

// check fills the defaults and reports a wrong mode or length at its line.
func (p *Publish) check(doc *yaml.Node, bad func(line int, format string, args ...any)) {
	lines := sectionLines(doc, "publish")
	line := lines["mode"]
	if line == 0 {
		line = keyLine(doc, "publish")
	}
	if p.Mode == "" {
		p.Mode = PublishFull
	} else if !ValidPublishMode(p.Mode) {
		bad(line, "publish: %q is not a mode; write full, excerpt or link", p.Mode)
	}
	if p.Words < 0 {
		bad(lines["words"], "publish: words must be at least 1 (leave it out for %d)", DefaultExcerptWords)
	}
	if p.Paragraphs < 0 {
		bad(lines["paragraphs"], "publish: paragraphs must be at least 1")
	}
	if p.Words <= 0 && p.Paragraphs <= 0 {
		p.Words = DefaultExcerptWords
	}
	names := make([]string, 0, len(p.Sources))
	for name := range p.Sources {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if mode := p.Sources[name]; !ValidPublishMode(mode) {
			bad(lines["sources"], "publish: sources: %s: %q is not a mode; write full, excerpt or link", name, mode)
		}
	}
}

// keyLine is the line of a top-level key of site.yaml, 0 when absent.
func keyLine(doc *yaml.Node, key string) int {
	if doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return 0
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// Publishing is how much of one article the site republishes.
type Publishing struct {
	Mode string // PublishFull, PublishExcerpt or PublishLink
	// Words and Paragraphs bound an excerpt; 0 is no bound of that kind.
	Words, Paragraphs int
}

// Publishing resolves the publish mode of an article from its source's
// name, its original's URL and its own front matter's `publish:` ("" when
// it has none), in that order of precedence: the article's own, then a
// `publish: sources:` entry naming the source (any case) or the
// original's host (or a domain above it: example.com covers
// www.example.com), then the site's mode.
func (c *Config) Publishing(source, sourceURL, own string) Publishing {
	p := c.Publish
	out := Publishing{Mode: p.Mode, Words: p.Words, Paragraphs: p.Paragraphs}
	if out.Mode == "" {
		out.Mode = PublishFull
	}
	if mode, ok := p.sourceMode(source, sourceURL); ok {
		out.Mode = mode
	}
	if ValidPublishMode(own) {
		out.Mode = own
	}
	if out.Words <= 0 && out.Paragraphs <= 0 {
		out.Words = DefaultExcerptWords
	}
	return out
}

// sourceMode finds the mode publish: sources: gives a source, by name or
// by host; the longest host wins, so that a subdomain can differ.
func (p *Publish) sourceMode(source, sourceURL string) (string, bool) {
	if len(p.Sources) == 0 {
		return "", false
	}
	for name, mode := range p.Sources {
		if source != "" && strings.EqualFold(name, source) {
			return mode, true
		}
	}
	u, err := url.Parse(sourceURL)
	if err != nil || u.Hostname() == "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	best, mode := "", ""
	for name, m := range p.Sources {
		n := strings.ToLower(strings.TrimSuffix(name, "."))
		if (host == n || strings.HasSuffix(host, "."+n)) && len(n) > len(best) {
			best, mode = n, m
		}
	}
	return mode, best != ""
}

// Images is site.yaml's `images:` section.
//
//	images:
//	  hotlink: false   # true: brief import leaves images at their publishers' addresses
type Images struct {
	// Hotlink keeps imported images where their publishers serve them
	// instead of storing a copy in static/media/. Readers' browsers then
	// contact those hosts, and the pages' CSP allows https: images.
	Hotlink bool `yaml:"hotlink"`
}
