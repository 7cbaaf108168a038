package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S.–China relations", "us-china-relations"},
		{"U.S.-China Relations", "us-china-relations"},
		{"Xi’s visit to San Francisco", "xis-visit-to-san-francisco"},
		{"Trade & Tariffs", "trade-tariffs"},
		{"  Taiwan Strait  ", "taiwan-strait"},
		{"Zürich talks, día 2", "zurich-talks-dia-2"},
		{"Export controls: chips (2024)", "export-controls-chips-2024"},
		{"台湾 海峡", "台湾-海峡"},
		{"ﬁnancial ＡＩ", "financial-ai"},
		{"../../etc/passwd", "etc-passwd"},
		{"a/b\\c\x00d", "a-b-c-d"},
		{"---", ""},
		{"", ""},
		{"G-7 summit", "g-7-summit"},
		// Marks belong to letters of other scripts: NFKD splits them off
		// and NFC must find them again, while Latin accents fold.
		{"Пять дней", "пять-дней"},
		{"Ёлка", "ёлка"},
		{"日本で", "日本で"},
		{"ﾃﾞｰﾀ", "データ"},
		{"한국어 뉴스", "한국어-뉴스"},
		{"العربية اليوم", "العربية-اليوم"},
		{"हिन्दी समाचार", "हिन्दी-समाचार"},
		{"Αθήνα", "αθήνα"},
		{"Tiếng Việt", "tieng-viet"},
		{"Straße", "straße"},
		{"ılık İstanbul", "ılık-istanbul"},
		{"café́", "cafe"},
		// Names Windows reserves for devices, in any case and however
		// they are written, get an underscore; longer words do not.
		{"con", "con_"}, {"CON", "con_"}, {"Aux", "aux_"}, {"nul", "nul_"}, {"PRN", "prn_"},
		{"com1", "com1_"}, {"LPT9", "lpt9_"}, {"com0", "com0_"}, {"COM¹", "com1_"},
		{"con.txt", "contxt"}, {"con_", "con_"}, {"con-1", "con-1"}, {"console", "console"},
		{"com10", "com10"}, {"lpt", "lpt"}, {"nul nul", "nul-nul"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMakeTruncatesAtWordBoundary(t *testing.T) {
	long := strings.Repeat("diplomacy ", 20)
	got := Make(long)
	if len(got) > MaxLen || strings.HasSuffix(got, "-") || strings.HasSuffix(got, "diplom") {
		t.Fatalf("Make(long) = %q (len %d)", got, len(got))
	}
	cjk := Make(strings.Repeat("中", 60))
	if len(cjk) > MaxLen || !utf8.ValidString(cjk) {
		t.Fatalf("Make(cjk) = %q: invalid or too long", cjk)
	}
}

func TestSetClaim(t *testing.T) {
	var s Set
	if _, ok := s.Claim("china", "a.md"); !ok {
		t.Fatal("first claim refused")
	}
	if _, ok := s.Claim("china", "a.md"); !ok {
		t.Fatal("same owner claiming again must be allowed")
	}
	prev, ok := s.Claim("china", "b.md")
	if ok || prev != "a.md" {
		t.Fatalf("collision not reported: prev=%q ok=%v", prev, ok)
	}
}
