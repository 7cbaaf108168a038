package browsertest

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// chineseArticle is added to the example site for the search tests: the
// example has no article in a language written without spaces.
const chineseArticle = `---
title: "中美经贸磋商在华盛顿重启"
date: 2023-08-28T09:00:00-04:00
source: 太平洋观察
language: zh
tags: [Trade]
---
两国商务部门同意建立新的沟通渠道，讨论出口管制和投资审查等问题。分析人士认为，这是中美贸易关系回暖的信号。
`

// exampleWith copies the example site (site.yaml, content/, templates/,
// static/) into a temp folder, adds files, and returns the folder.
func exampleWith(t *testing.T, extra map[string]string) string {
	t.Helper()
	root, dir := sitetest.RepoRoot(t), t.TempDir()
	for _, name := range []string{"content", "templates", "static"} {
		sub, err := fs.Sub(os.DirFS(root), name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(dir, name), sub); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{"site.yaml": string(readFile(t, root, "site.yaml"))}
	for n, data := range extra {
		files[n] = data
	}
	for n, data := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// evaluator returns a function that evaluates a JavaScript expression
// of string value in ctx's page, failing the test on an error.
func evaluator(t *testing.T, ctx context.Context) func(string) string {
	return func(expr string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return s
	}
}

// TestSearchInBrowser uses the search page the way a reader does: types
// into the masthead's box, sees results, narrows them with a filter,
// follows one; does it again with the keyboard alone; runs axe-core on
// the page with its results; finds a Chinese article by a substring; and
// checks what the page says without JavaScript and from the disk.
func TestSearchInBrowser(t *testing.T) {
	axe := AxeCore(t)
	browser := NewBrowser(t)
	src := exampleWith(t, map[string]string{"content/articles/zh-trade-talks.md": chineseArticle})
	dir, model := buildSite(t, os.DirFS(src))
	site := serve(t, dir, model)

	ctx, w := tab(t, browser)
	eval := evaluator(t, ctx)
	// results waits until the search has answered (its status is no
	// longer "Searching…") and returns the results' titles.
	results := func() []string {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(function(){var s=document.getElementById("search-status");return s&&new URLSearchParams(location.search).get("q")===document.getElementById("search-q").value&&s.textContent!==""&&s.textContent!=="Searching…"&&(document.querySelectorAll("#search-results li").length>0||/^No results/.test(s.textContent));})()`))
		if err != nil {
			t.Fatalf("waiting for search results: %v (problems: %v)", err, w.take())
		}
		titles := eval(`Array.from(document.querySelectorAll("#search-results h2")).map(function(h){return h.textContent}).join("\n")`)
		if titles == "" {
			return nil
		}
		return strings.Split(titles, "\n")
	}

	// Typed into the box on the home page, sent with Enter.
	err := chromedp.Do(ctx, desktop.action(), chromedp.Navigate(site),
		chromedp.SendKeys(chromedp.CSS("#site-search-q"), "balloon"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("\r"))); err != nil {
		t.Fatal(err)
	}
	if loc := eval("location.pathname + location.search"); loc != model.Site.Base.Path+"search/?q=balloon" {
		t.Fatalf("the search box went to %s", loc)
	}
	got := results()
	if len(got) == 0 {
		t.Fatalf("no results for balloon; status %q", eval(`document.getElementById("search-status").textContent`))
	}
	if !strings.Contains(strings.ToLower(got[0]), "balloon") {
		t.Errorf("the first result for balloon is %q", got[0])
	}
	if n := eval(`String(document.querySelectorAll("#search-results mark").length)`); n == "0" {
		t.Error("no word is highlighted in the results")
	}
	if meta := eval(`document.querySelector("#search-results .meta").textContent`); !strings.Contains(meta, "2023") {
		t.Errorf("a result's line under its title is %q, want its source, date and topics", meta)
	}

	// A filter narrows the results to its topic.
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "\b\b\b\b\b\b\bBeijing")); err != nil {
		t.Fatal(err)
	}
	all := results()
	var trade string
	for _, tp := range model.Site.Topics {
		if tp.Slug == "trade-and-technology" {
			trade = tp.Title
		}
	}
	if trade == "" {
		t.Fatal("the example site has no topic trade-and-technology")
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#search-more-options summary")),
		chromedp.SetValue(chromedp.CSS("#search-topic"), "trade-and-technology"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("search-topic").dispatchEvent(new Event("change", {bubbles: true}))`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`location.search.indexOf("topic=trade-and-technology") >= 0`)); err != nil {
		t.Fatal(err)
	}
	filtered := results()
	if len(filtered) == 0 || len(filtered) >= len(all) {
		t.Errorf("the topic filter left %d of %d results for Beijing", len(filtered), len(all))
	}
	metas := eval(`Array.from(document.querySelectorAll("#search-results .meta")).map(function(m){return m.textContent}).join("\n")`)
	for _, m := range strings.Split(metas, "\n") {
		if !strings.Contains(m, trade) {
			t.Errorf("a result filtered to %s is not in it: %q", trade, m)
		}
	}

	// axe-core on the page as it is now, results and filters shown.
	for _, vp := range []viewport{desktop, phone} {
		if err := chromedp.Do(ctx, vp.action()); err != nil {
			t.Fatal(err)
		}
		res, err := runAxe(ctx, axe)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Violations) > 0 {
			t.Errorf("search page (%s): %d axe violations:%s", vp.name, len(res.Violations), report(res.Violations))
		}
	}

	// Following a result opens its article.
	href := eval(`document.querySelector("#search-results h2 a").href`)
	title := filtered[0]
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("#search-results h2 a")))); err != nil {
		t.Fatal(err)
	}
	if loc := eval("location.href"); loc != href {
		t.Errorf("following the first result landed on %s, want %s", loc, href)
	}
	if h1 := strings.TrimSpace(eval(`document.querySelector("h1").textContent`)); h1 != title {
		t.Errorf("the result's article is headed %q, want %q", h1, title)
	}

	// Keyboard only: the box has focus after Tab stops, Down reaches the
	// first result, Enter follows it.
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/")); err != nil {
		t.Fatal(err)
	}
	for range 12 {
		if eval(`document.activeElement.id`) == "search-q" {
			break
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
	}
	if id := eval(`document.activeElement.id`); id != "search-q" {
		t.Fatalf("Tab never reached the search box (focus on %q)", id)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("taiwan")); err != nil {
		t.Fatal(err)
	}
	if got := results(); len(got) == 0 {
		t.Fatal("no results for taiwan typed from the keyboard")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	first := eval(`document.querySelector("#search-results h2 a").href`)
	if f := eval(`document.activeElement.href || document.activeElement.id`); f != first {
		t.Fatalf("Down from the box focused %q, want the first result %s", f, first)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("\r"))); err != nil {
		t.Fatal(err)
	}
	if loc := eval("location.href"); loc != first {
		t.Errorf("Enter on the first result landed on %s, want %s", loc, first)
	}

	// A phrase in quotes finds the articles that say it word for word;
	// a word with one typo finds the word.
	hrefs := func() string {
		return eval(`Array.from(document.querySelectorAll("#search-results h2 a")).map(function(a){return a.getAttribute("href")}).sort().join(" ")`)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/?q="+url.QueryEscape(`"surveillance balloon"`))); err != nil {
		t.Fatal(err)
	}
	results()
	if got, want := hrefs(), "../articles/balloon-shot-down-blinken-trip-postponed/ ../articles/blinken-beijing-visit-announced/"; got != want {
		t.Errorf(`"surveillance balloon" found %q, want %q`, got, want)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/?q=ballon")); err != nil {
		t.Fatal(err)
	}
	if got := results(); len(got) < 4 {
		t.Errorf("ballon (one letter short) found %q, want the four balloon articles", got)
	}
	if st := eval(`document.getElementById("search-status").textContent`); !strings.Contains(st, "ballon → balloon") {
		t.Errorf("the status does not say how ballon was read: %q", st)
	}

	// Chinese: two characters inside a longer run of text.
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/?q="+url.QueryEscape("贸易"))); err != nil {
		t.Fatal(err)
	}
	if got := results(); len(got) != 1 || got[0] != "中美经贸磋商在华盛顿重启" {
		t.Errorf("贸易 found %q, want the Chinese article alone", got)
	}
	if p := w.take(); len(p) > 0 {
		t.Errorf("the search pages have problems:\n  %s", strings.Join(p, "\n  "))
	}

	// Without JavaScript the page says so and links to the archive and
	// the tag index.
	noJS, w2 := tab(t, browser)
	err = chromedp.Do(noJS, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}), chromedp.Navigate(site+"search/"))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(noJS, chromedp.Evaluate[string](`(function(){var p=document.getElementById("search-nojs");return p.hidden?"":p.textContent+" "+Array.from(p.querySelectorAll("a")).map(function(a){return a.getAttribute("href")}).join(" ")})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "JavaScript") || !strings.Contains(msg, "../articles/") || !strings.Contains(msg, "../tags/") {
		t.Errorf("without JavaScript the search page says %q; want a note with links to the archive and the tag index", msg)
	}
	w2.take()

	// From the disk, fetch is refused: the page says so instead of
	// failing silently.
	disk, _ := tab(t, browser)
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "search", "index.html"))}).String()
	if err := chromedp.Do(disk, chromedp.Navigate(fileURL)); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(disk, chromedp.Evaluate[string](`(function(){var p=document.getElementById("search-file");return p.hidden?"":p.textContent})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(shown, "disk") {
		t.Errorf("opened from the disk, the search page says %q; want the note that search needs the site served", shown)
	}
}

// queryWordsArticles are added to the example site for
// TestSearchQueryWords: an acronym that spells a stop word, a word that
// starts with one ("theatre"), and "talks" in both.
var queryWordsArticles = map[string]string{
	"content/articles/who-measles.md": `---
title: "WHO warns of a long measles season"
date: 2023-09-01T09:00:00Z
source: Health Desk
---
Health officials held talks in Geneva on vaccine supplies. Who pays for them was left open.
`,
	"content/articles/theatre-reopens.md": `---
title: "The old theatre reopens after rent talks"
date: 2023-09-02T09:00:00Z
source: City Desk
---
The theatre's owners and the council ended their talks with a ten-year lease.
`,
}

// TestSearchQueryWords: what a reader types is read as a reader means it.
// Stop words are left out of a query, not reported missing nor completed
// as the start of a longer word; an acronym in capitals that spells one
// (WHO) is searched; a minus leaves out the articles with a word or a
// phrase; and in Chinese only the matching characters are highlighted.
func TestSearchQueryWords(t *testing.T) {
	browser := NewBrowser(t)
	extra := map[string]string{"content/articles/zh-trade-talks.md": chineseArticle}
	for n, data := range queryWordsArticles {
		extra[n] = data
	}
	dir, model := buildSite(t, os.DirFS(exampleWith(t, extra)))
	site := serve(t, dir, model)
	ctx, w := tab(t, browser)
	eval := evaluator(t, ctx)
	// search opens the search page for q and returns the results' titles
	// and the status line once the search has answered.
	search := func(q string) ([]string, string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(function(){var s=document.getElementById("search-status");return s.textContent!==""&&s.textContent!=="Searching…"&&(document.querySelectorAll("#search-results li").length>0||/^No results/.test(s.textContent));})()`))
		if err != nil {
			t.Fatalf("%s: waiting for results: %v (problems: %v)", q, err, w.take())
		}
		var titles []string
		if s := eval(`Array.from(document.querySelectorAll("#search-results h2")).map(function(h){return h.textContent}).join("\n")`); s != "" {
			titles = strings.Split(s, "\n")
		}
		return titles, eval(`document.getElementById("search-status").textContent`)
	}
	const who, theatre = "WHO warns of a long measles season", "The old theatre reopens after rent talks"

	// "the" alone: too common to search, and not the start of "theatre".
	got, status := search("the")
	if len(got) != 0 || !strings.Contains(status, "too common") {
		t.Errorf("the: results %q, status %q; want none and a note that the word is too common", got, status)
	}
	// "the talks" is "talks": nothing reported missing.
	talks, _ := search("talks")
	got, status = search("the talks")
	if !slices.Equal(got, talks) || strings.Contains(status, "No article has") {
		t.Errorf("the talks: results %q, status %q; want those of talks %q, with nothing missing", got, status, talks)
	}
	if !slices.Contains(talks, who) || !slices.Contains(talks, theatre) {
		t.Fatalf("talks found %q, want both added articles", talks)
	}
	// WHO in capitals is the acronym, not the stop word "who".
	got, status = search("WHO")
	if len(got) == 0 || got[0] != who {
		t.Errorf("WHO: results %q, status %q; want %q first", got, status, who)
	}
	// A minus leaves out the articles with a word, or with a phrase.
	got, status = search("talks -measles")
	if slices.Contains(got, who) || !slices.Contains(got, theatre) {
		t.Errorf("talks -measles: results %q; want %q left out and %q kept", got, who, theatre)
	}
	if !strings.Contains(status, "Left out articles with: measles") {
		t.Errorf("talks -measles: the status does not say what was left out: %q", status)
	}
	got, _ = search(`talks -"rent talks"`)
	if slices.Contains(got, theatre) || !slices.Contains(got, who) {
		t.Errorf(`talks -"rent talks": results %q; want %q left out and %q kept`, got, theatre, who)
	}
	got, _ = search(`talks -"measles rent"`)
	if !slices.Contains(got, theatre) || !slices.Contains(got, who) {
		t.Errorf(`talks -"measles rent" (said by no article): results %q; want both kept`, got)
	}
	// Chinese: the matched characters are marked, not the whole clause.
	if got, _ = search("贸易"); len(got) != 1 {
		t.Fatalf("贸易 found %q, want the Chinese article", got)
	}
	marks := eval(`Array.from(document.querySelectorAll("#search-results mark")).map(function(m){return m.textContent}).join(" ")`)
	if marks == "" || strings.Trim(strings.ReplaceAll(marks, "贸易", ""), " ") != "" {
		t.Errorf("贸易: the marked text is %q, want 贸易 alone", marks)
	}
	if p := w.take(); len(p) > 0 {
		t.Errorf("the search pages have problems:\n  %s", strings.Join(p, "\n  "))
	}
}
