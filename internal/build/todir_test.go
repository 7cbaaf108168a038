package build_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestToDirPublishesNothingLeftOut builds a site with a draft and a
// future article into a folder and checks that no file in it carries
// their text, while the cache that remembers them sits beside it.
func TestToDirPublishesNothingLeftOut(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: Briefing
base_url: https://example.org/
-- content/articles/out.md --
---
title: Published story
date: 2024-05-02T09:00:00Z
---
Published text.
-- content/articles/draft.md --
---
title: Secret draft headline
date: 2024-05-01T09:00:00Z
draft: true
---
Draft text.
-- content/articles/later.md --
---
title: Embargoed headline
date: 2999-01-01T09:00:00Z
---
Embargoed text.
`, sitetest.OnDisk())
	dest := filepath.Join(t.TempDir(), "public")
	opt := build.Options{Now: sitetest.Now(), Tool: "test"}
	for _, run := range []string{"first build", "rebuild from the cache"} {
		if _, err := build.ToDir(context.Background(), s.Dir(), dest, opt); err != nil {
			t.Fatalf("%s: %v", run, err)
		}
		err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, secret := range []string{"Secret draft", "Draft text", "Embargoed"} {
				if strings.Contains(string(data), secret) {
					t.Errorf("%s: %s carries %q, which was left out", run, p, secret)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		cache := output.ReadBeside(dest, build.CacheKind)
		if len(cache) == 0 {
			t.Fatalf("%s: no cache beside %s", run, dest)
		}
		if !strings.Contains(string(cache), "Secret draft") {
			t.Errorf("%s: the cache beside the build does not hold the draft it should save re-reading", run)
		}
		if run == "first build" {
			s.ReplaceInFile("content/articles/out.md", "Published text.", "Published text, edited.")
		}
	}
}

// TestHugeContentFileNotReadWhole checks that the build refuses a content
// file over the limit after reading past the limit, not the whole file: a
// 1 GB file (sparse here) read whole first cost 2 GB of memory.
func TestHugeContentFileNotReadWhole(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: Briefing
base_url: https://example.org/
-- content/articles/huge.md --
`, sitetest.OnDisk())
	if err := os.Truncate(filepath.Join(s.Dir(), "content/articles/huge.md"), 1<<30); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := s.AssertBuildError("content/articles/huge.md", "4 MiB")
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 256<<20 {
		t.Errorf("the build allocated %d MiB to refuse a 1 GiB file; want it to stop reading after the limit (%v)", got>>20, err)
	}
}

// TestDerivedSummaryCleaned checks that a summary taken from the body goes
// through the same one-line cleaning as an explicit summary: no direction
// overrides reach the page's description.
func TestDerivedSummaryCleaned(t *testing.T) {
	sitetest.New(t, "-- site.yaml --\ntitle: Briefing\nbase_url: https://example.org/\n"+
		"-- content/articles/x.md --\n---\ntitle: X\ndate: 2024-05-02T09:00:00Z\n---\nLead \u202ereversed text\u202c and more.\n").
		Build().
		AssertFileContent("articles/x/index.html",
			`<meta name="description" content="Lead reversed text and more.">`,
			`<p class="standfirst">Lead reversed text and more.</p>`)
}

// TestSkippedBuildSweepsStaging: a build interrupted while staging
// leaves what it could not remove in time beside the destination, and
// the next build sweeps it even when it has nothing to write (the inputs
// are those of the build in place).
func TestSkippedBuildSweepsStaging(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("staging folders are locked, and so swept, on Linux only")
	}
	s := sitetest.New(t, `
-- site.yaml --
title: Briefing
base_url: https://example.org/
-- content/articles/a.md --
---
title: A story
date: 2024-05-02T09:00:00Z
---
Text.
`, sitetest.OnDisk())
	dest := filepath.Join(t.TempDir(), "public")
	opt := build.Options{Now: sitetest.Now(), Tool: "test"}
	if _, err := build.ToDir(context.Background(), s.Dir(), dest, opt); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(filepath.Dir(dest), ".public-build-1859442480")
	if err := os.MkdirAll(filepath.Join(stale, "articles", "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := build.ToDir(context.Background(), s.Dir(), dest, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Skipped {
		t.Fatal("the second build of the same inputs was not skipped; the test no longer tests the skip")
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the skipped build left the stale staging folder in place")
	}
}
