package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestLimits: inputs that stall goldmark's parser are refused before
// parsing, at the right line; ordinary articles pass.
func TestLimits(t *testing.T) {
	nested := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "%s- item %d\n", strings.Repeat("  ", i), i)
		}
		return b.String()
	}
	links := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "See [link %d](https://example.org/%d).\n\n", i, i)
		}
		return b.String()
	}
	cases := []struct {
		name, src string
		line      int // 0: accepted
	}{
		{"dash space x100000", strings.Repeat("- ", 100000), 1},
		{"unclosed links x100000", "Intro.\n\n" + strings.Repeat("[a](", 100000), 3},
		{"2000 nested list lines", nested(2000), 66},
		{"quotes x1000", "ok\n" + strings.Repeat("> ", 1000) + "x", 2},
		{"numbered x1000", strings.Repeat("1. ", 1000), 1},
		{"ordinary nesting", nested(8), 0},
		{"many links, many paragraphs", links(3000), 0},
		{"dashes in prose", "A - B - C - D\n\n---\n\n" + strings.Repeat("-", 5000), 0},
		{"table", "| a | b |\n|---|---|\n| [x](y) | 1 |\n", 0},
	}
	r := New()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckLimits(c.src)
			if c.line == 0 {
				if err != nil {
					t.Fatalf("refused an ordinary text: %v", err)
				}
				if _, err := r.Render(c.src, Options{}); err != nil {
					t.Fatal(err)
				}
				return
			}
			le, ok := errors.AsType[*LimitError](err)
			if !ok {
				t.Fatalf("accepted; want a LimitError at line %d", c.line)
			}
			if le.Line != c.line {
				t.Errorf("refused at line %d, want %d (%v)", le.Line, c.line, err)
			}
			if _, err := r.Render(c.src, Options{}); !errors.As(err, &le) {
				t.Errorf("Render parsed a text over the limits (err %v)", err)
			}
		})
	}
}
