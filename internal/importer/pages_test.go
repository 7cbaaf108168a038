package importer

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/extract"
)

// undatedPage is an article page that gives no date of its own.
const undatedPage = `<!doctype html><html><head><title>Night ferry returns to the archipelago</title>
<link rel="canonical" href="https://ferries.example/night-ferry"></head><body><article>
<h1>Night ferry returns to the archipelago</h1>
<p>The night ferry between the outer islands runs again from Monday, after a winter in the yard where its engines were replaced.</p>
<p>Islanders had asked for the late crossing for years, and the county agreed to pay for two more seasons of it.</p>
<p>Timetables are posted at every pier and on the operator's site, with the first departure at half past eleven.</p>
</article></body></html>`

func TestImportPages(t *testing.T) {
	root, cfg := newSite(t)
	feedDate := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	pages := []Page{{
		Page:   extract.Page{Name: "https://ferries.example/night-ferry?utm_source=rss", URL: "https://ferries.example/night-ferry?utm_source=rss", Body: []byte(undatedPage), Date: feedDate, DateSource: "feed"},
		Topics: []string{"transport"},
	}}
	res, err := ImportPages(context.Background(), pages, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Imported)
	if r.Input != pages[0].Name || r.Undated {
		t.Errorf("report %+v", r)
	}
	a := readArticle(t, root, r.Path, cfg)
	if !a.Date.Equal(feedDate) || a.DateFrom != "feed" || a.Draft {
		t.Errorf("date %v from %q, draft %v; want the feed's date %v", a.Date, a.DateFrom, a.Draft, feedDate)
	}
	if !reflect.DeepEqual(a.Topics, []string{"transport"}) || len(a.ImportedTopics) != 0 {
		t.Errorf("topics %v (imported %v), want the editor's [transport]", a.Topics, a.ImportedTopics)
	}
	if _, ok := a.ImportHashes["topics"]; ok {
		t.Error("topics has an import hash: the build would take it for an old import's")
	}
	if a.SourceURL != "https://ferries.example/night-ferry" || a.ScrapedFrom != pages[0].Name {
		t.Errorf("source_url %q, scraped_from %q", a.SourceURL, a.ScrapedFrom)
	}

	// The same article through another address is a duplicate; a page
	// without a date and no date given is a draft, as with files.
	again := []Page{{Page: extract.Page{Name: "https://mirror.example/x", URL: "https://ferries.example/night-ferry", Body: []byte(undatedPage)}}}
	res, err = ImportPages(context.Background(), again, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Duplicate)
	other := strings.ReplaceAll(undatedPage, "night-ferry", "night-bus")
	other = strings.ReplaceAll(other, "ferry", "bus")
	res, err = ImportPages(context.Background(), []Page{{Page: extract.Page{Name: "n", URL: "https://ferries.example/night-bus", Body: []byte(other)}}}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if r := only(t, res, Imported); !r.Undated {
		t.Errorf("undated page without a given date: %+v", r)
	}
}
