package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// generate writes a deterministic site of n articles into dir for
// benchmarks: four rule-matched topics, an intro and a page, and articles
// an hour apart with tags, summaries and, on every third, a note.
func generate(dir string, n int) error {
	site := `title: Generated briefing
base_url: https://bench.example.org/briefing/
timezone: Europe/Paris
per_page: 30
feed_items: 20
topics:
  - {slug: trade, title: Trade, match: {any: [tariffs, exports, grain, shipping]}}
  - {slug: security, title: Security, match: {any: [coast guards, satellite, fishing]}}
  - {slug: energy, title: Energy and climate, match: {any: [climate, power grids, rare earths]}}
  - {slug: money, title: Money, match: {any: [bond markets, finance]}}
`
	files := map[string]string{
		"site.yaml":               site,
		"content/topics/trade.md": "---\ntitle: Trade\n---\nHow goods and rules cross borders.\n",
		"content/pages/about.md":  "---\ntitle: About\n---\nA generated site for measuring brief.\n",
	}
	for name, text := range files {
		if err := writeGen(dir, name, text); err != nil {
			return err
		}
	}
	start := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	for i := range n {
		if err := writeGen(dir, genPath(i), genArticle(i, start)); err != nil {
			return err
		}
	}
	return nil
}

var (
	genSubjects = []string{"Tariffs", "Chip exports", "Coast guards", "Climate talks", "Shipping lanes", "Rare earths", "Student visas", "Grain deals", "Satellite launches", "Fishing rights", "Bond markets", "Power grids"}
	genVerbs    = []string{"tighten", "ease", "stall", "resume", "shift", "expand", "narrow", "collapse"}
	genPlaces   = []string{"Geneva", "Jakarta", "Nairobi", "Lima", "Oslo", "Hanoi", "Manila", "Rabat", "Quito", "Tbilisi"}
	genTags     = []string{"Trade", "Security", "Energy", "Diplomacy", "Markets", "Technology", "Maritime", "Agriculture", "Finance", "Space", "Education", "Climate", "Law", "Health", "Labour"}
)

// genPath is where generate writes article i: a thousand to a folder.
func genPath(i int) string {
	return fmt.Sprintf("content/articles/%03d/article-%05d.md", i/1000, i)
}

func genArticle(i int, start time.Time) string {
	subj := genSubjects[i%len(genSubjects)]
	verb := genVerbs[(i/3)%len(genVerbs)]
	place := genPlaces[(i/7)%len(genPlaces)]
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"%s %s after talks in %s (%d)\"\n", subj, verb, place, i)
	fmt.Fprintf(&b, "date: %s\n", start.Add(-time.Duration(i)*time.Hour).Format(time.RFC3339))
	fmt.Fprintf(&b, "source: Source %d\nsource_url: https://news.example.com/%d\n", i%5, i)
	fmt.Fprintf(&b, "tags: [%s, %s]\n", genTags[i%len(genTags)], genTags[(i/5+3)%len(genTags)])
	fmt.Fprintf(&b, "summary: \"Officials in %s said %s would %s.\"\n", place, strings.ToLower(subj), verb)
	if i%3 == 0 {
		fmt.Fprintf(&b, "note: \"Why this matters: the **%s** story in %s.\"\n", strings.ToLower(subj), place)
	}
	b.WriteString("---\n")
	for p := range 4 {
		fmt.Fprintf(&b, "Paragraph %d on %s. Delegates met in %s to discuss how %s might %s over the coming months, and analysts weighed the effect on neighbours and markets.\n\n", p+1, strings.ToLower(subj), place, strings.ToLower(subj), verb)
	}
	return b.String()
}

func writeGen(dir, name, text string) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o644)
}
