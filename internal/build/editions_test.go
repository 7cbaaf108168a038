package build_test

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// editionsSite has articles around one Sunday midnight in New York: one
// at 23:30 local on Sunday 11 June 2023 (03:30 on Monday in UTC), one
// early on Monday, and two the week before; an intro for the Sunday.
const editionsSite = `
-- site.yaml --
title: Edition test
base_url: https://example.org/brief/
timezone: America/New_York
author: Ann Editor
editions:
  daily: true
  weekly: true
  week_starts: monday
  home: true
  email:
    from: "Edition test <news@example.org>"
    list_unsubscribe: ["https://example.org/leave"]
topics:
  - slug: trade
    title: Trade
    match:
      any: [tariff]
  - slug: taiwan
    title: Taiwan
    match:
      any: [Taiwan]
-- content/articles/sunday-late.md --
---
title: Late Sunday tariff news
date: 2023-06-11T23:30:00-04:00
source: Night Desk
summary: A tariff story filed just before midnight.
note: "Worth *reading* twice."
---
The tariff rises.
-- content/articles/monday-early.md --
---
title: Monday Taiwan report
date: 2023-06-12T00:10:00-04:00
---
A Taiwan report.
-- content/articles/last-week.md --
---
title: Last week's tariff piece
date: 2023-06-06T09:00:00-04:00
---
Tariff talk.
-- content/articles/last-week-other.md --
---
title: Something else entirely
date: 2023-06-05T09:00:00-04:00
---
Weather.
-- content/editions/2023-06-11.md --
---
title: A quiet Sunday, then tariffs
---
The editor's word on [the trade page](../../topics/trade/) for Sunday.
`

// TestEditionBoundaries: the article at 23:30 on a Sunday in the site's
// zone is in Sunday's edition and in the week of Monday 5 June, though
// in UTC it is Monday; the next article, 40 minutes later, opens Monday's
// edition and the next week.
func TestEditionBoundaries(t *testing.T) {
	s := sitetest.New(t, editionsSite).Build()
	s.AssertFileContent("editions/2023-06-11/index.html",
		"<h1>A quiet Sunday, then tariffs</h1>", "Sunday, June 11, 2023 · 1 article",
		"Late Sunday tariff news", "! Monday Taiwan report", "The editor’s introduction", "The editor&rsquo;s word on",
		`href="../../topics/trade/">Trade</a></h2>`, "Worth <em>reading</em> twice.",
		`rel="prev" href="../../editions/2023-06-06/"`, `rel="next" href="../../editions/2023-06-12/"`)
	s.AssertFileContent("editions/2023-06-12/index.html", "Monday Taiwan report", "! Late Sunday tariff news", "Taiwan</a></h2>")
	s.AssertFileContent("editions/week-2023-06-05/index.html", "Week of June 5, 2023", "3 articles from",
		"Late Sunday tariff news", "Last week&#39;s tariff piece", "Something else entirely", "! Monday Taiwan report",
		// Sections in site.yaml's order, then the articles no topic takes.
		"Other news</h2>")
	page := string(s.File("editions/week-2023-06-05/index.html"))
	if i, j := strings.Index(page, ">Trade</a></h2>"), strings.Index(page, "Other news</h2>"); i < 0 || j < i {
		t.Errorf("weekly edition: want Trade before Other news")
	}
	s.AssertFileContent("editions/week-2023-06-12/index.html", "Monday Taiwan report", "! Late Sunday tariff news")
	s.AssertNoFile("editions/2023-06-07/index.html", "editions/week-2023-05-29/index.html")
	// The index by year and month, each cadence's own index and feeds.
	s.AssertFileContent("editions/index.html", "<h1>Editions</h1>", `<h2 id="year-2023"`, "June 2023",
		`href="../editions/2023-06-11/">Sunday, June 11, 2023</a>: A quiet Sunday, then tariffs`,
		`href="../editions/week-2023-06-12/">Week of June 12, 2023</a>`, `href="../editions/daily/feed.xml"`)
	s.AssertFileContent("editions/daily/index.html", "<h1>Daily editions</h1>", "2023-06-11/", "! week-2023-06-05/")
	s.AssertFileContent("editions/weekly/feed.xml", "<title>Week of June 12, 2023</title>",
		"https://example.org/brief/editions/week-2023-06-05/", "https://example.org/brief/articles/sunday-late/")
	s.AssertFileContent("editions/daily/rss.xml", "<title>A quiet Sunday, then tariffs (Sunday, June 11, 2023)</title>",
		"https://example.org/brief/topics/trade/") // the intro's link, made absolute
	// The home page opens with the latest daily edition; every page's
	// navigation links the editions.
	s.AssertFileContent("index.html", `href="editions/2023-06-12/">The latest daily edition</a>`, "Daily edition · Monday, June 12, 2023 · 1 article",
		`<li><a href="articles/monday-early/">Monday Taiwan report</a></li>`, `href="editions/">Editions</a>`)
	s.AssertFileContent("articles/sunday-late/index.html", `href="../../editions/">Editions</a>`)
	s.AssertFileContent("sitemap.xml", "https://example.org/brief/editions/2023-06-11/</loc><lastmod>2023-06-11T23:30:00-04:00</lastmod>")
	s.AssertNoLiveMarkup()
}

// TestEditionEmail checks the email files of an edition: the HTML
// inlined, absolute and within the limits, the text part, and the .eml
// read back with the standard library's parsers.
func TestEditionEmail(t *testing.T) {
	s := sitetest.New(t, editionsSite).Build()
	dir := "editions/2023-06-11/"
	html := string(s.File(dir + "email.html"))
	for _, want := range []string{
		`<a href="https://example.org/brief/articles/sunday-late/"`, `href="https://example.org/brief/topics/trade/"`,
		`width="600"`, `role="presentation"`, `@media (prefers-color-scheme: dark)`, "Worth <em>reading</em> twice.",
		`href="https://example.org/leave"`, ">Unsubscribe</a>", `style="margin:0;padding:0;background-color:#f4f1ea;color:#1b1a18"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("email.html lacks %q", want)
		}
	}
	for _, bad := range []string{`href="../`, `href="/`, "<script", `src="/`} {
		if strings.Contains(html, bad) {
			t.Errorf("email.html has %q", bad)
		}
	}
	text := string(s.File(dir + "email.txt"))
	for _, want := range []string{
		"Edition test\nDaily edition · Sunday, June 11, 2023 · edited by Ann Editor\n\nA quiet Sunday, then tariffs\n",
		"The editor’s word on the trade page\n<https://example.org/brief/topics/trade/> for Sunday.\n",
		"TRADE\n-----\n", "* Late Sunday tariff news\n  Night Desk · June 11, 11:30 PM EDT\n  https://example.org/brief/articles/sunday-late/\n",
		"  Editor’s note:\n  | Worth reading twice.\n", "Unsubscribe: https://example.org/leave\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("email.txt lacks %q:\n%s", want, text)
		}
	}
	raw := s.File(dir + "edition.eml")
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "Edition test · A quiet Sunday, then tariffs" {
		t.Errorf("Subject %q", subject)
	}
	for k, want := range map[string]string{
		"Date": "Sun, 11 Jun 2023 23:30:00 -0400", "Message-ID": "<edition-2023-06-11@example.org>",
		"List-Unsubscribe": "<https://example.org/leave>", "From": "\"Edition test\" <news@example.org>",
	} {
		if got := msg.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	var parts []string
	for {
		p, err := r.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p)
		parts = append(parts, p.Header.Get("Content-Type"))
		want := html
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/plain") {
			want = text
		}
		if got := strings.ReplaceAll(string(body), "\r\n", "\n"); got != strings.ReplaceAll(want, "\r\n", "\n") {
			t.Errorf("the %s part is not the edition's file", p.Header.Get("Content-Type"))
		}
	}
	if strings.Join(parts, ", ") != "text/plain; charset=UTF-8, text/html; charset=UTF-8" {
		t.Errorf("parts: %s", strings.Join(parts, ", "))
	}
}

// TestEditionEmailCheckFailsBuild: an email that breaks the rules of
// email fails the build, naming the file and line.
func TestEditionEmailCheckFailsBuild(t *testing.T) {
	var big strings.Builder
	for i := range 60 {
		fmt.Fprintf(&big, "-- content/articles/long-%d.md --\n---\ntitle: Long one %d\ndate: 2023-06-11T10:%02d:00-04:00\nsummary: %s\n---\nBody.\n", i, i, i, strings.Repeat("Words upon words. ", 100))
	}
	s := sitetest.New(t, editionsSite+big.String())
	s.AssertBuildError("editions/2023-06-11/email.html: the email is", "Gmail clips")
	s = sitetest.New(t, editionsSite+`
-- templates/email.html --
<!DOCTYPE html><html><head><title>x</title></head><body>
<p><a href="{{.Email.URL}}">web</a></p>
<img src="https://example.org/logo.png">
<a href="../../">home</a>
</body></html>
`)
	s.AssertBuildError(`editions/2023-06-11/email.html:3: <img src="https://example.org/logo.png"> has no alt`,
		`editions/2023-06-11/email.html:4: <a href="../../">: a relative URL`)
}

// TestEditionIntroErrors: an intro that names no edition of the site
// says which file and what to do.
func TestEditionIntroErrors(t *testing.T) {
	tests := []struct{ file, config, want string }{
		{"content/editions/week-2023-06-07.md", "", "content/editions/week-2023-06-07.md: \"week-2023-06-07\" is not the first day of a week (weeks start on Monday): the week holding 2023-06-07 is week-2023-06-05; rename the file"},
		{"content/editions/june.md", "", `"june" is not an edition`},
		{"content/editions/2023-06-07.md", "daily: true\n  weekly: true", ""},
		{"content/editions/week-2023-06-05.md", "daily: true\n  weekly: false", "weekly editions are off in site.yaml"},
	}
	for _, tt := range tests {
		site := editionsSite + "-- " + tt.file + " --\n---\ntitle: x\n---\nWords.\n"
		if tt.config != "" {
			site = strings.Replace(site, "daily: true\n  weekly: true", tt.config, 1)
		}
		s := sitetest.New(t, site)
		if tt.want == "" {
			// An intro for a day without articles makes that edition.
			s.Build().AssertFileContent("editions/2023-06-07/index.html", "No articles in this edition.", "Words.")
			continue
		}
		s.AssertBuildError(tt.want)
	}
}

// TestEditionRebuilds edits the site step by step; the harness checks
// that each incremental build writes what a full build writes, edition
// pages, emails and feeds included.
func TestEditionRebuilds(t *testing.T) {
	s := sitetest.New(t, editionsSite).Build()
	steps := []struct {
		name string
		edit func()
		want []string // file, then strings it must hold
	}{
		{"intro edited", func() {
			s.ReplaceInFile("content/editions/2023-06-11.md", "A quiet Sunday", "A loud Sunday")
		}, []string{"editions/2023-06-11/email.txt", "A loud Sunday"}},
		{"article moved to Monday", func() {
			s.ReplaceInFile("content/articles/sunday-late.md", "2023-06-11T23:30:00-04:00", "2023-06-12T00:30:00-04:00")
		}, []string{"editions/2023-06-12/index.html", "Late Sunday tariff news"}},
		{"intro removed", func() { s.RemoveFiles("content/editions/2023-06-11.md") }, nil},
		{"note edited", func() {
			s.ReplaceInFile("content/articles/sunday-late.md", "Worth *reading* twice.", "Read it once.")
		}, []string{"editions/2023-06-12/email.html", "Read it once."}},
		{"week starts on Sunday", func() {
			s.ReplaceInFile("site.yaml", "week_starts: monday", "week_starts: sunday")
		}, []string{"editions/week-2023-06-11/index.html", "Monday Taiwan report"}},
		{"daily editions off", func() { s.ReplaceInFile("site.yaml", "daily: true", "daily: false") }, []string{"index.html", "The latest weekly edition"}},
	}
	for _, st := range steps {
		st.edit()
		s.Rebuild()
		if len(st.want) > 0 {
			s.AssertFileContent(st.want[0], st.want[1:]...)
		}
	}
	s.AssertNoFile("editions/2023-06-11/index.html", "editions/daily/index.html")
}

// TestEditionEmailImages: images an editor puts in an introduction or a
// note, which Markdown cannot size, get the email's column width and an
// absolute address, so that the email passes its check.
func TestEditionEmailImages(t *testing.T) {
	s := sitetest.New(t, editionsSite+`
-- content/editions/2023-06-12.md --
---
title: With a chart
---
![Tariff rates since 2018](/images/chart.png)
-- static/images/chart.png --
png
`).Build()
	s.AssertFileContent("editions/2023-06-12/email.html",
		`<img src="https://example.org/brief/images/chart.png" alt="Tariff rates since 2018" loading="lazy" decoding="async" width="544" style="max-width:100%;height:auto"/>`)
	s.AssertFileContent("editions/2023-06-12/index.html", `<img src="/brief/images/chart.png" alt="Tariff rates since 2018"`)
	s.AssertFileContent("editions/2023-06-12/email.txt", "[Tariff rates since 2018]")
}
