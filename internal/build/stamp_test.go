package build

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/brief-ssg/brief/internal/output"
)

func TestStampRoundTrip(t *testing.T) {
	for _, s := range []Stamp{
		{Inputs: "ab12", Pages: 7},
		{Inputs: "00ff", Pages: 0, NextRelease: time.Unix(1767225600, 0)},
		{Inputs: "00ff", Pages: 3, Articles: 12},
		{Inputs: "00ff", Pages: 3, Articles: -1},
	} {
		got, err := ParseStamp(s.String())
		if err != nil {
			t.Fatalf("%q: %v", s.String(), err)
		}
		if got.Inputs != s.Inputs || got.Pages != s.Pages || got.Articles != s.Articles || !got.NextRelease.Equal(s.NextRelease) {
			t.Errorf("%q read back as %+v", s.String(), got)
		}
	}
}

func TestParseStamp(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
	}{
		{"inputs=abc pages=3", true},
		{"inputs=abc pages=3 next-release=1700000000", true},
		{"pages=3 inputs=abc later-field=x", true},
		{"", false},
		{"inputs=abc", false},
		{"pages=3", false},
		{"inputs=xyz pages=3", false},
		{"inputs= pages=3", false},
		{"inputs=abc pages=-1", false},
		{"inputs=abc pages=three", false},
		{"inputs=abc pages=3 next-release=soon", false},
		{"inputs=abc pages=3 garbage", false},
		{"inputs=abc pages=3 articles=12", true},
		{"inputs=abc pages=3 articles=-2", false},
		{"inputs=abc pages=3 articles=many", false},
	}
	for _, tt := range tests {
		_, err := ParseStamp(tt.line)
		if (err == nil) != tt.ok {
			t.Errorf("ParseStamp(%q) error %v, want ok %v", tt.line, err, tt.ok)
		}
	}
}

func TestStampCurrent(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	s, ok := NewStamp("abc", &Result{Pages: 7})
	if !ok || !s.Current("abc", now) {
		t.Errorf("same inputs: not current (%+v)", s)
	}
	if s.Current("abd", now) {
		t.Error("other inputs taken for current")
	}
	if (Stamp{}).Current("", now) {
		t.Error("an empty stamp taken for current")
	}
	if _, ok := NewStamp("abc", &Result{Volatile: true}); ok {
		t.Error("a build with a `generated` time stamp must never be skipped")
	}
	due, _ := NewStamp("abc", &Result{Pages: 7, NextRelease: now.Add(time.Hour)})
	if !due.Current("abc", now) {
		t.Error("held-back article not yet due: should be current")
	}
	if due.Current("abc", now.Add(time.Hour)) {
		t.Error("held-back article now due: must rebuild")
	}
}

func TestFingerprint(t *testing.T) {
	site := fstest.MapFS{
		"site.yaml":             {Data: []byte("title: T\nbase_url: https://example.org/\n")},
		"content/articles/a.md": {Data: []byte("---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n")},
		"content/_inbox/b.md":   {Data: []byte("not read")},
		"static/x.txt":          {Data: []byte("x")},
	}
	fp := func(fsys fstest.MapFS, opt Options) string {
		t.Helper()
		in, err := scan(t.Context(), fsys, nil)
		if err != nil {
			t.Fatal(err)
		}
		return in.fingerprint(opt)
	}
	with := func(name, text string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range site {
			m[k] = v
		}
		m[name] = &fstest.MapFile{Data: []byte(text)}
		return m
	}
	v1 := Options{Tool: "v1"}
	base := fp(site, v1)
	if again := fp(site, v1); again != base {
		t.Fatal("same inputs, different fingerprints")
	}
	if fp(with("content/_inbox/c.md", "x"), v1) != base {
		t.Error("a file the build does not read changed the fingerprint")
	}
	for name, got := range map[string]string{
		"edited article": fp(with("content/articles/a.md", "---\ntitle: A\ndate: 2025-01-01\n---\nBody!\n"), v1),
		"added template": fp(with("templates/base.html", "x"), v1),
		"static file":    fp(with("static/x.txt", "y"), v1),
		"other brief":    fp(site, Options{Tool: "v2"}),
		"drafts":         fp(site, Options{Tool: "v1", Drafts: true}),
		"base URL":       fp(site, Options{Tool: "v1", BaseURL: "https://other.example/"}),
	} {
		if got == base {
			t.Errorf("%s: fingerprint unchanged", name)
		}
	}
}

func TestNextRelease(t *testing.T) {
	site := fstest.MapFS{
		"site.yaml":                {Data: []byte("title: T\nbase_url: https://example.org/\n")},
		"content/articles/now.md":  {Data: []byte("---\ntitle: Now\ndate: 2025-01-01T00:00:00Z\n---\nBody.\n")},
		"content/articles/late.md": {Data: []byte("---\ntitle: Late\ndate: 2025-03-01T00:00:00Z\n---\nBody.\n")},
		"content/articles/soon.md": {Data: []byte("---\ntitle: Soon\ndate: 2025-02-01T00:00:00Z\n---\nBody.\n")},
	}
	now := time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	res, err := Build(t.Context(), site, output.NewMemory(), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC); !res.NextRelease.Equal(want) || res.Future != 2 {
		t.Errorf("NextRelease = %v (%d held back), want %v", res.NextRelease, res.Future, want)
	}
}
