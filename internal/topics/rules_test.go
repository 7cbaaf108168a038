package topics

import "testing"

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
