package build_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/bench/corpus"
	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestToDirCancelledMidBuild cancels a build of a generated 2,000-article
// site while it renders and writes (Ctrl-C and SIGTERM cancel brief
// build's context): the build returns context.Canceled once the files
// already being made are done, at most one per worker, and leaves the
// published folder as it was; the next build leaves no staging folder
// beside it.
func TestToDirCancelledMidBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-article site")
	}
	root := t.TempDir()
	src := filepath.Join(root, "site")
	if err := corpus.WriteDir(src, corpus.Options{Articles: 2000}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(root, "public")
	const workers = 2
	opt := build.Options{Now: sitetest.Now(), Tool: "test", Workers: workers}
	if _, err := build.ToDir(context.Background(), src, dest, opt); err != nil {
		t.Fatal(err)
	}
	// A second build after an edit leaves a kept tree beside public/,
	// which the non-forced cases update in place.
	edited := filepath.Join(src, "content", "articles")
	entries, err := os.ReadDir(edited)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(marker string) {
		t.Helper()
		p := filepath.Join(edited, entries[0].Name())
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(data, "\n"+marker+"\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("A first edit.")
	if _, err := build.ToDir(context.Background(), src, dest, opt); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name   string
		force  bool
		cancel func(total int) int // the job count at which to cancel
	}{
		{"fresh staging folder, first job", true, func(int) int { return 1 }},
		{"fresh staging folder, half-way", true, func(total int) int { return total / 2 }},
		{"kept tree updated in place, half-way", false, func(total int) int { return total / 2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := readTree(t, dest)
			edit("An edit the cancelled build never publishes.")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			at, last, total := 0, 0, 0
			var cancelled time.Time
			o := opt
			o.Force = tc.force
			o.Progress = func(done, n int) {
				total, last = n, done
				if at == 0 && done >= tc.cancel(n) {
					at = done
					cancelled = time.Now()
					cancel()
				}
			}
			_, err := build.ToDir(ctx, src, dest, o)
			t.Logf("cancelled at file %d of %d; ToDir returned %s later", at, total, time.Since(cancelled).Round(time.Millisecond))
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if at == 0 {
				t.Fatal("the build never reached the job that cancels")
			}
			// The worker that cancelled stops at once; each other worker
			// finishes the one file it is making.
			if after := last - at; after > workers-1 {
				t.Errorf("%d of %d files were made after the cancel at %d; want at most %d (one per other worker)", after, total, at, workers-1)
			}
			if after := readTree(t, dest); !maps.Equal(before, after) {
				t.Error("the cancelled build changed the published folder")
			}
			// What the cancelled build had no time to remove, the next
			// build sweeps.
			if _, err := build.ToDir(context.Background(), src, dest, opt); err != nil {
				t.Fatal(err)
			}
			beside, err := os.ReadDir(root)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range beside {
				if strings.HasPrefix(e.Name(), ".public-build-") {
					t.Errorf("a staging folder %s is left after the next build", e.Name())
				}
			}
		})
	}
}
