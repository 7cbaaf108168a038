package article

import (
	"strings"
	"testing"
)

func TestLeadSentences(t *testing.T) {
	long := strings.Repeat("word ", 40)
	tests := []struct {
		text  string
		limit int
		want  string
	}{
		{"Short one.", 50, "Short one."},
		{"First sentence here. Second sentence is longer than the limit allows.", 30, "First sentence here."},
		{"One. Two. Three.\n\nNext paragraph.", 12, "One. Two."},
		{long, 22, "word word word word…"},
	}
	for _, tt := range tests {
		if got := LeadSentences(tt.text, tt.limit); got != tt.want {
			t.Errorf("LeadSentences(%q, %d) = %q, want %q", tt.text, tt.limit, got, tt.want)
		}
	}
}
