package article

import "time"

// zoneOffsets are the zone abbreviations whose offset, in minutes east of
// UTC, is unambiguous enough to trust in news pages; others fall back to
// the caller's location. IST is India's (+5:30), the one news pages mean
// far more often than Ireland's or Israel's; CST is the US Central zone;
// GST the Gulf's (+4). AST (Arabia or Atlantic) is left out as ambiguous.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5 * 60, "EDT": -4 * 60, "CST": -6 * 60, "CDT": -5 * 60, "MST": -7 * 60, "MDT": -6 * 60,
	"PST": -8 * 60, "PDT": -7 * 60, "AKST": -9 * 60, "AKDT": -8 * 60, "HST": -10 * 60,
	"BST": 60, "CET": 60, "CEST": 2 * 60, "EET": 2 * 60, "EEST": 3 * 60, "WET": 0, "WEST": 60,
	"IST": 5*60 + 30, "PKT": 5 * 60, "SGT": 8 * 60, "HKT": 8 * 60, "JST": 9 * 60, "KST": 9 * 60,
	"AEST": 10 * 60, "AEDT": 11 * 60, "NZST": 12 * 60, "NZDT": 13 * 60,
	"WAT": 60, "SAST": 2 * 60, "EAT": 3 * 60, "MSK": 3 * 60, "GST": 4 * 60, "PHT": 8 * 60, "WIB": 7 * 60, "ICT": 7 * 60,
}

// usZones are the US zones written without saying whether summer time
// applies ("4:07 PM ET"): their standard offset in hours, to which the
// US daylight-saving rule adds one hour in summer.
var usZones = map[string]int{"ET": -5, "CT": -6, "MT": -7, "PT": -8}

// namedZone is the zone that the abbreviation name means for a wall-clock
// time on the given day and hour.
func namedZone(name string, y int, mo time.Month, d, h int) (*time.Location, bool) {
	if off, ok := zoneOffsets[name]; ok {
		if off == 0 {
			return time.UTC, true
		}
		return time.FixedZone(name, off*60), true
	}
	std, ok := usZones[name]
	if !ok {
		return nil, false
	}
	if usSummerTime(y, mo, d, h) {
		return time.FixedZone(name, (std+1)*3600), true
	}
	return time.FixedZone(name, std*3600), true
}

// usSummerTime reports whether a US wall-clock time falls in daylight
// saving time as kept since 2007: from 2 a.m. on the second Sunday of
// March to 2 a.m. on the first Sunday of November.
func usSummerTime(y int, mo time.Month, d, h int) bool {
	start := nthSunday(y, time.March, 2)
	end := nthSunday(y, time.November, 1)
	switch {
	case mo > time.March && mo < time.November:
		return true
	case mo == time.March:
		return d > start || d == start && h >= 2
	case mo == time.November:
		return d < end || d == end && h < 2
	}
	return false
}

// nthSunday is the day of the month of its n-th Sunday.
func nthSunday(y int, mo time.Month, n int) int {
	first := time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return 1 + (7-int(first))%7 + 7*(n-1)
}

// PlausibleDate reports whether t can date an article: not the zero time
// or the placeholders of year 1 and 0000 that CMSs write for "unset", not
// before the web's news archives (1990), and not past next year.
func PlausibleDate(t time.Time) bool {
	if t.IsZero() {
		return false
	}
	y := t.Year()
	return y >= 1990 && y <= time.Now().Year()+1
}

// ZoneOf reads the zone that a dateline names beside its time of day
// ("Updated at 5:36 PM CST"), for a wall-clock time on t's day; false when
// s names none that namedZone knows.
func ZoneOf(s string, t time.Time) (*time.Location, bool) {
	_, _, _, zone, ok := findClock(s)
	if !ok || zone == "" {
		return nil, false
	}
	return namedZone(zone, t.Year(), t.Month(), t.Day(), t.Hour())
}

// NamesZone reports a dateline that states its zone: an offset or a zone
// name beside its time ("+05:30", "Z", "4:07 PM EST").
func NamesZone(s string) bool {
	if m := isoDate.FindStringSubmatchIndex(s); m != nil && m[14] >= 0 {
		return true
	}
	_, _, _, zone, ok := findClock(s)
	if !ok || zone == "" {
		return false
	}
	_, known := namedZone(zone, 2000, time.January, 1, 0)
	return known
}

// InZone is the same wall-clock time as t in zone z: a time read in the
// caller's location, moved to the zone its page names elsewhere.
func InZone(t time.Time, z *time.Location) time.Time {
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, mo, d, h, mi, sec, t.Nanosecond(), z)
}
