package content

import (
	"strings"
	"testing"
	"time"
)

func TestArticleLanguageAndDateFrom(t *testing.T) {
	tests := []struct {
		front, lang, from, err string
	}{
		{"language: ja\ndate_from: page view stamp\n", "ja", DateFromViewStamp, ""},
		{"language: pt-BR\n", "pt-BR", "", ""},
		{"date_from: 'print edition: p. 4'\n", "", "print edition: p. 4", ""},
		{"language: not a tag\n", "", "", `a.md:4: language "not a tag" is not a language tag`},
		{"language: [en]\n", "", "", "a.md:4"},
	}
	for _, tt := range tests {
		data := "---\ntitle: T\ndate: 2025-01-01\n" + tt.front + "---\nBody.\n"
		a, err := ParseArticle("a.md", []byte(data), time.UTC)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err %v, want %q", tt.front, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.front, err)
			continue
		}
		if a.Language != tt.lang || a.DateFrom != tt.from {
			t.Errorf("%q: language %q, date_from %q", tt.front, a.Language, a.DateFrom)
		}
	}
}
