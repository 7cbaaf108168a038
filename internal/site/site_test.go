package site

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseValid(t *testing.T) {
	cfg, err := Parse("site.yaml", []byte(`title: Across the Pacific
base_url: https://host.example/briefings
timezone: Asia/Shanghai
topics:
  - title: U.S.–China relations
    match:
      any: [China]
  - slug: trade
    title: Trade
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Base.String(); got != "https://host.example/briefings/" {
		t.Errorf("base = %q; the sub-path must keep a trailing slash", got)
	}
	if cfg.Location.String() != "Asia/Shanghai" {
		t.Errorf("location = %v", cfg.Location)
	}
	if cfg.Topics[0].Slug != "us-china-relations" {
		t.Errorf("slug from title = %q", cfg.Topics[0].Slug)
	}
	if cfg.Topics[1].Line != 8 {
		t.Errorf("topic line = %d, want 8", cfg.Topics[1].Line)
	}
	if cfg.PerPage != DefaultPerPage || cfg.Language != "en" {
		t.Errorf("defaults not applied: per_page %d language %q", cfg.PerPage, cfg.Language)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // each must appear in the error text
	}{
		{"unknown key names key and line", "title: T\nbase_url: https://h.example/\ntitel: x\n", []string{`site.yaml:3: unknown key "titel"`, "known keys:"}},
		{"unknown topic key", "title: T\nbase_url: https://h.example/\ntopics:\n  - title: A\n    mtach: {}\n", []string{`site.yaml:5: unknown key "mtach"`}},
		{"unknown match key", "title: T\nbase_url: https://h.example/\ntopics:\n  - title: A\n    match:\n      anny: [x]\n", []string{`site.yaml:6: unknown key "anny"`}},
		{"bad timezone", "title: T\nbase_url: https://h.example/\ntimezone: Mars/Olympus\n", []string{`timezone "Mars/Olympus"`}},
		{"missing title and base", "language: en\n", []string{"title is missing", "base_url is missing"}},
		{"relative base", "title: T\nbase_url: /x/\n", []string{"absolute http(s) URL"}},
		{"duplicate topic slug", "title: T\nbase_url: https://h.example/\ntopics:\n  - title: Trade\n  - slug: trade\n    title: Commerce\n", []string{"site.yaml:5:", `already used by topic "Trade"`}},
		{"topics merged by slug", "title: T\nbase_url: https://h.example/\ntopics:\n  - title: C\n  - title: \"C#\"\n", []string{"site.yaml:5:", `topic "C#" has slug "c", already used by topic "C"`, "(slug: c-sharp)"}},
		{"bad slug", "title: T\nbase_url: https://h.example/\ntopics:\n  - slug: Big Trade\n    title: T\n", []string{`use "big-trade"`}},
		{"none only", "title: T\nbase_url: https://h.example/\ntopics:\n  - title: A\n    match:\n      none: [x]\n", []string{"only `none`"}},
		{"wrong type", "title: [a, b]\nbase_url: https://h.example/\n", []string{"site.yaml:1:", "got a list"}},
		{"bad language", "title: T\nbase_url: https://h.example/\nlanguage: English (US)\n", []string{"language"}},
		{"syntax error", "title: T\n  bad: : indent\n", []string{"site.yaml:2:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("site.yaml", []byte(tt.yaml))
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

func TestLoad(t *testing.T) {
	const good = "title: T\nbase_url: https://h.example/live/\n"
	tests := []struct {
		name     string
		files    fstest.MapFS
		opt      Options
		wantBase string // when the load succeeds
		wantErr  string // a fragment of the error, else ""
		notFound bool   // the error is ErrNotFound
	}{
		{"site.yaml's base", fstest.MapFS{FileName: {Data: []byte(good)}}, Options{}, "https://h.example/live/", "", false},
		{"base overridden", fstest.MapFS{FileName: {Data: []byte(good)}}, Options{BaseURL: "http://127.0.0.1:1313/x"}, "http://127.0.0.1:1313/x/", "", false},
		{"bad override", fstest.MapFS{FileName: {Data: []byte(good)}}, Options{BaseURL: "/x/"}, "", "--base-url:", false},
		{"missing", fstest.MapFS{}, Options{}, "", "site.yaml: not found", true},
		{"broken names file and line", fstest.MapFS{FileName: {Data: []byte("title: T\ntitel: x\n")}}, Options{}, "", `site.yaml:2: unknown key "titel"`, false},
		{"a folder, not a file", fstest.MapFS{FileName + "/x": {Data: []byte(good)}}, Options{}, "", "site.yaml", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(tt.files, tt.opt)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got := cfg.Base.String(); got != tt.wantBase {
					t.Errorf("base %q, want %q", got, tt.wantBase)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if errors.Is(err, ErrNotFound) != tt.notFound {
				t.Errorf("errors.Is(err, ErrNotFound) = %t, want %t", !tt.notFound, tt.notFound)
			}
		})
	}
}
