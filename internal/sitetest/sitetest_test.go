package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/tbfake"
)

const small = `A two-article site with one topic. Stories are off: the tests
add a one-line article on tariffs, which would join "Tariffs rise" as one
story and leave the lists; these tests are about the harness.

-- site.yaml --
title: Small Briefing
base_url: https://small.example/
stories:
  enabled: false
topics:
  - slug: trade
    title: Trade
    match:
      any: [tariffs]
-- content/articles/tariffs.md --
---
title: Tariffs rise
date: 2025-01-02
tags: [tariffs]
---
Tariffs rose on Monday.
-- content/articles/rain.md --
---
title: Rain expected
date: 2025-01-01
---
Rain is expected.
-- content/articles/draft.md --
---
title: Unfinished piece
date: 2025-01-01
draft: true
---
Not yet.
`

// outcome runs fn against a recording TB.
func outcome(t *testing.T, fn func(testing.TB)) tbfake.Outcome {
	t.Helper()
	return tbfake.Run(t, fn)
}

func TestAssertions(t *testing.T) {
	tests := []struct {
		name   string
		check  func(*Site)
		failed bool
		says   string
	}{
		{"content present", func(s *Site) {
			s.AssertFileContent("articles/tariffs/index.html", "Tariffs rise", "! Unfinished piece")
		}, false, ""},
		{"content lines", func(s *Site) {
			s.AssertFileContent("index.html", `
				Tariffs rise
				Rain expected
			`)
		}, false, ""},
		{"content missing", func(s *Site) {
			s.AssertFileContent("articles/tariffs/index.html", "Tariffs fall")
		}, true, `lacks "Tariffs fall"`},
		{"one line of several missing", func(s *Site) {
			s.AssertFileContent("index.html", "Tariffs rise\nSnow expected")
		}, true, `lacks "Snow expected"`},
		{"content that must not be there", func(s *Site) {
			s.AssertFileContent("index.html", "! Rain expected")
		}, true, `must not hold "Rain expected"`},
		{"content of a file not built", func(s *Site) {
			s.AssertFileContent("articles/draft/index.html", "x")
		}, true, "was not built"},
		{"file exists", func(s *Site) { s.AssertFileExists("index.html", "feed.xml", "topics/trade/index.html") }, false, ""},
		{"file does not exist", func(s *Site) { s.AssertFileExists("index.html", "nope.html") }, true, "nope.html was not built"},
		{"no file", func(s *Site) { s.AssertNoFile("articles/draft/index.html") }, false, ""},
		{"no file, but there is", func(s *Site) { s.AssertNoFile("feed.xml") }, true, "feed.xml was built"},
		{"file", func(s *Site) {
			if !strings.Contains(string(s.File("robots.txt")), "Sitemap") {
				s.t.Error("robots.txt has no sitemap")
			}
		}, false, ""},
		{"doc", func(s *Site) {
			if n := s.Doc("topics/trade/index.html").Find(".item-title").Length(); n != 1 {
				s.t.Errorf("%d items", n)
			}
		}, false, ""},
	}
	s := New(t, small).Build()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := outcome(t, func(tb testing.TB) {
				c := *s
				c.t = tb
				tt.check(&c)
			})
			if o.Failed != tt.failed || !strings.Contains(o.Text(), tt.says) {
				t.Errorf("failed = %v, said:\n%s\nwant failed = %v, saying %q", o.Failed, o.Text(), tt.failed, tt.says)
			}
		})
	}
}

func TestNotBuilt(t *testing.T) {
	o := outcome(t, func(tb testing.TB) { New(tb, small).AssertFileExists("index.html") })
	if !o.Failed || !strings.Contains(o.Text(), "call Build first") {
		t.Errorf("checking an unbuilt site: %+v", o)
	}
}

func TestBuildErrors(t *testing.T) {
	broken := small + "-- content/articles/bad.md --\n---\ntitle: Bad\ndate: 2025-02-30\n---\n"
	tests := []struct {
		name   string
		site   string
		want   []string
		failed bool
		says   string
	}{
		{"error as expected", broken, []string{"content/articles/bad.md:3:", "! tariffs.md"}, false, ""},
		{"error lacks the text", broken, []string{"content/articles/bad.md:4:"}, true, `lacks "content/articles/bad.md:4:"`},
		{"error holds what it must not", broken, []string{"! bad.md"}, true, `must not hold "bad.md"`},
		{"build succeeds", small, []string{"anything"}, true, "the build succeeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := outcome(t, func(tb testing.TB) { New(tb, tt.site).AssertBuildError(tt.want...) })
			if o.Failed != tt.failed || !strings.Contains(o.Text(), tt.says) {
				t.Errorf("failed = %v, said:\n%s\nwant failed = %v, saying %q", o.Failed, o.Text(), tt.failed, tt.says)
			}
		})
	}
	// A failing build fails Build.
	if o := outcome(t, func(tb testing.TB) { New(tb, broken).Build() }); !o.Failed || !strings.Contains(o.Text(), "bad.md:3:") {
		t.Errorf("Build of a broken site: %+v", o)
	}
}

func TestBadNames(t *testing.T) {
	for _, name := range []string{"/etc/passwd", "../up.md", "content//x.md"} {
		o := outcome(t, func(tb testing.TB) { New(tb, "-- "+name+" --\nx\n") })
		if !o.Failed || !strings.Contains(o.Text(), "not a slash-separated path") {
			t.Errorf("%s: %+v", name, o)
		}
	}
}

// TestRebuild edits, adds and removes files and checks each incremental
// rebuild against what it must show; Rebuild itself checks it against a
// full build.
func TestRebuild(t *testing.T) {
	for _, onDisk := range []bool{false, true} {
		t.Run(map[bool]string{false: "memory", true: "disk"}[onDisk], func(t *testing.T) {
			var opts []Option
			if onDisk {
				opts = append(opts, OnDisk())
			}
			s := New(t, small, opts...).Build()
			all := len(s.Names())

			s.ReplaceInFile("content/articles/rain.md", "Rain expected", "Snow expected").Rebuild()
			s.AssertFileContent("index.html", "Snow expected", "! Rain expected")
			if r := s.Rendered(); r == 0 || r >= all {
				t.Errorf("a title edit rendered %d of %d files", r, all)
			}

			s.EditFiles("content/articles/new.md", "---\ntitle: New tariffs\ndate: 2025-01-03\n---\nMore tariffs.\n").Rebuild()
			s.AssertFileContent("topics/trade/index.html", "New tariffs")

			s.RemoveFiles("content/articles/tariffs.md").Rebuild()
			s.AssertNoFile("articles/tariffs/index.html")
			s.AssertFileContent("topics/trade/index.html", "New tariffs", "! Tariffs rise")

			if onDisk {
				if _, err := os.Stat(filepath.Join(s.Dir(), "content", "articles", "tariffs.md")); !os.IsNotExist(err) {
					t.Errorf("the removed file is still on disk: %v", err)
				}
				if b, _ := os.ReadFile(filepath.Join(s.Dir(), "content", "articles", "rain.md")); !strings.Contains(string(b), "Snow expected") {
					t.Error("the edit did not reach the disk")
				}
			}
		})
	}
}

// TestRebuildWithoutBuild: a Rebuild with no full build before it builds
// everything incrementally, and still matches a full build.
func TestRebuildWithoutBuild(t *testing.T) {
	s := New(t, small).EditFiles("content/pages/about.md", "---\ntitle: About\n---\nUs.\n").Rebuild()
	s.AssertFileExists("about/index.html")
	if s.Rendered() != len(s.Names()) {
		t.Errorf("rendered %d of %d", s.Rendered(), len(s.Names()))
	}
}

func TestCompareOutputs(t *testing.T) {
	full := map[string][]byte{"a.html": []byte("<p>one</p>\n"), "b.html": []byte("same\n"), "gone.html": nil}
	inc := map[string][]byte{"a.html": []byte("<p>two</p>\n"), "b.html": []byte("same\n"), "extra.html": nil}
	d := compareOutputs(inc, full)
	for _, want := range []string{"only in the incremental rebuild: extra.html", "only in the full build: gone.html", "1 files differ: a.html", "-<p>one</p>", "+<p>two</p>"} {
		if !strings.Contains(d, want) {
			t.Errorf("comparison lacks %q:\n%s", want, d)
		}
	}
	if d := compareOutputs(full, full); d != "" {
		t.Errorf("equal outputs: %q", d)
	}
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	s := New(t, small).Build()
	if err := os.WriteFile(filepath.Join(dir, "robots.txt.golden"), s.File("robots.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "articles_rain_index.html.golden"), []byte("<p>stale</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := outcome(t, func(tb testing.TB) { c := *s; c.t = tb; c.AssertGolden(dir, "robots.txt") }); o.Failed {
		t.Errorf("matching golden file: %s", o.Text())
	}
	o := outcome(t, func(tb testing.TB) { c := *s; c.t = tb; c.AssertGolden(dir, "articles/rain/index.html") })
	if !o.Failed || !strings.Contains(o.Text(), "-<p>stale</p>") || !strings.Contains(o.Text(), "+<!DOCTYPE html>") {
		t.Errorf("stale golden file: %+v", o)
	}
}

func TestNoLiveMarkup(t *testing.T) {
	New(t, small).Build().AssertNoLiveMarkup()
	tests := []struct{ name, file, text, says string }{
		{"script in a template", "templates/article.html",
			`{{template "base" .}}{{define "main"}}<script>alert(1)</script>{{end}}`, "live markup survived"},
		{"javascript link in a template", "templates/article.html",
			`{{template "base" .}}{{define "main"}}<a href="javascript:alert(1)">x</a>{{end}}`, "javascript"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(t, small+"-- "+tt.file+" --\n"+tt.text+"\n").Build()
			o := outcome(t, func(tb testing.TB) { c := *s; c.t = tb; c.AssertNoLiveMarkup() })
			if !o.Failed || !strings.Contains(o.Text(), tt.says) {
				t.Errorf("failed = %v, said:\n%s", o.Failed, o.Text())
			}
		})
	}
	for _, tt := range []struct{ name, data, says string }{
		{"broken XML", "<feed><title>x</feed>", "not well-formed"},
		{"script in an HTML title", `<feed><title type="html">&lt;script&gt;alert(1)&lt;/script&gt;</title></feed>`, "live markup"},
		{"script in an RSS description", "<rss><channel><item><description>&lt;img src=x onerror=alert(1)&gt;</description></item></channel></rss>", "onerror"},
		{"link that is not a web address", `<feed><link href="javascript:alert(1)"/></feed>`, "not an http(s) link"},
	} {
		if p := checkXMLFeed([]byte(tt.data)); !strings.Contains(strings.Join(p, "\n"), tt.says) {
			t.Errorf("%s: %q", tt.name, p)
		}
	}
	// A text construct is text: readers show its markup as characters.
	if p := checkXMLFeed([]byte("<feed><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></feed>")); len(p) > 0 {
		t.Errorf("a text title taken for HTML: %q", p)
	}
	for _, tt := range []struct{ name, data, says string }{
		{"broken JSON", `{"items": [}`, "invalid character"},
		{"script in content_html", `{"items": [{"content_html": "<script>alert(1)</script>"}]}`, "content_html"},
		{"item URL", `{"items": [{"url": "javascript:alert(1)"}]}`, "not http(s)"},
	} {
		if p := checkJSONFeed([]byte(tt.data)); !strings.Contains(strings.Join(p, "\n"), tt.says) {
			t.Errorf("%s: %q", tt.name, p)
		}
	}
}

func TestExampleAndOptions(t *testing.T) {
	s := New(t, "-- static/extra.txt --\nmine\n", Example(), WithOptions(build.Options{Drafts: true})).Build()
	if s.Result().Articles < 6 {
		t.Errorf("the example site built %d articles", s.Result().Articles)
	}
	s.AssertFileContent("extra.txt", "mine")
	if !s.Options().Now.Equal(Now()) || !s.Options().Drafts {
		t.Errorf("options %+v", s.Options())
	}
	if _, err := s.Output().Open("index.html"); err != nil {
		t.Errorf("Output: %v", err)
	}
}
