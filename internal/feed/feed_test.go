package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/golden"
)

const (
	home    = "https://brief.example.org/"
	selfURL = "https://brief.example.org/feed.xml"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
)

var (
	cst = time.FixedZone("CST", 8*60*60)
	est = time.FixedZone("EST", -5*60*60)
)

// sampleFeed is built afresh for every use so that a writer mutating its
// input cannot hide behind a shared fixture.
func sampleFeed() *Feed {
	return &Feed{
		Title:       "China Brief",
		Description: "Daily reading on U.S.–China relations.\nCurated by hand.",
		Language:    "en",
		HomeURL:     home,
		Author:      "Ada Editor",
		Items: []Item{
			{
				URL:         "https://brief.example.org/articles/xi-biden-summit/",
				Title:       "Xi & Biden meet in Woodside",
				Summary:     `Leaders agree to resume military talks; "guardrails", <em>not</em> markup.`,
				ContentHTML: "<p>The two leaders met for four hours.</p>\n<p><a href=\"https://brief.example.org/topics/diplomacy/\">More on diplomacy</a></p>",
				Published:   time.Date(2024, 11, 15, 18, 0, 0, 0, est),
				Updated:     time.Date(2024, 11, 16, 9, 30, 0, 0, cst),
				Authors:     []string{"Jane Reporter", "Li Wei"},
				Tags:        []string{"diplomacy", "military"},
				ExternalURL: "https://news.example.com/2024/11/15/xi-biden?ref=rss&x=1",
				Image:       "https://brief.example.org/img/summit.jpg",
				Source:      "Example News",
			},
			{
				URL:       "https://brief.example.org/articles/chip-controls/",
				Title:     "New export controls on chips",
				Published: time.Date(2024, 11, 14, 8, 0, 0, 0, time.UTC),
			},
		},
	}
}

func emptyFeed() *Feed {
	return &Feed{Title: "China Brief — Taiwan", HomeURL: "https://brief.example.org/topics/taiwan/"}
}

type writer struct {
	name  string
	write func(io.Writer, *Feed, string) error
}

var writers = []writer{
	{"atom", WriteAtom},
	{"rss", WriteRSS},
	{"json", WriteJSON},
}

func mustWrite(t *testing.T, w writer, f *Feed) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.write(&buf, f, selfURL); err != nil {
		t.Fatalf("%s: %v", w.name, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	feeds := []struct {
		name string
		feed func() *Feed
	}{
		{"site", sampleFeed},
		{"empty", emptyFeed},
	}
	for _, fc := range feeds {
		for _, w := range writers {
			t.Run(fc.name+"."+w.name, func(t *testing.T) {
				golden.Check(t, filepath.Join("testdata", fc.name+"."+w.name+".golden"), mustWrite(t, w, fc.feed()))
			})
		}
	}
}

// Structs for reading the output back. Tags name namespaces explicitly, so
// an element in the wrong namespace is simply not found.

type atomFeed struct {
	XMLName  xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	IDs      []string     `xml:"http://www.w3.org/2005/Atom id"`
	Titles   []atomText   `xml:"http://www.w3.org/2005/Atom title"`
	Subtitle []atomText   `xml:"http://www.w3.org/2005/Atom subtitle"`
	Updated  []string     `xml:"http://www.w3.org/2005/Atom updated"`
	Authors  []atomPerson `xml:"http://www.w3.org/2005/Atom author"`
	Links    []atomLink   `xml:"http://www.w3.org/2005/Atom link"`
	Entries  []atomEntry  `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomEntry struct {
	IDs        []string     `xml:"http://www.w3.org/2005/Atom id"`
	Titles     []atomText   `xml:"http://www.w3.org/2005/Atom title"`
	Updated    []string     `xml:"http://www.w3.org/2005/Atom updated"`
	Published  []string     `xml:"http://www.w3.org/2005/Atom published"`
	Links      []atomLink   `xml:"http://www.w3.org/2005/Atom link"`
	Authors    []atomPerson `xml:"http://www.w3.org/2005/Atom author"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"http://www.w3.org/2005/Atom category"`
	Summary   []atomText `xml:"http://www.w3.org/2005/Atom summary"`
	Content   []atomText `xml:"http://www.w3.org/2005/Atom content"`
	Thumbnail []struct {
		URL string `xml:"url,attr"`
	} `xml:"http://search.yahoo.com/mrss/ thumbnail"`
}

// atomText records child elements so that a test can tell escaped text
// from live markup.
type atomText struct {
	Type     string `xml:"type,attr"`
	Text     string `xml:",chardata"`
	Children []struct {
		XMLName xml.Name
	} `xml:",any"`
}

type atomPerson struct {
	Names []string `xml:"http://www.w3.org/2005/Atom name"`
}

type atomLink struct {
	Rel   string `xml:"rel,attr"`
	Type  string `xml:"type,attr"`
	Href  string `xml:"href,attr"`
	Title string `xml:"title,attr"`
}

type rssDoc struct {
	XMLName  xml.Name     `xml:"rss"`
	Version  string       `xml:"version,attr"`
	Channels []rssChannel `xml:"channel"`
}

type rssChannel struct {
	Titles        []string  `xml:"title"`
	Links         []rssLink `xml:"link"` // both RSS <link> and atom:link
	Descriptions  []string  `xml:"description"`
	Language      []string  `xml:"language"`
	LastBuildDate []string  `xml:"lastBuildDate"`
	Creators      []string  `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Titles []atomText `xml:"title"`
	Links  []rssLink  `xml:"link"`
	GUIDs  []struct {
		IsPermaLink string `xml:"isPermaLink,attr"`
		Text        string `xml:",chardata"`
	} `xml:"guid"`
	PubDates     []string   `xml:"pubDate"`
	Creators     []string   `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Categories   []string   `xml:"category"`
	Descriptions []atomText `xml:"description"`
	Encoded      []atomText `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Thumbnail    []struct {
		URL string `xml:"url,attr"`
	} `xml:"http://search.yahoo.com/mrss/ thumbnail"`
}

type rssLink struct {
	XMLName xml.Name
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
	Type    string `xml:"type,attr"`
	Title   string `xml:"title,attr"`
	Text    string `xml:",chardata"`
}

// htmlEscaped is what the plain-text summary must look like as HTML text.
func htmlEscaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// split separates plain RSS <link> elements from atom:link ones, which share
// the local name.
func split(links []rssLink) (plain []string, atom []rssLink) {
	for _, l := range links {
		switch l.XMLName.Space {
		case "":
			plain = append(plain, l.Text)
		case nsAtom:
			atom = append(atom, l)
		}
	}
	return plain, atom
}

// jsonDoc lists exactly the JSON Feed 1.1 keys; decoding with
// DisallowUnknownFields catches a misspelt key.
type jsonDoc struct {
	Version     string           `json:"version"`
	Title       string           `json:"title"`
	HomePageURL string           `json:"home_page_url"`
	FeedURL     string           `json:"feed_url"`
	Description string           `json:"description"`
	Language    string           `json:"language"`
	Authors     []map[string]any `json:"authors"`
	Items       []struct {
		ID            string           `json:"id"`
		URL           string           `json:"url"`
		ExternalURL   string           `json:"external_url"`
		Title         string           `json:"title"`
		ContentHTML   *string          `json:"content_html"`
		ContentText   *string          `json:"content_text"`
		Summary       string           `json:"summary"`
		Image         string           `json:"image"`
		DatePublished string           `json:"date_published"`
		DateModified  string           `json:"date_modified"`
		Tags          []string         `json:"tags"`
		Authors       []map[string]any `json:"authors"`
	} `json:"items"`
}

// wellFormed reads every token with the strict decoder, which rejects
// malformed markup, undeclared prefixes, invalid UTF-8 and characters
// outside XML 1.0.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, data)
		}
	}
}

func parseAtom(t *testing.T, data []byte) atomFeed {
	t.Helper()
	wellFormed(t, data)
	var f atomFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("atom: %v", err)
	}
	return f
}

func parseRSS(t *testing.T, data []byte) rssChannel {
	t.Helper()
	wellFormed(t, data)
	var r rssDoc
	if err := xml.Unmarshal(data, &r); err != nil {
		t.Fatalf("rss: %v", err)
	}
	if r.Version != "2.0" {
		t.Errorf("rss version = %q, want 2.0", r.Version)
	}
	if len(r.Channels) != 1 {
		t.Fatalf("rss has %d channels, want 1", len(r.Channels))
	}
	return r.Channels[0]
}

func parseJSON(t *testing.T, data []byte) jsonDoc {
	t.Helper()
	if !utf8.Valid(data) {
		t.Fatal("json: invalid UTF-8")
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	var f jsonDoc
	if err := d.Decode(&f); err != nil {
		t.Fatalf("json: %v\n%s", err, data)
	}
	return f
}

// one fails unless exactly one element of a required singleton was found.
func one[T any](t *testing.T, what string, v []T) T {
	t.Helper()
	if len(v) != 1 {
		var zero T
		t.Errorf("%s: found %d, want exactly 1", what, len(v))
		return zero
	}
	return v[0]
}

func checkTime(t *testing.T, what, got, layout string, want time.Time) {
	t.Helper()
	if g := want.Format(layout); got != g {
		t.Errorf("%s = %q, want %q", what, got, g)
	}
	if _, err := time.Parse(layout, got); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

func TestAtomFields(t *testing.T) {
	in := sampleFeed()
	f := parseAtom(t, mustWrite(t, writers[0], in))

	if f.Lang != "en" {
		t.Errorf("xml:lang = %q", f.Lang)
	}
	if got := one(t, "feed id", f.IDs); got != selfURL {
		t.Errorf("feed id = %q, want the feed's own URL", got)
	}
	if got := one(t, "feed title", f.Titles); got.Text != "China Brief" || got.Type != "" {
		t.Errorf("feed title = %+v", got)
	}
	if got := one(t, "feed subtitle", f.Subtitle); got.Text != in.Description {
		t.Errorf("feed subtitle = %q", got.Text)
	}
	// Updated is derived from the newest item when the caller leaves it zero.
	checkTime(t, "feed updated", one(t, "feed updated", f.Updated), time.RFC3339, in.Items[0].Updated)
	if got := one(t, "feed author", f.Authors); one(t, "feed author name", got.Names) != "Ada Editor" {
		t.Errorf("feed author = %+v", got)
	}
	wantLinks := []atomLink{
		{Rel: "self", Type: "application/atom+xml", Href: selfURL},
		{Rel: "alternate", Type: "text/html", Href: home},
	}
	if !reflect.DeepEqual(f.Links, wantLinks) {
		t.Errorf("feed links = %+v, want %+v", f.Links, wantLinks)
	}

	if len(f.Entries) != len(in.Items) {
		t.Fatalf("%d entries, want %d", len(f.Entries), len(in.Items))
	}
	e := f.Entries[0]
	src := in.Items[0]
	if got := one(t, "entry id", e.IDs); got != src.URL {
		t.Errorf("entry id = %q", got)
	}
	if got := one(t, "entry title", e.Titles); got.Text != src.Title || got.Type != "" {
		t.Errorf("entry title = %+v", got)
	}
	checkTime(t, "entry updated", one(t, "entry updated", e.Updated), time.RFC3339, src.Updated)
	checkTime(t, "entry published", one(t, "entry published", e.Published), time.RFC3339, src.Published)
	wantLinks = []atomLink{
		{Rel: "alternate", Type: "text/html", Href: src.URL},
		{Rel: "related", Href: src.ExternalURL, Title: "Example News"},
	}
	if !reflect.DeepEqual(e.Links, wantLinks) {
		t.Errorf("entry links = %+v, want %+v", e.Links, wantLinks)
	}
	var authors []string
	for _, a := range e.Authors {
		authors = append(authors, one(t, "author name", a.Names))
	}
	if !reflect.DeepEqual(authors, src.Authors) {
		t.Errorf("entry authors = %q", authors)
	}
	var terms []string
	for _, c := range e.Categories {
		terms = append(terms, c.Term)
	}
	if !reflect.DeepEqual(terms, src.Tags) {
		t.Errorf("entry categories = %q", terms)
	}
	if got := one(t, "summary", e.Summary); got.Text != src.Summary || got.Type != "" || len(got.Children) != 0 {
		t.Errorf("summary = %+v", got)
	}
	if got := one(t, "content", e.Content); got.Text != src.ContentHTML || got.Type != "html" || len(got.Children) != 0 {
		t.Errorf("content = %+v, want escaped HTML with type=html", got)
	}
	if got := one(t, "media:thumbnail", e.Thumbnail); got.URL != src.Image {
		t.Errorf("thumbnail = %q", got.URL)
	}

	// The bare item: never updated, no authors (the feed's author covers
	// it), no summary or content (the alternate link suffices).
	e = f.Entries[1]
	src = in.Items[1]
	checkTime(t, "bare entry updated", one(t, "bare entry updated", e.Updated), time.RFC3339, src.Published)
	if len(e.Authors)+len(e.Summary)+len(e.Content)+len(e.Categories)+len(e.Thumbnail) != 0 {
		t.Errorf("bare entry has optional elements: %+v", e)
	}
}

func TestRSSFields(t *testing.T) {
	in := sampleFeed()
	ch := parseRSS(t, mustWrite(t, writers[1], in))

	if got := one(t, "title", ch.Titles); got != "China Brief" {
		t.Errorf("title = %q", got)
	}
	plain, atom := split(ch.Links)
	if got := one(t, "link", plain); got != home {
		t.Errorf("link = %q", got)
	}
	if got := one(t, "atom:link", atom); got.Rel != "self" || got.Href != selfURL || got.Type != "application/rss+xml" {
		t.Errorf("atom:link = %+v", got)
	}
	if got := one(t, "description", ch.Descriptions); got != in.Description {
		t.Errorf("description = %q", got)
	}
	if got := one(t, "language", ch.Language); got != "en" {
		t.Errorf("language = %q", got)
	}
	checkTime(t, "lastBuildDate", one(t, "lastBuildDate", ch.LastBuildDate), time.RFC1123Z, in.Items[0].Updated)
	if got := one(t, "channel dc:creator", ch.Creators); got != "Ada Editor" {
		t.Errorf("channel dc:creator = %q", got)
	}

	if len(ch.Items) != len(in.Items) {
		t.Fatalf("%d items, want %d", len(ch.Items), len(in.Items))
	}
	it := ch.Items[0]
	src := in.Items[0]
	if got := one(t, "item title", it.Titles); got.Text != src.Title {
		t.Errorf("item title = %q", got.Text)
	}
	plain, atom = split(it.Links)
	if got := one(t, "item link", plain); got != src.URL {
		t.Errorf("item link = %q", got)
	}
	if got := one(t, "item atom:link", atom); got.Rel != "related" || got.Href != src.ExternalURL || got.Title != "Example News" {
		t.Errorf("item atom:link = %+v", got)
	}
	if got := one(t, "guid", it.GUIDs); got.Text != src.URL || got.IsPermaLink != "true" {
		t.Errorf("guid = %+v", got)
	}
	// RSS carries publication only; the revision shows in lastBuildDate.
	checkTime(t, "pubDate", one(t, "pubDate", it.PubDates), time.RFC1123Z, src.Published)
	if !reflect.DeepEqual(it.Creators, src.Authors) {
		t.Errorf("dc:creator = %q", it.Creators)
	}
	if !reflect.DeepEqual(it.Categories, src.Tags) {
		t.Errorf("categories = %q", it.Categories)
	}
	// description is HTML to readers, so the plain summary arrives escaped.
	if got := one(t, "item description", it.Descriptions); got.Text != htmlEscaped(src.Summary) {
		t.Errorf("description = %q, want HTML-escaped summary", got.Text)
	}
	if got := one(t, "content:encoded", it.Encoded); got.Text != src.ContentHTML || len(got.Children) != 0 {
		t.Errorf("content:encoded = %+v", got)
	}
	if got := one(t, "media:thumbnail", it.Thumbnail); got.URL != src.Image {
		t.Errorf("thumbnail = %q", got.URL)
	}

	it = ch.Items[1]
	if len(it.Creators)+len(it.Descriptions)+len(it.Encoded)+len(it.Categories)+len(it.Thumbnail) != 0 {
		t.Errorf("bare item has optional elements: %+v", it)
	}
	if _, atom := split(it.Links); len(atom) != 0 {
		t.Errorf("bare item has atom:link: %+v", atom)
	}
}

func TestJSONFields(t *testing.T) {
	in := sampleFeed()
	data := mustWrite(t, writers[2], in)
	f := parseJSON(t, data)

	if f.Version != "https://jsonfeed.org/version/1.1" {
		t.Errorf("version = %q", f.Version)
	}
	if f.Title != "China Brief" || f.HomePageURL != home || f.FeedURL != selfURL ||
		f.Description != in.Description || f.Language != "en" {
		t.Errorf("feed fields = %q %q %q %q %q", f.Title, f.HomePageURL, f.FeedURL, f.Description, f.Language)
	}
	if !reflect.DeepEqual(f.Authors, []map[string]any{{"name": "Ada Editor"}}) {
		t.Errorf("authors = %v", f.Authors)
	}
	if len(f.Items) != len(in.Items) {
		t.Fatalf("%d items, want %d", len(f.Items), len(in.Items))
	}
	it := f.Items[0]
	src := in.Items[0]
	if it.ID != src.URL || it.URL != src.URL || it.ExternalURL != src.ExternalURL ||
		it.Title != src.Title || it.Summary != src.Summary || it.Image != src.Image {
		t.Errorf("item = %+v", it)
	}
	if it.ContentHTML == nil || *it.ContentHTML != src.ContentHTML || it.ContentText != nil {
		t.Errorf("content_html = %v, content_text = %v", it.ContentHTML, it.ContentText)
	}
	checkTime(t, "date_published", it.DatePublished, time.RFC3339, src.Published)
	checkTime(t, "date_modified", it.DateModified, time.RFC3339, src.Updated)
	if !reflect.DeepEqual(it.Tags, src.Tags) {
		t.Errorf("tags = %q", it.Tags)
	}
	if !reflect.DeepEqual(it.Authors, []map[string]any{{"name": "Jane Reporter"}, {"name": "Li Wei"}}) {
		t.Errorf("item authors = %v", it.Authors)
	}

	// One of content_html and content_text must be present (spec 1.1),
	// even for an item with neither summary nor content.
	it = f.Items[1]
	if it.ContentHTML != nil || it.ContentText == nil {
		t.Errorf("bare item: content_html = %v, content_text = %v", it.ContentHTML, it.ContentText)
	}
	if it.DateModified != "" || it.ExternalURL != "" || it.Image != "" || it.Tags != nil || it.Authors != nil {
		t.Errorf("bare item has optional fields: %+v", it)
	}
	if strings.Contains(string(data), `\u003c`) {
		t.Error("HTML is escaped as \\u003c; SetEscapeHTML(false) was lost")
	}
}

// TestLinksAbsolute walks every URL-bearing place in each format, so a new
// element with a relative link fails here even if no field test knows it.
func TestLinksAbsolute(t *testing.T) {
	isAbs := func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
	}
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			data := mustWrite(t, w, sampleFeed())
			var urls []string
			if w.name == "json" {
				var doc map[string]any
				if err := json.Unmarshal(data, &doc); err != nil {
					t.Fatal(err)
				}
				urls = jsonURLs(doc)
			} else {
				urls = xmlURLs(t, data)
			}
			if len(urls) < 8 {
				t.Fatalf("found only %d URLs: %q", len(urls), urls)
			}
			for _, u := range urls {
				if !isAbs(u) {
					t.Errorf("relative or non-http URL %q", u)
				}
			}
		})
	}
}

func xmlURLs(t *testing.T, data []byte) []string {
	var urls []string
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []xml.Name
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return urls
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name)
			for _, a := range tok.Attr {
				if a.Name.Local == "href" || a.Name.Local == "url" {
					urls = append(urls, a.Value)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue // whitespace around the root element
			}
			top := stack[len(stack)-1]
			switch {
			case top.Space == nsAtom && top.Local == "id",
				top.Space == "" && (top.Local == "link" || top.Local == "guid"):
				urls = append(urls, string(tok))
			}
		}
	}
}

func jsonURLs(v any) []string {
	var urls []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && (k == "id" || k == "image" || strings.HasSuffix(k, "url")) {
				urls = append(urls, s)
			}
			urls = append(urls, jsonURLs(x)...)
		}
	case []any:
		for _, x := range v {
			urls = append(urls, jsonURLs(x)...)
		}
	}
	return urls
}

func TestHostileText(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // as a title: one line, cleaned
	}{
		{"script", "<script>alert(1)</script>", "<script>alert(1)</script>"},
		{"cdata end", "a ]]> b", "a ]]> b"},
		{"markup", "<![CDATA[x]]><!-- c --><?pi x?>", "<![CDATA[x]]><!-- c --><?pi x?>"},
		{"entities stay literal", "&#0; &amp; &lt; &#x1;", "&#0; &amp; &lt; &#x1;"},
		{"quotes", `"double" 'single'`, `"double" 'single'`},
		{"control chars", "ctl\x00\x01\x08\x0b\x0c\x1b\x7f\u0085 end", "ctl end"},
		{"invalid utf-8", "bad \xff\xfe utf8 \xc3", "bad \ufffd utf8 \ufffd"},
		{"lone surrogate", "lone \xed\xa0\x80 surrogate", "lone \ufffd surrogate"},
		{"non-characters", "nonchar \ufffe\uffff ok \U0001F600", "nonchar ok \U0001F600"},
		{"bidi and zero-width", "ab\u202edc\u202c\u200b ok\ufeff", "abdc ok"},
		{"line breaks", "tab\there\r\nnew\rline\n", "tab here new line"},
	}
	for _, tt := range tests {
		f := &Feed{
			Title:       tt.in,
			Description: tt.in,
			HomeURL:     home,
			Author:      tt.in,
			Items: []Item{{
				URL:         "https://brief.example.org/articles/a/",
				Title:       tt.in,
				Summary:     tt.in,
				ContentHTML: tt.in,
				Published:   time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
				Authors:     []string{tt.in},
				Tags:        []string{tt.in},
				ExternalURL: "https://news.example.com/a",
				Source:      tt.in,
			}},
		}
		for _, w := range writers {
			t.Run(tt.name+"/"+w.name, func(t *testing.T) {
				data := mustWrite(t, w, f)
				if !utf8.Valid(data) {
					t.Fatal("output is not valid UTF-8")
				}
				var title string
				switch w.name {
				case "atom":
					if bytes.Contains(data, []byte("<script")) || bytes.Contains(data, []byte("]]>")) {
						t.Errorf("raw markup in output:\n%s", data)
					}
					e := one(t, "entry", parseAtom(t, data).Entries)
					ttl := one(t, "title", e.Titles)
					if len(ttl.Children) != 0 {
						t.Errorf("title holds elements %v", ttl.Children)
					}
					title = ttl.Text
					if got := one(t, "author", e.Authors); one(t, "name", got.Names) != tt.want {
						t.Errorf("author name = %q, want %q", got.Names, tt.want)
					}
				case "rss":
					if bytes.Contains(data, []byte("<script")) || bytes.Contains(data, []byte("]]>")) {
						t.Errorf("raw markup in output:\n%s", data)
					}
					it := one(t, "item", parseRSS(t, data).Items)
					title = one(t, "title", it.Titles).Text
					desc := one(t, "description", it.Descriptions)
					if strings.ContainsAny(desc.Text, "<>") || words(html.UnescapeString(desc.Text)) != words(tt.want) {
						t.Errorf("description %q would not render as the text %q", desc.Text, tt.want)
					}
				case "json":
					title = one(t, "item", parseJSON(t, data).Items).Title
				}
				if title != tt.want {
					t.Errorf("title = %q, want %q", title, tt.want)
				}
			})
		}
	}
}

// words compares text ignoring line breaks, which summaries may keep.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestEscapeAlone covers the last line of defence: text that never went
// through clean must still come out well-formed.
func TestEscapeAlone(t *testing.T) {
	x := newXMLWriter()
	x.open("r")
	raw := "a\x00\x01\ufffe\xff\xed\xa0\x80]]><&\"'\r\n\t"
	x.text("t", raw, "a", raw)
	x.close("r")
	wellFormed(t, []byte(x.b.String()))
	var r struct {
		T struct {
			A    string `xml:"a,attr"`
			Text string `xml:",chardata"`
		} `xml:"t"`
	}
	if err := xml.Unmarshal([]byte(x.b.String()), &r); err != nil {
		t.Fatal(err)
	}
	// Attribute tab and newline survive only if written as references.
	if want := "a\ufffd]]><&\"'\r\n\t"; r.T.A != want || r.T.Text != want {
		t.Errorf("got text %q attr %q, want %q", r.T.Text, r.T.A, want)
	}
}

func TestDeterministic(t *testing.T) {
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			in := sampleFeed()
			a := mustWrite(t, w, in)
			b := mustWrite(t, w, in)
			c := mustWrite(t, w, sampleFeed())
			if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
				t.Errorf("two writes differ:\n%s\n---\n%s\n---\n%s", a, b, c)
			}
			if !reflect.DeepEqual(in, sampleFeed()) {
				t.Error("writer modified its input")
			}
		})
	}
}

func TestEmptyFeed(t *testing.T) {
	in := emptyFeed()
	a := parseAtom(t, mustWrite(t, writers[0], in))
	if len(a.Entries) != 0 || one(t, "id", a.IDs) != selfURL {
		t.Errorf("atom: %+v", a)
	}
	// Without items or Updated the only clock-free date is the epoch.
	if got := one(t, "updated", a.Updated); got != "1970-01-01T00:00:00Z" {
		t.Errorf("atom updated = %q", got)
	}
	// Atom needs an author; the title stands in for a missing editor.
	if got := one(t, "author", a.Authors); one(t, "name", got.Names) != in.Title {
		t.Errorf("atom author = %+v", got)
	}

	r := parseRSS(t, mustWrite(t, writers[1], in))
	if len(r.Items) != 0 || len(r.LastBuildDate) != 0 {
		t.Errorf("rss: %+v", r)
	}
	if got := one(t, "description", r.Descriptions); got != in.Title {
		t.Errorf("rss description = %q, want the title as stand-in", got)
	}

	data := mustWrite(t, writers[2], in)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw["items"]) != "[]" {
		t.Errorf(`json items = %s, want []`, raw["items"])
	}
	if _, ok := raw["authors"]; ok {
		t.Error("json authors present without an author")
	}
}

func TestFeedUpdated(t *testing.T) {
	newest := sampleFeed().Items[0].Updated
	later := newest.Add(time.Hour)
	tests := []struct {
		name  string
		given time.Time
		want  time.Time
	}{
		{"zero takes newest item", time.Time{}, newest},
		{"older than items loses", newest.Add(-time.Hour), newest},
		{"newer than items wins", later, later},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := sampleFeed()
			f.Updated = tt.given
			a := parseAtom(t, mustWrite(t, writers[0], f))
			checkTime(t, "atom updated", one(t, "updated", a.Updated), time.RFC3339, tt.want)
			r := parseRSS(t, mustWrite(t, writers[1], f))
			checkTime(t, "rss lastBuildDate", one(t, "lastBuildDate", r.LastBuildDate), time.RFC1123Z, tt.want)
		})
	}
	f := emptyFeed()
	f.Updated = later
	a := parseAtom(t, mustWrite(t, writers[0], f))
	checkTime(t, "empty atom updated", one(t, "updated", a.Updated), time.RFC3339, later)
}

func TestTimes(t *testing.T) {
	lmt := time.FixedZone("LMT", 8*3600+5*60+43) // Shanghai before 1901
	tests := []struct {
		name              string
		published, update time.Time
		wantPub, wantUpd  string // RFC 3339; wantUpd empty means not revised
		wantRSS           string
	}{
		{"offset kept", time.Date(2024, 3, 1, 7, 0, 0, 0, cst), time.Time{},
			"2024-03-01T07:00:00+08:00", "", "Fri, 01 Mar 2024 07:00:00 +0800"},
		{"fraction dropped", time.Date(2024, 3, 1, 7, 0, 0, 999, est), time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC),
			"2024-03-01T07:00:00-05:00", "2024-03-02T00:00:00Z", "Fri, 01 Mar 2024 07:00:00 -0500"},
		{"seconds offset to UTC", time.Date(1900, 1, 1, 12, 0, 0, 0, lmt), time.Time{},
			"1900-01-01T03:54:17Z", "", "Mon, 01 Jan 1900 03:54:17 +0000"},
		{"update before publication ignored", time.Date(2024, 3, 1, 7, 0, 0, 0, time.UTC), time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
			"2024-03-01T07:00:00Z", "", "Fri, 01 Mar 2024 07:00:00 +0000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &Feed{Title: "T", HomeURL: home, Items: []Item{{
				URL: "https://brief.example.org/a/", Title: "A", Published: tt.published, Updated: tt.update,
			}}}
			e := one(t, "entry", parseAtom(t, mustWrite(t, writers[0], f)).Entries)
			wantUpd := tt.wantUpd
			if wantUpd == "" {
				wantUpd = tt.wantPub
			}
			if p, u := one(t, "published", e.Published), one(t, "updated", e.Updated); p != tt.wantPub || u != wantUpd {
				t.Errorf("atom published %q updated %q, want %q %q", p, u, tt.wantPub, wantUpd)
			}
			it := one(t, "item", parseRSS(t, mustWrite(t, writers[1], f)).Items)
			if got := one(t, "pubDate", it.PubDates); got != tt.wantRSS {
				t.Errorf("rss pubDate %q, want %q", got, tt.wantRSS)
			}
			ji := one(t, "item", parseJSON(t, mustWrite(t, writers[2], f)).Items)
			if ji.DatePublished != tt.wantPub || ji.DateModified != tt.wantUpd {
				t.Errorf("json published %q modified %q, want %q %q", ji.DatePublished, ji.DateModified, tt.wantPub, tt.wantUpd)
			}
		})
	}
}

func TestRejects(t *testing.T) {
	tests := []struct {
		name   string
		self   string
		modify func(*Feed)
	}{
		{"relative home", selfURL, func(f *Feed) { f.HomeURL = "/" }},
		{"schemeless home", selfURL, func(f *Feed) { f.HomeURL = "brief.example.org/" }},
		{"ftp home", selfURL, func(f *Feed) { f.HomeURL = "ftp://brief.example.org/" }},
		{"empty self", "", func(*Feed) {}},
		{"relative self", "feed.xml", func(*Feed) {}},
		{"relative item", selfURL, func(f *Feed) { f.Items[0].URL = "/articles/x/" }},
		{"hostless item", selfURL, func(f *Feed) { f.Items[0].URL = "https:///articles/x/" }},
		{"javascript item", selfURL, func(f *Feed) { f.Items[0].URL = "javascript:alert(1)" }},
		{"space in item", selfURL, func(f *Feed) { f.Items[0].URL = "https://brief.example.org/a b/" }},
		{"newline in item", selfURL, func(f *Feed) { f.Items[0].URL = "https://brief.example.org/a\n" }},
		{"protocol-relative external", selfURL, func(f *Feed) { f.Items[0].ExternalURL = "//news.example.com/x" }},
		{"relative image", selfURL, func(f *Feed) { f.Items[0].Image = "img/x.jpg" }},
		{"no date", selfURL, func(f *Feed) { f.Items[1].Published = time.Time{} }},
		{"year 10000", selfURL, func(f *Feed) { f.Items[1].Published = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"duplicate URL", selfURL, func(f *Feed) { f.Items[1].URL = f.Items[0].URL }},
		{"free-text language", selfURL, func(f *Feed) { f.Language = "English (US)" }},
	}
	for _, tt := range tests {
		for _, w := range writers {
			t.Run(tt.name+"/"+w.name, func(t *testing.T) {
				f := sampleFeed()
				tt.modify(f)
				var buf bytes.Buffer
				if err := w.write(&buf, f, tt.self); err == nil {
					t.Error("no error")
				}
				if buf.Len() != 0 {
					t.Errorf("wrote %d bytes despite the error", buf.Len())
				}
			})
		}
	}
	var buf bytes.Buffer
	if err := WriteAtom(&buf, nil, selfURL); err == nil {
		t.Error("nil feed: no error")
	}
}

func TestLanguageTag(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"en", true}, {"zh-Hans", true}, {"en-US", true}, {"es-419", true}, {"de-CH-1996", true},
		{"", false}, {"en_US", false}, {"en-", false}, {"1en", false}, {"English", true},
		{"english language", false}, {"en-abcdefghi", false}, {"zh-台湾", false},
	}
	for _, tt := range tests {
		if got := isLanguageTag(tt.in); got != tt.ok {
			t.Errorf("isLanguageTag(%q) = %v, want %v", tt.in, got, tt.ok)
		}
	}
}
