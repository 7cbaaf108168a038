package sources

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/brief-ssg/brief/internal/safetext"
	"github.com/brief-ssg/brief/internal/site"
)

// maxOPMLBytes bounds an OPML file: a reader's whole list of thousands
// of feeds is a few MB.
const maxOPMLBytes = 16 << 20

// opml is an OPML 1.0 or 2.0 document, as feed readers (Miniflux,
// FreshRSS, Feedly, NetNewsWire…) export their subscriptions.
type opml struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    struct {
		Title string `xml:"title"`
	} `xml:"head"`
	Body struct {
		Outlines []outline `xml:"outline"`
	} `xml:"body"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	URL      string    `xml:"url,attr,omitempty"`
	Category string    `xml:"category,attr,omitempty"`
	Outlines []outline `xml:"outline"`
}

// ReadOPML reads the subscriptions of an OPML file: each outline with an
// xmlUrl is a source, named by its title (or text), filed under the
// category of the folder outline it is in, with no type (brief fetch
// detects it: a reader calls anything it follows "rss"); an outline of
// type link with a url (as ExportOPML writes sitemaps and pages) is a
// source of the type its category says, else a page. Folders nest; the innermost names the
// category. The sources come in document order, one per URL.
func ReadOPML(r io.Reader) ([]site.Source, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxOPMLBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxOPMLBytes {
		return nil, fmt.Errorf("over %d MB: not a list of feeds", maxOPMLBytes>>20)
	}
	var doc opml
	if err := decodeXML(data, &doc); err != nil {
		return nil, fmt.Errorf("not an OPML file: %w", err)
	}
	var out []site.Source
	seen := map[string]bool{}
	var walk func(os []outline, folder string, depth int)
	walk = func(os []outline, folder string, depth int) {
		if depth > 32 {
			return
		}
		for _, o := range os {
			name := strings.TrimSpace(o.Title)
			if name == "" {
				name = strings.TrimSpace(o.Text)
			}
			src := site.Source{Name: safetext.Line(name), Category: safetext.Line(folder)}
			switch {
			case strings.TrimSpace(o.XMLURL) != "":
				src.URL = strings.TrimSpace(o.XMLURL)
			case strings.EqualFold(o.Type, "link") && strings.TrimSpace(o.URL) != "":
				src.URL, src.Type = strings.TrimSpace(o.URL), site.SourcePage
				if t, ok := strings.CutPrefix(o.Category, "brief:"); ok && t == site.SourceSitemap {
					src.Type = site.SourceSitemap
				}
			default:
				sub := folder
				if name != "" && len(o.Outlines) > 0 {
					sub = name
				}
				walk(o.Outlines, sub, depth+1)
				continue
			}
			if k := Key(src.URL); k != "" && !seen[k] {
				seen[k] = true
				out = append(out, src)
			}
			walk(o.Outlines, folder, depth+1)
		}
	}
	walk(doc.Body.Outlines, "", 0)
	return out, nil
}

// ExportOPML writes the sources as OPML 2.0, the form every feed reader
// imports: feeds as rss outlines, sitemaps and pages as link outlines (a
// reader skips those; ReadOPML reads them back), a source of no known
// type as an outline with its xmlUrl and no type, each in a folder
// outline named by its category. title names the list. A source's type
// is its own, else the one a fetch detected (see State.Typed).
func ExportOPML(w io.Writer, title string, srcs []site.Source) error {
	doc := opml{Version: "2.0"}
	doc.Head.Title = title
	folders := map[string]int{}
	add := func(category string, o outline) {
		if category == "" {
			doc.Body.Outlines = append(doc.Body.Outlines, o)
			return
		}
		i, ok := folders[category]
		if !ok {
			i = len(doc.Body.Outlines)
			folders[category] = i
			doc.Body.Outlines = append(doc.Body.Outlines, outline{Text: category, Title: category})
		}
		doc.Body.Outlines[i].Outlines = append(doc.Body.Outlines[i].Outlines, o)
	}
	for _, s := range srcs {
		o := outline{Text: s.Name, Title: s.Name}
		switch s.Type {
		case site.SourceSitemap:
			o.Type, o.URL, o.Category = "link", s.URL, "brief:"+site.SourceSitemap
		case site.SourcePage:
			o.Type, o.URL = "link", s.URL
		case site.SourceFeed:
			o.Type, o.XMLURL = "rss", s.URL
		default:
			o.XMLURL = s.URL
		}
		add(s.Category, o)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// Unlisted returns the sources of read that have does not list yet, in order,
// each named apart from every other: a second source of one name (two
// feeds of an outlet often share a title in a reader) becomes "Name (2)"
// or the next free number. skipped counts those of
// read already in have, or repeated in read, by address (see Key).
func Unlisted(have, read []site.Source) (add []site.Source, skipped int) {
	known := map[string]bool{}
	names := map[string]bool{}
	for _, s := range have {
		known[Key(s.URL)] = true
		names[s.Name] = true
	}
	for _, s := range read {
		if known[Key(s.URL)] {
			skipped++
			continue
		}
		base := s.Name
		for n := 2; s.Name == "" || names[s.Name]; n++ {
			s.Name = fmt.Sprintf("%s (%d)", base, n)
		}
		names[s.Name] = true
		known[Key(s.URL)] = true
		add = append(add, s)
	}
	return add, skipped
}
