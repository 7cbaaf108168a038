package browsertest

import (
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/internal/build"
)

// filler is text to push a word past the start of a body that the index
// quotes for snippets (400 characters).
const filler = "The morning shift began before dawn, as it does on most weekdays, with a briefing on the weather, the tides and the ships expected before noon. Nothing in the schedule was unusual, and the foremen said so at length to anyone who asked them about the season ahead, the wages on offer and the state of the roads that lead inland from the coast. "

// formsArticles are added to the example site for TestSearchForms.
func formsArticles() map[string]string {
	files := map[string]string{
		"content/articles/port-negotiations-stall.md": `---
title: "Port negotiations stalled over night shifts"
date: 2023-10-02T09:00:00Z
source: Dock Desk
---
The unions said the stall would last until the owners returned to the table.
`,
		"content/articles/att-tmobile-towers.md": `---
title: "AT&T and T-Mobile agree to share towers"
date: 2023-10-03T09:00:00Z
source: Wire Desk
---
Regulators in Washington cleared the plan on Tuesday.
`,
		"content/articles/a-talk-on-ports.md": `---
title: "A talk on ports and tides"
date: 2023-10-04T09:00:00Z
source: City Desk
---
The lecture drew a crowd of dockers.
`,
		"content/articles/late-mention.md": `---
title: "A long morning on the quays"
date: 2023-10-05T09:00:00Z
source: City Desk
---
` + filler + filler + "Then a ship from Zanzibar docked, a day early.\n",
		"content/articles/draft-zeppelin.md": `---
title: "A zeppelin over the bay"
date: 2023-10-06T09:00:00Z
source: City Desk
draft: true
---
A draft about a zeppelin.
`,
	}
	// 40 articles say "harbour crane", half of them late in the body,
	// one with "harbour" alone early; 12 have both words apart.
	for i := range 40 {
		body := "The harbour crane was repaired again this week."
		switch {
		case i == 0:
			body = "The harbour was calm. " + filler + "Later the harbour crane failed."
		case i%2 == 1:
			body = filler + "By noon the harbour crane was working."
		}
		files[fmt.Sprintf("content/articles/crane-%02d.md", i)] = fmt.Sprintf("---\ntitle: \"Dock report %d\"\ndate: 2023-11-%02dT%02d:00:00Z\nsource: Crane Desk\n---\n%s\n", i, 1+i%28, 1+i/28, body)
	}
	for i := range 12 {
		files[fmt.Sprintf("content/articles/apart-%02d.md", i)] = fmt.Sprintf("---\ntitle: \"Quay note %d\"\ndate: 2023-12-%02dT09:00:00Z\nsource: Crane Desk\n---\nA crane stood idle while the harbour filled with fog.\n", i, 1+i)
	}
	return files
}

// TestSearchForms: what a newcomer types finds what they mean. Another
// form of a word that no article has as typed finds the articles with
// its stem; names like AT&T and U.S. are found as written; a phrase is
// counted truly, all its articles reachable page by page, its snippet
// quoting the phrase; a match past the start of an article is quoted in
// its snippet; the last word's own forms are highlighted while typing;
// Enter in another page's search box puts the focus where the next Tab
// reaches the first result; and a draft (in a preview with drafts) is
// marked as one.
func TestSearchForms(t *testing.T) {
	browser := NewBrowser(t)
	dir, model := buildSiteWith(t, os.DirFS(exampleWith(t, formsArticles())), build.Options{Now: time.Now(), Drafts: true})
	site := serve(t, dir, model)
	ctx, w := tab(t, browser)
	eval := evaluator(t, ctx)
	const answered = `(function(){var s=document.getElementById("search-status");return s.textContent!==""&&s.textContent!=="Searching…"&&(document.querySelectorAll("#search-results li").length>0||/^No results/.test(s.textContent));})()`
	wait := func(q string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](answered)); err != nil {
			t.Fatalf("%s: waiting for results: %v (problems: %v)", q, err, w.take())
		}
	}
	titles := func() []string {
		if s := eval(`Array.from(document.querySelectorAll("#search-results h2")).map(function(h){return h.textContent}).join("\n")`); s != "" {
			return strings.Split(s, "\n")
		}
		return nil
	}
	search := func(q string) ([]string, string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		wait(q)
		return titles(), eval(`document.getElementById("search-status").textContent`)
	}

	// Forms no article has as typed.
	const stalled = "Port negotiations stalled over night shifts"
	for _, q := range []string{"negotiating", "stalling", "negotiating stalls"} {
		if got, status := search(q); !slices.Contains(got, stalled) {
			t.Errorf("%s: results %q, status %q; want %q", q, got, status, stalled)
		}
	}

	// Names with & and dots.
	const att = "AT&T and T-Mobile agree to share towers"
	for _, q := range []string{"AT&T", `"AT&T"`, "at&t", "at&t towers"} {
		got, status := search(q)
		if len(got) != 1 || got[0] != att || strings.Contains(status, "No article has") {
			t.Errorf("%s: results %q, status %q; want %q alone", q, got, status, att)
		}
	}
	got, status := search("U.S.")
	if len(got) == 0 || strings.Contains(status, "No article has") {
		t.Errorf("U.S.: results %q, status %q; want the example's articles on the U.S.", got, status)
	} else if !strings.Contains(got[0], "U.S.") {
		t.Errorf("U.S.: the first result is %q", got[0])
	}
	if marks := eval(`Array.from(document.querySelectorAll("#search-results h2 mark")).map(function(m){return m.textContent}).join(" ")`); !strings.Contains(marks, "U.S") {
		t.Errorf("U.S.: the titles' marked words are %q", marks)
	}

	// A phrase in more articles than a page: counted truly.
	got, status = search(`"harbour crane"`)
	if len(got) != 10 {
		t.Errorf(`"harbour crane": the first page has %d results, want 10 (status %q)`, len(got), status)
	}
	if m := strings.Fields(status); len(m) > 0 && m[0] != "At" && m[0] != "40" {
		t.Errorf(`"harbour crane": status %q; want 40 results, or at least the results shown`, status)
	}
	for range 10 {
		if eval(`String(document.getElementById("search-more").hidden)`) == "true" {
			break
		}
		n := len(titles())
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#search-more"))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelectorAll("#search-results li").length > %d || document.getElementById("search-more").hidden`, n))); err != nil {
			t.Fatal(err)
		}
	}
	got = titles()
	status = eval(`document.getElementById("search-status").textContent`)
	if len(got) != 40 || !strings.HasPrefix(status, "40 results") {
		t.Errorf(`"harbour crane", every page: %d results, status %q; want the 40 articles that say it`, len(got), status)
	}
	for _, g := range got {
		if strings.HasPrefix(g, "Quay note") {
			t.Errorf(`"harbour crane" found %q, which has the words apart`, g)
		}
	}
	if sn := eval(`Array.from(document.querySelectorAll("#search-results li")).filter(function(li){return li.querySelector("h2").textContent==="Dock report 0"}).map(function(li){return li.querySelector(".snippet").textContent}).join("")`); !strings.Contains(sn, "harbour crane") {
		t.Errorf(`"harbour crane": the snippet of Dock report 0 is %q; want the phrase quoted`, sn)
	}

	// A match past the start of the body is quoted and marked.
	if got, _ := search("zanzibar"); len(got) != 1 {
		t.Fatalf("zanzibar found %q, want the one article", got)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`Array.from(document.querySelectorAll("#search-results .snippet mark")).some(function(m){return m.textContent==="Zanzibar"})`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Errorf("zanzibar: the snippet %q does not quote the match", eval(`document.querySelector("#search-results .snippet").textContent`))
	}

	// While typing, the word's own other forms are highlighted.
	if got, _ := search("talks"); !slices.Contains(got, "A talk on ports and tides") {
		t.Fatalf("talks found %q, want the article with talk", got)
	}
	marks := eval(`Array.from(document.querySelectorAll("#search-results li")).filter(function(li){return li.querySelector("h2").textContent==="A talk on ports and tides"}).map(function(li){return Array.from(li.querySelectorAll("mark")).map(function(m){return m.textContent}).join(" ")}).join("")`)
	if !strings.Contains(strings.ToLower(marks), "talk") {
		t.Errorf("talks (as typed): the result with talk marks %q, want talk", marks)
	}

	// Drafts are marked.
	if got, _ := search("zeppelin"); len(got) != 1 {
		t.Fatalf("zeppelin found %q, want the draft", got)
	}
	if d := eval(`(document.querySelector("#search-results .meta .draft")||{}).textContent||""`); d != "Draft" {
		t.Errorf("the draft's result is not marked as one: %q", eval(`document.querySelector("#search-results .meta").textContent`))
	}

	// Enter in the masthead box of another page: focus on the status line,
	// and the next Tab reaches the first result.
	err := chromedp.Do(ctx, chromedp.Navigate(site+"articles/"), chromedp.SendKeys(chromedp.CSS("#site-search-q"), "balloon"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("\r"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`location.pathname.indexOf("/search/") >= 0 && document.activeElement && document.activeElement.id === "search-status"`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("after Enter in the masthead box, at %s focus is on %q", eval(`location.href`), eval(`document.activeElement ? document.activeElement.id || document.activeElement.tagName : "nothing"`))
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	first := eval(`document.querySelector("#search-results h2 a").href`)
	if f := eval(`document.activeElement.href || document.activeElement.id || document.activeElement.tagName`); f != first {
		t.Errorf("one Tab after the results came: focus on %q, want the first result %s", f, first)
	}
	if p := w.take(); len(p) > 0 {
		t.Errorf("the search pages have problems:\n  %s", strings.Join(p, "\n  "))
	}
}
