package textdump

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// metaDump is a small dump: the title line, a menu, the header lines
// under the repeated headline, then the story.
func metaDump(header ...string) []byte {
	lines := []string{
		"Millbrook flood gates open at last | Valley Gazette",
		"- Home", "- Local", "- Weather", "- Sport",
		"Millbrook flood gates open at last",
	}
	lines = append(lines, header...)
	lines = append(lines,
		"The river authority opened the new flood gates at Millbrook on Monday, three years after the winter storms that left two hundred homes on the lower bank under water for a week.",
		"Engineers tested each of the four gates in turn while residents watched from the footbridge, and the authority said the whole barrier can now be closed in under twenty minutes.",
		"The scheme cost more than was first planned, because the old quay wall turned out to be hollow and had to be rebuilt from its foundations before the gates could be fitted.",
		"Residents of the lower bank said they would sleep better during the next storm, although several asked why the work had taken so long to start after the flood.",
		"© 2022 Valley Gazette",
	)
	return []byte(strings.Join(lines, "\n") + "\n")
}

// TestMetaKinds holds one small dump per kind of date or byline fault;
// published is RFC 3339, "" for none, and authors nil for none.
func TestMetaKinds(t *testing.T) {
	cases := []struct {
		kind      string
		header    []string
		published string
		authors   []string
	}{
		{"name alone over its dateline",
			[]string{"Ines Harrow", "June 6, 2022 at 9:14 AM"},
			"2022-06-06T09:14:00Z", []string{"Ines Harrow"}},
		{"name with outlet, dateline with the zone only on the update",
			[]string{"Ines Harrow and Bram Okafor, Associated Press", "Published Jun 6, 2022 at 9:14 AM | Updated at 11:02 AM CDT on Jun 6, 2022"},
			"2022-06-06T09:14:00-05:00", []string{"Ines Harrow", "Bram Okafor"}},
		{"byline after a numeric date, month first in English",
			[]string{"6/14/22 by Ines Harrow", "Share"},
			"2022-06-14T00:00:00Z", []string{"Ines Harrow"}},
		{"byline with a dash and a numeric date and zone",
			[]string{"By Ines Harrow - 06/07/22 10:04 PM EDT"},
			"2022-06-07T22:04:00-04:00", []string{"Ines Harrow"}},
		{"header far above the body, past a video block",
			[]string{"The gates can close in twenty minutes", "By Ines Harrow", "Published 6 June 2022", "Watch", "Replay", "More videos", "Close", "Embed", "Copy", "Link", "Up next"},
			"2022-06-06T00:00:00Z", []string{"Ines Harrow"}},
		{"photo caption dated before the dateline",
			[]string{"Residents watch the gates close from the footbridge near the quay on Saturday, June 4, 2022, before the opening.", "Photo: Bram Okafor", "Updated 3:27 am PDT, Monday, June 6, 2022"},
			"2022-06-06T03:27:00-07:00", nil},
		{"year glued to the time",
			[]string{"Jun 6, 20229:14 AM"},
			"2022-06-06T09:14:00Z", nil},
		{"name with handle and role, no date",
			[]string{"Ines Harrow News reporter @iharrow"},
			"", []string{"Ines Harrow"}},
		{"section label next to a date is no name",
			[]string{"CAR REVIEWS", "June 6, 2022"},
			"2022-06-06T00:00:00Z", nil},
		{"desk credit",
			[]string{"By Gazette Sport", "June 6, 2022"},
			"2022-06-06T00:00:00Z", nil},
	}
	for _, tc := range cases {
		a, err := Extract(metaDump(tc.header...), article.Options{URL: "https://valley-gazette.example/news/1"})
		if err != nil {
			t.Errorf("%s: %v", tc.kind, err)
			continue
		}
		got := ""
		if !a.Published.IsZero() {
			got = a.Published.Format(time.RFC3339)
		}
		if got != tc.published {
			t.Errorf("%s: published %q, want %q", tc.kind, got, tc.published)
		}
		if !reflect.DeepEqual(a.Authors, tc.authors) {
			t.Errorf("%s: authors %q, want %q", tc.kind, a.Authors, tc.authors)
		}
	}
}
