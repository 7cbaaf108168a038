package article

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

const monthWord = `(\p{L}{3,12})\.?`

var (
	isoDate = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?`)
	dmyDate = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	// "Jan 2, 2024", "January 2nd 2024", "Nov. 18, 2019".
	mdyDate = regexp.MustCompile(`(?i)\b` + monthWord + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// "2 January 2024", "18. Oktober 2019", "27 de outubro de 2015".
	dmyWords = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?` + monthWord + `,?\s+(?:de\s+)?(\d{4})\b`)
	// "Nov 15, 20195:45 AM": a scraper dropped the space between the
	// year and the time of day.
	gluedYear = regexp.MustCompile(`(\p{L}{3,12}\.?\s+\d{1,2},?\s+(?:19|20)\d\d)(\d{1,2}:\d\d)`)
	// "11/19/2019", "13/06/2014", "11/18/19"; not "1/2" or "2019/11".
	slashDate = regexp.MustCompile(`(?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b`)
	// "2024年3月5日" (Chinese, Japanese) and "2024년 3월 5일" (Korean).
	cjkDate = regexp.MustCompile(`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号]?`)
	// "2024. március 5." (Hungarian), year first then the month's name.
	ymdWords = regexp.MustCompile(`(?i)\b(\d{4})\.?\s+` + monthWord + `\s+(\d{1,2})\b`)
	clock    = regexp.MustCompile(`(?i)\b(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*\(?([A-Z]{2,4})\b\)?)?`)
)

// FindDate finds the first date written in s, in the usual numeric forms
// ("2024-03-05", "05.03.2024") or with a month's name in English, German,
// French, Spanish, Portuguese, Italian or Indonesian ("Jan 2, 2024", "2.
// Januar 2024", "27 de outubro de 2015"), with the time of day and zone
// written next to it (before or after). A date without a zone is read in
// loc (nil means UTC). Years before 1990 or after next year are not dates.
func FindDate(s string, loc *time.Location) (time.Time, bool) {
	return findDate(s, loc, noSlashes)
}

// Orders of the numbers in a date written with slashes.
const (
	noSlashes  = iota // not read
	monthFirst        // "11/19/2019", as in the United States
	dayFirst          // "19/11/2019", as nearly everywhere else
)

// FindDateSlashed is FindDate that also reads dates written with slashes
// and a two- or four-digit year ("11/19/2019", "13/06/2014", "11/18/19"):
// month first when usMonthFirst and the numbers allow it, else day first.
// Only a caller that knows the text's conventions (a dump in English) can
// tell "05/10/2018" apart; when one number is over 12 the date reads one
// way only.
func FindDateSlashed(s string, loc *time.Location, usMonthFirst bool) (time.Time, bool) {
	if usMonthFirst {
		return findDate(s, loc, monthFirst)
	}
	return findDate(s, loc, dayFirst)
}

func findDate(s string, loc *time.Location, slashes int) (time.Time, bool) {
	if strings.Contains(s, ":") {
		s = gluedYear.ReplaceAllString(s, "$1 $2")
	}
	type found struct {
		at         int
		y, mo, d   int
		timeFrom   int
		h, mi, sec int
		hasClock   bool
		offset     string
	}
	var best *found
	consider := func(f found) {
		if f.y < 1990 || f.y > time.Now().Year()+1 || f.mo < 1 || f.mo > 12 || f.d < 1 || f.d > 31 {
			return
		}
		if best == nil || f.at < best.at {
			best = &f
		}
	}
	for _, m := range isoDate.FindAllStringSubmatchIndex(s, -1) {
		f := found{at: m[0], y: atoi(s, m, 1), mo: atoi(s, m, 2), d: atoi(s, m, 3), timeFrom: m[1]}
		if m[8] >= 0 {
			f.h, f.mi, f.hasClock = atoi(s, m, 4), atoi(s, m, 5), true
			if m[12] >= 0 {
				f.sec = atoi(s, m, 6)
			}
			if m[14] >= 0 {
				f.offset = s[m[14]:m[15]]
			}
		}
		consider(f)
	}
	for _, m := range dmyDate.FindAllStringSubmatchIndex(s, -1) {
		d, mo := atoi(s, m, 1), atoi(s, m, 2)
		if mo > 12 && d <= 12 {
			// "11.15.2019": month first, as only one reading allows.
			d, mo = mo, d
		}
		consider(found{at: m[0], d: d, mo: mo, y: atoi(s, m, 3), timeFrom: m[1]})
	}
	for _, m := range mdyDate.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := monthOf(s[m[2]:m[3]]); ok {
			consider(found{at: m[0], mo: int(mo), d: atoi(s, m, 2), y: atoi(s, m, 3), timeFrom: m[1]})
		}
	}
	for _, m := range dmyWords.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := monthOf(s[m[4]:m[5]]); ok {
			consider(found{at: m[0], d: atoi(s, m, 1), mo: int(mo), y: atoi(s, m, 3), timeFrom: m[1]})
		}
	}
	for _, m := range ymdWords.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := monthOf(s[m[4]:m[5]]); ok {
			consider(found{at: m[0], y: atoi(s, m, 1), mo: int(mo), d: atoi(s, m, 3), timeFrom: m[1]})
		}
	}
	if slashes != noSlashes {
		for _, m := range slashDate.FindAllStringSubmatchIndex(s, -1) {
			a, b, y := atoi(s, m, 1), atoi(s, m, 2), atoi(s, m, 3)
			if m[7]-m[6] == 2 {
				y += 2000
			}
			mo, d := a, b
			if slashes == dayFirst && b <= 12 || a > 12 {
				mo, d = b, a
			}
			consider(found{at: m[0], y: y, mo: mo, d: d, timeFrom: m[1]})
		}
	}
	for _, m := range cjkDate.FindAllStringSubmatchIndex(s, -1) {
		consider(found{at: m[0], y: atoi(s, m, 1), mo: atoi(s, m, 2), d: atoi(s, m, 3), timeFrom: m[1]})
	}
	if best == nil {
		return time.Time{}, false
	}
	f := *best
	zone := ""
	if !f.hasClock {
		// The time of day may come before the date ("3:04 PM EST, Jan 2,
		// 2024") or after it ("Nov 18, 2019 at 4:07 PM").
		if h, mi, sec, z, ok := findClock(s[f.timeFrom:]); ok {
			f.h, f.mi, f.sec, zone, f.hasClock = h, mi, sec, z, true
		} else if h, mi, sec, z, ok := findClock(s[:f.at]); ok {
			f.h, f.mi, f.sec, zone, f.hasClock = h, mi, sec, z, true
		}
	}
	where := loc
	if where == nil {
		where = time.UTC
	}
	switch {
	case f.offset != "":
		where = parseOffset(f.offset)
	case zone != "":
		if z, ok := namedZone(zone, f.y, time.Month(f.mo), f.d, f.h); ok {
			where = z
		}
	}
	t := time.Date(f.y, time.Month(f.mo), f.d, f.h, f.mi, f.sec, 0, where)
	if t.Day() != f.d {
		return time.Time{}, false
	}
	return t, true
}

// TimeOnDay reads a time of day written alone in s ("Updated at 5:36 PM"),
// on the date of day, in the zone s names or else day's; it is false when
// s holds no time or one before day.
func TimeOnDay(s string, day time.Time) (time.Time, bool) {
	if day.IsZero() {
		return time.Time{}, false
	}
	h, mi, sec, zone, ok := findClock(s)
	if !ok {
		return time.Time{}, false
	}
	where := day.Location()
	y, mo, d := day.Date()
	if z, ok := namedZone(zone, y, mo, d, h); ok {
		where = z
	}
	t := time.Date(y, mo, d, h, mi, sec, 0, where)
	if t.Before(day) {
		return time.Time{}, false
	}
	return t, true
}

// findClock finds a time of day, "4:07 PM", "15:23", "11:08 a.m. EST".
func findClock(s string) (h, mi, sec int, zone string, ok bool) {
	m := clock.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, 0, 0, "", false
	}
	h, mi = atoi(s, m, 1), atoi(s, m, 2)
	if m[6] >= 0 {
		sec = atoi(s, m, 3)
	}
	if m[8] >= 0 {
		ampm := strings.ToLower(strings.ReplaceAll(s[m[8]:m[9]], ".", ""))
		switch {
		case h > 12 || h == 0:
			return 0, 0, 0, "", false
		case ampm == "pm" && h < 12:
			h += 12
		case ampm == "am" && h == 12:
			h = 0
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return 0, 0, 0, "", false
	}
	if m[10] >= 0 {
		zone = s[m[10]:m[11]]
	}
	return h, mi, sec, zone, true
}

func parseOffset(s string) *time.Location {
	if s == "Z" {
		return time.UTC
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	if len(digits) != 4 {
		return time.UTC
	}
	hh, _ := strconv.Atoi(digits[:2])
	mm, _ := strconv.Atoi(digits[2:])
	off := sign * (hh*3600 + mm*60)
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone("", off)
}

func atoi(s string, m []int, group int) int {
	if m[2*group] < 0 {
		return 0
	}
	n, _ := strconv.Atoi(s[m[2*group]:m[2*group+1]])
	return n
}

// dateLabels are the words that may stand beside a date on a line that
// only dates the story: labels, weekdays, zones and the particles between
// them, in the languages of monthNames.
var dateLabels = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		published publish publication updated update posted last modified date time on at
		a m p am pm gmt utc uk et pt ist amt st nd rd th
		monday tuesday wednesday thursday friday saturday sunday
		mon tue tues wed thu thur thurs fri sat sun
		veröffentlicht aktualisiert erschienen stand um uhr
		montag dienstag mittwoch donnerstag freitag samstag sonntag
		publié mis à jour le lundi mardi mercredi jeudi vendredi samedi dimanche
		publicado actualizado atualizado el de del em às
		lunes martes miércoles jueves viernes sábado domingo
		pubblicato aggiornato il alle diterbitkan pada pukul wib
		gepubliceerd bijgewerkt op om publicerad uppdaterad kl publiceret opdateret publisert oppdatert
		opublikowano zaktualizowano publikováno aktualizováno v
		опубликовано обновлено опубликован обновлен в г года опубліковано оновлено
		yayınlanma güncelleme tarihi saat publicat actualizat la ora julkaistu päivitetty klo
		δημοσίευση ενημέρωση 发布 发表 更新 時間 时间 公開 게시 수정 입력
	`) {
		m[w] = true
	}
	for z := range zoneOffsets {
		m[strings.ToLower(z)] = true
	}
	for z := range usZones {
		m[strings.ToLower(z)] = true
	}
	return m
}()

// maxDateLineOthers is how many words other than date labels a date line
// may hold: a place or an agency ("London, 3 March 2024"), not a sentence.
const maxDateLineOthers = 1

// IsDateLine reports a line that only dates the story, as datelines and
// the timestamps under headlines and teasers do: a date (as FindDate reads
// them), or a labelled time of day or day of a month ("Updated 4:14 p.m.",
// "Published 20 Nov"), with nothing else but date labels (dateLabels) and
// at most maxDateLineOthers other words, twelve words at most in all.
func IsDateLine(s string) bool {
	// Every date and time of day has digits; most short lines have none.
	if !strings.ContainsAny(s, "0123456789") || WordCount(s) > 12 {
		return false
	}
	_, dated := FindDate(s, time.UTC)
	rest := s
	for _, re := range []*regexp.Regexp{isoDate, dmyDate, mdyDate, dmyWords, ymdWords, cjkDate} {
		rest = re.ReplaceAllLiteralString(rest, " ")
	}
	noClock := clock.ReplaceAllLiteralString(rest, " ")
	timed := noClock != rest
	month, day, labelled, others := false, false, false, 0
	for _, w := range Words(strings.ToLower(noClock)) {
		switch {
		case isOrdinal(w):
			day = true
		case monthNames[w] != 0:
			month = true
		case dateLabels[w]:
			labelled = true
		default:
			others++
		}
	}
	return others <= maxDateLineOthers && (dated || labelled && (timed || month && day))
}

// isOrdinal reports a number, maybe with an ordinal suffix ("20", "20th").
func isOrdinal(w string) bool {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	switch w[i:] {
	case "", "st", "nd", "rd", "th", "er", "e":
		return i > 0
	}
	return false
}
