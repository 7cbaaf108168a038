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
				{Name: "Harbour Times", URL: "https://harbour.example/feed.xml", Type: "feed", Category: tc.firstFolder},
				{Name: "Quayside Notes", URL: "https://quayside.example/atom.xml", Type: "feed", Category: "Shipping"},
				{Name: "Tide & Weather", URL: "https://tides.example/rss?region=north", Type: "feed", Category: "Shipping"},
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
	srcs[2].Type = "feed"
	if !reflect.DeepEqual(back, srcs) {
		t.Errorf("back\n%+v\nwant\n%+v", back, srcs)
	}
	for _, bad := range []string{"", "<html><body>no</body></html>", "<opml><body><outline xmlUrl="} {
		if got, err := ReadOPML(strings.NewReader(bad)); err == nil && len(got) > 0 {
			t.Errorf("%q read as %+v", bad, got)
		}
	}
}
