// Package scaffold writes starting points into sites, never over a file:
// a new briefing site (a site.yaml with one topic, a topic intro and one
// sample article, ready for `brief build`), and copies of the default
// theme's files for a site to edit.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/slug"
)

// Options describe the new site.
type Options struct {
	Title    string // default "My briefing"
	Topic    string // the first topic's title; default "First topic"
	Timezone string // IANA name; default UTC
	Now      time.Time
}

// Create writes a new site into dir, which must not exist or be empty: an
// existing site is never overwritten. It returns the files written, relative
// to dir.
func Create(dir string, opt Options) ([]string, error) {
	if opt.Title == "" {
		opt.Title = "My briefing"
	}
	if opt.Topic == "" {
		opt.Topic = "First topic"
	}
	if opt.Timezone == "" {
		opt.Timezone = "UTC"
	}
	loc, err := time.LoadLocation(opt.Timezone)
	if err != nil {
		return nil, fmt.Errorf("timezone %q is not an IANA time zone name", opt.Timezone)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	case len(entries) > 0:
		return nil, fmt.Errorf("%s is not empty; brief init only creates new sites (pick an empty or new folder)", dir)
	}
	topic := slug.Make(opt.Topic)
	if topic == "" {
		return nil, fmt.Errorf("topic %q gives no usable slug; use letters or digits", opt.Topic)
	}
	now := opt.Now.In(loc).Truncate(time.Minute)
	files := []struct{ name, text string }{
		{"site.yaml", fmt.Sprintf(siteYAML, yamlString(opt.Title), opt.Timezone, topic, yamlString(opt.Topic), firstWord(opt.Topic))},
		{"content/topics/" + topic + ".md", fmt.Sprintf(introMD, yamlString(opt.Topic))},
		{"content/articles/welcome-to-brief.md", fmt.Sprintf(articleMD, now.Format(time.RFC3339), topic)},
		{"content/pages/about.md", aboutMD},
		// The build's staging folders and its cache file sit beside
		// public/ (.public-build-*, .public-cache); brief fetch's state
		// is the site's to keep, its lock file is not.
		{".gitignore", "/public/\n/.public-*\n/.brief/*.lock\n"},
		{"templates/README.md", templatesREADME},
	}
	var written []string
	for _, f := range files {
		if err := writeNew(dir, f.name, []byte(f.text)); err != nil {
			return written, err
		}
		written = append(written, f.name)
	}
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		return written, err
	}
	return written, nil
}

// writeNew writes data to a new file at name (slash-separated, below dir),
// making its folders. It never replaces a file: one there, even one that
// appeared a moment ago, fails it with an error satisfying
// errors.Is(err, fs.ErrExist).
func writeNew(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// Half a file is ours, not the editor's: leave no stub that a
		// later run would keep as the site's own.
		os.Remove(p)
	}
	return err
}

func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return yamlString(f[0])
	}
	return yamlString(s)
}

const siteYAML = `# site.yaml: what the briefing is called, where it is published and which
# topics it follows. See the README for every key.
title: %s
description: "A curated briefing."
# Where the site will live; feeds and the sitemap use it for absolute links.
base_url: https://example.org/
language: en
timezone: %s
author: ""
# Tags scraped pages bring are cleaned here once, for every article, at
# import and at every build: an alias turns one tag (in any case or
# spacing) into another, and ignored tags are dropped (* matches any text).
# tags:
#   aliases: {ios9: iOS 9}
#   ignore: ["@*", autoplay_video]
# The same event reported by several sources becomes one story, listed once
# with its other coverage under it. Grouping reads every article's text at
# each build: on a site of many thousands of articles, enabled: false (or
# no stories: section) makes rebuilds faster.
stories:
  enabled: true
# brief deploy uploads public/ to an S3-compatible bucket (AWS_ACCESS_KEY_ID
# and AWS_SECRET_ACCESS_KEY come from the environment); host: headers: true
# writes _headers for Netlify and Cloudflare Pages. brief help site lists
# every setting.
# deploy:
#   bucket: my-briefing
#   region: us-east-1
# host:
#   headers: true
# Outlets brief fetch follows: feeds (RSS, Atom, JSON Feed), sitemaps or
# section pages; each new item is fetched and imported as an article.
# sources:
#   - name: Pacific Ledger
#     url: https://ledger.example/world/rss.xml
#     include: [China, Taiwan]
# The site is searchable at /search/ without a server; body: false indexes
# titles, summaries, notes and tags only.
# search:
#   enabled: true
#   body: true
topics:
  - slug: %s
    title: %s
    description: ""
    # Articles whose title, tags or body contain any of these phrases join
    # the topic at every build; list it under an article's topics: to add one
    # by hand, or under exclude_topics: to keep one out.
    match:
      any: [%s]
`

const templatesREADME = `Templates here replace the default theme's file of the same name, e.g.
templates/partials/footer.html; every other template still comes from the
theme, built into brief. To start from the theme's version of a file:

    brief theme export partials/footer.html

` + "`brief theme`" + ` lists the theme's files and which of them this site replaces.
`

const introMD = `---
title: %s
---
Write the introduction to this topic here: what it covers, why it matters
and what to watch. It appears at the top of the topic's page.
`

const articleMD = `---
title: "Welcome to your briefing"
date: %s
source: brief
author: The editor
tags: [Getting started]
topics: [%s]
summary: "A sample article showing the fields an article can have."
note: |
  This is the **editor's note**: your commentary, set apart from the article
  text. Replace this sample with real articles, or run ` + "`brief import`" + `.
---
Articles are Markdown files in content/articles/. The front matter above holds
the title, date, source and links; this body holds the text.

Run ` + "`brief build`" + ` to publish the site into public/.
`

const aboutMD = `---
title: About
---
Say who edits this briefing and how articles are chosen.
`
