package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

// TestEmptyFeedKeyFollowsNewestArticle: an empty topic's feed is dated by
// the site's newest article, so a newer article must change that feed's
// input key, or a carried-over feed would keep the old date.
func TestEmptyFeedKeyFollowsNewestArticle(t *testing.T) {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	fsys := fixtureFS(t)
	fsys["site.yaml"].Data = []byte(strings.Replace(string(fsys["site.yaml"].Data),
		"topics:\n", "topics:\n  - slug: empty\n    title: Nothing here\n    match:\n      any: [zzyzx]\n", 1))
	keyOf := func(fsys fstest.MapFS) uint64 {
		jobs, keys := jobKeys(t, fsys, Options{Tool: "t", Now: now})
		for i, j := range jobs {
			if j.name == "topics/empty/feed.xml" {
				return keys[i]
			}
		}
		t.Fatal("no feed for the empty topic")
		return 0
	}
	before := keyOf(fsys)
	fsys["content/articles/newest.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Newest\ndate: " + now.Add(-time.Hour).Format(time.RFC3339) + "\n---\nBody.\n")}
	if keyOf(fsys) == before {
		t.Error("a newer article left the empty topic's feed key unchanged")
	}
}

// TestKeysDoNotDependOnWorkers: keys are computed in parallel chunks,
// each worker with its own memo; the split must not show in them, or a
// build on another machine would render everything again.
func TestKeysDoNotDependOnWorkers(t *testing.T) {
	fsys := fixtureFS(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	var first []uint64
	for _, workers := range []int{1, 2, 3, 16} {
		jobs, keys := jobKeys(t, fsys, Options{Tool: "t", Now: now, Workers: workers})
		if first == nil {
			first = keys
			continue
		}
		for i := range keys {
			if keys[i] != first[i] {
				t.Errorf("%d workers: key of %s differs from one worker's", workers, jobs[i].name)
			}
		}
	}
}

// fixtureFS is testdata/site.txtar as a file system.
func fixtureFS(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// jobKeys loads the site in fsys and returns its jobs with their keys.
func jobKeys(t *testing.T, fsys fstest.MapFS, opt Options) ([]job, []uint64) {
	t.Helper()
	m, err := Load(context.Background(), fsys, Options{Now: opt.Now})
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := m.jobs(context.Background(), opt.withDefaults(opt.Now))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := m.keys(context.Background(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return jobs, keys
}
