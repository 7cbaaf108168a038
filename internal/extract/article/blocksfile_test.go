package article

import (
	"bytes"
	"errors"
	"testing"
)

// TestBlocksAddUp: the stores of two halves of a batch, saved and added,
// judge every block as the store of the whole batch does, and the saved
// bytes depend only on what was learnt.
func TestBlocksAddUp(t *testing.T) {
	pages := []struct {
		site   string
		blocks []string
	}{
		{"a.example", []string{"Menu Home News", "First story text", "Subscribe to our letters"}},
		{"a.example", []string{"Menu Home News", "Second story text"}},
		{"b.example", []string{"Footer of b", "Third story"}},
		{"a.example", []string{"Subscribe to our letters", "Fourth story"}},
		{"b.example", []string{"Footer of b", "Fifth story"}},
	}
	whole, sum := NewBoilerplate(), NewBoilerplate()
	for _, p := range pages {
		whole.Learn(p.site, p.blocks)
	}
	var saved [][]byte
	for half := range 2 {
		part := NewBoilerplate()
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
		if err := sum.Add(bytes.NewReader(b.Bytes())); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range pages {
		if got, want := sum.Pages(p.site), whole.Pages(p.site); got != want {
			t.Errorf("%s: %d pages after adding, want %d", p.site, got, want)
		}
		for _, blk := range p.blocks {
			h, _ := blockHash(blk)
			if got, want := sum.sites[p.site].counts[h], whole.sites[p.site].counts[h]; got != want {
				t.Errorf("%s %q: %d pages after adding, want %d", p.site, blk, got, want)
			}
		}
	}
	if !sum.Repeated("a.example", "Menu Home News") || sum.Repeated("a.example", "First story text") || !sum.Repeated("b.example", "Footer of b") {
		t.Error("the added store does not judge blocks as the whole batch would")
	}
	var again bytes.Buffer
	if _, err := sum.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	sum2 := NewBoilerplate()
	for i := len(saved) - 1; i >= 0; i-- {
		if err := sum2.Add(bytes.NewReader(saved[i])); err != nil {
			t.Fatal(err)
		}
	}
	var again2 bytes.Buffer
	if _, err := sum2.WriteTo(&again2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), again2.Bytes()) {
		t.Error("adding in another order saves other bytes")
	}
	for _, bad := range [][]byte{nil, []byte("not gzip"), saved[0][:len(saved[0])/2]} {
		if err := NewBoilerplate().Add(bytes.NewReader(bad)); !errors.Is(err, ErrBlocksFile) {
			t.Errorf("Add(%d bytes of junk) = %v, want ErrBlocksFile", len(bad), err)
		}
	}
}
