package topics

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestMatch(t *testing.T) {
	doc := Doc{
		Title: "Blinken to travel to Beijing after balloon row",
		Tags:  []string{"Antony Blinken", "South", "China Sea"},
		Body:  "The U.S. Secretary of State said China's leaders would meet him. Export controls on chips stay.",
	}
	tests := []struct {
		name  string
		rules Rules
		want  bool
	}{
		{"any hits title", Rules{Any: []string{"Beijing"}}, true},
		{"case-insensitive", Rules{Any: []string{"BEIJING"}}, true},
		{"possessive matches", Rules{Any: []string{"China"}}, true},
		{"dotted abbreviation", Rules{Any: []string{"U.S."}}, true},
		{"whole words only", Rules{Any: []string{"chin"}}, false},
		{"phrase in body", Rules{Any: []string{"export controls"}}, true},
		{"phrase words must be adjacent", Rules{Any: []string{"export chips"}}, false},
		{"phrase in tags", Rules{Any: []string{"Antony Blinken"}}, true},
		{"phrase may not span two tags", Rules{Any: []string{"south china"}, In: []string{FieldTags}}, false},
		{"all satisfied", Rules{All: []string{"Blinken", "chips"}}, true},
		{"all missing one", Rules{All: []string{"Blinken", "Taiwan"}}, false},
		{"any and all", Rules{Any: []string{"Taiwan", "Beijing"}, All: []string{"balloon"}}, true},
		{"none wins over any", Rules{Any: []string{"Beijing"}, None: []string{"balloon"}}, false},
		{"none wins over all", Rules{All: []string{"Beijing"}, None: []string{"chips"}}, false},
		{"none absent", Rules{Any: []string{"Beijing"}, None: []string{"Taiwan"}}, true},
		{"restricted to title", Rules{Any: []string{"chips"}, In: []string{FieldTitle}}, false},
		{"empty rules match nothing", Rules{}, false},
		{"accent folding", Rules{Any: []string{"beijíng"}}, true},
	}
	ix := NewIndex(doc)
	for _, tt := range tests {
		if got := tt.rules.Match(ix); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		rules Rules
		ok    bool
	}{
		{Rules{Any: []string{"x"}}, true},
		{Rules{Any: []string{"x"}, In: []string{"summary"}}, false},
		{Rules{Any: []string{"--"}}, false},
		{Rules{None: []string{"x"}}, false},
	}
	for _, tt := range tests {
		if err := tt.rules.Check(); (err == nil) != tt.ok {
			t.Errorf("Check(%+v) = %v, want ok=%v", tt.rules, err, tt.ok)
		}
	}
}

// referenceTokens is the tokenizer's definition, written the slow and
// obvious way: NFKD the whole text, drop marks, keep lowered letters and
// digits, let dots join and anything else split.
func referenceTokens(s string) []string {
	var out []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			out = append(out, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(unicode.ToLower(r))
		case r == '.':
		case r == '\u2029':
			flush()
			out = append(out, breakToken)
		default:
			flush()
		}
	}
	flush()
	return out
}

func TestTokenizeMatchesReference(t *testing.T) {
	inputs := []string{
		"",
		"The U.S. Secretary of State said China's leaders would meet him.",
		"“Quoted,” she said — and left. Beijíng, Zürich, São Paulo, Kraków.",
		"ﬁnance ① ½ ™ Ⅻ e\u0301te\u0301 Å Ω",
		"中国 北京市 한국어 서울 日本語のテキスト",
		"tags \u2029 more tags\u2029x",
		"ÀÉÎÕÜ straße İstanbul ǅ",
		"mixed123abc 4.5 per-cent a_b",
		"bad \xff bytes",
	}
	for _, in := range inputs {
		got, want := tokenizeKeepBreaks(in), referenceTokens(in)
		if !slices.Equal(got, want) {
			t.Errorf("tokenize(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func BenchmarkNewIndex(b *testing.B) {
	body := strings.Repeat("The central bank’s “cautious” review of interest rates in Zürich surprised analysts. ", 80)
	b.SetBytes(int64(len(body)))
	for range b.N {
		NewIndex(Doc{Title: "A title", Tags: []string{"Central banks", "Switzerland"}, Body: body})
	}
}
