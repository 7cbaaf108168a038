package build_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/bench/corpus"
	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/output"
)

// TestAddingAnArticleRendersItsLists: a new article changes its own page,
// the lists it joins (shifting their later pages) and what shows counts,
// not every page. A field named like a derived topic field (a story's
// "Count") once put every topic's count into every page's key, and one
// new article re-rendered the whole site.
func TestAddingAnArticleRendersItsLists(t *testing.T) {
	src, add := corpusToAddTo(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := build.Options{Tool: "test"}
	if _, err := build.ToDir(context.Background(), src, dest, opt); err != nil {
		t.Fatal(err)
	}
	add()
	res, err := build.ToDir(context.Background(), src, dest, opt)
	if err != nil {
		t.Fatal(err)
	}
	// 300 article pages, most untouched; the lists the copy joins and the
	// feeds make up the rest.
	if res.Rendered*2 > res.Files {
		t.Errorf("one added article rendered %d of %d files", res.Rendered, res.Files)
	}
}

// TestAddingAnArticleRendersNoUnchangedList: of the topic, tag and
// archive pages, an added article renders again only those whose bytes
// change. Each of those pages shows a count of its own (.Topic.Count,
// .Tag.Count, .Month.Count), and the navigation, which every page
// carries, the site's topics; the keys once took the first for a sign
// that the second's counts were read too, and one article re-rendered
// every tag page of the site.
func TestAddingAnArticleRendersNoUnchangedList(t *testing.T) {
	src, add := corpusToAddTo(t)
	opt := build.Options{Tool: "test"}
	ctx := context.Background()
	first := output.NewMemory()
	if _, err := build.Build(ctx, os.DirFS(src), first, opt); err != nil {
		t.Fatal(err)
	}
	add()
	next := first.Next()
	if _, err := build.Build(ctx, os.DirFS(src), next, opt); err != nil {
		t.Fatal(err)
	}
	wasted, lists := 0, 0
	for _, name := range next.Names() {
		if !strings.HasPrefix(name, "tags/") && !strings.HasPrefix(name, "topics/") && !strings.HasPrefix(name, "archive/") {
			continue
		}
		lists++
		old, had := first.File(name)
		now, _ := next.File(name)
		if had && !next.Carried(name) && bytes.Equal(old, now) {
			if wasted < 5 {
				t.Errorf("%s was rendered again, and its bytes did not change", name)
			}
			wasted++
		}
	}
	if wasted > 0 {
		t.Errorf("%d of %d topic, tag and archive pages rendered again for nothing", wasted, lists)
	}
}

// corpusToAddTo writes a generated site of 300 articles and returns its
// folder and a function that adds a copy of one of its articles there.
func corpusToAddTo(t *testing.T) (string, func()) {
	t.Helper()
	src := t.TempDir()
	if err := corpus.WriteDir(src, corpus.Options{Articles: 300}); err != nil {
		t.Fatal(err)
	}
	return src, func() {
		t.Helper()
		names, _ := filepath.Glob(filepath.Join(src, "content", "articles", "*.md"))
		sort.Strings(names)
		orig, err := os.ReadFile(names[len(names)/2])
		if err != nil {
			t.Fatal(err)
		}
		added := strings.Replace(string(orig), "\n---\n", "\nslug: zz-added\n---\n", 1)
		if err := os.WriteFile(filepath.Join(src, "content", "articles", "zz-added.md"), []byte(added), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
