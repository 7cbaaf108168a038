package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/brief-ssg/brief/internal/output"
)

// TestBuildLetsBodiesGo: a build whose cache no later build shares
// memory with (brief build's, read from and written to a file) drops each
// article's body once its page is rendered, keeping only those a feed
// read again afterwards; brief serve's watched cache keeps every body for
// its next rebuild. Both write the same bytes.
func TestBuildLetsBodiesGo(t *testing.T) {
	const n = 12
	src := reports(n, "topics:\n  - slug: ports\n    title: Ports\n    match:\n      any: [harbour]\n")
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	kept := func(c *Cache) int {
		k := 0
		for _, mm := range c.articles {
			if mm.HasBody {
				k++
			}
		}
		return k
	}

	oneOff := NewCache()
	out1 := output.NewMemory()
	if _, err := Build(context.Background(), src, out1, Options{Now: now, Cache: oneOff}); err != nil {
		t.Fatal(err)
	}
	// One feed item each for the site's feeds and the topic's: the
	// newest article, read again after its page let its body go, at most.
	if k := kept(oneOff); k > 1 {
		t.Errorf("one-off build kept %d of %d bodies, want at most the 1 its feeds read", k, n)
	}

	watched := NewCache()
	watched.Watch()
	out2 := output.NewMemory()
	if _, err := Build(context.Background(), src, out2, Options{Now: now, Cache: watched}); err != nil {
		t.Fatal(err)
	}
	if k := kept(watched); k != n {
		t.Errorf("watched cache kept %d of %d bodies, want all", k, n)
	}

	a, b := out1.Files(), out2.Files()
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between the two builds", name)
		}
	}
}

// reports is a site of n short reports, one a day, with one feed item;
// more is added to its site.yaml.
func reports(n int, more string) fstest.MapFS {
	src := fstest.MapFS{"site.yaml": {Data: []byte("title: Bodies\nbase_url: https://example.org/\nfeed_items: 1\n" + more)}}
	for i := range n {
		src[fmt.Sprintf("content/articles/a%02d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Report %d\ndate: 2024-03-%02dT10:00:00Z\n---\nThe harbour reopened, report %d says.\n", i, i+1, i)}
	}
	return src
}

// countingFS counts the opens of each file, to tell how often a build
// reads an article.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestBodiesReadOnceWithinBudget: bodies under Options.BodyMemory are
// kept from loading until their page, so each article file is read once
// (a feed may read its newest again); over it, every article page reads
// its body again. Both write the same bytes.
func TestBodiesReadOnceWithinBudget(t *testing.T) {
	const n = 12
	src := reports(n, "")
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	build := func(memory int) (map[string][]byte, int) {
		c := &countingFS{FS: src, opens: map[string]int{}}
		out := output.NewMemory()
		if _, err := Build(context.Background(), c, out, Options{Now: now, Cache: NewCache(), BodyMemory: memory}); err != nil {
			t.Fatal(err)
		}
		reads := 0
		for name, k := range c.opens {
			if strings.HasPrefix(name, "content/articles/") {
				reads += k
			}
		}
		return out.Files(), reads
	}
	kept, keptReads := build(0)
	dropped, droppedReads := build(-1)
	if keptReads > n+1 {
		t.Errorf("within the budget, %d articles were read %d times, want at most %d", n, keptReads, n+1)
	}
	if droppedReads < 2*n {
		t.Errorf("with no budget, %d articles were read %d times, want each page to read its own again (≥ %d)", n, droppedReads, 2*n)
	}
	if len(kept) != len(dropped) {
		t.Fatalf("%d files vs %d", len(kept), len(dropped))
	}
	for name, data := range kept {
		if !bytes.Equal(data, dropped[name]) {
			t.Errorf("%s differs between the two builds", name)
		}
	}
}
