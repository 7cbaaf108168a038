package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/htmlpage"
	"github.com/brief-ssg/brief/internal/extract/textdump"
	"github.com/markusmobius/go-trafilatura"
)

// label is one page's judged metadata (metadata.json; METADATA.md says how
// it was judged).
type label struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	// Published is an instant with its offset ("2019-11-19T06:12:56-05:00"),
	// a wall-clock time when the page states no zone ("2019-11-20T15:23"),
	// a day when the page gives no time ("2018-09-25"), or null.
	Published  *string  `json:"published"`
	Authors    []string `json:"authors"`
	Source     string   `json:"source"`
	SourceAlso []string `json:"source_also,omitempty"`
	Note       string   `json:"note,omitempty"`
}

// meta is what an extractor found.
type meta struct {
	Title     string
	Published time.Time
	Authors   []string
	Source    string
}

// metaExtractor reads a page's metadata.
type metaExtractor struct {
	name string
	run  func(p *page) meta
}

func metaExtractors() []metaExtractor {
	return []metaExtractor{
		{"brief-html", func(p *page) meta {
			a, _ := htmlpage.Extract(p.HTML, article.Options{URL: p.URL})
			return briefMeta(a)
		}},
		{"trafilatura-html", trafilaturaMeta},
		{"brief-text", func(p *page) meta {
			a, _ := textdump.Extract(p.Dump, article.Options{URL: p.URL})
			return briefMeta(a)
		}},
	}
}

func briefMeta(a *article.Article) meta {
	if a == nil {
		return meta{}
	}
	return meta{Title: a.Title, Published: a.Published, Authors: a.Authors, Source: a.Source}
}

func trafilaturaMeta(p *page) meta {
	u, _ := url.Parse(p.URL)
	res, err := trafilatura.Extract(bytes.NewReader(p.HTML), trafilatura.Options{
		OriginalURL: u, EnableFallback: true, ExcludeComments: true,
	})
	if err != nil || res == nil {
		return meta{}
	}
	m := res.Metadata
	var authors []string
	for _, a := range strings.Split(m.Author, ";") {
		if a = strings.TrimSpace(a); a != "" {
			authors = append(authors, a)
		}
	}
	return meta{Title: m.Title, Published: m.Date, Authors: authors, Source: m.Sitename}
}

func loadLabels(path string) (map[string]label, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ls map[string]label
	if err := json.Unmarshal(raw, &ls); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ls, nil
}

// metaScore is one page's verdicts.
type metaScore struct {
	title, instant, day, authors, source bool
}

var (
	dayOnly  = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
	wallTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$`)
)

func scoreMeta(want label, got meta) metaScore {
	s := metaScore{
		title:   normText(got.Title) == normText(want.Title),
		authors: sameAuthors(want.Authors, got.Authors),
		source:  false,
	}
	for _, name := range append([]string{want.Source}, want.SourceAlso...) {
		if normName(got.Source) == normName(name) {
			s.source = true
		}
	}
	s.instant, s.day = scoreDate(want.Published, got.Published)
	return s
}

// scoreDate: an instant is right within 60 s, its day in the label's own
// offset (an extracted midnight, a day alone, on its own date); a wall-clock label (the page states no zone) is compared with the
// wall clock of the extracted time in its own offset; a day label is right
// when the extracted time falls on that day in its own offset (both
// verdicts); no date is right only when the extractor found none.
func scoreDate(want *string, got time.Time) (instant, day bool) {
	if want == nil {
		return got.IsZero(), got.IsZero()
	}
	if got.IsZero() {
		return false, false
	}
	w := *want
	switch {
	case dayOnly.MatchString(w):
		ok := got.Format("2006-01-02") == w
		return ok, ok
	case wallTime.MatchString(w):
		layout := "2006-01-02T15:04"
		if len(w) > len(layout) {
			layout += ":05"
		}
		t, err := time.Parse(layout, w)
		if err != nil {
			return false, false
		}
		wall := time.Date(got.Year(), got.Month(), got.Day(), got.Hour(), got.Minute(), got.Second(), 0, time.UTC)
		return absDur(wall.Sub(t)) <= time.Minute, got.Format("2006-01-02") == w[:10]
	default:
		t, err := time.Parse(time.RFC3339, w)
		if err != nil {
			return false, false
		}
		dayOf := got.In(t.Location())
		if h, m, s := got.Clock(); h == 0 && m == 0 && s == 0 && got.Nanosecond() == 0 {
			// Midnight is a page that printed only a day: brief import
			// writes it as that day alone (date: 2019-11-18), which no
			// offset moves.
			dayOf = got
		}
		return absDur(got.Sub(t)) <= time.Minute, dayOf.Format("2006-01-02") == w[:10]
	}
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// quoteFolds maps typographic variants to one form, so that a title is not
// wrong for a curly quote or an en dash the page itself mixes.
var quoteFolds = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "…", "...", "\u00a0", " ")

// normText folds case, whitespace and typographic variants.
func normText(s string) string {
	s = quoteFolds.Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// normName keeps letters and digits only: "TheHill" is "The Hill".
func normName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

func sameAuthors(want, got []string) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if normText(want[i]) != normText(got[i]) {
			return false
		}
	}
	return true
}

// runMeta prints the metadata accuracy table and, for -metapages, each
// wrong field of one extractor.
func runMeta(out io.Writer, ps []*page, labels map[string]label, only []string, split bool, missesOf string) error {
	type result struct {
		name   string
		scores []metaScore
		got    []meta
	}
	var results []result
	for _, x := range metaExtractors() {
		if len(only) > 0 && !slices.Contains(only, x.name) && x.name != missesOf {
			continue
		}
		r := result{name: x.name}
		for _, p := range ps {
			want, ok := labels[p.ID]
			if !ok {
				return fmt.Errorf("no label for %s", p.ID)
			}
			g := x.run(p)
			r.got = append(r.got, g)
			r.scores = append(r.scores, scoreMeta(want, g))
		}
		results = append(results, r)
		if x.name == missesOf {
			printMisses(out, ps, labels, r.got, r.scores)
		}
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pages\textractor\ttitle\tpublished instant\tpublished day\tauthors\tsource\t")
	for _, h := range halves(split) {
		for _, r := range results {
			var n, t, in, d, a, s int
			for i, sc := range r.scores {
				if !h.keep(i) {
					continue
				}
				n++
				t += b2i(sc.title)
				in += b2i(sc.instant)
				d += b2i(sc.day)
				a += b2i(sc.authors)
				s += b2i(sc.source)
			}
			pct := func(k int) string { return fmt.Sprintf("%.1f%%", 100*float64(k)/float64(max(n, 1))) }
			fmt.Fprintf(tw, "%s (%d)\t%s\t%s\t%s\t%s\t%s\t%s\t\n", h.label, n, r.name, pct(t), pct(in), pct(d), pct(a), pct(s))
		}
	}
	return tw.Flush()
}

func printMisses(out io.Writer, ps []*page, labels map[string]label, got []meta, scores []metaScore) {
	for i, p := range ps {
		w, g, s := labels[p.ID], got[i], scores[i]
		pub := "null"
		if w.Published != nil {
			pub = *w.Published
		}
		gotPub := "none"
		if !g.Published.IsZero() {
			gotPub = g.Published.Format(time.RFC3339)
		}
		for _, f := range []struct {
			ok        bool
			name      string
			want, got string
		}{
			{s.title, "title", w.Title, g.Title},
			{s.instant, "published", pub, gotPub},
			{s.authors, "authors", strings.Join(w.Authors, "; "), strings.Join(g.Authors, "; ")},
			{s.source, "source", strings.Join(append([]string{w.Source}, w.SourceAlso...), " | "), g.Source},
		} {
			if !f.ok {
				fmt.Fprintf(out, "%s %-9s want %q got %q\n", p.ID[:12], f.name, f.want, f.got)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
