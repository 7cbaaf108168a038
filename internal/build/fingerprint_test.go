package build

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/brief-ssg/brief/internal/output"
)

func TestFingerprint(t *testing.T) {
	site := fstest.MapFS{
		"site.yaml":             {Data: []byte("title: T\nbase_url: https://example.org/\n")},
		"content/articles/a.md": {Data: []byte("---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n")},
		"static/x.txt":          {Data: []byte("x")},
	}
	fp := func(fsys fstest.MapFS, opt Options, tool string) string {
		t.Helper()
		s, err := Fingerprint(fsys, opt, tool)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := fp(site, Options{}, "v1")
	if again := fp(site, Options{}, "v1"); again != base {
		t.Fatal("same inputs, different fingerprints")
	}
	edited := fstest.MapFS{}
	for k, v := range site {
		edited[k] = v
	}
	edited["content/articles/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\ndate: 2025-01-01\n---\nBody!\n")}
	added := fstest.MapFS{"templates/base.html": {Data: []byte("x")}}
	for k, v := range site {
		added[k] = v
	}
	for name, got := range map[string]string{
		"edited article": fp(edited, Options{}, "v1"),
		"added template": fp(added, Options{}, "v1"),
		"other brief":    fp(site, Options{}, "v2"),
		"drafts":         fp(site, Options{Drafts: true}, "v1"),
		"base URL":       fp(site, Options{BaseURL: "https://other.example/"}, "v1"),
	} {
		if got == base {
			t.Errorf("%s: fingerprint unchanged", name)
		}
	}
}

func TestUpToDate(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	stamp := NewStamp("abc", &Result{Pages: 7})
	if pages, ok := UpToDate(stamp, "abc", now); !ok || pages != 7 {
		t.Errorf("same inputs: UpToDate = %d, %v; want 7, true", pages, ok)
	}
	if _, ok := UpToDate(stamp, "abd", now); ok {
		t.Error("other inputs taken for up to date")
	}
	if _, ok := UpToDate("", "abc", now); ok {
		t.Error("a build without a stamp taken for up to date")
	}
	if NewStamp("abc", &Result{Volatile: true}) != "" {
		t.Error("a build with a `generated` time stamp must never be skipped")
	}
	due := NewStamp("abc", &Result{Pages: 7, NextRelease: now.Add(time.Hour)})
	if _, ok := UpToDate(due, "abc", now); !ok {
		t.Error("held-back article not yet due: should be up to date")
	}
	if _, ok := UpToDate(due, "abc", now.Add(time.Hour)); ok {
		t.Error("held-back article now due: must rebuild")
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
