package content

import (
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestFrontMatterMistakes covers the YAML mistakes editors make most: each
// is reported at its line with the value to write instead, never as the
// parser's own words without a line.
func TestFrontMatterMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, front string
		want        []string
	}{
		{"colon in title", "title: Breaking: floods\ndate: 2025-01-01\n",
			[]string{`a.md:2: title contains ": "`, `title: "Breaking: floods"`}},
		{"colon in a later line", "date: 2025-01-01\nsummary: Why: the rain\ntitle: T\n",
			[]string{`a.md:3: summary contains ": "`, `summary: "Why: the rain"`}},
		{"title starting with a quote", "title: \"Quoted\" start\ndate: 2025-01-01\n",
			[]string{`a.md:2: title starts with a quote`, `title: '"Quoted" start'`}},
		{"apostrophe after a single quote", "date: 2025-01-01\ntitle: 'It's here'\n",
			[]string{`a.md:3: title starts with a quote`, `title: "'It's here'"`}},
		{"hash starts a comment", "title: #1 pick\ndate: 2025-01-01\n",
			[]string{`a.md:2: title starts with #`, `title: "#1 pick"`}},
		{"hash later in the title", "title: We're #1\ndate: 2025-01-01\n",
			[]string{`a.md:2: title contains " #"`, `title: "We're #1"`}},
		{"tab as indentation", "title: T\n\tdate: 2025-01-01\n",
			[]string{`a.md:3: this line is indented with a tab`}},
		{"reserved character", "title: T\ndate: 2025-01-01\nsource: @newsdesk\n",
			[]string{`a.md:4: source starts with @`, `source: "@newsdesk"`}},
		{"emphasis read as an alias", "title: *Breaking* news\ndate: 2025-01-01\n",
			[]string{`a.md:2: title starts with *`, `title: "*Breaking* news"`}},
		{"no space after the colon", "title:Floods\ndate: 2025-01-01\n",
			[]string{`a.md:2: "title:Floods" has no space after the colon`}},
		{"bracket in title", "title: [Update] Floods\ndate: 2025-01-01\n",
			[]string{`a.md:2: title starts with [`, `title: "[Update] Floods"`}},
		{"unexplained syntax error keeps a line", "title: T\ndate: 2025-01-01\ntags: [a, b\n",
			[]string{`a.md:`, `must be quoted`}},
		{"binary note", "title: T\ndate: 2025-01-01\nnote: !!binary gIGC\n",
			[]string{`a.md:4: the YAML tag !!binary is not allowed`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseArticle("content/articles/a.md", []byte("---\n"+tc.front+"---\nBody\n"), time.UTC)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain %q", err, w)
				}
			}
			for _, raw := range []string{"mapping values are not allowed", "did not find expected key", "cannot start any token", "title is missing"} {
				if strings.Contains(err.Error(), raw) {
					t.Errorf("error still the parser's own: %v", err)
				}
			}
		})
	}
}

// TestFrontMatterValidYAMLNotFlagged checks that the explanations do not
// fire on lines YAML reads as the editor meant.
func TestFrontMatterValidYAMLNotFlagged(t *testing.T) {
	src := "---\ntitle: \"Breaking: floods\"\ndate: 2025-01-01 # the day it ran\ntags: [a, b]\nsource: 'It''s news'\nsummary: a colon:in a word\nnote: |\n  Why: because.\n  #1 reason\n  \tindented code\n---\nBody\n"
	a, err := ParseArticle("content/articles/a.md", []byte(src), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Breaking: floods" || a.Source != "It's news" {
		t.Errorf("title %q, source %q", a.Title, a.Source)
	}
}

// TestTagsAsOneString checks that `tags: a, b` gives two tags, and that an
// item of a real list keeps its comma.
func TestTagsAsOneString(t *testing.T) {
	for _, tc := range []struct {
		tags string
		want []string
	}{
		{"China, trade", []string{"China", "trade"}},
		{"中国，贸易", []string{"中国", "贸易"}},
		{"one", []string{"one"}},
		{`["Doe, Jane", b]`, []string{"Doe, Jane", "b"}},
		{"a,, b ,", []string{"a", "b"}},
	} {
		src := "---\ntitle: T\ndate: 2025-01-01\ntags: " + tc.tags + "\ntopics: x, y\nauthor: Doe, Jane\n---\n"
		a, err := ParseArticle("content/articles/a.md", []byte(src), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Tags, tc.want) {
			t.Errorf("tags: %s → %q, want %q", tc.tags, a.Tags, tc.want)
		}
		if !reflect.DeepEqual(a.Topics, []string{"x", "y"}) || !reflect.DeepEqual(a.Authors, []string{"Doe, Jane"}) {
			t.Errorf("topics %q, authors %q", a.Topics, a.Authors)
		}
	}
}

// TestFrontMatterBounded checks that front matter too large to decode
// quickly is refused before decoding, with its line: a mapping of 80,000
// keys took 43 s in the YAML decoder.
func TestFrontMatterBounded(t *testing.T) {
	var flat, nested, flow strings.Builder
	nested.WriteString("title: T\ndate: 2025-01-01\nimport_hashes:\n")
	flow.WriteString("title: T\nimport_hashes: {")
	for i := range 80000 {
		fmt.Fprintf(&flat, "k%d: v\n", i)
		if i < 3000 {
			fmt.Fprintf(&nested, "  k%d: v\n", i)
			fmt.Fprintf(&flow, "k%d: v, ", i)
		}
	}
	flow.WriteString("}\n")
	for _, tc := range []struct{ name, front, want string }{
		{"80,000 keys", flat.String(), "a.md:2: front matter is 770 KiB, over the 64 KiB limit"},
		{"3,000 nested keys", nested.String(), "a.md:5: a mapping in front matter has 3000 keys, over the limit of 200"},
		{"3,000 keys on one line", flow.String(), "a.md:3: a mapping in front matter has 3000 keys"},
	} {
		_, err := ParseArticle("content/articles/a.md", []byte("---\n"+tc.front+"---\n"), time.UTC)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestOneLineFieldsCleaned checks that every one-line field, whatever YAML
// form it was written in, comes out valid UTF-8 without controls,
// direction overrides or zero-width characters.
func TestOneLineFieldsCleaned(t *testing.T) {
	src := "---\ntitle: \"Ti\\u202etle\\u200b\\x1b[2J\"\ndate: 2025-01-01\nsource: \"\\uFEFFWire\\u0085\"\nsummary: \"a\\u2066b\"\ntags: [\"x\\u200dy\", \"\\u200bz\"]\nnote: \"n\\x1b]52;c;eA==\\x07\"\n---\n"
	a, err := ParseArticle("content/articles/a.md", []byte(src), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{a.Title, a.Source, a.Summary, a.Tags[0], a.Tags[1], a.Note}
	want := []string{"Title", "Wire", "ab", "x\u200dy", "z", "n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, s := range got {
		if !utf8.ValidString(s) {
			t.Errorf("%q is not UTF-8", s)
		}
	}
}

// endlessFS serves files that never end, to check that a content file is
// refused after MaxFileSize+1 bytes instead of being read whole first (a
// 1 GB file cost 2 GB of memory).
type endlessFS struct{}

func (endlessFS) Open(string) (fs.File, error) { return &endlessFile{}, nil }

type endlessFile struct{ read int64 }

func (*endlessFile) Stat() (fs.FileInfo, error) { return nil, fs.ErrInvalid }
func (*endlessFile) Close() error               { return nil }
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

func TestHugeFileNotReadWhole(t *testing.T) {
	_, err := ReadFile(endlessFS{}, "content/articles/huge.md")
	if err == nil || !strings.Contains(err.Error(), "file is over the 4 MiB limit") {
		t.Errorf("got %v", err)
	}
}

// sizedFS serves one file whose Stat may give a size other than its
// length, as a file changed between Stat and Read does.
type sizedFS struct {
	data string
	size int64
}

func (s sizedFS) Open(string) (fs.File, error) {
	return &sizedFile{Reader: strings.NewReader(s.data), size: s.size}, nil
}

type sizedFile struct {
	*strings.Reader
	size int64
}

func (f *sizedFile) Stat() (fs.FileInfo, error) { return sizedInfo(f.size), nil }
func (*sizedFile) Close() error                 { return nil }

type sizedInfo int64

func (sizedInfo) Name() string       { return "a.md" }
func (i sizedInfo) Size() int64      { return int64(i) }
func (sizedInfo) Mode() fs.FileMode  { return 0o644 }
func (sizedInfo) ModTime() time.Time { return time.Time{} }
func (sizedInfo) IsDir() bool        { return false }
func (sizedInfo) Sys() any           { return nil }

// TestReadFileWhateverStatSays reads files whose Stat size is right,
// short, long or absurd: the size only sizes the buffer.
func TestReadFileWhateverStatSays(t *testing.T) {
	long := strings.Repeat("abcdefgh", 1000)
	cases := []struct {
		name string
		data string
		size int64
		err  string
	}{
		{"empty", "", 0, ""},
		{"exact", long, int64(len(long)), ""},
		{"grew since", long, 10, ""},
		{"shrank since", "short", int64(len(long)), ""},
		{"negative", long, -1, ""},
		{"over the limit by stat only", long, MaxFileSize + 10, ""},
		{"exactly the limit", strings.Repeat("x", MaxFileSize), MaxFileSize, ""},
		{"one byte over", strings.Repeat("x", MaxFileSize+1), MaxFileSize + 1, "4 MiB limit"},
		{"one byte over, stat says less", strings.Repeat("x", MaxFileSize+1), 100, "4 MiB limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadFile(sizedFS{c.data, c.size}, "content/articles/a.md")
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.data {
				t.Errorf("read %d bytes, want %d", len(got), len(c.data))
			}
		})
	}
}
