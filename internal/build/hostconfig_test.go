package build_test

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

const hostSite = `
-- site.yaml --
title: Harbour watch
base_url: https://briefings.example/harbours/
host:
  headers: true
-- content/articles/a.md --
---
title: A port
date: 2025-03-01
---
Text.
`

func TestHeadersFile(t *testing.T) {
	s := sitetest.New(t, hostSite).Build()
	text := string(s.File("_headers"))
	var policy string
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, "  Content-Security-Policy: "); ok {
			policy = v
		}
	}
	meta, _ := s.Doc("articles/a/index.html").Find(`meta[http-equiv="Content-Security-Policy"]`).Attr("content")
	// The search page's policy allows its own script and fetch; the
	// header, sent with every file, must not be narrower than it.
	searchMeta, _ := s.Doc("search/index.html").Find(`meta[http-equiv="Content-Security-Policy"]`).Attr("content")
	if want := build.UnionCSP(meta, searchMeta) + "; frame-ancestors 'none'"; meta == "" || searchMeta == "" || policy != want {
		t.Errorf("_headers policy\n%q\nwant the pages' and the search page's policies and frame-ancestors:\n%q", policy, want)
	}
	for _, p := range []string{meta, searchMeta} {
		for _, d := range strings.Split(p, ";") {
			f := strings.Fields(d)
			for _, v := range f[1:] {
				if !strings.Contains(policy, v) || (v != "'none'" && !strings.Contains(policy, f[0]+" ")) {
					t.Errorf("_headers policy %q lacks %s %s, which a page allows", policy, f[0], v)
				}
			}
		}
	}
	if !strings.Contains(policy, "connect-src 'self'") || !strings.Contains(policy, "form-action 'self'") || strings.Count(policy, "'sha256-") < 2 {
		t.Errorf("_headers policy %q does not allow the search page's script, fetch and form", policy)
	}
	for _, page := range []string{"index.html", "404.html", "tags/index.html"} {
		if m, _ := s.Doc(page).Find(`meta[http-equiv="Content-Security-Policy"]`).Attr("content"); m != meta {
			t.Errorf("%s carries another policy than the header's: %q", page, m)
		}
	}
	s.AssertFileContent("_headers", "/*", "X-Frame-Options: DENY", "X-Content-Type-Options: nosniff", "Referrer-Policy: strict-origin-when-cross-origin")

	// The editor's own base.html without a policy: frame-ancestors alone.
	s.EditFiles("templates/base.html", `{{define "base"}}<!DOCTYPE html><html lang="en"><head><title>{{.Site.Title}}</title></head><body>{{block "main" .}}{{end}}</body></html>{{end}}`).Rebuild()
	s.AssertFileContent("_headers", "Content-Security-Policy: frame-ancestors 'none'")

	// Framing by the site itself, when asked.
	s.ReplaceInFile("site.yaml", "headers: true", "headers: true\n  frame_ancestors: \"'self'\"").Rebuild()
	s.AssertFileContent("_headers", "Content-Security-Policy: frame-ancestors 'self'", "X-Frame-Options: SAMEORIGIN", "! DENY")

	// Not asked for, not written; a static/_headers of the editor's is
	// then published as it is.
	s.ReplaceInFile("site.yaml", "headers: true", "headers: false").EditFiles("static/_headers", "/*\n  X-Editor: mine\n").Rebuild()
	s.AssertFileContent("_headers", "X-Editor: mine")
}

func TestHeadersFileNeverReplacesTheEditors(t *testing.T) {
	s := sitetest.New(t, hostSite+"-- static/_headers --\n/*\n  X-Editor: mine\n")
	s.AssertBuildError("static/_headers", "would overwrite a page brief generates")
}
