package content

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/safetext"
)

// TestWriterKnowsEveryKey keeps the writer's key list and the reader's
// Front in step: a key the reader accepts but the writer cannot write (or
// the reverse) would make one of them lose a field.
func TestWriterKnowsEveryKey(t *testing.T) {
	var written []string
	for _, k := range keys {
		written = append(written, k.name)
		if !frontKeys[k.name] {
			t.Errorf("the writer writes %q, which the reader refuses", k.name)
		}
	}
	for k := range frontKeys {
		if !slices.Contains(written, k) {
			t.Errorf("the reader accepts %q, which the writer cannot write", k)
		}
	}
}

// hostile are strings that YAML would misread if written as they are.
var hostile = []string{
	`plain`,
	`"quoted"`, `'single'`, `it's`, `back\slash`, "`tick`",
	`a: b`, `key:value`, `a #not a comment`, `#hash first`,
	`- not a list`, `-`, `? not a key`, `[x, y]`, `{a: b}`, `a, b`,
	`&anchor`, `*alias`, `!tag`, `|`, `>`, `%directive`, `@at`,
	`yes`, `no`, `on`, `null`, `~`, `true`, `1.5`, `0x10`, `1e3`, `.inf`, `2025-01-01`,
	"---", "...", "--- title",
	"line one\nline two", "\n---\nnot front matter\n---\n", "ends with newline\n",
	"  leading spaces", "trailing spaces  ", "tab\tinside", "\ttab first",
	"windows\r\nline", "carriage\rreturn",
	"北京 — Zürich ☃ 🚄", "e\u0301 combining", "\u202eright to left", "zero\u200bwidth", "line\u2028separator",
	strings.Repeat("long words that a narrow encoder would fold ", 6) + "--- end",
	// Not UTF-8: a scraped file's name can be any bytes, and YAML refuses
	// them.
	"bad\xffbyte", "\xc3(", "\xe2\x82",
	// More that YAML 1.1 readers take for something else.
	"1:30", "0o17", "+1", ".nan", "<<", "=", "!!binary x", "Y", "off", "NULL", "007", "1_000",
	"2025-01-11T13:20:09Z", "Jan 2, 2006", "\ufeffbyte order mark", "nul\x00byte", "del\x7f", "nel\u0085next",
	strings.Repeat("x", 5000),
}

// TestFileRoundTrip writes every hostile string into every kind of field
// and reads the file back with the content reader: each value must come
// back as the reader cleans it (one-line fields on one line, lists
// cleaned, URLs escaped, text and hashes exactly), and writing what was
// read must give the same bytes.
func TestFileRoundTrip(t *testing.T) {
	loc := time.FixedZone("UTC+8", 8*3600)
	date := time.Date(2025, 1, 11, 13, 20, 9, 500, loc)
	for _, s := range hostile {
		t.Run(s, func(t *testing.T) {
			f := NewFile()
			set := func(key string, v any) {
				t.Helper()
				if err := f.Set(key, v); err != nil {
					t.Fatalf("Set(%q): %v", key, err)
				}
			}
			// The title is never empty, whatever s cleans to.
			set("title", "T "+s)
			set("date", date)
			set("source", s)
			set("source_url", "https://news.example/a?q="+s)
			set("author", []string{s, "Jane Roe"})
			set("tags", []string{"China", s, "china"})
			set("topics", []string{s})
			set("exclude_topics", []string{s})
			set("summary", s)
			set("image", "https://news.example/i.png?alt="+s)
			set("note", s)
			set("draft", true)
			set("imported", date.UTC())
			set("scraped_from", s)
			set("fingerprint", s)
			set("import_hashes", map[string]string{"title": s, "body": "x"})
			f.SetBody("Body " + s)
			data, err := f.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			a, err := ParseArticle("content/articles/x.md", data, time.UTC)
			if err != nil {
				t.Fatalf("does not read back: %v\n%s", err, data)
			}
			checks := []struct {
				key       string
				got, want any
			}{
				{"title", a.Title, safetext.Line("T " + s)},
				{"date", a.Date.Format(time.RFC3339Nano), date.Format(time.RFC3339Nano)},
				{"source", a.Source, safetext.Line(s)},
				{"source_url", a.SourceURL, escapeURL("https://news.example/a?q=" + s)},
				{"author", a.Authors, clean([]string{s, "Jane Roe"})},
				{"tags", a.Tags, clean([]string{"China", s})},
				{"topics", a.Topics, clean([]string{s})},
				{"exclude_topics", a.ExcludeTopics, clean([]string{s})},
				{"summary", a.Summary, safetext.Line(s)},
				{"image", a.Image, escapeURL("https://news.example/i.png?alt=" + s)},
				{"note", a.Note, strings.TrimSpace(safetext.Text(s))},
				{"draft", a.Draft, true},
				{"imported", a.Imported.Equal(date), true},
				{"scraped_from", a.ScrapedFrom, safetext.Text(s)},
				{"fingerprint", a.Fingerprint, safetext.Text(s)},
				{"import_hashes", a.ImportHashes, map[string]string{"title": safetext.Text(s), "body": "x"}},
				{"body", a.Body, "\nBody " + safetext.Text(s) + map[bool]string{true: "", false: "\n"}[strings.HasSuffix(safetext.Text(s), "\n")]},
			}
			for _, c := range checks {
				if !reflect.DeepEqual(c.got, c.want) && !(c.got == nil && c.want == nil) {
					if l, ok := c.want.([]string); ok && len(l) == 0 && len(c.got.([]string)) == 0 {
						continue
					}
					t.Errorf("%s: read back %q, want %q\n%s", c.key, c.got, c.want, data)
				}
			}

			// What was read, written again, is the same file.
			g := NewFile()
			for _, kv := range []struct {
				k string
				v any
			}{
				{"title", a.Title}, {"date", a.Date}, {"source", a.Source}, {"source_url", a.SourceURL},
				{"author", a.Authors}, {"tags", a.Tags}, {"topics", a.Topics}, {"exclude_topics", a.ExcludeTopics},
				{"summary", a.Summary}, {"image", a.Image}, {"note", a.Note}, {"draft", a.Draft},
				{"imported", a.Imported.UTC()}, {"scraped_from", a.ScrapedFrom}, {"fingerprint", a.Fingerprint},
				{"import_hashes", a.ImportHashes},
			} {
				if err := g.Set(kv.k, kv.v); err != nil {
					t.Fatal(err)
				}
			}
			g.SetBody(strings.TrimPrefix(a.Body, "\n"))
			again, err := g.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(data) {
				t.Errorf("written again differs:\n%s\nfirst:\n%s", again, data)
			}
		})
	}
}

func TestFileKeyOrder(t *testing.T) {
	f := NewFile()
	// Set in any order, written in the fixed one; empty values are left out.
	for _, kv := range []struct {
		k string
		v any
	}{
		{"fingerprint", "sha256:x"}, {"tags", []string{"a"}}, {"title", "T"},
		{"summary", ""}, {"author", []string(nil)}, {"date", time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)},
		{"draft", false}, {"updated", time.Time{}},
	} {
		if err := f.Set(kv.k, kv.v); err != nil {
			t.Fatal(err)
		}
	}
	f.SetBody("Text.")
	got, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	const want = "---\ntitle: T\ndate: 2025-01-02T03:04:05Z\ntags: [a]\nfingerprint: sha256:x\n---\n\nText.\n"
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestEditFileKeepsTheEditorsWork(t *testing.T) {
	const src = "---\n# my notes\nnote: Keep.   # mine\ntitle: Old   # fix later\ncustom_order: no\nfingerprint: f\n---\nThe editor's body,\nexactly.\n"
	tests := []struct {
		name string
		edit func(f *File) error
		want string
	}{
		{"nothing changed", func(f *File) error { return nil },
			"---\n# my notes\nnote: Keep. # mine\ntitle: Old # fix later\ncustom_order: no\nfingerprint: f\n---\nThe editor's body,\nexactly.\n"},
		{"a value replaced in place, comment kept", func(f *File) error { return f.Set("title", "New") },
			"---\n# my notes\nnote: Keep. # mine\ntitle: New # fix later\ncustom_order: no\nfingerprint: f\n---\nThe editor's body,\nexactly.\n"},
		{"a new key goes after the last that the order puts before it", func(f *File) error { return f.Set("summary", "S") },
			"---\n# my notes\nnote: Keep. # mine\ntitle: Old # fix later\nsummary: S\ncustom_order: no\nfingerprint: f\n---\nThe editor's body,\nexactly.\n"},
		{"a key removed", func(f *File) error { return f.Set("fingerprint", "") },
			"---\n# my notes\nnote: Keep. # mine\ntitle: Old # fix later\ncustom_order: no\n---\nThe editor's body,\nexactly.\n"},
		{"the body replaced", func(f *File) error { f.SetBody("New body."); return nil },
			"---\n# my notes\nnote: Keep. # mine\ntitle: Old # fix later\ncustom_order: no\nfingerprint: f\n---\n\nNew body.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := EditFile([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.edit(f); err != nil {
				t.Fatal(err)
			}
			got, err := f.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestFileRefusesWhatTheReaderWould(t *testing.T) {
	tests := []struct {
		key string
		v   any
	}{
		{"titel", "T"},
		{"title", []string{"T"}},
		{"tags", "China"},
		{"date", "2025-01-01"},
		{"draft", "yes"},
		{"import_hashes", map[string]int{"a": 1}},
	}
	for _, tt := range tests {
		if err := NewFile().Set(tt.key, tt.v); err == nil || !strings.Contains(err.Error(), tt.key) {
			t.Errorf("Set(%q, %#v) = %v, want an error naming the key", tt.key, tt.v, err)
		}
	}
	for _, src := range []string{"no front matter\n", "---\n- a list\n---\n", "---\ntitle: [\n---\n"} {
		if _, err := EditFile([]byte(src)); err == nil {
			t.Errorf("EditFile(%q) accepted it", src)
		}
	}
}
