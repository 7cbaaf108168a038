package article

import (
	"strings"
	"testing"
)

// TestLearnCopies checks which pages Learn takes for copies of an earlier
// page, and so learns nothing from.
func TestLearnCopies(t *testing.T) {
	para := func(topic string, n int) string {
		return strings.Repeat("The "+topic+" story goes on with another sentence of its own. ", n)
	}
	cookie := "We use cookies to remember your settings and to count visits; read our policy to learn more."
	tests := []struct {
		name  string
		pages [][]string
		want  []bool // Learn's answer for each page
		// furniture, when set, must be boilerplate after the pages.
		furniture string
	}{
		{
			name:  "a copy with other furniture",
			pages: [][]string{{"Menu", para("ferry", 3), para("pier", 2)}, {"AMP menu", "Share", para("ferry", 3), para("pier", 2)}},
			want:  []bool{true, false},
		},
		{
			name:  "a copy missing one of three paragraphs",
			pages: [][]string{{para("ferry", 3), para("pier", 2), para("harbour", 2)}, {para("ferry", 3), para("pier", 2)}},
			want:  []bool{true, false},
		},
		{
			name:      "short pages sharing only the site's cookie notice",
			pages:     [][]string{{cookie, para("ferry", 4)}, {cookie, para("pier", 1)}, {cookie, para("bridge", 1)}},
			want:      []bool{true, true, true},
			furniture: cookie,
		},
		{
			name:  "a page too short to judge",
			pages: [][]string{{"Council meets on Monday."}, {"Council meets on Monday."}},
			want:  []bool{true, true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBoilerplate()
			for i, p := range tt.pages {
				if got := b.Learn("pier.example", p); got != tt.want[i] {
					t.Errorf("page %d: Learn = %v, want %v", i, got, tt.want[i])
				}
			}
			if tt.furniture != "" && !b.Repeated("pier.example", tt.furniture) {
				t.Errorf("%q was not learnt as boilerplate", tt.furniture)
			}
		})
	}
}
