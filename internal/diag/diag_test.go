package diag

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestListSortsAndFlattens(t *testing.T) {
	var inner List
	inner.Add(Errorf("b.md", 3, "third"))
	inner.Add(Errorf("a.md", 10, "second"))
	var l List
	l.Add(nil)
	l.Add(Errorf("a.md", 2, "first"))
	l.Add(&inner)
	l.Add(Errorf("c.md", 0, "wrapped: %w", fs.ErrNotExist))
	if l.Len() != 4 {
		t.Fatalf("Len = %d, want nested lists flattened to 4", l.Len())
	}
	want := "a.md:2: first\na.md:10: second\nb.md:3: third\nc.md: wrapped: file does not exist"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !errors.Is(l.Err(), fs.ErrNotExist) {
		t.Error("errors.Is does not see through the list")
	}
	var empty List
	if empty.Err() != nil {
		t.Error("an empty list must be a nil error")
	}
}

func TestFromYAML(t *testing.T) {
	type T struct {
		Name string `yaml:"name"`
		Size int    `yaml:"size"`
	}
	var v T
	dec := yaml.NewDecoder(strings.NewReader("name: x\nsize: big\ncolour: red\n"))
	dec.KnownFields(true)
	err := FromYAML("f.yaml", 10, dec.Decode(&v), T{})
	msg := err.Error()
	for _, w := range []string{"f.yaml:12:", "f.yaml:13: unknown key \"colour\" (known keys: name, size)", "where a whole number is expected"} {
		if !strings.Contains(msg, w) {
			t.Errorf("%q lacks %q", msg, w)
		}
	}
}
