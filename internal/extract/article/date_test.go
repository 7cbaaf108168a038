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
		// Other languages and scripts.
		"2024年3月5日 10:30":                       "2024-03-05T10:30:00+08:00",
		"2023년 11월 2일 오후":                       "2023-11-02T00:00:00+08:00",
		"Опубликовано 5 марта 2024, 10:30":      "2024-03-05T10:30:00+08:00",
		"Gepubliceerd op 5 maart 2024 om 10:30": "2024-03-05T10:30:00+08:00",
		"Opublikowano: 12 października 2022":    "2022-10-12T00:00:00+08:00",
		"Publicerad 7 augusti 2021 kl 06.15":    "2021-08-07T06:15:00+08:00",
		"2021. szeptember 14. 08:12":            "2021-09-14T08:12:00+08:00",
		"Оновлено 1 грудня 2020":                "2020-12-01T00:00:00+08:00",
		// Named zones are not the caller's location; ET follows US summer time.
		"November 19, 2019, 07:47 PM EST": "2019-11-19T19:47:00-05:00",
		"19 Nov 2019 07:09 GMT":           "2019-11-19T07:09:00Z",
		"July 4, 2023 9:15 a.m. ET":       "2023-07-04T09:15:00-04:00",
		"Jan 4, 2023 9:15 a.m. ET":        "2023-01-04T09:15:00-05:00",
		"March 3, 2024, 10:00 PT":         "2024-03-03T10:00:00-08:00",
		"March 10, 2024, 10:00 PT":        "2024-03-10T10:00:00-07:00",
		"12 June 2022 14:30 IST":          "2022-06-12T14:30:00+05:30",
		"Feb 1, 2022 8:00 CST":            "2022-02-01T08:00:00-06:00",
		// A year glued to the time; a dotted date month first.
		"Nov 15, 20225:45 AM":                  "2022-11-15T05:45:00+08:00",
		"Published Tue, Nov 1 20227:05 AM EST": "2022-11-01T07:05:00-05:00",
		"11.15.2019 10:09 AM":                  "2019-11-15T10:09:00+08:00",
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

func TestPlausibleDate(t *testing.T) {
	for _, tc := range []struct {
		in   time.Time
		want bool
	}{
		{time.Time{}, false},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(time.Now().Year()+5, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2019, 11, 19, 0, 0, 0, 0, time.UTC), true},
	} {
		if got := PlausibleDate(tc.in); got != tc.want {
			t.Errorf("PlausibleDate(%v) = %v, want %v", tc.in, got, tc.want)
		}
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
		{"Gepubliceerd op 5 maart 2024 om 10:30", true},
		{"Опубликовано 5 марта 2024, 10:30", true},
		{"2024年3月5日 10:30", true},
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

func TestFindDateSlashed(t *testing.T) {
	cases := []struct {
		in         string
		monthFirst bool
		want       string // "" for no date
	}{
		{"By Ada Byrne - 11/18/19 11:04 PM EST", true, "2019-11-18T23:04:00-05:00"},
		{"5:45 AM PST 11/19/2019 by Ada Byrne", true, "2019-11-19T05:45:00-08:00"},
		{"13/06/2014 Ada Byrne", true, "2014-06-13T00:00:00Z"},
		{"05/10/2018 - Publicado por: Ada Byrne", false, "2018-10-05T00:00:00Z"},
		{"05/10/2018", true, "2018-05-10T00:00:00Z"},
		{"page 1/2/3", true, ""},
		{"2019/11/18", true, "2019-11-18T00:00:00Z"},
	}
	for _, tc := range cases {
		got, ok := FindDateSlashed(tc.in, nil, tc.monthFirst)
		if tc.want == "" {
			if ok {
				t.Errorf("FindDateSlashed(%q) = %v, want none", tc.in, got)
			}
			continue
		}
		if !ok || got.Format(time.RFC3339) != tc.want {
			t.Errorf("FindDateSlashed(%q, %v) = %v %v, want %s", tc.in, tc.monthFirst, got.Format(time.RFC3339), ok, tc.want)
		}
	}
	if _, ok := FindDate("11/18/19", nil); ok {
		t.Errorf("FindDate reads slashed dates, which only a caller knowing the order may ask for")
	}
}
