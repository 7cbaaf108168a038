package feed

import (
	"bytes"
	"encoding/json"
	"io"
)

// jsonVersion identifies JSON Feed 1.1.
const jsonVersion = "https://jsonfeed.org/version/1.1"

// Struct field order is the key order, which keeps the output stable.
type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonItem struct {
	ID          string `json:"id"`
	URL         string `json:"url"`
	ExternalURL string `json:"external_url,omitempty"`
	Title       string `json:"title"`
	// Pointers, because the spec requires one of the two to be present
	// even when it is empty.
	ContentHTML   *string      `json:"content_html,omitempty"`
	ContentText   *string      `json:"content_text,omitempty"`
	Summary       string       `json:"summary,omitempty"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
}

// WriteJSON writes f as a JSON Feed 1.1 document served at selfURL. Nothing
// is written when f is invalid.
//
// HTML is not escaped as \u003c: JSON Feed is never embedded in a page, and
// literal markup keeps the file readable and diffable.
func WriteJSON(w io.Writer, f *Feed, selfURL string) error {
	d, err := prepare(f, selfURL)
	if err != nil {
		return err
	}
	jf := jsonFeed{
		Version:     jsonVersion,
		Title:       d.title,
		HomePageURL: d.home,
		FeedURL:     d.self,
		Description: d.description,
		Language:    d.lang,
		Authors:     jsonAuthors(d.author),
		Items:       make([]jsonItem, 0, len(d.items)), // "items": [] rather than null
	}
	for i := range d.items {
		it := &d.items[i]
		ji := jsonItem{
			ID:            it.url,
			URL:           it.url,
			ExternalURL:   it.external,
			Title:         it.title,
			Summary:       it.summary,
			Image:         it.image,
			DatePublished: rfc3339(it.published),
			Tags:          it.tags,
			Authors:       jsonAuthors(it.authors...),
		}
		if it.content != "" {
			ji.ContentHTML = &it.content
		} else {
			ji.ContentText = &it.summary
		}
		if it.modified {
			ji.DateModified = rfc3339(it.updated)
		}
		jf.Items = append(jf.Items, ji)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func jsonAuthors(names ...string) []jsonAuthor {
	var out []jsonAuthor
	for _, n := range names {
		if n != "" {
			out = append(out, jsonAuthor{Name: n})
		}
	}
	return out
}
