package slug

import (
	"slices"
	"testing"
)

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"C", "c"}, {"C#", "c-sharp"}, {"c#", "c-sharp"}, {"C++", "c-plus-plus"}, {"F#", "f-sharp"},
		{"AT&T", "at-and-t"}, {"@home", "at-home"}, {"U.S.", "us"}, {"Trade war", "trade-war"},
		{"C♯", "c-u266f"}, {"€uro", "u20ac-uro"},
	} {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDistinct(t *testing.T) {
	for _, c := range []struct {
		in, want []string
	}{
		{[]string{"C", "C#", "C++", "F#"}, []string{"c", "c-sharp", "c-plus-plus", "f"}},
		{[]string{"C#", "C++"}, []string{"c-sharp", "c-plus-plus"}},
		{[]string{"C#", "F#", "F"}, []string{"c", "f-sharp", "f"}},
		{[]string{"C#", "C sharp#", "C"}, []string{"c-sharp-2", "c-sharp", "c"}},
		{[]string{"AT&T", "AT T"}, []string{"at-and-t", "at-t"}},
		{[]string{"C♯", "C"}, []string{"c-u266f", "c"}},
	} {
		got := Distinct(c.in)
		if !slices.Equal(got, c.want) {
			t.Errorf("Distinct(%q) = %q, want %q", c.in, got, c.want)
		}
		// Order of the input never changes a name's slug.
		rev := slices.Clone(c.in)
		slices.Reverse(rev)
		back := Distinct(rev)
		slices.Reverse(back)
		if !slices.Equal(back, got) {
			t.Errorf("Distinct of %q reversed = %q, want %q", c.in, back, got)
		}
	}
}
