package htmlpage

import (
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// publishedMetaKeys and modifiedMetaKeys are the <meta> names that date an
// article, in order of trust.
var (
	publishedMetaKeys = []string{"article:published_time", "datepublished", "og:published_time", "parsely-pub-date",
		"sailthru.date", "dc.date.issued", "dc.date", "date", "pubdate", "publish-date", "publishdate", "article.published",
		"published_time", "dcterms.created", "citation_publication_date", "article:published"}
	modifiedMetaKeys = []string{"article:modified_time", "datemodified", "og:updated_time", "last-modified", "dcterms.modified", "article:modified"}
)

// dateCandidate is one source's reading of a date.
type dateCandidate struct {
	t     time.Time
	clock bool // a time of day was written, not only the day
	zoned bool // the value gave its offset or zone, not the caller's location
}

// publishedCandidates reads every source of the publication date, in the
// order of trust: JSON-LD datePublished (or dateCreated), the date <meta>
// tags (every value of each), the dates of a JSON-LD WebPage or
// ClaimReview when no article object gives them, microdata itemprop=datePublished and <time
// pubdate>, other <time datetime> elements, then visible datelines. Values
// that do not parse or are implausible (year 1, 0000, the far future) are
// left out, so an empty or placeholder first value does not hide a later
// good one.
func publishedCandidates(m *pageMeta, loc *time.Location) []dateCandidate {
	var raw []string
	raw = append(raw, m.ld.published)
	for _, k := range publishedMetaKeys {
		raw = append(raw, m.metaAll[k]...)
	}
	raw = append(raw, m.ldPage.published)
	raw = append(raw, m.onPage.published...)
	raw = append(raw, m.onPage.times...)
	raw = append(raw, m.onPage.datelines...)
	return parseCandidates(raw, loc)
}

func modifiedCandidates(m *pageMeta, loc *time.Location) []dateCandidate {
	raw := []string{m.ld.modified}
	for _, k := range modifiedMetaKeys {
		raw = append(raw, m.metaAll[k]...)
	}
	raw = append(raw, m.ldPage.modified)
	raw = append(raw, m.onPage.modified...)
	return parseCandidates(raw, loc)
}

func parseCandidates(raw []string, loc *time.Location) []dateCandidate {
	var out []dateCandidate
	for _, s := range raw {
		if t := parseDate(s, loc); article.PlausibleDate(t) {
			// A value read the same in another location names its zone.
			zoned := parseDate(s, probeZone).Equal(t)
			out = append(out, dateCandidate{t: t, clock: hasClock(s), zoned: zoned})
		}
	}
	return out
}

// hasClock reports a value that gives a time of day ("…T10:30", "10.30").
func hasClock(s string) bool {
	return strings.ContainsRune(s, ':') || strings.Contains(s, "T") && len(s) > 10
}

// probeZone is a location no page is written in, to tell values that name
// their zone from those read in the caller's.
var probeZone = time.FixedZone("probe", 7*3600+1800)

// maxZoneError is the largest difference that a clock written in the wrong
// zone makes.
const maxZoneError = 14 * time.Hour

// chooseDate picks the date from candidates in order of trust, by order and
// agreement. The first candidate stands, except that:
//   - when more candidates that name their zone agree on another instant
//     (two at least) than on the first's, and that instant differs from it
//     by whole hours (at most 14), the first wrote its clock in the wrong
//     zone, a fault JSON-LD shows often ("local time" marked Z), and the
//     agreeing instant wins;
//   - when it gives only the day and a later one gives a time on that same
//     day, the later one is the instant.
func chooseDate(cands []dateCandidate) time.Time {
	if len(cands) == 0 {
		return time.Time{}
	}
	best := cands[0]
	votes := func(t time.Time) int {
		n := 0
		for _, c := range cands {
			if c.zoned && c.clock && c.t.Equal(t) {
				n++
			}
		}
		return n
	}
	if best.clock {
		own := votes(best.t)
		for _, c := range cands[1:] {
			d := best.t.Sub(c.t)
			if d == 0 || d%time.Hour != 0 || d > maxZoneError || d < -maxZoneError || !c.zoned || !c.clock {
				continue
			}
			if v := votes(c.t); v >= 2 && v > own {
				return c.t
			}
		}
		return best.t
	}
	y, mo, d := best.t.Date()
	for _, c := range cands[1:] {
		if cy, cmo, cd := c.t.In(best.t.Location()).Date(); c.clock && cy == y && cmo == mo && cd == d {
			return c.t
		}
	}
	return best.t
}

var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z0700", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05", "2006-01-02T15:04:05.000", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "20060102",
}

// parseDate reads the usual machine-readable date forms, then any date that
// article.FindDate reads in free text ("November 19, 2019, 07:47 PM EST",
// "19 Nov 2019 07:09 GMT", "5 марта 2024"); a value with no offset is
// wall-clock time in loc, and named zones are their own offsets, not loc's
// (time.Parse would give an unknown abbreviation a zero offset).
func parseDate(s string, loc *time.Location) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if loc == nil {
		loc = time.UTC
	}
	for _, l := range dateLayouts {
		if strings.Contains(l, "MST") {
			continue
		}
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t
		}
	}
	if t, ok := article.FindDate(s, loc); ok {
		return t
	}
	return time.Time{}
}
