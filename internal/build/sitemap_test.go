package build

import (
	"encoding/xml"
	"net/url"
	"testing"

	"github.com/brief-ssg/brief/internal/site"
)

// TestSitemapIndex splits a sitemap past its limit: parts hold every page
// once, in order, and the index lists the parts, all as absolute URLs.
func TestSitemapIndex(t *testing.T) {
	base, _ := url.Parse("https://host.example/b/")
	m := &Model{Config: &site.Config{Base: base}}
	pages := []string{"", "a/", "b/", "c/", "d/"}
	urls := make([]sitemapURL, len(pages))
	for i, p := range pages {
		urls[i] = sitemapURL{Path: p}
	}
	files := map[string][]byte{}
	for _, j := range m.sitemapJobs(urls, 2) {
		data, err := j.run()
		if err != nil {
			t.Fatal(err)
		}
		files[j.name] = data
	}
	var index struct {
		Locs []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &index); err != nil {
		t.Fatal(err)
	}
	want := []string{"https://host.example/b/sitemap-1.xml", "https://host.example/b/sitemap-2.xml", "https://host.example/b/sitemap-3.xml"}
	if len(index.Locs) != len(want) {
		t.Fatalf("index lists %q, want %q", index.Locs, want)
	}
	var all []string
	for i, loc := range index.Locs {
		if loc != want[i] {
			t.Errorf("index entry %d = %q, want %q", i, loc, want[i])
		}
		var part struct {
			Locs []string `xml:"url>loc"`
		}
		if err := xml.Unmarshal(files[loc[len(base.String()):]], &part); err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		all = append(all, part.Locs...)
	}
	if len(all) != len(pages) {
		t.Fatalf("parts hold %d URLs, want %d", len(all), len(pages))
	}
	for i, p := range pages {
		if all[i] != base.String()+p {
			t.Errorf("URL %d = %q, want %q", i, all[i], base.String()+p)
		}
	}
	if _, ok := files["robots.txt"]; !ok {
		t.Error("robots.txt missing")
	}
}
