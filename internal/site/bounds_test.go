package site

import (
	"io"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// TestParseRefuses covers site.yaml inputs that must fail fast with a line
// and advice: editors' YAML mistakes, aliases (a 1 MB string aliased 1,000
// times decoded for two minutes), tags that decode to bytes, and shapes
// too large to decode quickly.
func TestParseRefuses(t *testing.T) {
	base := "base_url: https://example.org/\n"
	big := strings.Repeat("x", 1<<10)
	var aliases strings.Builder
	aliases.WriteString("title: T\n" + base + "description: &d " + big + "\ntopics:\n")
	for range 1000 {
		aliases.WriteString("  - {title: *d}\n")
	}
	var keys strings.Builder
	keys.WriteString("title: T\n" + base + "topics:\n  - title: A\n    match: {")
	for i := range 2000 {
		keys.WriteString("k" + strconv.Itoa(i) + ": v, ")
	}
	keys.WriteString("}\n")
	for _, tc := range []struct{ name, src, want string }{
		{"colon in the title", "title: Briefing: Asia\n" + base, `site.yaml:1: title contains ": ", which YAML reads as the start of another key: put the whole value in quotes: title: "Briefing: Asia"`},
		{"quote in a topic title", "title: T\n" + base + "topics:\n  - title: \"Belt\" and road\n", `site.yaml:4: title starts with a quote`},
		{"tab", "title: T\n" + base + "topics:\n\t- title: A\n", `site.yaml:4: this line is indented with a tab`},
		{"aliases", aliases.String(), "site.yaml:3: YAML anchors and aliases (&name, *name) are not allowed in site.yaml"},
		{"binary", "title: !!binary gIGC\n" + base, "site.yaml:1: the YAML tag !!binary is not allowed in site.yaml"},
		{"2,000 keys in a mapping", keys.String(), "site.yaml:5: a mapping in site.yaml has 2000 keys, over the limit of 1000"},
		{"over 1 MiB", "title: T\n" + base + "description: " + strings.Repeat("x", MaxSize) + "\n", "site.yaml: the file is over the 1 MiB limit for site.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("site.yaml", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant %q", err, tc.want)
			}
		})
	}
}

// endless is a site.yaml that never ends, to check that Load stops reading
// past the limit instead of reading the file whole.
type endless struct{ fstest.MapFS }

func (endless) Open(name string) (fs.File, error) {
	return &endlessFile{}, nil
}

type endlessFile struct{ read int64 }

func (f *endlessFile) Stat() (fs.FileInfo, error) { return nil, fs.ErrInvalid }
func (f *endlessFile) Close() error               { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	if f.read > 1<<30 {
		return 0, io.EOF
	}
	for i := range p {
		p[i] = 'x'
	}
	f.read += int64(len(p))
	return len(p), nil
}

func TestLoadStopsAtTheLimit(t *testing.T) {
	_, err := Load(endless{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "site.yaml: the file is over the 1 MiB limit") {
		t.Errorf("got %v", err)
	}
}

// TestOneLineFieldsCleaned checks that site.yaml's titles go through the
// same cleaning as front matter's.
func TestOneLineFieldsCleaned(t *testing.T) {
	cfg, err := Parse("site.yaml", []byte("title: \"Brief\\u202e\\x1b[2J\"\ndescription: \"a\\u200bb\"\nbase_url: https://example.org/\ntopics:\n  - title: \"Tr\\u2066ade\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Title != "Brief" || cfg.Description != "ab" || cfg.Topics[0].Title != "Trade" {
		t.Errorf("title %q, description %q, topic %q", cfg.Title, cfg.Description, cfg.Topics[0].Title)
	}
}
