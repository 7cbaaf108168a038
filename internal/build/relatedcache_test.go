package build_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// relatedSite has articles that share tags, topics and names in their
// headlines in several ways, so that every edit below moves some
// article's related list.
const relatedSite = `
-- site.yaml --
title: Related
base_url: https://host.example/
topics:
  - slug: ports
    title: Ports
    match:
      any: [harbour]
  - slug: ships
    title: Ships
    match:
      any: [ferry]
-- content/articles/a.md --
---
title: Rotterdam widens its harbour
date: 2024-06-01T09:00:00Z
tags: [Quay, Dredging]
---
The harbour grows.
-- content/articles/b.md --
---
title: Hamburg dredges again
date: 2024-06-02T09:00:00Z
tags: [Dredging]
---
The harbour is silting up.
-- content/articles/c.md --
---
title: A new ferry for Antwerp commuters
date: 2024-06-03T09:00:00Z
tags: [Ferries]
---
The ferry sails at dawn.
-- content/articles/d.md --
---
title: Rotterdam orders a ferry
date: 2024-06-04T09:00:00Z
---
The ferry is electric.
-- content/articles/e.md --
---
title: Quiet week on the quays
date: 2024-06-05T09:00:00Z
tags: [Quay]
---
Nothing moved in the harbour.
`

// relatedEdits change what the ranking of related articles reads: a
// name in a headline, tags, a topic (through the body), a date, and
// articles added and removed.
var relatedEdits = []struct {
	name, file, old, new string
}{
	{"a headline names Antwerp", "content/articles/e.md", "title: Quiet week on the quays", "title: Quiet week in Antwerp harbour"},
	{"a tag added", "content/articles/c.md", "tags: [Ferries]", "tags: [Ferries, Quay]"},
	{"a tag dropped", "content/articles/a.md", "tags: [Quay, Dredging]", "tags: [Quay]"},
	{"a topic gained", "content/articles/b.md", "The harbour is silting up.", "The harbour ferry is silting up."},
	{"a date moved", "content/articles/d.md", "date: 2024-06-04T09:00:00Z", "date: 2024-06-01T10:00:00Z"},
	{"the body's last line only", "content/articles/a.md", "The harbour grows.", "The harbour grows.\n\nMore tomorrow."},
}

// TestRelatedKeptRankingEqualsFull: a rebuild that ranks again only the
// related lists a change can reach (from the ranking the cache kept)
// writes what a build from scratch writes, in memory (brief serve) and
// on disk through the cache file (brief build).
func TestRelatedKeptRankingEqualsFull(t *testing.T) {
	t.Run("in memory", func(t *testing.T) {
		s := sitetest.New(t, relatedSite).Build()
		// Antwerp is in c's headline: once e's names it too, c's page
		// lists e.
		s.AssertFileContent("articles/c/index.html", `! href="../../articles/e/"`)
		for i, ed := range relatedEdits {
			s.ReplaceInFile(ed.file, ed.old, ed.new)
			s.Rebuild()
			if i == 0 {
				s.AssertFileContent("articles/c/index.html", `href="../../articles/e/"`)
			}
		}
		s.EditFiles("content/articles/f.md", "---\ntitle: Antwerp and Rotterdam share a ferry\ndate: 2024-06-06T09:00:00Z\ntags: [Quay]\n---\nThe ferry.\n")
		s.Rebuild()
		s.RemoveFiles("content/articles/b.md")
		s.Rebuild()
	})
	t.Run("on disk", func(t *testing.T) {
		s := sitetest.New(t, relatedSite, sitetest.OnDisk())
		ctx := context.Background()
		dest := filepath.Join(t.TempDir(), "public")
		opt := build.Options{Now: sitetest.Now(), Tool: "test"}
		check := func(step string) {
			t.Helper()
			if _, err := build.ToDir(ctx, s.Dir(), dest, opt); err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			fresh := filepath.Join(t.TempDir(), "fresh")
			force := opt
			force.Force = true
			if _, err := build.ToDir(ctx, s.Dir(), fresh, force); err != nil {
				t.Fatal(err)
			}
			got, want := snapshot(t, dest), snapshot(t, fresh)
			for p, w := range want {
				rel, _ := filepath.Rel(fresh, p)
				if strings.HasPrefix(filepath.Base(rel), ".brief-") {
					continue
				}
				if g := got[filepath.Join(dest, rel)]; g != w {
					t.Errorf("%s: %s differs from a build from scratch", step, rel)
				}
			}
		}
		check("first build")
		for _, ed := range relatedEdits {
			s.ReplaceInFile(ed.file, ed.old, ed.new)
			check(ed.name)
		}
		s.EditFiles("content/articles/f.md", "---\ntitle: Antwerp and Rotterdam share a ferry\ndate: 2024-06-06T09:00:00Z\n---\nThe ferry.\n")
		check("an article added")
		s.RemoveFiles("content/articles/b.md")
		check("an article removed")
	})
}
