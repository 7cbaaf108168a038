package article

import (
	"testing"
	"time"
)

func TestFindDate(t *testing.T) {
	loc := time.FixedZone("X", 8*3600)
	for in, want := range map[string]string{
		"View Date:2025-01-11 13:20:09":                        "2025-01-11T13:20:09+08:00",
		"Published 3:04 PM EST, Jan 2, 2024":                   "2024-01-02T15:04:00-05:00",
		"Published Nov 18, 2019 at 4:07 PM":                    "2019-11-18T16:07:00+08:00",
		"Posted on Oktober 27, 2015 by Admin":                  "2015-10-27T00:00:00+08:00",
		"- Published 18 November 2019":                         "2019-11-18T00:00:00+08:00",
		"PUBLISHED: 10:48, Tue, Nov 19, 2019":                  "2019-11-19T10:48:00+08:00",
		"2019-11-13T23:06:00+01:00":                            "2019-11-13T23:06:00+01:00",
		"Published: Monday, November 18th, 2019 at 11:08 a.m.": "2019-11-18T11:08:00+08:00",
	} {
		got, ok := FindDate(in, loc)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("FindDate(%q) = %v %v, want %s", in, got.Format(time.RFC3339), ok, want)
		}
	}
	if _, ok := FindDate("call 555-1234 today", loc); ok {
		t.Error("a phone number read as a date")
	}
}

func TestTimeOnDay(t *testing.T) {
	day := time.Date(2024, 3, 5, 9, 0, 0, 0, time.FixedZone("X", 3600))
	for in, want := range map[string]string{
		"at 5:36 PM":       "2024-03-05T17:36:00+01:00",
		"11:08 a.m. EST":   "2024-03-05T11:08:00-05:00",
		"at 15:23:09":      "2024-03-05T15:23:09+01:00",
		"at 8:00 (before)": "",
		"no time here":     "",
	} {
		got, ok := TimeOnDay(in, day)
		if s := got.Format(time.RFC3339); ok != (want != "") || ok && s != want {
			t.Errorf("TimeOnDay(%q) = %s %v, want %q", in, s, ok, want)
		}
	}
}

// TestIsDateLine holds the one date-line test to the lines both kinds of
// page show: datelines and timestamps in HTML blocks and dump lines alike.
func TestIsDateLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Published November 20th, 2019 07:29 GMT", true},
		{"Wednesday 20 November 2019 11:42, UK", true},
		{"Updated 4:14 p.m.", true},
		{"View Date:2025-01-11 13:20:09", true},
		{"2019-11-13T23:06:00+01:00", true},
		{"Veröffentlicht am 18. Oktober 2019, 14:05 Uhr", true},
		{"Publicado el 27 de octubre de 2015", true},
		{"London, 3 March 2024", true},
		{"Published 20 Nov", true},
		{"10 p.m.", false},
		{"March 3 was the day the ferry came back", false},
		{"2019", false},
		{"3 people died on March 3, 2024", false},
		{"On 3 March 2024 the council voted to keep the ferry running through the winter.", false},
		{"2 out of 3", false},
		{"Tickets cost 3.50 at the door", false},
	}
	for _, tc := range tests {
		if got := IsDateLine(tc.in); got != tc.want {
			t.Errorf("IsDateLine(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
