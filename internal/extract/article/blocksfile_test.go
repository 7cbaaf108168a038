package article

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
)

// TestBlocksAddUp: the stores of the shards of a batch, saved and added
// in the batch's order, judge every block as the store of the whole batch
// does, copies of one article in two shards included; the saved bytes
// depend only on what was learnt; damaged files are refused.
func TestBlocksAddUp(t *testing.T) {
	story := strings.Repeat("The harbour board met on Tuesday and agreed the new ferry timetable. ", 5)
	pages := []struct {
		site   string
		blocks []string
	}{
		{"a.example", []string{"Menu Home News", "First story text", "Subscribe to our letters", story}},
		{"a.example", []string{"Menu Home News", "Second story text"}},
		{"b.example", []string{"Footer of b", "Third story"}},
		{"a.example", []string{"Subscribe to our letters", "Fourth story"}},
		{"b.example", []string{"Footer of b", "Fifth story"}},
		// The first story again (its AMP page, say), in the other shard.
		{"a.example", []string{"Menu Home News", story, "AMP furniture"}},
	}
	whole := NewBoilerplate()
	for _, p := range pages {
		whole.Learn(p.site, p.blocks)
	}
	if whole.Repeated("a.example", story) {
		t.Fatal("the whole batch learnt an article from its copy: the copy test is not exercised")
	}
	var saved [][]byte
	for half := range 2 {
		part := &Boilerplate{KeepPages: true}
		for i, p := range pages {
			if i%2 == half {
				part.Learn(p.site, p.blocks)
			}
		}
		var b bytes.Buffer
		if _, err := part.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		saved = append(saved, b.Bytes())
	}
	// The shards split the batch by alternate pages, so replaying them in
	// order means: the pages of shard 0, then those of shard 1. The whole
	// batch learnt in that order is the reference.
	inOrder := NewBoilerplate()
	for half := range 2 {
		for i, p := range pages {
			if i%2 == half {
				inOrder.Learn(p.site, p.blocks)
			}
		}
	}
	sum := &Boilerplate{KeepPages: true}
	for _, b := range saved {
		if err := sum.Add(bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range pages {
		if got, want := sum.Pages(p.site), inOrder.Pages(p.site); got != want {
			t.Errorf("%s: %d pages after adding, want %d", p.site, got, want)
		}
		for _, blk := range p.blocks {
			if got, want := sum.Repeated(p.site, blk), inOrder.Repeated(p.site, blk); got != want {
				t.Errorf("%s %q: repeated %v after adding, want %v", p.site, blk, got, want)
			}
		}
	}
	if !sum.Repeated("a.example", "Menu Home News") || sum.Repeated("a.example", "First story text") || !sum.Repeated("b.example", "Footer of b") || sum.Repeated("a.example", story) {
		t.Error("the added store does not judge blocks as the whole batch would")
	}

	var again, again2 bytes.Buffer
	if _, err := sum.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	sum2 := &Boilerplate{KeepPages: true}
	for _, b := range saved {
		if err := sum2.Add(bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sum2.WriteTo(&again2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), again2.Bytes()) {
		t.Error("the same files added twice save other bytes")
	}
	if _, err := NewBoilerplate().WriteTo(&again); !errors.Is(err, ErrNotKept) {
		t.Errorf("WriteTo without KeepPages = %v, want ErrNotKept", err)
	}
	old := gz(t, "brief-blocks 1\n\x00")
	for _, bad := range [][]byte{nil, []byte("not gzip"), saved[0][:len(saved[0])/2], old} {
		if err := NewBoilerplate().Add(bytes.NewReader(bad)); !errors.Is(err, ErrBlocksFile) {
			t.Errorf("Add(%d bytes of junk) = %v, want ErrBlocksFile", len(bad), err)
		}
	}
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write([]byte(s))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
