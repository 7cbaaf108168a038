package article

import (
	"fmt"
	"reflect"
	"testing"
)

func TestCleanTags(t *testing.T) {
	many := make([]string, 30)
	for i := range many {
		many[i] = fmt.Sprintf("Topic %c", 'A'+i)
	}
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"semicolon list", []string{"Harbours;Ferries;Island Life"}, []string{"Harbours", "Ferries", "Island Life"}},
		{"comma list in one value", []string{"Tides,Storms, Coastal Towns"}, []string{"Tides", "Storms", "Coastal Towns"}},
		{"codes dropped", []string{"@qx-river", "hero_video", "Section:culture", "AdNode:arts/wide", "Boats"}, []string{"Boats"}},
		{"variants merged", []string{"ios9", "iOS 9", "Hong Kong", "hong-kong"}, []string{"iOS 9", "Hong Kong"}},
		{"titles with colon and slashes kept", []string{"Star Wars: Episode IX", "Currencies / Foreign Exchange", "24/7"}, []string{"Star Wars: Episode IX", "Currencies / Foreign Exchange", "24/7"}},
		{"trailing punctuation", []string{"MacBook Pro,", "#Sailing"}, []string{"MacBook Pro", "Sailing"}},
		{"long phrase dropped", []string{"Center on Policy and Health Initiatives on Opioids and Other"}, nil},
		{"cap", many, many[:MaxTags]},
	}
	for _, tc := range tests {
		if got := CleanTags(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: CleanTags(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}
