package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// writer composes one article from its random stream.
type writer struct {
	g       *generator
	r       *rand.Rand
	primary *theme
	second  *theme // nil for single-topic articles
}

// article writes article i into b and returns its file name (without
// ".md").
func (g *generator) article(i int, b *strings.Builder) string {
	w := &writer{g: g, r: g.rng(i)}
	title := w.title() // drawn first, so that slugFor can redo it alone
	name := g.slugFor(i, title)
	w.primary = &themes[w.r.IntN(len(themes))]
	if w.r.IntN(10) < 3 {
		w.second = &themes[w.r.IntN(len(themes))]
		if w.second == w.primary {
			w.second = nil
		}
	}
	pub := g.publishers[w.r.IntN(len(g.publishers))]
	date := g.date(i, w.r).In(pub.zone)

	b.WriteString("---\n")
	fmt.Fprintf(b, "title: %s\n", quote(title))
	fmt.Fprintf(b, "date: %s\n", date.Format(time.RFC3339))
	fmt.Fprintf(b, "source: %s\n", quote(pub.name))
	fmt.Fprintf(b, "source_url: https://%s/%s/%s/%s\n", pub.host, strings.ToLower(strings.Fields(w.primary.Title)[0]), date.Format("2006/01/02"), name)
	authors := []string{w.person()}
	if w.r.IntN(5) == 0 {
		authors = append(authors, w.person())
	}
	if len(authors) == 1 || authors[0] == authors[1] {
		fmt.Fprintf(b, "author: %s\n", quote(authors[0]))
	} else {
		fmt.Fprintf(b, "author: [%s, %s]\n", quote(authors[0]), quote(authors[1]))
	}
	listed := []string{w.primary.Slug}
	if w.second != nil {
		listed = append(listed, w.second.Slug)
	}
	fmt.Fprintf(b, "topics: [%s]\n", quoteAll(listed))
	fmt.Fprintf(b, "tags: [%s]\n", quoteAll(w.tags()))
	fmt.Fprintf(b, "summary: %s\n", quote(w.sentence()))
	if w.r.IntN(5) == 0 {
		b.WriteString("note: |\n")
		for k := range 1 + w.r.IntN(2) {
			if k > 0 {
				b.WriteString("\n")
			}
			for _, line := range wrap(w.notePara(), 72) {
				b.WriteString("  " + line + "\n")
			}
		}
	}
	b.WriteString("---\n")
	w.body(i, b)
	return name
}

// slugFor is article i's file name: its title's first words, made unique by
// the index. Other articles link to it, so it must be computable alone.
func (g *generator) slugFor(i int, title string) string {
	if title == "" {
		title = (&writer{g: g, r: g.rng(i)}).title()
	}
	words := strings.Fields(asciiFold(title))
	var parts []string
	for _, w := range words {
		w = strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				return r
			case r >= 'A' && r <= 'Z':
				return unicode.ToLower(r)
			}
			return -1
		}, w)
		if w != "" {
			parts = append(parts, w)
		}
		if len(parts) == 7 {
			break
		}
	}
	return fmt.Sprintf("%s-%d", strings.Join(parts, "-"), i)
}

// asciiFold drops accents ("Zürich" → "Zurich") for file names.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// date spreads the articles evenly over Span, newest (i = 0) first, with
// jitter within each article's slot so that days hold uneven counts.
func (g *generator) date(i int, r *rand.Rand) time.Time {
	slot := Span / time.Duration(max(g.n, 1))
	jitter := time.Duration(r.Int64N(int64(max(slot, time.Minute))))
	t := End.Add(-slot*time.Duration(i) - jitter)
	return t.Truncate(time.Minute)
}

func (w *writer) pick(list []string) string { return list[w.r.IntN(len(list))] }

func (w *writer) person() string { return w.pick(firstNames) + " " + w.pick(lastNames) }

// term is a subject phrase, mostly from the article's own themes; now and
// then from any other, which is how rule matching pulls articles into
// topics their editor did not list.
func (w *writer) term() string {
	t := w.primary
	switch n := w.r.IntN(100); {
	case n < 12 && w.second != nil:
		t = w.second
	case n >= 96:
		t = &themes[w.r.IntN(len(themes))]
	}
	return w.pick(t.Terms)
}

// tags draws 2 to 5 tags: usually one of the primary theme's, then a Zipf
// draw over all 200, so a few tags are very common and most are rare.
func (w *writer) tags() []string {
	n := 2 + w.r.IntN(4)
	z := rand.NewZipf(w.r, 1.1, 3, uint64(len(w.g.tags)-1))
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	if w.r.IntN(5) < 4 {
		add(w.pick(w.primary.Tags))
	}
	for tries := 0; len(out) < n && tries < 20; tries++ {
		add(w.g.tags[z.Uint64()])
	}
	return out
}

func (w *writer) title() string {
	switch w.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s %s %s %s", capital(w.pick(places)), w.verb(0), w.pick(adjectives), plural(w.pick(nouns)))
	case 1:
		return fmt.Sprintf("Why the %s %s matters for %s", w.pick(adjectives), w.pick(nouns), w.pick(countries))
	case 2:
		return fmt.Sprintf("%s’s %s %s %s after %s %s", capital(w.pick(countries)), w.pick(nouns), w.verb(0), w.pick(nouns), article(w.pick(adjectives)), w.pick(nouns))
	case 3:
		return fmt.Sprintf("In %s, %s %s %s the %s", w.pick(places), article(w.pick(adjectives)), w.pick(nouns), w.verb(1), w.pick(nouns))
	case 4:
		return fmt.Sprintf("%s %s %s as %s %s", capital(w.pick(adjectives)), w.pick(nouns), w.verb(0), w.pick(nouns), w.verb(0))
	default:
		return fmt.Sprintf("What the %s %s means for %s %s", w.pick(nouns), w.verb(1), w.pick(adjectives), plural(w.pick(nouns)))
	}
}

// verb is a verb in the present (0) or past (1).
func (w *writer) verb(form int) string { return verbs[w.r.IntN(len(verbs))][form] }

// sentence is one sentence of news copy.
func (w *writer) sentence() string {
	switch w.r.IntN(9) {
	case 0:
		return fmt.Sprintf("%s %s %s on %s, after %s %s in %s %s the %s.", capital(w.term()), w.verb(1), w.pick(adverbs), weekday(w.r), article(w.pick(adjectives)), w.pick(nouns), w.pick(places), w.verb(1), w.pick(nouns))
	case 1:
		return fmt.Sprintf("%s, %s in %s, said the %s %s was likely to be %s before %s.", w.person(), w.pick(roles), w.pick(places), w.pick(adjectives), w.pick(nouns), w.verb(1), w.term())
	case 2:
		return fmt.Sprintf("The %s %s the %s %s by %d per cent, the largest change since %d.", w.pick(nouns), w.verb(1), w.pick(adjectives), w.pick(nouns), 1+w.r.IntN(40), 1990+w.r.IntN(30))
	case 3:
		return fmt.Sprintf("Officials in %s %s %d %s, and %s %s %s.", w.pick(places), w.verb(1), 2+w.r.IntN(300), plural(w.pick(nouns)), w.term(), w.pick(adverbs), w.verb(1))
	case 4:
		return fmt.Sprintf("Critics say %s %s the %s %s in %s for years.", w.term(), w.verb(1), w.pick(adjectives), w.pick(nouns), w.pick(countries))
	case 5:
		return fmt.Sprintf("“The %s is %s, and the %s knows it,” %s said.", w.pick(nouns), w.pick(adjectives), w.pick(nouns), w.person())
	case 6:
		return fmt.Sprintf("A %s %s from the %s %s that %s would need %s %s.", w.pick(adjectives), w.pick(nouns), w.pick(nouns), w.verb(1), w.term(), article(w.pick(adjectives)), w.pick(nouns))
	case 7:
		return fmt.Sprintf("By %s, the %s in %s had %s %s.", weekday(w.r), plural(w.pick(nouns)), w.pick(places), w.verb(1), w.term())
	default:
		return fmt.Sprintf("It is the %s %s since %s %s the %s.", w.pick(adjectives), w.pick(nouns), w.pick(countries), w.verb(1), w.pick(nouns))
	}
}

// styled is a sentence with some Markdown inline markup: emphasis, strong
// text or a link.
func (w *writer) styled(i int) string {
	s := w.sentence()
	words := strings.Fields(s)
	if len(words) < 6 {
		return s
	}
	k := 1 + w.r.IntN(len(words)-4)
	switch w.r.IntN(8) {
	case 0:
		words[k] = "*" + strings.Trim(words[k], ",.“”") + "*" + trailing(words[k])
	case 1:
		words[k] = "**" + strings.Trim(words[k], ",.“”") + " " + strings.Trim(words[k+1], ",.“”") + "**" + trailing(words[k+1])
		words = append(words[:k+1], words[k+2:]...)
	case 2:
		site := w.pick(linkSites)
		words[k] = fmt.Sprintf("[%s](https://%s/%d/%s)%s", strings.Trim(words[k], ",.“”"), site, 2000+w.r.IntN(25), strings.ToLower(w.pick(nouns)), trailing(words[k]))
	case 3:
		if w.g.n > 1 {
			// A link to another article, root-relative so that the base
			// URL's sub-path is exercised.
			j := w.r.IntN(w.g.n)
			if j != i {
				words[k] = fmt.Sprintf("[%s](/articles/%s/)%s", strings.Trim(words[k], ",.“”"), w.g.slugFor(j, ""), trailing(words[k]))
			}
		}
	}
	return strings.Join(words, " ")
}

func trailing(word string) string {
	if strings.HasSuffix(word, ",") || strings.HasSuffix(word, ".") {
		return word[len(word)-1:]
	}
	return ""
}

// body writes 5 to 10 paragraphs with a heading or two, sometimes a list
// and a quotation.
func (w *writer) body(i int, b *strings.Builder) {
	paras := 5 + w.r.IntN(6)
	headingAt := map[int]bool{2 + w.r.IntN(paras-2): true}
	if paras > 7 {
		headingAt[5+w.r.IntN(paras-5)] = true
	}
	listAt := -1
	if w.r.IntN(2) == 0 {
		listAt = 1 + w.r.IntN(paras-1)
	}
	for p := range paras {
		if p > 0 {
			b.WriteString("\n")
		}
		if headingAt[p] {
			fmt.Fprintf(b, "## %s %s and %s\n\n", capital(w.pick(adjectives)), plural(w.pick(nouns)), w.term())
		}
		if p == listAt {
			fmt.Fprintf(b, "The %s sets out %s:\n\n", w.pick(nouns), article(w.pick(adjectives)+" "+w.pick(nouns)))
			for range 3 + w.r.IntN(3) {
				fmt.Fprintf(b, "- %s %s %s;\n", w.verb(0), w.pick(adjectives), plural(w.pick(nouns)))
			}
			b.WriteString("\n")
		}
		var sentences []string
		for range 3 + w.r.IntN(4) {
			sentences = append(sentences, w.styled(i))
		}
		text := strings.Join(sentences, " ")
		if w.r.IntN(12) == 0 {
			text = "> " + text
		}
		for _, line := range wrap(text, 0) {
			b.WriteString(line + "\n")
		}
	}
}

// notePara is a paragraph of editor's commentary.
func (w *writer) notePara() string {
	openers := []string{
		"Worth reading for the detail on %s.",
		"This is the clearest account yet of %s.",
		"The %s in the fourth paragraph is the part to watch.",
		"Read this alongside last week's coverage of %s.",
	}
	s := fmt.Sprintf(openers[w.r.IntN(len(openers))], w.term())
	return s + " " + w.styled(-1) + " " + w.sentence()
}

// wrap breaks text into lines of at most width bytes at spaces; 0 keeps one
// line, as most editors' files do.
func wrap(text string, width int) []string {
	if width <= 0 {
		return []string{text}
	}
	var lines []string
	var cur strings.Builder
	for _, word := range strings.Fields(text) {
		if cur.Len() > 0 && cur.Len()+1+len(word) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(word)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

func weekday(r *rand.Rand) string { return time.Weekday(r.IntN(7)).String() }

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "y") && !strings.HasSuffix(s, "ey") && !strings.HasSuffix(s, "ay"):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}
