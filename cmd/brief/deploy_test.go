package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/s3test"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// publicSums hashes every file brief deploys from public/ (dotfiles are
// brief's records and stay home).
func publicSums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	for name, data := range sitetest.ReadFiles(t, dir) {
		if !strings.HasPrefix(path.Base(name), ".") {
			sums[name] = sha256.Sum256(data)
		}
	}
	return sums
}

// changedFiles lists the files of after that before lacks or holds with
// other bytes, and those of before that after lacks.
func changedFiles(before, after map[string][32]byte) (changed, gone []string) {
	for p, sum := range after {
		if old, ok := before[p]; !ok || old != sum {
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			gone = append(gone, p)
		}
	}
	slices.Sort(changed)
	slices.Sort(gone)
	return changed, gone
}

// deployArticles is the size of the site deployed by TestDeployRoundTrip;
// BRIEF_DEPLOY_ARTICLES=1000 runs the example of a site where one
// edit must not resend it all (slower: three builds of it).
func deployArticles(t *testing.T) int {
	if v := os.Getenv("BRIEF_DEPLOY_ARTICLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 10 {
			t.Fatalf("BRIEF_DEPLOY_ARTICLES=%q: want a number of articles, 10 or more", v)
		}
		return n
	}
	return 200
}

// TestDeployRoundTrip builds a site of deployArticles articles, deploys it
// to a real S3-compatible server on loopback, edits one article, builds
// and deploys again, then changes its headline, then removes another: each
// deploy must send exactly the files whose bytes changed (after an edit of
// the text, the article's page alone; after a new headline, its page and
// the pages listing it) and delete the removed article's page.
func TestDeployRoundTrip(t *testing.T) {
	s := s3test.Start(t, "briefing")
	t.Setenv("AWS_ACCESS_KEY_ID", s3test.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3test.SecretKey)
	dir := t.TempDir()
	write := func(name, text string) { sitetest.WriteFile(t, dir, name, []byte(text)) }
	write("site.yaml", fmt.Sprintf(`title: Harbour watch
base_url: https://briefings.example/harbours/
timezone: Europe/Oslo
topics:
  - title: Ports
    match: {any: [port]}
  - title: Shipping
    match: {any: [ship]}
deploy:
  bucket: briefing
  prefix: harbours
  endpoint: %s
`, s.URL))
	words := []string{"port", "ship", "crane", "quay"}
	articles := deployArticles(t)
	for i := range articles {
		write(fmt.Sprintf("content/articles/a%04d.md", i), fmt.Sprintf(`---
title: "Report %d on the %s"
date: 2024-%02d-%02dT%02d:00:00+01:00
source: Harbour Gazette
tags: [%s, harbour-%d]
---
The %s at berth %d was inspected on day %d.
`, i, words[i%4], 1+i%12, 1+i%28, i%24, words[(i+1)%4], i%50, words[i%4], i, i))
	}
	if code, _, errOut := brief(t, dir, "build"); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	public := filepath.Join(dir, "public")
	first := publicSums(t, public)

	code, out, errOut := brief(t, dir, "deploy", "--dry-run")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("dry run, nothing changed in s3://briefing/harbours/: would upload %d files (%d new", len(first), len(first))) ||
		!strings.Contains(out, "upload articles/a0001/index.html (new, ") {
		t.Fatalf("dry run: code %d, out %.500q, err %q", code, out, errOut)
	}
	if reqs := s.Take(); len(reqs) != 0 {
		t.Fatalf("the dry run changed the bucket: %d requests", len(reqs))
	}
	if code, out, errOut := brief(t, dir, "deploy"); code != 0 || !strings.Contains(out, fmt.Sprintf("uploaded %d files", len(first))) {
		t.Fatalf("first deploy: code %d, out %q, err %q", code, out, errOut)
	}
	if got := len(s3test.Keys(s.Take(), "PUT")); got != len(first) {
		t.Fatalf("first deploy sent %d files; the site has %d", got, len(first))
	}

	// deployStep rebuilds, deploys and checks that exactly the files
	// whose bytes changed were sent and those gone were deleted.
	sums := first
	deployStep := func(what string) (put, deleted []string, out string) {
		t.Helper()
		if code, _, errOut := brief(t, dir, "build"); code != 0 {
			t.Fatalf("%s: rebuild: %s", what, errOut)
		}
		now := publicSums(t, public)
		changed, gone := changedFiles(sums, now)
		sums = now
		code, out, errOut := brief(t, dir, "deploy", "--verbose")
		if code != 0 {
			t.Fatalf("%s: deploy: %d %s", what, code, errOut)
		}
		reqs := s.Take()
		for _, k := range s3test.Keys(reqs, "PUT") {
			put = append(put, strings.TrimPrefix(k, "harbours/"))
		}
		for _, k := range s3test.Keys(reqs, "DELETE") {
			deleted = append(deleted, strings.TrimPrefix(k, "harbours/"))
		}
		if !slices.Equal(put, changed) {
			t.Errorf("%s: the deploy sent %q;\nthe files that changed are %q", what, put, changed)
		}
		if !slices.Equal(deleted, gone) {
			t.Errorf("%s: the deploy deleted %q; the files gone are %q", what, deleted, gone)
		}
		if !strings.Contains(out, fmt.Sprintf("deployed to s3://briefing/harbours/: uploaded %d %s", len(put), plural(len(put), "file", "files"))) {
			t.Errorf("%s: deploy printed %q", what, out)
		}
		t.Logf("%s in %d articles (%d files): sent %d files, deleted %d", what, articles, len(first), len(put), len(deleted))
		return put, deleted, out
	}

	edited := "content/articles/a0005.md"
	data, err := os.ReadFile(filepath.Join(dir, edited))
	if err != nil {
		t.Fatal(err)
	}
	write(edited, strings.Replace(string(data), "was inspected", "was inspected twice", 1))
	put, _, _ := deployStep("one article edited")
	if !slices.Contains(put, "articles/a0005/index.html") {
		t.Errorf("the edited article's page was not sent: %q", put)
	}
	for _, p := range put {
		if strings.HasPrefix(p, "articles/a") && p != "articles/a0005/index.html" {
			t.Errorf("another article's page was sent: %s", p)
		}
	}
	t.Logf("sent after the edit: %q", put)

	// A new headline shows wherever the article is listed: its page, the
	// lists, feeds and the pages naming it among their related articles.
	data, err = os.ReadFile(filepath.Join(dir, edited))
	if err != nil {
		t.Fatal(err)
	}
	write(edited, strings.Replace(string(data), "title: \"Report 5 on", "title: \"Fifth report on", 1))
	put, _, _ = deployStep("one headline edited")
	if !slices.Contains(put, "articles/a0005/index.html") || len(put) < 2 {
		t.Errorf("after a new headline the deploy sent %q; want the article's page and the pages listing it", put)
	}

	if err := os.Remove(filepath.Join(dir, "content/articles/a0006.md")); err != nil {
		t.Fatal(err)
	}
	_, deleted, out := deployStep("one article removed")
	if !slices.Contains(deleted, "articles/a0006/index.html") || !strings.Contains(out, "delete articles/a0006/index.html") {
		t.Errorf("the removed article's page was not deleted: %q", deleted)
	}
}
