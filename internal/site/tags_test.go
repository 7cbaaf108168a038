package site

import (
	"slices"
	"strings"
	"testing"
)

const tagsSite = `title: T
base_url: https://example.org/
tags:
  aliases:
    ios9: iOS 9
    U.S.: United States
  ignore: [autoplay_video, "@*", "*_widget"]
`

func TestTagsApply(t *testing.T) {
	cfg, err := Parse("site.yaml", []byte(tagsSite))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want []string }{
		{[]string{"IOS-9", "Apple", "iOS 9"}, []string{"iOS 9", "Apple"}},
		{[]string{"autoplay_video", "Autoplay Video", "@aa-river", "share_widget", "Trade"}, []string{"Trade"}},
		{[]string{"US", "u.s."}, []string{"United States"}},
		{[]string{"Climate change", "climate-change", "CLIMATE CHANGE"}, []string{"Climate change"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := cfg.Tags.Apply(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Apply(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var none *Tags
	if got := none.Apply([]string{"a", "A"}); !slices.Equal(got, []string{"a"}) {
		t.Errorf("nil Tags: %q", got)
	}
}

func TestTagsMistakes(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"tags:\n  alias:\n    a: b\n", `site.yaml:4: unknown key "alias" (known keys: aliases, ignore)`},
		{"tags:\n  aliases:\n    a: b\n    b: c\n", `site.yaml:5: tags: alias "a" becomes "b", itself an alias of "c"`},
		{"tags:\n  aliases:\n    x: \"!!\"\n", `site.yaml:5: tags: alias "x"`},
		{"tags:\n  ignore:\n    - ok\n    - \"[\"\n", `site.yaml:6: tags: ignore "["`},
		{"tags:\n  ignore: [\"...\"]\n", `site.yaml:4: tags: ignore "..." has no letters`},
		{"tags:\n  aliases: {a: b}\n  ignore: [A]\n", `"A" is both ignored and an alias`},
		{"tags:\n  aliases:\n    a: b\n    a: c\n", `site.yaml:6: mapping key "a" already defined`},
	}
	for _, tt := range tests {
		_, err := Parse("site.yaml", []byte("title: T\nbase_url: https://example.org/\n"+tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.yaml, err, tt.want)
		}
	}
}
