package build

import (
	"strconv"
	"testing"
)

// TestDigestTellsInputsApart: the input keys' hash gives different sums
// for inputs that differ in one byte, in a trailing zero, or in the bits
// a multiply alone would never carry down to the low ones; and the same
// sum in every process (a manifest's keys are read by the next run).
func TestDigestTellsInputsApart(t *testing.T) {
	sum := func(parts ...string) uint64 {
		d := newDigest()
		for _, p := range parts {
			d.WriteString(p)
		}
		return d.Sum64()
	}
	for _, c := range []struct{ a, b []string }{
		{[]string{"a"}, []string{"a\x00"}},
		{[]string{""}, []string{"\x00"}},
		{[]string{"articles/x/index.html"}, []string{"articles/y/index.html"}},
		{[]string{"\x80aaaaaaa\x80aaaaaaa"}, []string{"aaaaaaaaaaaaaaaa"}},
		{[]string{"abcdefgh", "ij"}, []string{"abcdefgh", "ik"}},
	} {
		if sum(c.a...) == sum(c.b...) {
			t.Errorf("%q and %q hash alike", c.a, c.b)
		}
	}
	var b, s digest = newDigest(), newDigest()
	b.WriteByte('x')
	s.WriteString("x")
	if b != s {
		t.Error("WriteByte and WriteString of the same byte differ")
	}
	var w, bs digest = newDigest(), newDigest()
	w.Write([]byte("a longer text, more than a word"))
	bs.WriteString("a longer text, more than a word")
	if w != bs {
		t.Error("Write and WriteString of the same bytes differ")
	}
	// Fixed, so that a seeded or changed hash shows here rather than as
	// every file of the next build rendered again.
	if got, want := sum("brief"), uint64(0x28d5e50534483ef); got != want {
		t.Errorf("digest of %q = %#x, want %#x", "brief", got, want)
	}
	// Page names, a bit apart: no two alike.
	seen := map[uint64]string{}
	for i := range 200000 {
		name := "articles/story-" + strconv.Itoa(i) + "/index.html"
		if prev, ok := seen[sum(name)]; ok {
			t.Fatalf("%s and %s hash alike", prev, name)
		}
		seen[sum(name)] = name
	}
}
