package sources

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/site"
)

// TestOPMLRoundTrip reads the lists Miniflux, FreshRSS and Feedly write,
// adds them to a site.yaml, exports them and reads the export back: the
// same feeds, names and folders every time.
func TestOPMLRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		file, firstFolder string
	}{{"miniflux.opml", "All"}, {"freshrss.opml", "Uncategorized"}, {"feedly.opml", "Ports"}} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open("testdata/opml/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := ReadOPML(f)
			if err != nil {
				t.Fatal(err)
			}
			want := []site.Source{
				{Name: "Harbour Times", URL: "https://harbour.example/feed.xml", Category: tc.firstFolder},
				{Name: "Quayside Notes", URL: "https://quayside.example/atom.xml", Category: "Shipping"},
				{Name: "Tide & Weather", URL: "https://tides.example/rss?region=north", Category: "Shipping"},
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("read\n%+v\nwant\n%+v", got, want)
			}
			yaml, err := site.AppendSources("site.yaml", []byte("title: T\nbase_url: https://h.example/\n"), got)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := site.Parse("site.yaml", yaml)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := ExportOPML(&out, "T", cfg.Sources); err != nil {
				t.Fatal(err)
			}
			back, err := ReadOPML(&out)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, want) {
				t.Errorf("after export\n%+v\nwant\n%+v\n%s", back, want, out.String())
			}
		})
	}
}

func TestOPMLExportKinds(t *testing.T) {
	srcs := []site.Source{
		{Name: "News map", URL: "https://wire.example/news.xml", Type: "sitemap"},
		{Name: "Section", URL: "https://wire.example/world/", Type: "page", Category: "Wire"},
		{Name: `Odd "name" <x>`, URL: "https://odd.example/rss?a=1&b=2"},
	}
	var out bytes.Buffer
	if err := ExportOPML(&out, "T", srcs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `<opml version="2.0">`) || !strings.Contains(out.String(), `xmlUrl="https://odd.example/rss?a=1&amp;b=2"`) {
		t.Errorf("export:\n%s", out.String())
	}
	back, err := ReadOPML(&out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, srcs) {
		t.Errorf("back\n%+v\nwant\n%+v", back, srcs)
	}
	for _, bad := range []string{"", "<html><body>no</body></html>", "<opml><body><outline xmlUrl="} {
		if got, err := ReadOPML(strings.NewReader(bad)); err == nil && len(got) > 0 {
			t.Errorf("%q read as %+v", bad, got)
		}
	}
}

// TestOPMLRoundTripDetectedTypes exports sources that site.yaml gives no
// type: one a fetch read as a sitemap, one as a feed, one never read.
// Each comes back as what it is, and nothing unknown comes back a feed.
func TestOPMLRoundTripDetectedTypes(t *testing.T) {
	srcs := []site.Source{
		{Name: "Wire map", URL: "https://wire.example/news-sitemap.xml"},
		{Name: "Ledger", URL: "https://ledger.example/rss.xml"},
		{Name: "New one", URL: "https://new.example/latest"},
	}
	st := &State{Sources: map[string]*SourceState{
		srcs[0].URL: {Type: site.SourceSitemap},
		srcs[1].URL: {Type: site.SourceFeed},
	}}
	var out bytes.Buffer
	if err := ExportOPML(&out, "T", st.Typed(srcs)); err != nil {
		t.Fatal(err)
	}
	if strings.Count(out.String(), `type="rss"`) != 1 || strings.Contains(out.String(), `type="rss" xmlUrl="https://new.example`) {
		t.Errorf("export:\n%s\nwant only the feed as an rss outline", out.String())
	}
	back, err := ReadOPML(&out)
	if err != nil {
		t.Fatal(err)
	}
	want := []site.Source{
		{Name: "Wire map", URL: srcs[0].URL, Type: site.SourceSitemap},
		{Name: "Ledger", URL: srcs[1].URL},
		{Name: "New one", URL: srcs[2].URL},
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("back\n%+v\nwant\n%+v\n%s", back, want, out.String())
	}
	if srcs[0].Type != "" {
		t.Errorf("Typed changed the sources given")
	}
}

// TestUnlisted: an OPML import adds only feeds the site lacks, once each,
// and names every one apart.
func TestUnlisted(t *testing.T) {
	src := func(name, url string) site.Source { return site.Source{Name: name, URL: url} }
	tests := []struct {
		name        string
		have, read  []site.Source
		want        []site.Source
		wantSkipped int
	}{
		{"new feeds added in order",
			[]site.Source{src("Pier Post", "https://pier.example/feed")},
			[]site.Source{src("Valley Gazette", "https://valley.example/rss"), src("Harbour Times", "https://harbour.example/atom")},
			[]site.Source{src("Valley Gazette", "https://valley.example/rss"), src("Harbour Times", "https://harbour.example/atom")}, 0},
		{"a feed already listed is skipped, by address",
			[]site.Source{src("Pier Post", "https://pier.example/feed")},
			[]site.Source{src("Pier", "https://pier.example/feed")},
			nil, 1},
		{"a feed twice in the file is added once",
			nil,
			[]site.Source{src("A", "https://a.example/feed"), src("A again", "https://a.example/feed")},
			[]site.Source{src("A", "https://a.example/feed")}, 1},
		{"a name taken by the site gets a number",
			[]site.Source{src("Pier Post", "https://pier.example/feed")},
			[]site.Source{src("Pier Post", "https://pier.example/sport/feed"), src("Pier Post", "https://pier.example/arts/feed")},
			[]site.Source{src("Pier Post (2)", "https://pier.example/sport/feed"), src("Pier Post (3)", "https://pier.example/arts/feed")}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skipped := Unlisted(tt.have, tt.read)
			if !reflect.DeepEqual(got, tt.want) || skipped != tt.wantSkipped {
				t.Errorf("Unlisted = %+v, %d skipped; want %+v, %d", got, skipped, tt.want, tt.wantSkipped)
			}
		})
	}
}
