// Package editions cuts a briefing's timeline into issues: a daily
// edition for each calendar day and a weekly one for each week, both in
// the site's time zone, with weeks starting on the day the site chooses.
// It knows only instants and periods; the build decides what an edition
// shows.
//
// An edition is named by its ID: "2023-06-14" for a day,
// "week-2023-06-12" for the week that starts on 12 June. The ID is the
// edition's URL segment (editions/<id>/) and the name of the editor's
// introduction to it (content/editions/<id>.md).
package editions

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Cadence is how often an edition comes out.
type Cadence uint8

// The cadences.
const (
	Daily Cadence = iota + 1
	Weekly
)

func (c Cadence) String() string {
	switch c {
	case Daily:
		return "daily"
	case Weekly:
		return "weekly"
	}
	return fmt.Sprintf("cadence(%d)", uint8(c))
}

// weekPrefix starts the ID of a weekly edition.
const weekPrefix = "week-"

// Period is the span of one edition: from Start, midnight in the site's
// zone, up to End, the next period's Start (exclusive). A day is not
// always 24 hours: on a change of clocks it is 23 or 25.
type Period struct {
	Cadence    Cadence
	Start, End time.Time
}

// ID names the period: "2023-06-14" or "week-2023-06-12".
func (p Period) ID() string {
	d := p.Start.Format(time.DateOnly)
	if p.Cadence == Weekly {
		return weekPrefix + d
	}
	return d
}

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && t.Before(p.End)
}

// Last is the period's last calendar day, at its midnight.
func (p Period) Last() time.Time { return p.End.AddDate(0, 0, -1) }

// midnight is the start of t's calendar day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// Of returns the period of cadence c that holds t, days beginning at
// midnight in loc and weeks on weekStart.
func Of(c Cadence, t time.Time, loc *time.Location, weekStart time.Weekday) Period {
	start := midnight(t, loc)
	if c == Weekly {
		back := (int(start.Weekday()) - int(weekStart) + 7) % 7
		start = start.AddDate(0, 0, -back)
		return Period{Cadence: Weekly, Start: start, End: start.AddDate(0, 0, 7)}
	}
	return Period{Cadence: Daily, Start: start, End: start.AddDate(0, 0, 1)}
}

// Parse reads an edition ID. A weekly ID must name the first day of a
// week; the error says which ID was meant.
func Parse(id string, loc *time.Location, weekStart time.Weekday) (Period, error) {
	c, day := Daily, id
	if rest, ok := strings.CutPrefix(id, weekPrefix); ok {
		c, day = Weekly, rest
	}
	t, err := time.ParseInLocation(time.DateOnly, day, loc)
	if err != nil {
		return Period{}, fmt.Errorf("%q is not an edition: write a day as 2023-06-14, or a week by its first day as week-2023-06-12", id)
	}
	p := Of(c, t, loc, weekStart)
	if !p.Start.Equal(t) {
		return Period{}, fmt.Errorf("%q is not the first day of a week (weeks start on %s): the week holding %s is %s", id, weekStart, day, p.ID())
	}
	return p, nil
}

// Edition is a period with the items published in it.
type Edition struct {
	Period
	// Items index the times given to Plan, in their order.
	Items []int
}

// Plan cuts times (any order) into editions of cadence c: one for every
// period that holds at least one time, and one for each of also (such as
// a period the editor wrote an introduction for), newest first.
func Plan(c Cadence, times []time.Time, also []Period, loc *time.Location, weekStart time.Weekday) []Edition {
	byStart := map[int64]*Edition{}
	get := func(p Period) *Edition {
		k := p.Start.Unix()
		e := byStart[k]
		if e == nil {
			e = &Edition{Period: p}
			byStart[k] = e
		}
		return e
	}
	for i, t := range times {
		e := get(Of(c, t, loc, weekStart))
		e.Items = append(e.Items, i)
	}
	for _, p := range also {
		if p.Cadence == c {
			get(p)
		}
	}
	out := make([]Edition, 0, len(byStart))
	for _, e := range byStart {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.After(out[j].Start) })
	return out
}

// Month is one calendar month of an index, by the day its editions start.
type Month struct {
	Start    time.Time // the first of the month, midnight
	Editions []int     // index the periods given to Index, in their order
}

// Year is one year of an index, its months newest first.
type Year struct {
	Year   int
	Months []Month
}

// Index files periods (newest first, as Plan gives them) by the year and
// month of their first day, newest first.
func Index(periods []Period) []Year {
	var years []Year
	for i, p := range periods {
		y, m, _ := p.Start.Date()
		if n := len(years); n == 0 || years[n-1].Year != y {
			years = append(years, Year{Year: y})
		}
		yr := &years[len(years)-1]
		if n := len(yr.Months); n == 0 || yr.Months[n-1].Start.Month() != m {
			yr.Months = append(yr.Months, Month{Start: time.Date(y, m, 1, 0, 0, 0, 0, p.Start.Location())})
		}
		mo := &yr.Months[len(yr.Months)-1]
		mo.Editions = append(mo.Editions, i)
	}
	return years
}
