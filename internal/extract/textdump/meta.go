package textdump

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// metadata is the metadata a dump carries around its article.
type metadata struct {
	published, updated time.Time
	authors            []string
	tags               []string
}

// findMeta looks for dates, bylines and tags near the article: dates and
// bylines sit under the headline (at headline, or -1 when the dump does not
// repeat it) or just above the body, tags just below. publishers name the
// site (the title line's suffix, the host), whose accounts are no authors.
func findMeta(body []line, headline, start, end int, loc *time.Location, publishers []string) metadata {
	if loc == nil {
		loc = time.UTC
	}
	var m metadata
	r := dateReader{loc: loc, monthFirst: usesMonthFirst(body, start, end)}
	zone := headerZone(len(body), headline, start)
	m.published, m.updated = findHeaderDates(body, zone, r)
	if m.published.IsZero() {
		m.published, m.updated = findDates(body, start, end, r)
	}
	m.authors = findAuthors(body, headline, zone, publishers)
	m.tags = findTags(body, start, end)
	return m
}

// headerReach is how many lines under the headline its byline and
// dateline may stand: a standfirst, a photo credit, a line of labels or of
// share buttons come between.
const headerReach = 8

// headerZone lists the lines where an article's byline and dateline stand,
// in the order they are tried: under the headline down to the body (the
// body may start further down, past a video or a gallery), the two lines
// above the headline, then the lines just above the body.
func headerZone(n, headline, start int) []int {
	var zone []int
	seen := map[int]bool{}
	addRange := func(from, to int) {
		for i := max(0, from); i < min(n, to); i++ {
			if !seen[i] {
				seen[i] = true
				zone = append(zone, i)
			}
		}
	}
	if headline >= 0 && headline < start+2 {
		addRange(headline+1, min(start+2, headline+1+headerReach))
		addRange(headline-2, headline)
	}
	addRange(start-bylineReach, start+2)
	return zone
}

// dateReader reads a dump's dates: numeric dates with slashes month first
// when the dump is in English (as American pages write them).
type dateReader struct {
	loc        *time.Location
	monthFirst bool
}

func (r dateReader) find(s string) (time.Time, bool) {
	return article.FindDateSlashed(s, r.loc, r.monthFirst)
}

// usesMonthFirst reports a dump whose article reads as English: most of its
// paragraphs use the commonest English words.
func usesMonthFirst(body []line, start, end int) bool {
	english, n := 0, 0
	for i := start; i < end && i < len(body) && n < 12; i++ {
		if article.WordCount(body[i].text) < 8 {
			continue
		}
		n++
		lower := " " + strings.ToLower(body[i].text) + " "
		if strings.Contains(lower, " the ") || strings.Contains(lower, " and ") || strings.Contains(lower, " of ") {
			english++
		}
	}
	return n > 0 && 2*english > n
}

// findHeaderDates reads the first line of the header zone that gives a
// publication date, labelled ("Published …") or not ("19 November 2019",
// "By Jane Doe - 11/18/19 11:04 PM EST"); a line that gives only an update
// dates the article when nothing else in the zone does.
func findHeaderDates(body []line, zone []int, r dateReader) (published, updated time.Time) {
	var onlyUpdate time.Time
	for _, i := range zone {
		l := body[i]
		if article.WordCount(l.text) > 24 {
			continue
		}
		text := l.text
		labelled := dateKeyword.MatchString(text)
		if _, ok := r.find(text); !ok {
			// A bare label ("Publish date:") puts the date on the next line.
			if !labelled || i+1 >= len(body) {
				continue
			}
			text += " " + body[i+1].text
		} else if !labelled && !article.IsDateLine(text) && article.WordCount(text) > 10 && article.BylineNames(text) == nil {
			// A photo caption or a teaser under the headline dates its own
			// scene ("…a campaign stop, Tuesday, Nov. 19, 2019").
			continue
		}
		if viewLabel.MatchString(text) {
			// A view stamp is findDates' to weigh.
			continue
		}
		p, u := splitPublishedUpdated(text, r)
		if !p.IsZero() {
			if !u.IsZero() && u.Before(p) {
				u = time.Time{}
			}
			return p, u
		}
		if !u.IsZero() && onlyUpdate.IsZero() {
			onlyUpdate = u
		}
	}
	return onlyUpdate, time.Time{}
}

// dateKeyword marks a line that labels a date as the article's.
// "publi" covers published, publié, publicado, gepubliceerd, publicerad,
// opublikowano, publikováno and their kin.
var dateKeyword = regexp.MustCompile(`(?i)(publi|posted|date|updated|modified|veröffentlicht|aktualisiert|erschienen|diterbitkan|bijgewerkt|uppdaterad|opdateret|oppdatert|julkaistu|päivitetty|yayınlan|güncellen|опубликован|обновлен|опубліковано|оновлено|δημοσίευση|ενημέρωση|发布|发表|更新|公開|게시|입력)`)

var updatedKeyword = regexp.MustCompile(`(?i)(updated|modified|aktualisiert|atualizado|actualizado|mis à jour|bijgewerkt|uppdaterad|opdateret|oppdatert|zaktualizowano|aktualizováno|päivitetty|güncellen|обновлен|оновлено|ενημέρωση|更新|수정)`)

// findDates prefers labelled dates ("Published …", "View Date: …") near the
// top of the article, then any date on a short line just above it. Dates
// inside paragraphs are the story's, not the article's.
func findDates(body []line, start, end int, r dateReader) (published, updated time.Time) {
	lo, hi := max(0, start-40), min(len(body), end+3)
	near := func(i int) bool { return i >= lo && i < hi }
	short := func(l line) bool { return article.WordCount(l.text) <= 24 }
	for i, l := range body {
		if !near(i) || !short(l) || !dateKeyword.MatchString(l.text) {
			continue
		}
		text := l.text
		// A bare label ("Publish date:") puts the date on the next line.
		if _, ok := r.find(text); !ok && i+1 < len(body) {
			text += " " + body[i+1].text
		}
		p, u := splitPublishedUpdated(text, r)
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
				if t, ok := r.find(l.text); ok {
					published = t
					break
				}
			}
		}
	}
	if published.IsZero() {
		// A byline often carries the date ("By Jane Doe Nov 18, 2019,
		// 11:47am EST") and may stand further above the body, past share
		// buttons, as far as findAuthors looks.
		for i := max(0, start-bylineReach); i < min(len(body), start+2); i++ {
			if l := body[i]; short(l) && article.BylineNames(l.text) != nil {
				if t, ok := r.find(l.text); ok {
					published = t
					break
				}
			}
		}
	}
	if published.IsZero() && !updated.IsZero() {
		// A page that shows only when it was updated ("Updated 0339 GMT
		// November 19, 2019") is dated by it: the update bounds the
		// publication and is most often the same day.
		published, updated = updated, time.Time{}
	}
	if !updated.IsZero() && !published.IsZero() && updated.Before(published) {
		updated = time.Time{}
	}
	return published, updated
}

// splitPublishedUpdated reads "Published … | Updated …": the date after an
// "updated" label is the update, the one before it the publication. A
// page names its zone once: "Published Nov 18, 2019 at 4:07 PM | Updated
// at 5:36 PM CST" published in CST too.
func splitPublishedUpdated(s string, r dateReader) (published, updated time.Time) {
	if idx := updatedKeyword.FindStringIndex(s); idx != nil {
		published, _ = r.find(s[:idx[0]])
		u, ok := r.find(s[idx[1]:])
		if ok {
			updated = u
		} else if t, ok := article.TimeOnDay(s[idx[1]:], published); ok {
			// "Updated at 5:36 PM" on the day of publication.
			updated = t
		}
		if !published.IsZero() && !article.NamesZone(s[:idx[0]]) {
			if z, ok := article.ZoneOf(s[idx[1]:], published); ok {
				published = article.InZone(published, z)
				if !updated.IsZero() && !article.NamesZone(s[idx[1]:]) {
					updated = article.InZone(updated, z)
				}
			}
		}
		return published, updated
	}
	published, _ = r.find(s)
	return published, time.Time{}
}

// tagLabel opens a list of tags: "In:", "Tags:", "Filed under:".
var tagLabel = regexp.MustCompile(`^(?i:in|tags?|tagged|tagged with|topics?|filed under|keywords|schlagwörter|themen|etiquetas|tópicos|argomenti)\s*:\s*(.*)$`)

// findTags reads the first tag list around the article: a label followed
// by items, or a label and a comma-separated list on one line.
func findTags(body []line, start, end int) []string {
	lo, hi := max(0, start-30), min(len(body), end+15)
	for i := lo; i < hi; i++ {
		m := tagLabel.FindStringSubmatch(body[i].text)
		if m == nil {
			continue
		}
		var tags []string
		if rest := strings.TrimSpace(m[1]); rest != "" {
			for _, t := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == '|' || r == ';' || r == '·' }) {
				tags = appendTag(tags, t)
			}
		} else {
			for j := i + 1; j < len(body) && j <= i+20 && body[j].item; j++ {
				tags = appendTag(tags, body[j].text)
			}
		}
		if tags = article.CleanTags(tags); len(tags) > 0 {
			return tags
		}
	}
	return nil
}

func appendTag(tags []string, t string) []string {
	t = strings.TrimSpace(strings.Trim(t, "#"))
	if n := article.WordCount(t); n == 0 || n > 5 {
		return tags
	}
	for _, have := range tags {
		if strings.EqualFold(have, t) {
			return tags
		}
	}
	return append(tags, t)
}

// bylineReach is how many lines above the body a byline may stand.
const bylineReach = 15

// findAuthors reads the byline in the header zone: a labelled one ("By
// Jane Doe", "Author:" over the name, "11/19/2019 by Jane Doe"), else a
// line of names alone next to a date line ("Jane Doe" over "Nov 18,
// 2019"), as pages set a byline apart from the headline. Names are read as
// HTML pages' are (article.BylineNames, article.NameLine).
func findAuthors(body []line, headline int, zone []int, publishers []string) []string {
	for _, i := range zone {
		text := body[i].text
		if strings.EqualFold(strings.TrimSuffix(text, ":"), "author") || strings.EqualFold(text, "by") {
			if i+1 < len(body) {
				text = "By " + body[i+1].text
			}
		}
		if article.WordCount(text) > 24 {
			continue
		}
		if names := article.BylineNames(text, publishers...); len(names) > 0 {
			return names
		}
	}
	for _, i := range zone {
		// Above the headline stand section labels and other stories.
		if headline >= 0 && i < headline || !nearDateLine(body, i) && !credited(body[i].text) && !article.IsDateLine(body[i].text) && !datedName(body[i].text) {
			continue
		}
		if names := article.NameLine(body[i].text, publishers...); len(names) > 0 {
			return names
		}
	}
	return nil
}

// relativeDate is a dateline that counts back from the visit ("1 day
// ago", "Today 12:01 AM", "Monday 5:30PM"), or the reading time that
// stands in its place ("5 Min Read").
var relativeDate = regexp.MustCompile(`(?i)^(\d+\s+min(ute)?s?\s+read|\d+\s+(minutes?|hours?|days?|weeks?)\s+ago|today\b.*|yesterday\b.*|(mon|tues|wednes|thurs|fri|satur|sun)day\s+\d{1,2}:\d\d\s*(am|pm)?)$`)

// creditRole marks a name line as a byline on its own: a handle or a
// writer's role after the name ("Jane Doe @janedoe", "Jane Doe Senior
// Contributor").
var creditRole = regexp.MustCompile(`(?i)@\w|\b(writer|reporter|correspondent|contributor|columnist|editor)\b`)

func credited(s string) bool { return creditRole.MatchString(s) }

// datedName reports a line that opens with its date ("November 20, 2019
// Jane Doe").
func datedName(s string) bool {
	_, ok := article.FindDateSlashed(s, nil, true)
	return ok && article.WordCount(s) <= 10
}

// nearDateLine reports a dateline in the line before i or the one after
// it, or two lines after it past a role or handle line ("News reporter
// @handle").
func nearDateLine(body []line, i int) bool {
	isDate := func(j int) bool {
		if j < 0 || j >= len(body) || article.WordCount(body[j].text) > 24 {
			return false
		}
		t := body[j].text
		_, ok := article.FindDateSlashed(t, nil, true)
		return ok || article.IsDateLine(t) || relativeDate.MatchString(t)
	}
	if isDate(i+1) || isDate(i-1) {
		return true
	}
	return i+1 < len(body) && strings.Contains(body[i+1].text, "@") && isDate(i+2)
}

func startsUpper(s string) bool {
	for _, r := range s {
		return r != ' ' && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
	}
	return false
}

// publishers are the names of the site a dump comes from: the title line's
// suffix and the host of its URL.
func publishers(source, pageURL string) []string {
	out := []string{source}
	if u, err := url.Parse(pageURL); err == nil && u.Hostname() != "" {
		out = append(out, strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."))
	}
	return out
}
