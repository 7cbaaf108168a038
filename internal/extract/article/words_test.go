package article

import "testing"

func TestWordCount(t *testing.T) {
	for in, want := range map[string]int{
		"":                         0,
		"The ferry, back at 7:00.": 6,
		"snake_case and C++":       3,
		"Cafe\u0301 au lait":       3, // a combining mark stays in its word
		"नमस्ते दुनिया":            2, // so do Devanagari vowel signs
		"港口的渡轮":                    3, // two characters a word, rounded up
		"港口的渡轮恢复运营":                5,
		"ข่าวเรือข้ามฟาก": 6, // Thai marks belong to their letters
		"The 渡轮 returns":  3,
		"— · ©":           0,
	} {
		if got := WordCount(in); got != want {
			t.Errorf("WordCount(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	if Fold("The Ferry’s back!") != Fold("the ferrys BACK") || Fold("--") != "" {
		t.Errorf("Fold does not ignore case and punctuation: %q, %q", Fold("The Ferry’s back!"), Fold("--"))
	}
}

func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"  a \t b\n\nc  ":                 "a b c",
		"no\u00a0break\u2009thin\u3000":   "no break thin",
		"neigh\u00adbour\u200bhood\ufeff": "neighbourhood",
		"bell\x07 and\x00 nul":            "bell and nul",
	} {
		if got := CollapseSpace(in); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
	if got := StripInvisible("a\u00ad\tb\n"); got != "a\tb\n" {
		t.Errorf("StripInvisible kept or lost too much: %q", got)
	}
}
