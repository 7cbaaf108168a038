package storiesbench

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/stories"
)

// digest is the SHA-256 of everything Group returned: ids, members,
// reasons and their scores written exactly, so that two versions of the
// grouping can be checked to give the same output, bit for bit.
func digest(got []stories.Story) string {
	h := sha256.New()
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, s := range got {
		fmt.Fprintf(h, "%s %t %s %s\n", s.ID, s.Pinned, s.First, s.Last)
		for _, m := range s.Members {
			r := m.Reason
			fmt.Fprintf(h, "\t%s %s %s %s %s %q\n", m.Path, r.Signal, f(r.Score), r.With, f(r.WithScore), r.Shared)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestGroupDigest prints the digest of the grouping of the labelled dev
// set, of the extraction pages and, with BRIEF_BENCH_CORPUS, of a
// generated site: a change meant only to make the grouping cheaper must
// leave them as they were.
//
//	BRIEF_BENCH_CORPUS=/tmp/corpus-10k go test ./bench/stories -run Digest -v
func TestGroupDigest(t *testing.T) {
	t.Run("dev", func(t *testing.T) {
		got, _, err := build.Stories(context.Background(), os.DirFS(filepath.Join(sharedStories(t), "dev")), build.Options{}, stories.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("dev set: %d stories, digest %s", len(got), digest(got))
	})
	t.Run("extraction", func(t *testing.T) {
		got, err := stories.Group(context.Background(), extractionDocs(t), stories.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("extraction pages: %d stories, digest %s", len(got), digest(got))
	})
	t.Run("corpus", func(t *testing.T) {
		dir := os.Getenv("BRIEF_BENCH_CORPUS")
		if dir == "" {
			t.Skip("set BRIEF_BENCH_CORPUS to a site")
		}
		m, err := build.Load(context.Background(), os.DirFS(dir), build.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs, err := m.StoryDocuments()
		if err != nil {
			t.Fatal(err)
		}
		got, err := stories.Group(context.Background(), docs, stories.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d stories, digest %s", dir, len(got), digest(got))
		// The generated articles are all different events; copies and
		// follow-ups made from them exercise the near-duplicates and the
		// linking at scale too.
		got, err = stories.Group(context.Background(), derived(docs), stories.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s with copies and follow-ups: %d stories, digest %s", dir, len(got), digest(got))
	})
}

// derived returns docs and, for every third, a trimmed copy under another
// headline a few hours later, and for every fifth a follow-up the next
// day that retells its first paragraphs and the next document's last.
func derived(docs []stories.Document) []stories.Document {
	out := slices.Clone(docs)
	for i, d := range docs {
		paras := strings.Split(d.Text, "\n\n")
		if i%3 == 0 && len(paras) > 2 {
			out = append(out, stories.Document{
				Path: d.Path + ".copy.md", Title: "Wire: " + d.Title, Published: d.Published.Add(3 * time.Hour),
				Text: "LOCAL EDITION. " + strings.Join(paras[:len(paras)-1], "\n\n"),
			})
		}
		if i%5 == 0 && len(paras) > 3 {
			next := strings.Split(docs[(i+1)%len(docs)].Text, "\n\n")
			out = append(out, stories.Document{
				Path: d.Path + ".follow.md", Title: d.Title + ": what happened next", Published: d.Published.Add(26 * time.Hour),
				Text: paras[1] + "\n\n" + paras[0] + "\n\n" + next[len(next)-1],
			})
		}
	}
	return out
}
