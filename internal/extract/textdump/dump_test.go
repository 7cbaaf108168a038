package textdump

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/extract/article"

	"github.com/brief-ssg/brief/internal/markdown"
)

func TestTextFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/dump_harbour.txt")
	if err != nil {
		t.Fatal(err)
	}
	loc := time.FixedZone("CET", 3600)
	a, err := Extract(data, article.Options{Location: loc, URL: "https://example.org/news/ferry?utm_source=x"})
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	check := func(field string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", field, got, want)
		}
	}
	check("title", a.Title, "City council approves new harbour ferry line after months of debate")
	check("source", a.Source, "Coastline Daily")
	check("published", a.Published.Format(time.RFC3339), "2024-03-05T09:30:00+01:00")
	check("tags", a.Tags, []string{"Ferries", "Harbour"})
	check("authors", a.Authors, []string{"Mara Lindqvist"})
	check("source url", a.SourceURL, "https://example.org/news/ferry")
	if !strings.HasPrefix(a.Text, "The city council voted on Tuesday evening") {
		t.Errorf("text starts %q", firstWords(a.Text, 8))
	}
	if !strings.HasSuffix(a.Text, "between the arrivals of the large cargo vessels.") {
		t.Errorf("text ends %q", a.Text[max(0, len(a.Text)-80):])
	}
	for _, junk := range []string{"Advertisement", "Likes (312)", "Related", "Storm damages", "All rights reserved", "Tags:", "Share"} {
		if strings.Contains(a.Text, junk) || strings.Contains(a.Markdown, junk) {
			t.Errorf("body keeps %q", junk)
		}
	}
	if !strings.Contains(a.Markdown, "\n\n- Construction of the new pier starts in June.\n- The first boats are expected to sail next spring.\n\n") {
		t.Errorf("markdown lost the list:\n%s", a.Markdown)
	}
	if strings.Contains(a.Text, "- Construction") || !strings.Contains(a.Text, "\nConstruction of the new pier") {
		t.Errorf("text keeps markdown list syntax or lost the item:\n%s", a.Text)
	}
	if strings.Contains(a.Text, "\n\n\n") || strings.Contains(a.Markdown, "\n\n\n") {
		t.Error("body has runs of blank lines")
	}
	if a.Description == "" || !strings.HasPrefix(a.Description, "The city council voted") {
		t.Errorf("description %q", a.Description)
	}
}

// TestTextSeed checks the real scraped page the project started from.
func TestTextSeed(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "shared", "seeds", "000_07219cdc563dbbb4.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed page not available beside the repository: %v", err)
	}
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(data, article.Options{Location: loc})
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	if want := "U.S. Secretary of State Antony Blinken to go to China after earlier trip postponed amid spy balloon"; a.Title != want {
		t.Errorf("title %q, want %q", a.Title, want)
	}
	if a.Source != "LoTradeCoin" {
		t.Errorf("source %q", a.Source)
	}
	if want := time.Date(2025, 1, 11, 13, 20, 9, 0, loc); !a.Published.Equal(want) || a.Published.Location() != loc {
		t.Errorf("published %v, want %v", a.Published, want)
	}
	if !reflect.DeepEqual(a.Tags, []string{"Antony Blinken", "China"}) {
		t.Errorf("tags %q", a.Tags)
	}
	if !strings.HasPrefix(a.Text, "U.S. Secretary of State Antony Blinken will travel to Beijing") {
		t.Errorf("text starts %q", firstWords(a.Text, 10))
	}
	paras := strings.Split(a.Text, "\n\n")
	if last := paras[len(paras)-1]; !strings.Contains(last, "South China Sea") {
		t.Errorf("last paragraph %q, want the one about the South China Sea", last)
	}
	for _, junk := range []string{"View Date", "In:", "veryGood!", "Related", "Ranking", "Recommendation", "Cold case arrest"} {
		if strings.Contains(a.Text, junk) || strings.Contains(a.Markdown, junk) {
			t.Errorf("body keeps %q", junk)
		}
	}
}

func TestTextRejects(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":  nil,
		"binary": {0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
		"menu":   []byte("Shop - Example\n- Home\n- Products\n- Contact\nSign in\n"),
		"error":  []byte("404 Not Found\nNot Found\nThe requested URL was not found on this server.\n"),
	} {
		if _, err := Extract(data, article.Options{}); !errors.Is(err, article.ErrNoArticle) {
			t.Errorf("%s: err = %v, want article.ErrNoArticle", name, err)
		}
	}
}

func TestTextNormalises(t *testing.T) {
	// "Cafe\u0301" is decomposed; the soft hyphen splits a word.
	para := "The Cafe\u0301 on the corner reopened this week after a long renovation, and its owners said the neigh\u00adbourhood had waited patiently for them."
	data := []byte("Reopening - Town News\n" + para + "\n" + para[:40] + " and more words follow here to make a second long paragraph of the article.\n")
	a, err := Extract(data, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Café") || strings.Contains(a.Text, "\u00ad") || !strings.Contains(a.Text, "neighbourhood") {
		t.Errorf("not normalised: %q", a.Text)
	}
}

// blocks parses a dump for Boilerplate.Learn.
func blocks(t *testing.T, data []byte) (site string, blocks []string) {
	t.Helper()
	p, err := Parse(data, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p.Blocks()
}

func TestTextBoilerplate(t *testing.T) {
	page := func(title, body string) []byte {
		return []byte(title + " - Valley Post\n" + title + "\n" + body + "\n" +
			"Subscribe to the Valley Post morning briefing and get every story delivered to your inbox before breakfast, free of charge.\n" +
			"The Valley Post is an independent newspaper serving the river towns since 1921, funded by its readers and its members.\n")
	}
	a := page("Bridge reopens", "The old stone bridge over the river reopened on Monday after two years of repairs that cost far more than the town had planned.\nEngineers said the arches were in better shape than expected once the old tar had been removed from the stones.")
	b := page("School wins award", "The primary school on Mill Lane won a national award for its garden project, which pupils run with help from retired farmers.\nThe head teacher said the prize money would pay for a greenhouse and a small orchard behind the playground.")
	bp := article.NewBoilerplate()
	for _, data := range [][]byte{a, b} {
		bp.Learn(blocks(t, data))
	}
	got, err := Extract(a, article.Options{Boilerplate: bp})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.Text, "independent newspaper") {
		t.Errorf("learnt boilerplate kept:\n%s", got.Text)
	}
	if !strings.Contains(got.Text, "stone bridge") {
		t.Errorf("article lost:\n%s", got.Text)
	}
	// The same page learnt twice must not erase its own article.
	twice := article.NewBoilerplate()
	twice.Learn(blocks(t, a))
	twice.Learn(blocks(t, a))
	if got, err := Extract(a, article.Options{Boilerplate: twice}); err != nil || !strings.Contains(got.Text, "stone bridge") {
		t.Errorf("page learnt twice: %v %v", got, err)
	}
}

// TestMarkdownPublishesLiterally checks that text that looks like
// Markdown or HTML in a dump publishes as the characters it is, through
// brief's own Markdown renderer: no strikethrough, no entity, no tag.
func TestMarkdownPublishesLiterally(t *testing.T) {
	lines := []string{
		"The ~~draft~~ budget was approved by AT&T shareholders, who wrote &amp; and &copy; in their letter to the board.",
		"Council members said <b>nothing</b> about the *new* pier, the [old](pier.html) one or the snake_case_name of the file.",
		"# Members voted 12 to 3, with 1. one abstention and - one absence, after a meeting that ran late into the night.",
	}
	dump := "Budget approved - Town News\n" + strings.Join(lines, "\n") + "\n"
	a, err := Extract([]byte(dump), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	html, err := markdown.New().Render(a.Markdown, markdown.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := string(html)
	for _, bad := range []string{"<del>", "<s>", "<b>", "<em>", "<a ", "<h1", "<ol", "<ul", "&copy;", "©"} {
		if strings.Contains(got, bad) {
			t.Errorf("the dump's text published as markup %q:\n%s\nfrom:\n%s", bad, got, a.Markdown)
		}
	}
	for _, want := range []string{"~~draft~~", "AT&amp;T", "&amp;amp;", "&amp;copy;", "&lt;b&gt;nothing&lt;/b&gt;", "*new*", "[old](pier.html)", "snake_case_name", "# Members", "1. one"} {
		if !strings.Contains(got, want) {
			t.Errorf("the published page lacks %q:\n%s", want, got)
		}
	}
}
