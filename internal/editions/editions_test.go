package editions

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestOf cuts instants into days and weeks in the site's zone: an
// article at 23:30 on a Sunday in New York is 03:30 on Monday in UTC, yet
// belongs to Sunday's edition and to the week that Sunday ends (weeks
// from Monday) or starts (weeks from Sunday).
func TestOf(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	shanghai := mustZone(t, "Asia/Shanghai")
	sunday2330 := time.Date(2023, 6, 12, 3, 30, 0, 0, time.UTC) // 23:30 EDT, Sunday 11 June
	tests := []struct {
		name      string
		at        time.Time
		loc       *time.Location
		c         Cadence
		weekStart time.Weekday
		want      string
		hours     float64 // the period's length
	}{
		{"Sunday 23:30 local, daily", sunday2330, ny, Daily, time.Monday, "2023-06-11", 24},
		{"Sunday 23:30 local, weeks from Monday", sunday2330, ny, Weekly, time.Monday, "week-2023-06-05", 168},
		{"Sunday 23:30 local, weeks from Sunday", sunday2330, ny, Weekly, time.Sunday, "week-2023-06-11", 168},
		{"the same instant in Shanghai is Monday", sunday2330, shanghai, Daily, time.Monday, "2023-06-12", 24},
		{"the same instant, Shanghai weeks from Monday", sunday2330, shanghai, Weekly, time.Monday, "week-2023-06-12", 168},
		{"midnight opens the day", time.Date(2023, 6, 12, 0, 0, 0, 0, ny), ny, Daily, time.Monday, "2023-06-12", 24},
		{"a minute before midnight closes it", time.Date(2023, 6, 11, 23, 59, 0, 0, ny), ny, Daily, time.Monday, "2023-06-11", 24},
		{"the day clocks go forward has 23 hours", time.Date(2023, 3, 12, 12, 0, 0, 0, ny), ny, Daily, time.Monday, "2023-03-12", 23},
		{"the day clocks go back has 25 hours", time.Date(2023, 11, 5, 12, 0, 0, 0, ny), ny, Daily, time.Monday, "2023-11-05", 25},
		{"a week across the change of clocks", time.Date(2023, 11, 5, 12, 0, 0, 0, ny), ny, Weekly, time.Saturday, "week-2023-11-04", 169},
		{"a week across the new year", time.Date(2024, 1, 1, 8, 0, 0, 0, ny), ny, Weekly, time.Thursday, "week-2023-12-28", 168},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Of(tt.c, tt.at, tt.loc, tt.weekStart)
			if p.ID() != tt.want {
				t.Errorf("ID = %s, want %s", p.ID(), tt.want)
			}
			if !p.Contains(tt.at) {
				t.Errorf("%s does not contain %s", p.ID(), tt.at)
			}
			if h := p.End.Sub(p.Start).Hours(); h != tt.hours {
				t.Errorf("%s lasts %g hours, want %g", p.ID(), h, tt.hours)
			}
			if p.Start.Hour() != 0 || p.Start.Minute() != 0 || p.Start.Location() != tt.loc {
				t.Errorf("%s starts at %s, not at midnight in %s", p.ID(), p.Start, tt.loc)
			}
			back, err := Parse(p.ID(), tt.loc, tt.weekStart)
			if err != nil || !back.Start.Equal(p.Start) || !back.End.Equal(p.End) || back.Cadence != p.Cadence {
				t.Errorf("Parse(%s) = %v, %v; want the same period", p.ID(), back, err)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	tests := []struct{ id, want string }{
		{"week-2023-06-14", `weeks start on Monday): the week holding 2023-06-14 is week-2023-06-12`},
		{"2023-13-01", "write a day as 2023-06-14"},
		{"latest", "write a day as 2023-06-14"},
		{"week-", "write a day as"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.id, ny, time.Monday)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", tt.id, err, tt.want)
		}
	}
}

func TestPlanAndIndex(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2023, m, d, h, 0, 0, 0, ny) }
	times := []time.Time{at(7, 3, 9), at(6, 30, 23), at(6, 30, 8), at(6, 12, 10)}
	intro := Of(Daily, at(6, 20, 0), ny, time.Monday) // a day without articles
	days := Plan(Daily, times, []Period{intro, Of(Weekly, at(5, 1, 0), ny, time.Monday)}, ny, time.Monday)
	var ids []string
	for _, e := range days {
		ids = append(ids, e.ID())
	}
	if want := []string{"2023-07-03", "2023-06-30", "2023-06-20", "2023-06-12"}; !slices.Equal(ids, want) {
		t.Fatalf("daily editions %v, want %v (a weekly period given is not a daily edition)", ids, want)
	}
	if !slices.Equal(days[1].Items, []int{1, 2}) || len(days[2].Items) != 0 {
		t.Errorf("items %v and %v, want [1 2] and none", days[1].Items, days[2].Items)
	}
	weeks := Plan(Weekly, times, nil, ny, time.Monday)
	if len(weeks) != 3 || weeks[0].ID() != "week-2023-07-03" || weeks[1].ID() != "week-2023-06-26" || !slices.Equal(weeks[1].Items, []int{1, 2}) {
		t.Errorf("weekly editions %+v", weeks)
	}
	periods := make([]Period, len(days))
	for i, e := range days {
		periods[i] = e.Period
	}
	idx := Index(periods)
	if len(idx) != 1 || idx[0].Year != 2023 || len(idx[0].Months) != 2 ||
		idx[0].Months[0].Start.Month() != time.July || !slices.Equal(idx[0].Months[1].Editions, []int{1, 2, 3}) {
		t.Errorf("index %+v", idx)
	}
}
