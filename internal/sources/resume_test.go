package sources

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestInterruptedFetchLosesNothing: a fetch stopped between two batches
// keeps what the first imported and its state; the next run imports the
// rest, once. A fetch killed after writing articles but before saving
// its state (here: the state file removed) finds them in content/ and
// imports nothing twice.
func TestInterruptedFetchLosesNothing(t *testing.T) {
	n := newNewsroom(t)
	slugs := []string{"quay-one-report", "quay-two-report", "quay-three-report", "quay-four-report", "quay-five-report"}
	n.set("/feed.xml", "application/rss+xml", rss(slugs...))
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := testOptions(root, cfg)
	opt.Batch = 2
	opt.Progress = func(done, total int) {
		if done == 3 {
			cancel()
		}
	}
	if _, err := Fetch(ctx, opt); err == nil {
		t.Fatal("a cancelled fetch reported no error")
	}
	first := articles(t, root)
	if len(first) != 2 {
		t.Fatalf("after the first batch: %v", first)
	}
	st, _, err := LoadState(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Items) != 2 || st.Sources[n.url("/feed.xml")] != nil {
		t.Errorf("state after the stop: %d items, source %+v (its validators must wait for the end)", len(st.Items), st.Sources[n.url("/feed.xml")])
	}

	opt = testOptions(root, cfg)
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Sources[0]; s.Count(New) != 3 || s.Count(Skipped) != 2 {
		t.Errorf("second run: %+v", s)
	}
	all := articles(t, root)
	sort.Strings(all)
	if len(all) != 5 {
		t.Fatalf("articles %v", all)
	}

	// Killed before the state was saved: the feed is read again, every
	// item is found in content/, no page is fetched.
	if err := os.Remove(filepath.Join(root, StateFile)); err != nil {
		t.Fatal(err)
	}
	hits, _ := n.count("/news/quay-one-report")
	res, err = Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Sources[0]; s.Count(Skipped) != 5 || s.Skips()[0].Reason != ReasonInSite {
		t.Errorf("after losing the state: %+v", s)
	}
	if h, _ := n.count("/news/quay-one-report"); h != hits {
		t.Error("a page in content/ was fetched again")
	}
	if got := articles(t, root); len(got) != 5 {
		t.Errorf("articles %v", got)
	}
}

// TestDamagedState: a state file that does not read is set aside, and
// the fetch goes on.
func TestDamagedState(t *testing.T) {
	n := newNewsroom(t)
	n.set("/feed.xml", "application/rss+xml", rss("quay-one-report"))
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n")
	if err := os.MkdirAll(filepath.Join(root, ".brief"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, StateFile), []byte(`{"version":1,"items":{`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Fetch(context.Background(), testOptions(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if res.Warning == "" || res.Sources[0].Count(New) != 1 {
		t.Errorf("warning %q, %+v", res.Warning, res.Sources[0])
	}
	kept, _ := filepath.Glob(filepath.Join(root, StateFile+".bad-*"))
	if len(kept) != 1 {
		t.Errorf("damaged state not kept aside: %v", kept)
	}
}
