package htmlpage

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/brief-ssg/brief/internal/extract/article"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "html", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestHTMLStory(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	a, err := Extract(readFixture(t, "story.html"), article.Options{URL: "https://courier.example/news/ferry-returns", Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ field, got, want string }{
		{"Title", a.Title, "Harbour ferry returns after winter repairs"},
		{"Source", a.Source, "The Coastal Courier"},
		{"SourceURL", a.SourceURL, "https://courier.example/news/ferry-returns?id=42"},
		{"Image", a.Image, "https://courier.example/img/ferry.jpg"},
		{"Language", a.Language, "en-GB"},
		{"Description", a.Description, "The ferry is back."},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !slices.Equal(a.Authors, []string{"Mira Holt"}) {
		t.Errorf("Authors = %q, want [Mira Holt]", a.Authors)
	}
	if !slices.Equal(a.Tags, []string{"ferries", "harbour"}) {
		t.Errorf("Tags = %q", a.Tags)
	}
	if want := time.Date(2024, 3, 5, 8, 30, 0, 0, loc); !a.Published.Equal(want) {
		t.Errorf("Published = %v, want %v (no offset: read in Location)", a.Published, want)
	}
	if want := time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC); !a.Updated.Equal(want) {
		t.Errorf("Updated = %v, want %v", a.Updated, want)
	}

	for _, want := range []string{
		"## What changed",
		"- A new propeller and shaft.",
		"- Fresh paint on the **upper deck**.",
		"*smoother than ever*",
		"[full timetable](https://courier.example/docs/timetable.pdf?page=2)",
		"> We missed the boat",
		"![The ferry at the dock](https://courier.example/img/ferry-dock.jpg)",
		"The ferry back at its berth.",
		"| Day | First crossing |\n| --- | --- |\n| Weekdays | 07:00 |",
	} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, a.Markdown)
		}
	}
	if !strings.HasPrefix(a.Text, "The little ferry") {
		t.Errorf("Text should start with the first paragraph, got %.60q", a.Text)
	}
	if !strings.Contains(a.Text, "harbour went back into service on Tuesday morning, after a winter spent on blocks in the boatyard while its hull was repaired.\n\nPassengers queued") {
		t.Errorf("paragraphs must be separated by one blank line:\n%s", a.Text)
	}
	for _, junk := range []string{
		"Share on", "Related stories", "Bridge closes", "Great news", "Most read", "Storm warning",
		"newsletter", "cookies", "Copyright", "By Mira Holt", "tracking", "Sport", "berth",
	} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("Text keeps furniture %q:\n%s", junk, a.Text)
		}
	}
	for _, syntax := range []string{"**", "##", "](", "\n> ", "\n- ", "| ---"} {
		if strings.Contains(a.Text, syntax) {
			t.Errorf("Text holds Markdown syntax %q", syntax)
		}
	}
}

func TestHTMLNeverPassesActiveContent(t *testing.T) {
	page := `<html><body><article>
<p>First paragraph of a story long enough to be taken for prose by the extractor, with a sentence.</p>
<p onclick="steal()">Second paragraph says &lt;script&gt;alert(1)&lt;/script&gt; as text, which must stay text.</p>
<p><a href="javascript:alert(2)">a script link</a> and <a href=" JaVa&#x09;Script:alert(3)">another one</a> and <a href="data:text/html;base64,AAAA">data</a>.</p>
<p><img src="data:image/png;base64,AAAA" alt="inline"><img src="javascript:alert(4)" alt="x" onerror="alert(5)"></p>
<script>alert(6)</script>
<p>Closing paragraph of the story, which is also long enough to count as prose for the scorer.</p>
</article></body></html>`
	a, err := Extract([]byte(page), article.Options{URL: "https://example.org/a"})
	if err != nil {
		t.Fatal(err)
	}
	low := strings.ToLower(a.Markdown)
	for _, bad := range []string{"javascript:", "data:", "onclick", "onerror", "alert(6)", "steal"} {
		if strings.Contains(low, bad) {
			t.Errorf("Markdown lets %q through:\n%s", bad, a.Markdown)
		}
	}
	for i := 0; i < len(a.Markdown); i++ {
		if a.Markdown[i] == '<' && (i == 0 || a.Markdown[i-1] != '\\') {
			t.Fatalf("unescaped '<' would be raw HTML:\n%s", a.Markdown)
		}
	}
	if !strings.Contains(a.Text, "<script>alert(1)</script> as text") {
		t.Errorf("literal text must survive in Text: %q", a.Text)
	}
}

func TestHTMLMetaPrecedence(t *testing.T) {
	tests := []struct {
		name, head    string
		title, source string
		authors       []string
		canonical     string
		published     time.Time
	}{
		{
			name:      "json-ld beats opengraph",
			head:      `<meta property="og:title" content="OG headline"><meta property="og:site_name" content="OG Site"><script type="application/ld+json">{"@type":"BlogPosting","headline":"LD headline","author":{"@type":"Person","name":"Ann Lee"},"publisher":{"name":"LD Site"},"datePublished":"2023-01-02T03:04:05Z"}</script>`,
			title:     "LD headline",
			source:    "LD Site",
			authors:   []string{"Ann Lee"},
			published: time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC),
		},
		{
			name:      "opengraph beats the page title",
			head:      `<title>Page title - Some Site</title><meta property="og:title" content="OG headline"><meta property="og:site_name" content="OG Site"><meta name="author" content="By Bo Chen and Di Park"><meta property="article:published_time" content="2023-05-06">`,
			title:     "OG headline",
			source:    "OG Site",
			authors:   []string{"Bo Chen", "Di Park"},
			published: time.Date(2023, 5, 6, 0, 0, 0, 0, time.UTC),
		},
		{
			// The title's suffix names the site when the host spells it.
			name:      "page title and canonical as the last resort",
			head:      `<title>Only the title | Example Daily</title><link rel="canonical" href="/story?gclid=1&amp;x=2">`,
			title:     "Only the title",
			source:    "Example Daily",
			canonical: "https://example.org/story?x=2",
		},
		{
			name:   "the host when nothing names the site",
			head:   `<title>Only the title | Weekly Notes</title>`,
			title:  "Only the title",
			source: "example.org",
		},
	}
	body := `<body><article><p>` + strings.Repeat("A sentence of prose that fills the article body. ", 8) + `</p></article></body>`
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Extract([]byte("<html><head>"+tc.head+"</head>"+body+"</html>"), article.Options{URL: "https://example.org/story"})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tc.title || a.Source != tc.source {
				t.Errorf("Title, Source = %q, %q; want %q, %q", a.Title, a.Source, tc.title, tc.source)
			}
			if !slices.Equal(a.Authors, tc.authors) {
				t.Errorf("Authors = %q, want %q", a.Authors, tc.authors)
			}
			if tc.canonical != "" && a.SourceURL != tc.canonical {
				t.Errorf("SourceURL = %q, want %q", a.SourceURL, tc.canonical)
			}
			if !a.Published.Equal(tc.published) {
				t.Errorf("Published = %v, want %v", a.Published, tc.published)
			}
		})
	}
}

func parseURLForTest(t *testing.T, host string) *url.URL {
	t.Helper()
	if host == "" {
		return nil
	}
	u, err := url.Parse("https://" + host + "/")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ raw, site, host, h1, want string }{
		{"Harbour ferry returns | The Coastal Courier", "The Coastal Courier", "", "", "Harbour ferry returns"},
		{"Harbour ferry returns - Coastal Courier", "", "", "", "Harbour ferry returns"},
		{"Harbour ferry returns – courier.example", "", "courier.example", "", "Harbour ferry returns"},
		{"News | Local | Harbour ferry returns after repairs | Courier", "Courier", "", "", "Harbour ferry returns after repairs"},
		{"Coastal Courier: Harbour ferry returns", "", "", "Harbour ferry returns", "Harbour ferry returns"},
		{"Spider-Man - a review of the new film in our weekly column", "", "", "", "Spider-Man - a review of the new film in our weekly column"},
		{"No separator at all", "Courier", "", "", "No separator at all"},
	}
	for _, tc := range tests {
		var h1 []string
		if tc.h1 != "" {
			h1 = []string{tc.h1}
		}
		base := parseURLForTest(t, tc.host)
		if got := cleanTitle(tc.raw, tc.site, base, h1); got != tc.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

func TestHTMLCharsets(t *testing.T) {
	prose := func(s string) string {
		return "<p>" + strings.Repeat(s+" ", 6) + "</p>"
	}
	tests := []struct {
		name, head, body, want string
		encode                 func(string) (string, error)
	}{
		{
			name: "declared windows-1252", head: `<meta charset="windows-1252">`,
			body: prose("Le café servait une crème brûlée – très naïve, dit-on."), want: "café servait une crème brûlée – très naïve",
			encode: charmap.Windows1252.NewEncoder().String,
		},
		{
			name: "sniffed windows-1252", head: ``,
			body: prose("Déjà vu à la façade du théâtre, disait-il à sa sœur."), want: "Déjà vu à la façade du théâtre",
			encode: charmap.Windows1252.NewEncoder().String,
		},
		{
			name: "declared GBK", head: `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`,
			body: prose("港口的渡轮在冬季维修后恢复运营，乘客们早早排队等候。"), want: "港口的渡轮在冬季维修后恢复运营",
			encode: simplifiedchinese.GBK.NewEncoder().String,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := tc.encode("<html><head>" + tc.head + "<title>T</title></head><body><article>" + tc.body + "</article></body></html>")
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract([]byte(raw), article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, tc.want) {
				t.Errorf("Text = %q, want it to contain %q", a.Text, tc.want)
			}
		})
	}
}

func TestHTMLNormalises(t *testing.T) {
	page := "<html><body><article><p>" + strings.Repeat("The cafe\u0301 on the ex\u00adtra\u00adordinary quay is open again today. ", 5) + "</p></article></body></html>"
	a, err := Extract([]byte(page), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "café on the extraordinary quay") || strings.Contains(a.Text, "\u00ad") {
		t.Errorf("want NFC text without soft hyphens, got %q", a.Text)
	}
}

func TestHTMLGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(readFixture(t, "story.html"))
	zw.Close()
	a, err := Extract(buf.Bytes(), article.Options{URL: "https://courier.example/news/ferry-returns"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "The little ferry") {
		t.Errorf("gzip page not decoded: %.60q", a.Text)
	}

	buf.Reset()
	zw = gzip.NewWriter(&buf)
	chunk := make([]byte, 1<<20)
	for range 65 {
		zw.Write(chunk)
	}
	zw.Close()
	if _, err := Extract(buf.Bytes(), article.Options{}); !errors.Is(err, article.ErrTooLarge) {
		t.Errorf("65 MiB of gzip: err = %v, want the size cap", err)
	}
}

func TestHTMLNoArticle(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"index page", readFixture(t, "index.html")},
		{"png image", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)},
		{"binary junk", []byte("\x00\x01\x02\x03binary\x00\x00")},
		{"empty", nil},
		{"error page", []byte("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The page you requested was not found.</p></body></html>")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Extract(tc.data, article.Options{})
			if !errors.Is(err, article.ErrNoArticle) {
				t.Errorf("err = %v (article %+v), want article.ErrNoArticle", err, a)
			}
		})
	}
}

func TestHTMLCrossPageBoilerplate(t *testing.T) {
	page := func(topic string) []byte {
		return []byte(`<html><head><link rel="canonical" href="https://pier.example/` + topic + `"></head><body><div class="content">
<p>` + strings.Repeat("The "+topic+" story goes on with another sentence of its own. ", 4) + `</p>
<p>Support local reporting: our small newsroom depends on readers like you, so please consider a contribution today.</p>
<p>` + strings.Repeat("More about the "+topic+" and what it means for the town. ", 4) + `</p>
</div></body></html>`)
	}
	pages := [][]byte{page("ferry"), page("bridge"), page("market")}
	const appeal = "Support local reporting"

	a, err := Extract(pages[0], article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, appeal) {
		t.Fatalf("without learning, the appeal is part of the text; got %q", a.Text)
	}

	bp := article.NewBoilerplate()
	for _, data := range pages {
		p, err := Parse(data, article.Options{})
		if err != nil {
			t.Fatal(err)
		}
		site, blocks := p.Blocks()
		if site != "pier.example" {
			t.Fatalf("site = %q, want the canonical host", site)
		}
		bp.Learn(site, blocks)
	}
	a, err = Extract(pages[0], article.Options{Boilerplate: bp})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, appeal) {
		t.Errorf("learnt boilerplate kept: %q", a.Text)
	}
	if !strings.Contains(a.Text, "The ferry story goes on") || !strings.Contains(a.Text, "More about the ferry") {
		t.Errorf("article text lost: %q", a.Text)
	}
}

func TestHTMLMarkdownStructures(t *testing.T) {
	page := `<html><body><article>
<p>` + strings.Repeat("An opening paragraph of prose for the scorer to find. ", 4) + `</p>
<ol start="3"><li>third <em>item</em></li><li>fourth item<ul><li>nested</li></ul></li></ol>
<pre><code class="language-go">fmt.Println("a  b")
x := 1</code></pre>
<p>Inline <code>x*y</code> code, a line<br>break, and 1990. a year.</p>
<p># not a heading, * not a list, [not a link](x) and _not emphasis_.</p>
</article></body></html>`
	a, err := Extract([]byte(page), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"3. third *item*\n4. fourth item\n   - nested",
		"```go\nfmt.Println(\"a  b\")\nx := 1\n```",
		"Inline `x*y` code, a line  \nbreak",
		`\# not a heading, \* not a list, \[not a link\](x) and \_not emphasis\_.`,
	} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, a.Markdown)
		}
	}
	if !strings.Contains(a.Text, "a line\nbreak") || !strings.Contains(a.Text, "third item\nfourth item\nnested") {
		t.Errorf("Text = %q", a.Text)
	}
}
