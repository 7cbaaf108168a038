package sources

import (
	"encoding/json"
	"html"
	"strings"
	"time"
)

// feedPage makes a web page of what a feed says of an item, for the
// extractor to read like any other: the metadata as JSON-LD (which the
// extractor reads first) and the feed's HTML as the article. The feed's
// HTML is the publisher's, as hostile as any page: it goes through the
// same extraction and cleaning, so nothing of it runs in a reader's
// browser. JSON-LD is written by encoding/json, which escapes <, > and &,
// so no text of the feed's can close the script element.
func feedPage(it Item) []byte {
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Summary
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": it.Title, "url": it.URL, "mainEntityOfPage": it.URL,
	}
	if !it.Date.IsZero() {
		ld["datePublished"] = it.Date.Format(time.RFC3339)
	}
	if len(it.Authors) > 0 {
		var people []map[string]string
		for _, a := range it.Authors {
			people = append(people, map[string]string{"@type": "Person", "name": a})
		}
		ld["author"] = people
	}
	if len(it.Tags) > 0 {
		ld["keywords"] = it.Tags
	}
	meta, _ := json.Marshal(ld)
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(it.Title))
	b.WriteString("</title><link rel=\"canonical\" href=\"")
	b.WriteString(html.EscapeString(it.URL))
	b.WriteString("\"><script type=\"application/ld+json\">")
	b.Write(meta)
	b.WriteString("</script></head><body><article><h1>")
	b.WriteString(html.EscapeString(it.Title))
	b.WriteString("</h1>\n")
	b.WriteString(body)
	b.WriteString("\n</article></body></html>\n")
	return []byte(b.String())
}
