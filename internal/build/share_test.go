package build_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// ldArticle is the part of schema.org's NewsArticle the pages write.
type ldArticle struct {
	Context       string   `json:"@context"`
	Type          string   `json:"@type"`
	Headline      string   `json:"headline"`
	Description   string   `json:"description"`
	URL           string   `json:"url"`
	DatePublished string   `json:"datePublished"`
	DateModified  string   `json:"dateModified"`
	InLanguage    string   `json:"inLanguage"`
	Image         []string `json:"image"`
	Keywords      []string `json:"keywords"`
	Author        []struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	} `json:"author"`
	Publisher struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"publisher"`
	IsBasedOn struct {
		URL       string `json:"url"`
		Publisher struct {
			Name string `json:"name"`
		} `json:"publisher"`
	} `json:"isBasedOn"`
}

// jsonLD reads a page's one JSON-LD block back, as a search engine would.
func jsonLD(t *testing.T, s *sitetest.Site, page string) ldArticle {
	t.Helper()
	blocks := s.Doc(page).Find(`script[type="application/ld+json"]`)
	if blocks.Length() != 1 {
		t.Fatalf("%s has %d JSON-LD blocks; want 1", page, blocks.Length())
	}
	var ld ldArticle
	if err := json.Unmarshal([]byte(blocks.Text()), &ld); err != nil {
		t.Fatalf("%s: JSON-LD does not parse: %v\n%s", page, err, blocks.Text())
	}
	return ld
}

func TestShareCardsAndJSONLD(t *testing.T) {
	hostile := `</script><script>alert(1)</script><!-- "quoted" & 'single'`
	s := sitetest.New(t, `
-- site.yaml --
title: Harbour watch
base_url: https://briefings.example/harbours/
language: en
timezone: Europe/Oslo
topics:
  - title: Ports
    match: {any: [port]}
-- content/articles/hostile.md --
---
title: "`+jsonEscape(hostile)+`"
date: 2025-03-04T09:30:00+01:00
updated: 2025-03-05
source: "Harbour </script> Gazette"
source_url: https://gazette.example/2025/port?a=1&b=</script>
author: [Ada Quay, "</script>Bo"]
tags: [Cranes]
summary: "A port report; </script> in the summary too."
image: /media/crane.png
language: nb
---
The port opened.
-- content/articles/plain.md --
---
title: A day-only port note
date: 2025-03-01
image: https://img.example/lead.jpg
---
Port text.
-- static/media/crane.png --
png
`).Build()
	s.AssertNoLiveMarkup()

	ld := jsonLD(t, s, "articles/hostile/index.html")
	if ld.Context != "https://schema.org" || ld.Type != "NewsArticle" {
		t.Errorf("@context %q, @type %q", ld.Context, ld.Type)
	}
	if ld.Headline != hostile {
		t.Errorf("headline %q; want the hostile title back exactly, %q", ld.Headline, hostile)
	}
	if ld.URL != "https://briefings.example/harbours/articles/hostile/" || ld.DatePublished != "2025-03-04T09:30:00+01:00" || ld.DateModified != "2025-03-05" {
		t.Errorf("url %q, published %q, modified %q", ld.URL, ld.DatePublished, ld.DateModified)
	}
	if ld.InLanguage != "nb" || !slices.Equal(ld.Image, []string{"https://briefings.example/harbours/media/crane.png"}) || !slices.Equal(ld.Keywords, []string{"Cranes"}) {
		t.Errorf("language %q, image %q, keywords %q", ld.InLanguage, ld.Image, ld.Keywords)
	}
	if len(ld.Author) != 2 || ld.Author[0].Name != "Ada Quay" || ld.Author[0].Type != "Person" || ld.Author[1].Name != "</script>Bo" {
		t.Errorf("authors %+v", ld.Author)
	}
	if ld.Publisher.Name != "Harbour watch" || ld.Publisher.URL != "https://briefings.example/harbours/" {
		t.Errorf("publisher %+v; want the briefing", ld.Publisher)
	}
	if ld.IsBasedOn.URL != "https://gazette.example/2025/port?a=1&b=%3C/script%3E" || ld.IsBasedOn.Publisher.Name != "Harbour </script> Gazette" {
		t.Errorf("isBasedOn %+v; want the original's URL and publisher", ld.IsBasedOn)
	}

	plain := jsonLD(t, s, "articles/plain/index.html")
	if plain.DatePublished != "2025-03-01" || plain.InLanguage != "en" || len(plain.Author) != 0 {
		t.Errorf("day-only article: published %q, language %q, authors %+v", plain.DatePublished, plain.InLanguage, plain.Author)
	}

	s.AssertFileContent("articles/hostile/index.html",
		`<meta property="og:type" content="article">`,
		`<meta property="og:url" content="https://briefings.example/harbours/articles/hostile/">`,
		`<meta property="og:image" content="https://briefings.example/harbours/media/crane.png">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`<meta name="twitter:image" content="https://briefings.example/harbours/media/crane.png">`,
		`<meta property="article:published_time" content="2025-03-04T09:30:00&#43;01:00">`,
		`<meta property="article:section" content="Ports">`,
		`<meta property="article:tag" content="Cranes">`,
		`<meta property="og:description" content="A port report; &lt;/script&gt; in the summary too.">`,
	)
	s.AssertFileContent("articles/plain/index.html", `<meta property="og:image" content="https://img.example/lead.jpg">`)

	// Every page names the site's feeds for autodiscovery; a topic page
	// its own first.
	for _, page := range []string{"index.html", "articles/plain/index.html", "tags/cranes/index.html", "404.html", "topics/index.html"} {
		if n := s.Doc(page).Find(`link[rel="alternate"][href$="feed.xml"]`).Length(); n < 1 {
			t.Errorf("%s advertises no Atom feed", page)
		}
	}
	s.AssertFileContent("topics/ports/index.html",
		`<link rel="alternate" type="application/atom&#43;xml" title="Ports (Atom)" href="../../topics/ports/feed.xml">`,
		`<link rel="alternate" type="application/atom&#43;xml" title="Harbour watch (Atom)" href="../../feed.xml">`)
	s.AssertFileContent("index.html", `<meta property="og:type" content="website">`, `! application/ld+json`)
	if n := s.Doc("index.html").Find(`link[rel="alternate"]`).Length(); n != 3 {
		t.Errorf("the home page advertises %d feeds; want its three, once each", n)
	}
	s.AssertFileContent("sitemap.xml", "<loc>https://briefings.example/harbours/articles/hostile/</loc><lastmod>2025-03-05</lastmod>")
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}
