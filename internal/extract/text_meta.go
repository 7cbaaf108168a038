package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// textMeta is the metadata a dump carries around its article.
type textMeta struct {
	published, updated time.Time
	authors            []string
	tags               []string
}

// dumpFindMeta looks for dates, bylines and tags near the article: dates and
// bylines sit just above it, tags just below.
func dumpFindMeta(body []dumpLine, start, end int, loc *time.Location) textMeta {
	if loc == nil {
		loc = time.UTC
	}
	var m textMeta
	m.published, m.updated = dumpFindDates(body, start, end, loc)
	m.authors = dumpFindAuthors(body, start, end)
	m.tags = dumpFindTags(body, start, end)
	return m
}

// dumpDateKeyword marks a line that labels a date as the article's.
var dumpDateKeyword = regexp.MustCompile(`(?i)(publi|posted|date|updated|modified|veröffentlicht|aktualisiert|erschienen|diterbitkan|опубликовано)`)

var dumpUpdatedKeyword = regexp.MustCompile(`(?i)(updated|modified|aktualisiert|atualizado|actualizado|mis à jour)`)

// dumpFindDates prefers labelled dates ("Published …", "View Date: …") near the
// top of the article, then any date on a short line just above it. Dates
// inside paragraphs are the story's, not the article's.
func dumpFindDates(body []dumpLine, start, end int, loc *time.Location) (published, updated time.Time) {
	lo, hi := max(0, start-40), min(len(body), end+3)
	near := func(i int) bool { return i >= lo && i < hi }
	short := func(l dumpLine) bool { return dumpWordCount(l.text) <= 24 }
	for i, l := range body {
		if !near(i) || !short(l) || !dumpDateKeyword.MatchString(l.text) {
			continue
		}
		text := l.text
		// A bare label ("Publish date:") puts the date on the next line.
		if _, ok := parseDumpDate(text, loc); !ok && i+1 < len(body) {
			text += " " + body[i+1].text
		}
		p, u := splitPublishedUpdated(text, loc)
		if published.IsZero() && !p.IsZero() {
			published = p
		}
		if updated.IsZero() && !u.IsZero() {
			updated = u
		}
		if !published.IsZero() {
			break
		}
	}
	if published.IsZero() {
		for i := max(0, start-10); i < min(len(body), start+2); i++ {
			if l := body[i]; short(l) {
				if t, ok := parseDumpDate(l.text, loc); ok {
					published = t
					break
				}
			}
		}
	}
	if !updated.IsZero() && !published.IsZero() && updated.Before(published) {
		updated = time.Time{}
	}
	return published, updated
}

// splitPublishedUpdated reads "Published … | Updated …": the date after an
// "updated" label is the update, the one before it the publication.
func splitPublishedUpdated(s string, loc *time.Location) (published, updated time.Time) {
	if idx := dumpUpdatedKeyword.FindStringIndex(s); idx != nil {
		published, _ = parseDumpDate(s[:idx[0]], loc)
		u, ok := parseDumpDate(s[idx[1]:], loc)
		if ok {
			updated = u
		} else if t, ok := dumpParseTimeOnly(s[idx[1]:], published, loc); ok {
			// "Updated at 5:36 PM" on the day of publication.
			updated = t
		}
		return published, updated
	}
	published, _ = parseDumpDate(s, loc)
	return published, time.Time{}
}

var dumpMonthNames = map[string]time.Month{}

func init() {
	// English, German, French, Spanish, Portuguese, Italian and Indonesian
	// month names and their usual abbreviations.
	names := [][]string{
		{"january", "jan", "januar", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen", "januari", "jänner"},
		{"february", "feb", "februar", "février", "févr", "fevr", "febrero", "fevereiro", "fev", "febbraio", "februari", "pebruari"},
		{"march", "mar", "märz", "mars", "marzo", "março", "maret"},
		{"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
		{"may", "mai", "mayo", "maio", "maggio", "mag", "mei"},
		{"june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu"},
		{"july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug"},
		{"august", "aug", "août", "aout", "agosto", "ago", "agustus", "agu"},
		{"september", "sep", "sept", "septembre", "septiembre", "setembro", "set", "settembre"},
		{"october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott"},
		{"november", "nov", "novembre", "noviembre", "novembro", "nopember"},
		{"december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dezembro", "dicembre", "desember", "des"},
	}
	for i, list := range names {
		for _, n := range list {
			dumpMonthNames[n] = time.Month(i + 1)
		}
	}
}

const dumpMonthWord = `(\p{L}{3,10})\.?`

var (
	dumpIsoDate = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?`)
	dumpDmyDate = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	// "Jan 2, 2024", "January 2nd 2024", "Nov. 18, 2019".
	dumpMdyDate = regexp.MustCompile(`(?i)\b` + dumpMonthWord + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// "2 January 2024", "18. Oktober 2019", "27 de outubro de 2015".
	dumpDmyWords = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?` + dumpMonthWord + `,?\s+(?:de\s+)?(\d{4})\b`)
	dumpClock    = regexp.MustCompile(`(?i)\b(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*\(?([A-Z]{2,4})\b\)?)?`)
)

// dumpZoneOffsets are the abbreviations whose offset is unambiguous enough to
// trust; others fall back to the caller's location.
var dumpZoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"AKST": -9, "AKDT": -8, "HST": -10,
	"BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1,
	"JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
}

// parseDate finds the first date in s, with its time of day and zone when
// given. Dates without a zone are read in loc.
func parseDumpDate(s string, loc *time.Location) (time.Time, bool) {
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
	for _, m := range dumpIsoDate.FindAllStringSubmatchIndex(s, -1) {
		f := found{at: m[0], y: dumpAtoi(s, m, 1), mo: dumpAtoi(s, m, 2), d: dumpAtoi(s, m, 3), timeFrom: m[1]}
		if m[8] >= 0 {
			f.h, f.mi, f.hasClock = dumpAtoi(s, m, 4), dumpAtoi(s, m, 5), true
			if m[12] >= 0 {
				f.sec = dumpAtoi(s, m, 6)
			}
			if m[14] >= 0 {
				f.offset = s[m[14]:m[15]]
			}
		}
		consider(f)
	}
	for _, m := range dumpDmyDate.FindAllStringSubmatchIndex(s, -1) {
		consider(found{at: m[0], d: dumpAtoi(s, m, 1), mo: dumpAtoi(s, m, 2), y: dumpAtoi(s, m, 3), timeFrom: m[1]})
	}
	for _, m := range dumpMdyDate.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := dumpMonthNames[strings.ToLower(s[m[2]:m[3]])]; ok {
			consider(found{at: m[0], mo: int(mo), d: dumpAtoi(s, m, 2), y: dumpAtoi(s, m, 3), timeFrom: m[1]})
		}
	}
	for _, m := range dumpDmyWords.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := dumpMonthNames[strings.ToLower(s[m[4]:m[5]])]; ok {
			consider(found{at: m[0], d: dumpAtoi(s, m, 1), mo: int(mo), y: dumpAtoi(s, m, 3), timeFrom: m[1]})
		}
	}
	if best == nil {
		return time.Time{}, false
	}
	f := *best
	zone := ""
	if !f.hasClock {
		// The time of day may come before the date ("3:04 PM EST, Jan 2,
		// 2024") or after it ("Nov 18, 2019 at 4:07 PM").
		if h, mi, sec, z, ok := dumpFindClock(s[f.timeFrom:]); ok {
			f.h, f.mi, f.sec, zone, f.hasClock = h, mi, sec, z, true
		} else if h, mi, sec, z, ok := dumpFindClock(s[:f.at]); ok {
			f.h, f.mi, f.sec, zone, f.hasClock = h, mi, sec, z, true
		}
	}
	where := loc
	if where == nil {
		where = time.UTC
	}
	switch {
	case f.offset != "":
		where = dumpParseOffset(f.offset)
	case zone != "":
		if off, ok := dumpZoneOffsets[zone]; ok {
			where = time.FixedZone(zone, off*3600)
		}
	}
	t := time.Date(f.y, time.Month(f.mo), f.d, f.h, f.mi, f.sec, 0, where)
	if t.Day() != f.d {
		return time.Time{}, false
	}
	return t, true
}

// dumpParseTimeOnly reads a time of day alone, on the date of day.
func dumpParseTimeOnly(s string, day time.Time, loc *time.Location) (time.Time, bool) {
	if day.IsZero() {
		return time.Time{}, false
	}
	h, mi, sec, zone, ok := dumpFindClock(s)
	if !ok {
		return time.Time{}, false
	}
	where := day.Location()
	if off, ok := dumpZoneOffsets[zone]; ok {
		where = time.FixedZone(zone, off*3600)
	} else if loc != nil && zone == "" {
		where = day.Location()
	}
	y, mo, d := day.Date()
	t := time.Date(y, mo, d, h, mi, sec, 0, where)
	if t.Before(day) {
		return time.Time{}, false
	}
	return t, true
}

// dumpFindClock finds a time of day, "4:07 PM", "15:23", "11:08 a.m. EST".
func dumpFindClock(s string) (h, mi, sec int, zone string, ok bool) {
	m := dumpClock.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, 0, 0, "", false
	}
	h, mi = dumpAtoi(s, m, 1), dumpAtoi(s, m, 2)
	if m[6] >= 0 {
		sec = dumpAtoi(s, m, 3)
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

func dumpParseOffset(s string) *time.Location {
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

func dumpAtoi(s string, m []int, group int) int {
	if m[2*group] < 0 {
		return 0
	}
	n, _ := strconv.Atoi(s[m[2*group]:m[2*group+1]])
	return n
}

// dumpTagLabel opens a list of tags: "In:", "Tags:", "Filed under:".
var dumpTagLabel = regexp.MustCompile(`^(?i:in|tags?|tagged|tagged with|topics?|filed under|keywords|schlagwörter|themen|etiquetas|tópicos|argomenti)\s*:\s*(.*)$`)

// dumpFindTags reads the first tag list around the article: a label followed
// by items, or a label and a comma-separated list on one line.
func dumpFindTags(body []dumpLine, start, end int) []string {
	lo, hi := max(0, start-30), min(len(body), end+15)
	for i := lo; i < hi; i++ {
		m := dumpTagLabel.FindStringSubmatch(body[i].text)
		if m == nil {
			continue
		}
		var tags []string
		if rest := strings.TrimSpace(m[1]); rest != "" {
			for _, t := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == '|' || r == ';' || r == '·' }) {
				tags = dumpAppendTag(tags, t)
			}
		} else {
			for j := i + 1; j < len(body) && j <= i+20 && body[j].item; j++ {
				tags = dumpAppendTag(tags, body[j].text)
			}
		}
		if len(tags) > 0 {
			return tags
		}
	}
	return nil
}

func dumpAppendTag(tags []string, t string) []string {
	t = strings.TrimSpace(strings.Trim(t, "#"))
	if n := dumpWordCount(t); n == 0 || n > 5 {
		return tags
	}
	for _, have := range tags {
		if strings.EqualFold(have, t) {
			return tags
		}
	}
	return append(tags, t)
}

// dumpAuthorLabel reads "By Jane Doe", "Author: Jane Doe" and "Posted by Jane
// Doe on …".
var dumpAuthorLabel = regexp.MustCompile(`^(?i:by|von|por|par|written by|posted by|author|autor|auteur)\s*:?\s+(.+)$`)

var dumpAuthorEnd = regexp.MustCompile(`(?i)\s+(on|in|at|am|em|le|el|\||,\s*(updated|published)|\d).*$`)

var dumpNameSeparators = regexp.MustCompile(`\s*(?:,| and | und | et | y | e |&)\s*`)

// dumpFindAuthors reads a dumpByline just above or at the top of the article.
func dumpFindAuthors(body []dumpLine, start, end int) []string {
	lo, hi := max(0, start-15), min(len(body), start+2)
	for i := lo; i < hi; i++ {
		text := body[i].text
		if strings.EqualFold(strings.TrimSuffix(text, ":"), "author") || strings.EqualFold(text, "by") {
			if i+1 < len(body) {
				text = "By " + body[i+1].text
			}
		}
		m := dumpAuthorLabel.FindStringSubmatch(text)
		if m == nil || dumpWordCount(text) > 14 {
			continue
		}
		names := dumpAuthorEnd.ReplaceAllString(m[1], "")
		var out []string
		for _, n := range dumpNameSeparators.Split(names, -1) {
			n = strings.TrimSpace(n)
			if w := dumpWordCount(n); w >= 1 && w <= 4 && dumpStartsUpper(n) {
				out = append(out, n)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

func dumpStartsUpper(s string) bool {
	for _, r := range s {
		return r != ' ' && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
	}
	return false
}
