package site

import (
	"strings"
	"testing"
	"time"
)

func TestStoriesSettings(t *testing.T) {
	const head = "title: T\nbase_url: https://h.example/\n"
	tests := []struct {
		name string
		yaml string
		want Stories // Enabled and Set compared through On
		on   bool
		err  []string // each must appear in the error text; nil: no error
	}{
		{"left out: off", head, Stories{}, false, nil},
		{"there but empty: on, defaults", head + "stories: {}\n", Stories{}, true, nil},
		{"off", head + "stories:\n  enabled: false\n", Stories{}, false, nil},
		{"every setting", head + "stories:\n  similar: 0.4\n  cross_language: 0.6\n  near_duplicate: 0.7\n  window: 2d\n  hold: 36h\n  rise: 0.05\n",
			Stories{Similar: 0.4, CrossLanguage: 0.6, NearDuplicate: 0.7, Window: "2d", Hold: "36h", Rise: 0.05, WindowSpan: 48 * time.Hour, HoldSpan: 36 * time.Hour}, true, nil},
		{"half days", head + "stories:\n  window: 1.5d\n", Stories{Window: "1.5d", WindowSpan: 36 * time.Hour}, true, nil},
		{"similarity out of range", head + "stories:\n  enabled: true\n  similar: 1.5\n", Stories{}, true, []string{"site.yaml:5: stories: similar is 1.5"}},
		{"negative near duplicate", head + "stories:\n  near_duplicate: -0.1\n", Stories{}, true, []string{"site.yaml:4: stories: near_duplicate is -0.1"}},
		{"bad window", head + "stories:\n  window: a week\n", Stories{}, true, []string{`site.yaml:4: stories: window "a week" is not a duration`}},
		{"zero hold", head + "stories:\n  similar: 0.3\n  hold: 0d\n", Stories{}, true, []string{`site.yaml:5: stories: hold "0d" must be longer than zero`}},
		{"rise out of range", head + "stories:\n  rise: 2\n", Stories{}, true, []string{"site.yaml:4: stories: rise is 2"}},
		{"unknown key", head + "stories:\n  treshold: 0.3\n", Stories{}, true, []string{`site.yaml:4: unknown key "treshold"`, "near_duplicate"}},
		{"enabled not a bool", head + "stories:\n  enabled: sometimes\n", Stories{}, true, []string{"site.yaml:4:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("site.yaml", []byte(tt.yaml))
			if tt.err != nil {
				if err == nil {
					t.Fatalf("no error; want %q", tt.err)
				}
				for _, w := range tt.err {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := cfg.Stories
			if got.On() != tt.on {
				t.Errorf("On() = %t, want %t", got.On(), tt.on)
			}
			got.Enabled, got.Set = nil, false
			if got != tt.want {
				t.Errorf("stories = %+v, want %+v", got, tt.want)
			}
		})
	}
}
