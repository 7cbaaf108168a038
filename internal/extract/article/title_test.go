package article

import "testing"

func TestSameStory(t *testing.T) {
	cases := []struct {
		heading string
		titles  []string
		want    bool
	}{
		{"Julian Assange: Sweden drops rape investigation", []string{"Sweden drops Assange rape investigation"}, true},
		{"About bugs", []string{"About bugs"}, true},
		{"Swift's label gives way", []string{"Taylor Swift and the label"}, true},
		{"Kabar tentang Dunia Islam", []string{"Sejarah Pecahnya Islam jadi Sunni"}, false},
		{"Why Don't You Go Fight For The Reindeer?", []string{"The Early Reviews For Google's Stadia Are Here"}, false},
		{"엔터 미디어", []string{"악녀의 덫에 걸린 이유리"}, false},
		{"새 다리 공사 시작", []string{"새 다리 공사 시작 소식"}, true},
		{"", []string{"Anything at all"}, false},
	}
	for _, tc := range cases {
		if got := SameStory(tc.heading, tc.titles...); got != tc.want {
			t.Errorf("SameStory(%q, %q) = %v, want %v", tc.heading, tc.titles, got, tc.want)
		}
	}
}
