package sitetest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/htmlcheck"
)

// AssertNoLiveMarkup checks every file of the last build as a reader's
// browser or feed reader would take it: no page may carry markup that runs
// code (htmlcheck); feeds must be well-formed, every text a feed reader
// may render as HTML must be as clean as a page, and every link in a feed
// must be a web address.
func (s *Site) AssertNoLiveMarkup() {
	s.t.Helper()
	for _, name := range s.Names() {
		data := s.out[name]
		var problems []string
		switch {
		case strings.HasSuffix(name, ".html"):
			problems = checkPage(data)
		case strings.HasPrefix(name, "search/") && strings.HasSuffix(name, ".json"):
			// The search index's data, gzipped but for meta.json: text the
			// search script puts into the page as text (internal/search),
			// never as markup.
			problems = checkSearchData(data)
		case strings.HasSuffix(name, ".json"):
			problems = checkJSONFeed(data)
		case strings.HasSuffix(name, ".xml"):
			problems = checkXMLFeed(data)
		}
		for _, p := range problems {
			s.t.Errorf("%s: %s", name, p)
		}
	}
}

func checkPage(page []byte) []string {
	findings, err := htmlcheck.Check(page)
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	for _, f := range findings {
		out = append(out, "live markup survived: "+f.String())
	}
	return out
}

// checkFragment checks HTML that a feed reader renders, inside a page
// shell whose policy allows no script at all, and away from the site: every
// href and src must be an absolute web (or mailto) address, since a reader
// resolves a relative one against the feed's URL.
func checkFragment(where, fragment string) []string {
	var out []string
	for _, p := range checkPage([]byte(`<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'none'"></head><body>` + fragment + `</body></html>`)) {
		out = append(out, where+": "+p)
	}
	for _, u := range fragmentURLs(fragment) {
		if !isWebURL(u) && !strings.HasPrefix(u, "mailto:") {
			out = append(out, where+": link "+u+" is not absolute, so a feed reader resolves it against the feed")
		}
	}
	return out
}

// fragmentURLs returns every href, src and srcset URL of an HTML fragment.
func fragmentURLs(fragment string) []string {
	var urls []string
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return urls
		case html.StartTagToken, html.SelfClosingTagToken:
			for _, a := range z.Token().Attr {
				switch a.Key {
				case "href", "src":
					urls = append(urls, strings.TrimSpace(a.Val))
				case "srcset":
					for _, c := range strings.Split(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							urls = append(urls, f[0])
						}
					}
				}
			}
		}
	}
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func checkJSONFeed(data []byte) []string {
	var f struct {
		Items []struct {
			URL         string `json:"url"`
			ExternalURL string `json:"external_url"`
			Image       string `json:"image"`
			ContentHTML string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return []string{err.Error()}
	}
	var out []string
	for _, it := range f.Items {
		out = append(out, checkFragment("content_html", it.ContentHTML)...)
		for _, u := range []string{it.URL, it.ExternalURL, it.Image} {
			if u != "" && !isWebURL(u) {
				out = append(out, "item URL "+u+" is not http(s)")
			}
		}
	}
	return out
}

// checkXMLFeed reads an Atom or RSS feed, or a sitemap: it must be
// well-formed, every text a feed reader renders as HTML must be clean, and
// every link must be a web address. Readers render as HTML an RSS
// description or content:encoded, and an Atom text construct (title,
// summary, content…) whose type is html or xhtml; other text is text.
func checkXMLFeed(data []byte) []string {
	type open struct {
		name string
		html bool
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []open
	var out []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			return append(out, "not well-formed XML: "+err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			el := open{name: tok.Name.Local, html: tok.Name.Local == "description" || tok.Name.Local == "encoded"}
			for _, a := range tok.Attr {
				switch {
				case (a.Name.Local == "href" || a.Name.Local == "url") && !isWebURL(a.Value):
					out = append(out, "<"+tok.Name.Local+" "+a.Name.Local+"="+a.Value+"> is not an http(s) link")
				case a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml"):
					el.html = true
				}
			}
			stack = append(stack, el)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch el := stack[len(stack)-1]; {
			case el.html:
				out = append(out, checkFragment("<"+el.name+">", string(tok))...)
			case el.name == "link" || el.name == "id" || el.name == "guid" || el.name == "loc":
				if s := strings.TrimSpace(string(tok)); s != "" && !isWebURL(s) && !strings.HasPrefix(s, "tag:") {
					out = append(out, "<"+el.name+">"+s+"</"+el.name+"> is not an http(s) link")
				}
			}
		}
	}
}

// checkSearchData checks a JSON file of the search index: gzipped (or
// plain) valid JSON.
func checkSearchData(data []byte) []string {
	if len(data) > 1 && data[0] == 0x1f && data[1] == 0x8b {
		r, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return []string{err.Error()}
		}
		if data, err = io.ReadAll(r); err != nil {
			return []string{err.Error()}
		}
	}
	if !json.Valid(data) {
		return []string{"not valid JSON"}
	}
	return nil
}
