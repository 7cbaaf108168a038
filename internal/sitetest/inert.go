package sitetest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"

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
// shell whose policy allows no script at all.
func checkFragment(where, fragment string) []string {
	var out []string
	for _, p := range checkPage([]byte(`<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'none'"></head><body>` + fragment + `</body></html>`)) {
		out = append(out, where+": "+p)
	}
	return out
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
// well-formed, every element a reader may render as HTML must be clean,
// and every link must be a web address.
func checkXMLFeed(data []byte) []string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack, out []string
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
			stack = append(stack, tok.Name.Local)
			for _, a := range tok.Attr {
				if (a.Name.Local == "href" || a.Name.Local == "url") && !isWebURL(a.Value) {
					out = append(out, "<"+tok.Name.Local+" "+a.Name.Local+"="+a.Value+"> is not an http(s) link")
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch el := stack[len(stack)-1]; el {
			case "content", "encoded", "description", "summary", "title":
				out = append(out, checkFragment("<"+el+">", string(tok))...)
			case "link", "id", "guid", "loc":
				if s := strings.TrimSpace(string(tok)); s != "" && !isWebURL(s) && !strings.HasPrefix(s, "tag:") {
					out = append(out, "<"+el+">"+s+"</"+el+"> is not an http(s) link")
				}
			}
		}
	}
}
