package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/archive/warctest"
	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/extract"
	"github.com/brief-ssg/brief/internal/site"
)

// storyHTML is an article page of its own words (articleHTML's pages
// share most of theirs, which two pages of one site would learn as
// boilerplate); date, when set, is stated in the page.
func storyHTML(title, date string, paragraphs ...string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">`)
	if date != "" {
		b.WriteString(`<meta property="article:published_time" content="` + date + `">`)
	}
	b.WriteString(`<title>` + title + `</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>` + title + `</h1>`)
	for _, p := range paragraphs {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article><footer>News of the islands</footer></body></html>\n")
	return b.String()
}

func ferryStory() string {
	return storyHTML("Second evening ferry to the island", "",
		"The regional ferry company has added a second evening crossing to the island for the summer months, after a season in which cars were turned away almost every Friday.",
		"Islanders had asked for the extra sailing for years; the company said a second vessel, leased from a northern operator, made it possible without cutting the winter timetable.",
		"Tickets for the new crossing go on sale next week, and the company promised to publish figures on how full the boats are by the end of August.")
}

func timetableStory() string {
	return storyHTML("Summer timetable for the island ferry", "2024-02-20T07:00:00+01:00",
		"The summer timetable starts on the first of June and runs until the last weekend of August, with the first boat leaving the mainland at six in the morning.",
		"Cyclists travel free on weekday crossings, a change the council had pressed for after a survey of visitors last autumn.",
		"The harbour café will open an hour earlier to serve passengers on the first sailing, its owner told the local paper.")
}

// archivedCrawl is a crawl of news.example as a crawler records it: two
// article pages among records that are not articles.
func archivedCrawl() []warctest.Record {
	captured := time.Date(2024, 3, 5, 9, 15, 0, 0, time.UTC)
	return []warctest.Record{
		{Type: "request", URI: "https://news.example/ferry", Block: []byte("GET /ferry HTTP/1.1\r\nHost: news.example\r\n\r\n")},
		{Type: "response", URI: "https://news.example/ferry?utm_source=feed", Date: captured, Block: warctest.Response(200, []byte(ferryStory()), "Content-Type: text/html; charset=utf-8")},
		{Type: "response", URI: "https://news.example/style.css", Block: warctest.Response(200, []byte("body{}"), "Content-Type: text/css")},
		{Type: "revisit", URI: "https://news.example/ferry", Block: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")},
		{Type: "response", URI: "https://news.example/gone", Block: warctest.Response(404, []byte("<html><body><p>Not found</p></body></html>"), "Content-Type: text/html")},
		warctest.HTMLPage("https://news.example/timetable", timetableStory()),
	}
}

func TestImportArchives(t *testing.T) {
	gz := warctest.WARC(true, archivedCrawl()...)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"crawl.warc", warctest.WARC(false, archivedCrawl()...)},
		{"crawl.warc.gz", gz},
		{"crawl.wacz", warctest.WACZ(map[string][]byte{"crawl.warc.gz": gz}, false)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[int]map[string]string{}
			// Pages kept parsed between the passes, and pages read again
			// from the archive, give the same files.
			for _, budget := range []int{extract.DefaultKeepParsed, -1} {
				root, cfg := newSite(t)
				in := writeInput(t, t.TempDir(), tc.name, string(tc.data))
				opt := options(root, cfg)
				opt.KeepParsed = budget
				res, err := Import(context.Background(), []string{in}, opt)
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Reports) != 2 || res.Count(Imported) != 2 {
					t.Fatalf("reports %+v, want the two article pages imported", res.Reports)
				}
				ferry := readArticle(t, root, res.Reports[0].Path, cfg)
				if res.Reports[0].Input != in+"#https://news.example/ferry?utm_source=feed" || ferry.ScrapedFrom != res.Reports[0].Input {
					t.Errorf("input %q, scraped_from %q, want the archive and the address", res.Reports[0].Input, ferry.ScrapedFrom)
				}
				if ferry.SourceURL != "https://news.example/ferry" {
					t.Errorf("source_url %q, want the captured address without tracking", ferry.SourceURL)
				}
				if want := time.Date(2024, 3, 5, 9, 15, 0, 0, time.UTC); !ferry.Date.Equal(want) || ferry.DateFrom != content.DateFromCapture || ferry.Draft {
					t.Errorf("undated page: date %v (%q, draft %v), want the capture date %v", ferry.Date, ferry.DateFrom, ferry.Draft, want)
				}
				timetable := readArticle(t, root, res.Reports[1].Path, cfg)
				if want := time.Date(2024, 2, 20, 6, 0, 0, 0, time.UTC); !timetable.Date.Equal(want) || timetable.DateFrom != "" {
					t.Errorf("dated page: date %v (%q), want its own date %v", timetable.Date, timetable.DateFrom, want)
				}
				files[budget] = map[string]string{}
				for _, r := range res.Reports {
					data, err := os.ReadFile(filepath.Join(root, r.Path))
					if err != nil {
						t.Fatal(err)
					}
					// The archive's folder differs between the runs.
					files[budget][r.Path] = strings.ReplaceAll(string(data), filepath.Dir(in), "DIR")
				}
				// Importing the archive again finds every page imported.
				again, err := Import(context.Background(), []string{in}, opt)
				if err != nil {
					t.Fatal(err)
				}
				if again.Count(Duplicate) != 2 {
					t.Errorf("second import: %+v, want two duplicates", again.Reports)
				}
			}
			if !reflect.DeepEqual(files[-1], files[extract.DefaultKeepParsed]) {
				t.Errorf("kept parsed:\n%v\nread again:\n%v", files[extract.DefaultKeepParsed], files[-1])
			}
		})
	}
}

// TestImportBrokenArchive: a truncated archive, and one that is no archive
// at all, fail with a reason; the pages before the break and the other
// inputs import.
func TestImportBrokenArchive(t *testing.T) {
	root, cfg := newSite(t)
	dir := t.TempDir()
	full := warctest.WARC(true, archivedCrawl()...)
	inputs := []string{
		writeInput(t, dir, "cut.warc.gz", string(full[:len(full)-30])),
		writeInput(t, dir, "junk.warc", strings.Repeat("\x00garbage", 100)),
		writeInput(t, dir, "fake.wacz", "PK\x03\x04 not really a zip"),
		writeInput(t, dir, "ferry.html", articleHTML("Bus route to the ferry terminal")),
	}
	res, err := Import(context.Background(), inputs, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Reports {
		got = append(got, fmt.Sprintf("%s %v", strings.TrimPrefix(r.Input, dir+string(filepath.Separator)), r.Outcome))
		if r.Outcome == Failed && r.Err == nil {
			t.Errorf("%s failed with no reason", r.Input)
		}
	}
	want := []string{
		"cut.warc.gz#https://news.example/ferry?utm_source=feed 0",
		"cut.warc.gz 3",
		"junk.warc 3",
		"fake.wacz 3",
		"ferry.html 0",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reports (0 imported, 3 failed):\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, r := range res.Reports {
		if r.Outcome == Failed {
			t.Logf("%s: %v", r.Input, r.Err)
		}
	}
}

func TestImportSingleFile(t *testing.T) {
	root, cfg := newSite(t)
	page := strings.Replace(articleHTML("Night bus route to the harbour"), "<head>", `<!--
 Page saved with SingleFile 
 url: https://buses.example/night-route 
 saved date: Tue Mar 12 2024 21:40:05 GMT+0100 (Central European Standard Time)
--><head>`, 1)
	in := writeInput(t, t.TempDir(), "Night bus route (12_03_2024 21_40_05).html", page)
	r := only(t, mustImport(t, root, cfg, in), Imported)
	a := readArticle(t, root, r.Path, cfg)
	if a.SourceURL != "https://buses.example/night-route" {
		t.Errorf("source_url %q, want the address SingleFile saved the page from", a.SourceURL)
	}
	if want := time.Date(2024, 3, 12, 20, 40, 5, 0, time.UTC); !a.Date.Equal(want) || a.DateFrom != content.DateFromCapture {
		t.Errorf("date %v (%q), want the saved date %v", a.Date, a.DateFrom, want)
	}
}

func mustImport(t *testing.T, root string, cfg *site.Config, inputs ...string) *Result {
	t.Helper()
	res, err := Import(context.Background(), inputs, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestImportArchiveBox imports an ArchiveBox data folder: each snapshot
// is one page, read from its best copy, never ArchiveBox's own index
// pages or the other copies.
func TestImportArchiveBox(t *testing.T) {
	root, cfg := newSite(t)
	data := t.TempDir()
	writeInput(t, data, "index.html", "<html><body><h1>ArchiveBox index</h1></body></html>")
	snap := filepath.Join("archive", "1709640000.123")
	writeInput(t, data, filepath.Join(snap, "index.json"), `{
  "url": "https://news.example/ferry-tickets",
  "timestamp": "1709640000.123",
  "title": "Ferry tickets",
  "history": {
    "wget": [{"output": "news.example/ferry-tickets.html", "status": "succeeded"}],
    "singlefile": [{"output": "singlefile.html", "status": "failed"}]
  },
  "canonical": {"wget_path": "news.example/ferry-tickets.html", "dom_path": "output.html", "singlefile_path": "singlefile.html"}
}`)
	writeInput(t, data, filepath.Join(snap, "index.html"), "<html><body><h1>Snapshot of Ferry tickets</h1><p>Links to every copy.</p></body></html>")
	writeInput(t, data, filepath.Join(snap, "news.example", "ferry-tickets.html"), articleHTML("Tickets for the new ferry crossing"))
	writeInput(t, data, filepath.Join(snap, "output.html"), articleHTML("Tickets for the new ferry crossing"))
	// A snapshot whose copies all failed, and one whose index points
	// outside its folder.
	writeInput(t, data, filepath.Join("archive", "1709640100.0", "index.json"), `{"url": "https://news.example/broken", "timestamp": "1709640100.0"}`)
	writeInput(t, data, filepath.Join("archive", "1709640200.0", "index.json"), `{"url": "https://news.example/escape", "timestamp": "1709640200.0", "canonical": {"wget_path": "../../../index.html"}}`)

	res := mustImport(t, root, cfg, filepath.Join(data, "archive"))
	if len(res.Reports) != 3 || res.Reports[0].Outcome != Imported || res.Reports[1].Outcome != Failed || res.Reports[2].Outcome != Failed {
		t.Fatalf("reports %+v, want the first snapshot imported and the two others failed", res.Reports)
	}
	if want := filepath.Join(data, snap, "news.example", "ferry-tickets.html"); res.Reports[0].Input != want {
		t.Errorf("imported from %s, want wget's copy %s", res.Reports[0].Input, want)
	}
	a := readArticle(t, root, res.Reports[0].Path, cfg)
	if a.SourceURL != "https://news.example/ferry-tickets" || !a.Date.Equal(time.Unix(1709640000, 0)) || a.DateFrom != content.DateFromCapture {
		t.Errorf("source_url %q, date %v (%q); want the snapshot's address and time", a.SourceURL, a.Date, a.DateFrom)
	}
	for _, r := range res.Reports[1:] {
		if !strings.Contains(r.Err.Error(), "no HTML copy") {
			t.Errorf("%s: %v, want it to say the snapshot has no HTML copy", r.Input, r.Err)
		}
	}
}
