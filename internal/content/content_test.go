package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestArticleDates(t *testing.T) {
	shanghai := mustLoc(t, "Asia/Shanghai")
	tests := []struct {
		date string
		want string // RFC 3339 of the parsed time
	}{
		{"2025-01-11T13:20:09+08:00", "2025-01-11T13:20:09+08:00"},
		{"2025-01-11T13:20:09Z", "2025-01-11T13:20:09Z"},
		{"2025-01-11T13:20:09-05:00", "2025-01-11T13:20:09-05:00"},
		// No offset: the site's zone, never UTC.
		{"2025-01-11 13:20:09", "2025-01-11T13:20:09+08:00"},
		{"2025-01-11T13:20", "2025-01-11T13:20:00+08:00"},
		{"2025-01-11", "2025-01-11T00:00:00+08:00"},
		{`"2025-01-11 13:20"`, "2025-01-11T13:20:00+08:00"},
	}
	for _, tt := range tests {
		src := "---\ntitle: T\ndate: " + tt.date + "\n---\nBody\n"
		a, err := ParseArticle("content/articles/a.md", []byte(src), shanghai)
		if err != nil {
			t.Errorf("%s: %v", tt.date, err)
			continue
		}
		if got := a.Date.Format(time.RFC3339); got != tt.want {
			t.Errorf("date %s parsed as %s, want %s", tt.date, got, tt.want)
		}
	}
}

func TestArticleErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"no front matter", "# Title\n", []string{"a.md:1:", "no front matter"}},
		{"unclosed", "---\ntitle: T\n", []string{"not closed"}},
		{"unknown key with line", "---\ntitle: T\ndate: 2025-01-01\nsoruce: X\n---\n", []string{`a.md:4: unknown key "soruce"`}},
		{"duplicate key", "---\ntitle: T\ndate: 2025-01-01\ntitle: U\n---\n", []string{"a.md:4:", "set twice"}},
		{"bad date with line", "---\ntitle: T\ndate: 0000-00-00\n---\n", []string{"a.md:3:", "not a date"}},
		{"missing date", "---\ntitle: T\n---\n", []string{"date is missing"}},
		{"missing title", "---\ndate: 2025-01-01\n---\n", []string{"title is missing"}},
		{"wrong type", "---\ntitle: T\ndate: 2025-01-01\ndraft: maybe\n---\n", []string{"a.md:4:"}},
		{"tags mapping", "---\ntitle: T\ndate: 2025-01-01\ntags: {a: b}\n---\n", []string{"a.md:4:"}},
		{"updated before date", "---\ntitle: T\ndate: 2025-01-02\nupdated: 2025-01-01\n---\n", []string{"a.md:4:", "before date"}},
		{"bad source_url", "---\ntitle: T\ndate: 2025-01-01\nsource_url: javascript:alert(1)\n---\n", []string{"a.md:4:", "http(s) URL"}},
		{"bad publish mode", "---\ntitle: T\ndate: 2025-01-01\npublish: some\n---\n", []string{"a.md:4:", `publish "some" is not a mode`}},
		{"binary", "---\x00\x01", []string{"binary"}},
		{"invalid utf-8 line", "---\ntitle: T\xff\n---\n", []string{"a.md:2:", "UTF-8"}},
		{"two problems at once", "---\ntitle: T\ndate: 2025-13-45\nimage: ftp://x\n---\n", []string{"a.md:3:", "a.md:4:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseArticle("a.md", []byte(tt.src), time.UTC)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestArticleFields(t *testing.T) {
	src := `---
title: "  Blinken heads to Beijing "
date: 2025-01-11T13:20:09+08:00
author: Jane Roe
tags: [China, china, " Diplomacy "]
topics: us-china
publish: excerpt
note: |
  Why it **matters**.
---
Body text.
`
	a, err := ParseArticle("content/articles/Blinken Trip.md", []byte(src), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Blinken heads to Beijing" || a.Slug != "blinken-trip" {
		t.Errorf("title %q slug %q", a.Title, a.Slug)
	}
	if strings.Join(a.Tags, "|") != "China|Diplomacy" {
		t.Errorf("tags = %q: want trimmed and de-duplicated", a.Tags)
	}
	if len(a.Authors) != 1 || len(a.Topics) != 1 {
		t.Errorf("a scalar must read as a one-item list: authors %q topics %q", a.Authors, a.Topics)
	}
	if a.Publish != "excerpt" {
		t.Errorf("publish = %q, want excerpt", a.Publish)
	}
	if a.Body != "Body text.\n" || a.BodyLine != 11 {
		t.Errorf("body %q at line %d", a.Body, a.BodyLine)
	}
	if a.Lines["note"] != 8 {
		t.Errorf("note line = %d, want 8", a.Lines["note"])
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/articles/a.md":          {Data: []byte("---\ntitle: A\ndate: 2025-01-01\n---\n")},
		"content/articles/2024/b.md":     {Data: []byte("---\ntitle: B\ndate: 2025-01-02\n---\n")},
		"content/articles/.hidden.md":    {Data: []byte("not read")},
		"content/articles/_notes/x.md":   {Data: []byte("not read")},
		"content/articles/c.txt":         {Data: []byte("not markdown")},
		"content/topics/china.md":        {Data: []byte("---\ntitle: China\n---\nIntro.\n")},
		"content/pages/about.md":         {Data: []byte("---\ntitle: About\n---\nHi.\n")},
		"content/articles/bad.md":        {Data: []byte("---\ntitle: Bad\n---\n")},
		"content/articles/other/a.md":    {Data: []byte("---\ntitle: A again\ndate: 2025-01-03\n---\n")},
		"content/articles/worse.md":      {Data: []byte("---\ntitle: W\ndate: nope\n---\n")},
		"content/articles/x/y/z/deep.md": {Data: []byte("---\ntitle: Deep\ndate: 2025-01-04\n---\n")},
	}
	set, err := Load(context.Background(), fsys, time.UTC)
	if err == nil {
		t.Fatal("expected errors")
	}
	msg := err.Error()
	for _, w := range []string{"content/articles/bad.md:1: date is missing", "content/articles/worse.md:3:", "content/articles/other/a.md:", "/articles/a/ is already taken by content/articles/a.md"} {
		if !strings.Contains(msg, w) {
			t.Errorf("errors %q lack %q", msg, w)
		}
	}
	var slugs []string
	for _, a := range set.Articles {
		slugs = append(slugs, a.Slug)
	}
	if got := strings.Join(slugs, ","); got != "deep,b,a" {
		t.Errorf("articles = %s, want newest first: deep,b,a", got)
	}
	if len(set.Pages) != 1 || len(set.Intros) != 1 || set.Intros[0].Topic != "china" {
		t.Errorf("pages %d intros %+v", len(set.Pages), set.Intros)
	}
}

func TestHostileFrontMatter(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"billion laughs", "---\ntitle: T\ndate: 2025-01-01\ntags: &a [lol, lol]\ntopics: *a\n---\n", "anchors and aliases"},
		{"deep nesting", "---\ntitle: T\ndate: 2025-01-01\nnote: " + strings.Repeat("[", 50) + strings.Repeat("]", 50) + "\n---\n", "nested more than"},
		{"huge file", "---\ntitle: T\ndate: 2025-01-01\n---\n" + strings.Repeat("x", MaxFileSize), "MiB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseArticle("a.md", []byte(tt.src), time.UTC)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestOneLineFieldsAreCleaned(t *testing.T) {
	src := "---\ntitle: \"Safe\\u202Egnp.exe\\u0007 title\\nsecond line\"\ndate: 2025-01-01\ntags: [\"a\\u2066b\"]\n---\n"
	a, err := ParseArticle("a.md", []byte(src), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Safegnp.exe title second line" || a.Tags[0] != "ab" {
		t.Errorf("title %q tags %q: control and direction characters must go", a.Title, a.Tags)
	}
}

func TestEscapeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{" https://x.example/a b ", "https://x.example/a%20b"},
		{`https://x.example/?q="><img>`, "https://x.example/?q=%22%3E%3Cimg%3E"},
		{"https://x.example/ü", "https://x.example/%C3%BC"},
		{"https://x.example/ok?a=1&b=2#f", "https://x.example/ok?a=1&b=2#f"},
	}
	for _, tt := range tests {
		if got := escapeURL(tt.in); got != tt.want {
			t.Errorf("escapeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
