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
	ar, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	fsys["site.yaml"].Data = []byte(strings.Replace(string(fsys["site.yaml"].Data),
		"topics:\n", "topics:\n  - slug: empty\n    title: Nothing here\n    match:\n      any: [zzyzx]\n", 1))
	keyOf := func(fsys fstest.MapFS) uint64 {
		m, err := Load(context.Background(), fsys, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		jobs, err := m.jobs()
		if err != nil {
			t.Fatal(err)
		}
		keys := m.keys(jobs, Options{Tool: "t", Now: now})
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
