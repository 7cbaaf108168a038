package extractmetric

import (
	"strings"
	"testing"
)

// page is a small article page: a navigation list and a footer link that
// are not the article, and an article with a heading, a list, a data
// table, a quote and links, one of them relative.
const page = `<!DOCTYPE html><html><head><title>T</title><script>var x = "<li>no</li>";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport news today</a></li></ul></nav>
<article>
<h1>Island ferry returned to service on Monday</h1>
<p class="byline">By A. Writer, staff reporter</p>
<p>The island ferry returned to service on Monday after a month of repairs, <a href="/news/repairs#top">the council said</a> in a statement.</p>
<h2>What changed</h2>
<p>The new timetable adds two sailings a day:</p>
<ul><li>an early sailing at six</li><li>a late sailing at ten</li></ul>
<table><tr><th>Day</th><th>Sailings</th></tr><tr><td>Monday</td><td>Eight</td></tr></table>
<blockquote><p>We are glad to have it back, said a resident.</p></blockquote>
<p>Tickets are on sale at <a href="https://www.ferries.example/tickets/?utm_source=x">the ferry office</a> and online.</p>
</article>
<footer><a href="/about">About this site</a></footer>
</body></html>`

const reference = `The island ferry returned to service on Monday after a month of repairs, the council said in a statement.

What changed

The new timetable adds two sailings a day:

an early sailing at six
a late sailing at ten

Day Sailings
Monday Eight

We are glad to have it back, said a resident.

Tickets are on sale at the ferry office and online.`

func refStructure(t *testing.T) Structure {
	t.Helper()
	s, err := ReferenceStructure([]byte(page), "https://courier.example/news/ferry", reference)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func keys(s Structure, k Kind) []string {
	var out []string
	for key, c := range s[k] {
		for range c {
			out = append(out, strings.ReplaceAll(key, "\x00", " -> "))
		}
	}
	return out
}

// The reference holds the article's constructs and none of the page's
// navigation, footer, script or title (though the first sentence repeats
// the title's words).
func TestReferenceStructure(t *testing.T) {
	s := refStructure(t)
	want := map[Kind][]string{
		Heading:   {"what changed"},
		ListItem:  {"an early sailing at six", "a late sailing at ten"},
		TableCell: {"day", "sailings", "monday", "eight"},
		Link:      {"the council said -> courier.example/news/repairs", "the ferry office -> ferries.example/tickets"},
		Quote:     {"we are glad to have it back said a resident"},
	}
	for k := range NumKinds {
		if got := s.Count(k); got != len(want[k]) {
			t.Errorf("%s: %d in the reference, want %d: %q", k, got, len(want[k]), keys(s, k))
			continue
		}
		for _, key := range want[k] {
			if s[k][strings.ReplaceAll(key, " -> ", "\x00")] == 0 {
				t.Errorf("%s: %q missing from %q", k, key, keys(s, k))
			}
		}
	}
}

// Markdown that keeps every construct scores 1; one that flattens them
// loses recall; one whose text looks like Markdown that it is not (an
// unescaped "# " or "- ") loses precision.
func TestScoreStructure(t *testing.T) {
	ref := refStructure(t)
	full := `The island ferry returned to service on Monday after a month of repairs, [the council said](/news/repairs) in a statement.

## What changed

The new timetable adds two sailings a day:

- an early sailing at six
- a late sailing at ten

| Day | Sailings |
| --- | --- |
| Monday | Eight |

> We are glad to have it back, said a resident.

Tickets are on sale at [the ferry office](https://ferries.example/tickets) and online.`
	s := ScoreStructure(MarkdownStructure(full, "https://courier.example/news/ferry"), ref)
	for k := range NumKinds {
		if s.Recall(k) != 1 || s.Precision(k) != 1 {
			t.Errorf("full: %s recall %.2f precision %.2f, want 1 and 1 (%+v)", k, s.Recall(k), s.Precision(k), s)
		}
	}
	if s.F1() != 1 {
		t.Errorf("full: F1 %.3f, want 1", s.F1())
	}

	flat := `The island ferry returned to service on Monday after a month of repairs, the council said in a statement.

What changed

an early sailing at six a late sailing at ten

Day Sailings Monday Eight`
	s = ScoreStructure(MarkdownStructure(flat, ""), ref)
	if tp, want, got := s.Totals(); tp != 0 || want != 10 || got != 0 {
		t.Errorf("flat: tp %d want %d got %d, want 0, 10, 0", tp, want, got)
	}

	// A wrong link target is not the link; the heading and the list are.
	wrong := "[the council said](https://elsewhere.example/news/repairs)\n\n## What changed\n\n# not a heading\n\n- an early sailing at six\n- 5 people"
	s = ScoreStructure(MarkdownStructure(wrong, "https://courier.example/"), ref)
	if s.TP[Link] != 0 || s.Got[Link] != 1 {
		t.Errorf("wrong link: tp %d got %d, want 0 and 1", s.TP[Link], s.Got[Link])
	}
	if s.TP[Heading] != 1 || s.Got[Heading] != 2 || s.Precision(Heading) != 0.5 {
		t.Errorf("headings: tp %d got %d, want 1 of 2", s.TP[Heading], s.Got[Heading])
	}
	if s.TP[ListItem] != 1 || s.Got[ListItem] != 2 || s.Recall(ListItem) != 0.5 {
		t.Errorf("list items: tp %d got %d recall %.2f, want 1 of 2, recall 0.5", s.TP[ListItem], s.Got[ListItem], s.Recall(ListItem))
	}
}

// Links that are not links once published (javascript:, in-page anchors)
// and escaped metacharacters count as nothing; multiplicity counts.
func TestMarkdownStructureAsPublished(t *testing.T) {
	s := MarkdownStructure("[run](javascript:alert(1)) [top](#top) \\# one\n\n\\- two\n\n- same\n- same\n\n1\\. three", "https://x.example/")
	for k := range NumKinds {
		want := 0
		if k == ListItem {
			want = 2
		}
		if s.Count(k) != want {
			t.Errorf("%s: %d, want %d: %q", k, s.Count(k), want, keys(s, k))
		}
	}
}

func TestMarkdownText(t *testing.T) {
	got := MarkdownText("# Title\n\nA *b* \\_c\\_ [d](https://x.example/) ![alt text](https://x.example/i.png)\n\n| e | f |\n| --- | --- |\n| g | h |\n\n<b>raw</b> AT&amp;T")
	want := "Title\nA b _c_ d\ne\nf\ng\nh\nraw AT&T"
	if got != want {
		t.Errorf("MarkdownText:\n%q\nwant\n%q", got, want)
	}
}
