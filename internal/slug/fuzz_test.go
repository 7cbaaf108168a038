package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMake checks the promises URLs and file names rely on, for any input:
// no separators or traversal, no name Windows reserves, no edge hyphens, bounded length, valid UTF-8,
// and stability (a slug is its own slug).
func FuzzMake(f *testing.F) {
	for _, s := range []string{"U.S.–China relations", "../../etc/passwd", "台湾 海峡", "a\x00b", "\u202eevil", strings.Repeat("x", 200), "ﬁ", "İstanbul", "CON", "lpt1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if strings.ContainsAny(got, "/\\\x00. ") || reserved(got) || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Make(%q) = %q: unsafe or untidy", s, got)
		}
		if len(got) > MaxLen || !utf8.ValidString(got) {
			t.Fatalf("Make(%q) = %q: too long or invalid", s, got)
		}
		if again := Make(got); again != got {
			t.Fatalf("Make(%q) = %q but Make(%q) = %q", s, got, got, again)
		}
	})
}
