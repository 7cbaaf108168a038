package textdump

import (
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
// bylines sit just above it, tags just below.
func findMeta(body []line, start, end int, loc *time.Location) metadata {
	if loc == nil {
		loc = time.UTC
	}
	var m metadata
	m.published, m.updated = findDates(body, start, end, loc)
	m.authors = findAuthors(body, start, end)
	m.tags = findTags(body, start, end)
	return m
}

// dateKeyword marks a line that labels a date as the article's.
// "publi" covers published, publié, publicado, gepubliceerd, publicerad,
// opublikowano, publikováno and their kin.
var dateKeyword = regexp.MustCompile(`(?i)(publi|posted|date|updated|modified|veröffentlicht|aktualisiert|erschienen|diterbitkan|bijgewerkt|uppdaterad|opdateret|oppdatert|julkaistu|päivitetty|yayınlan|güncellen|опубликован|обновлен|опубліковано|оновлено|δημοσίευση|ενημέρωση|发布|发表|更新|公開|게시|입력)`)

var updatedKeyword = regexp.MustCompile(`(?i)(updated|modified|aktualisiert|atualizado|actualizado|mis à jour|bijgewerkt|uppdaterad|opdateret|oppdatert|zaktualizowano|aktualizováno|päivitetty|güncellen|обновлен|оновлено|ενημέρωση|更新|수정)`)

// findDates prefers labelled dates ("Published …", "View Date: …") near the
// top of the article, then any date on a short line just above it. Dates
// inside paragraphs are the story's, not the article's.
func findDates(body []line, start, end int, loc *time.Location) (published, updated time.Time) {
	lo, hi := max(0, start-40), min(len(body), end+3)
	near := func(i int) bool { return i >= lo && i < hi }
	short := func(l line) bool { return article.WordCount(l.text) <= 24 }
	for i, l := range body {
		if !near(i) || !short(l) || !dateKeyword.MatchString(l.text) {
			continue
		}
		text := l.text
		// A bare label ("Publish date:") puts the date on the next line.
		if _, ok := article.FindDate(text, loc); !ok && i+1 < len(body) {
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
				if t, ok := article.FindDate(l.text, loc); ok {
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
			if l := body[i]; short(l) && authorLabel.MatchString(l.text) {
				if t, ok := article.FindDate(l.text, loc); ok {
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
	if idx := updatedKeyword.FindStringIndex(s); idx != nil {
		published, _ = article.FindDate(s[:idx[0]], loc)
		u, ok := article.FindDate(s[idx[1]:], loc)
		if ok {
			updated = u
		} else if t, ok := article.TimeOnDay(s[idx[1]:], published); ok {
			// "Updated at 5:36 PM" on the day of publication.
			updated = t
		}
		return published, updated
	}
	published, _ = article.FindDate(s, loc)
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

// authorLabel reads "By Jane Doe", "Author: Jane Doe" and "Posted by Jane
// Doe on …".
// The labels of other languages ("Door", "Av", "Text:") are read too; the
// word "Text" and its translations only with a colon, as they also begin
// sentences.
var authorLabel = regexp.MustCompile(`^(?:(?i:by|von|por|par|written by|posted by|author|autor|autorin|auteur|autore|oleh|yazar|автор|door|av|af)\s*:?\s+|(?i:text|texte|texto|tekst|testo|текст)\s*:\s*)(.+)$`)

// authorEnd cuts a byline where the names end; the short words must stand
// alone, or "Aino Lehtonen" would end at "Le".
var authorEnd = regexp.MustCompile(`(?i)\s+((on|in|at|am|em|le|el)\b|\||,\s*(updated|published)|\d).*$`)

// bylineReach is how many lines above the body a byline may stand.
const bylineReach = 15

// findAuthors reads a byline just above or at the top of the article.
func findAuthors(body []line, start, end int) []string {
	lo, hi := max(0, start-bylineReach), min(len(body), start+2)
	for i := lo; i < hi; i++ {
		text := body[i].text
		if strings.EqualFold(strings.TrimSuffix(text, ":"), "author") || strings.EqualFold(text, "by") {
			if i+1 < len(body) {
				text = "By " + body[i+1].text
			}
		}
		m := authorLabel.FindStringSubmatch(text)
		if m == nil || article.WordCount(text) > 14 {
			continue
		}
		// The names are split and tested as HTML pages' are: no roles,
		// outlets, accounts or interface phrases.
		var out []string
		for _, n := range article.CleanAuthors([]string{authorEnd.ReplaceAllString(m[1], "")}) {
			if w := article.WordCount(n); w <= 4 && startsUpper(n) {
				out = append(out, n)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

func startsUpper(s string) bool {
	for _, r := range s {
		return r != ' ' && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
	}
	return false
}
