package htmlpage

import (
	"reflect"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// metaPage is a small article page: head is what goes in <head> besides
// the charset, top what stands above the story in <article>.
func metaPage(head, top string) []byte {
	return []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8">` + head + `</head><body>
<header class="masthead"><a href="/">Valley Gazette</a></header>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article>` + top + `<div class="story">` + kindParas + `</div></article>
<footer><p>© 2022 Valley Gazette</p></footer></body></html>`)
}

// TestMetaKinds holds one small page per kind of metadata fault: each
// checks only the fields it names (a zero want is not checked, except
// where noAuthors says so).
func TestMetaKinds(t *testing.T) {
	cases := []struct {
		kind, head, top string
		title           string
		authors         []string
		noAuthors       bool
		published       string // RFC 3339
		source          string
	}{
		{
			kind:  "visible headline over a shorter social title",
			head:  `<title>Gates open at Millbrook - Valley Gazette</title><meta property="og:title" content="Gates open at Millbrook">`,
			top:   `<h1>Millbrook flood gates open three years after the storms</h1>`,
			title: "Millbrook flood gates open three years after the storms",
		},
		{
			kind:  "masthead h1 before the article's",
			head:  `<title>Choir seeks tenors for the winter concert | Valley Gazette</title><meta property="og:site_name" content="Valley Gazette">`,
			top:   `<h1>Valley Gazette</h1><h1>Choir seeks tenors for its winter concert</h1>`,
			title: "Choir seeks tenors for its winter concert",
		},
		{
			kind:  "sidebar h1 about another story",
			head:  `<title>Bridge repairs close the east road for two nights</title>`,
			top:   `<h1>Bakery wins the county prize for rye</h1>`,
			title: "Bridge repairs close the east road for two nights",
		},
		{
			kind:    "byline element holding the name and its outlet, no label",
			head:    `<title>Flood gates open | Valley Gazette</title><meta property="og:site_name" content="Valley Gazette">`,
			top:     `<h1>Flood gates open</h1><div class="byline-section">Ines Harrow Valley Gazette Published 9:14 AM EST Jun 6, 2022</div>`,
			authors: []string{"Ines Harrow"},
		},
		{
			kind:    "byline element with the name and a wire outlet",
			head:    `<title>Flood gates open | Valley Gazette</title>`,
			top:     `<h1>Flood gates open</h1><div class="article-author">Ines Harrow Associated Press</div>`,
			authors: []string{"Ines Harrow"},
		},
		{
			kind:    "visible byline naming more people than the metadata",
			head:    `<title>Flood gates open</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Flood gates open","author":{"@type":"Person","name":"Ines Harrow"}}</script>`,
			top:     `<h1>Flood gates open</h1><p class="meta-byline">By Ines Harrow, Bram Okafor, Lise Tan</p>`,
			authors: []string{"Ines Harrow", "Bram Okafor", "Lise Tan"},
		},
		{
			kind:    "byline set as a small heading, date inside",
			head:    `<title>Flood gates open</title>`,
			top:     `<h1>Flood gates open</h1><h3 class="byline">by Ines Harrow<br><span>Monday, June 6, 2022</span></h3>`,
			authors: []string{"Ines Harrow"},
		},
		{
			kind:      "an agency credited as author, and a comment form's name field",
			head:      `<title>Flood gates open</title>`,
			top:       `<h1>Flood gates open</h1><div class="author">by River Works Agency</div><p class="comment-form-author"><label>Name *</label></p>`,
			noAuthors: true,
		},
		{
			kind:    "one-word labelled byline, and a site account",
			head:    `<title>Flood gates open</title>`,
			top:     `<h1>Flood gates open</h1><p class="byline">June 6, 2022 | by Ines</p>`,
			authors: []string{"Ines"},
		},
		{
			kind:      "one-word account named after the site",
			head:      `<title>Flood gates open</title>`,
			top:       `<h1>Flood gates open</h1><p class="byline">Posted by Valley</p>`,
			noAuthors: true,
		},
		{
			kind:      "dates only on a JSON-LD WebPage",
			head:      `<title>Flood gates open</title><script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Valley Gazette"},{"@type":"WebPage","name":"Flood gates open","datePublished":"2022-06-06T09:14:00+01:00","dateModified":"2022-06-07T10:00:00+01:00"}]}</script>`,
			top:       `<h1>Flood gates open</h1>`,
			published: "2022-06-06T09:14:00+01:00",
		},
		{
			kind:      "meta article:published with microdata names",
			head:      `<title>Flood gates open</title><meta property="article:published" itemprop="datePublished dateCreated" content="2022-06-06T08:14:00.000Z">`,
			top:       `<h1>Flood gates open</h1>`,
			published: "2022-06-06T08:14:00Z",
		},
		{
			kind:      "a <time> without datetime",
			head:      `<title>Flood gates open</title>`,
			top:       `<h1>Flood gates open</h1><p class="byline">By Ines Harrow</p><time>June 6, 2022</time>`,
			published: "2022-06-06T00:00:00Z",
		},
		{
			kind:      "a bare block inside a date-classed wrapper",
			head:      `<title>Flood gates open</title>`,
			top:       `<h1>Flood gates open</h1><div class="press__date"><div>June 6, 2022</div></div>`,
			published: "2022-06-06T00:00:00Z",
		},
		{
			kind:      "a labelled dateline in a plain span",
			head:      `<title>Flood gates open</title>`,
			top:       `<h1>Flood gates open</h1><span class="about__block">publiziert am 6. Juni 2022</span>`,
			published: "2022-06-06T00:00:00Z",
		},
	}
	for _, tc := range cases {
		a, err := Extract(metaPage(tc.head, tc.top), article.Options{URL: "https://valley-gazette.example/news/1"})
		if err != nil {
			t.Errorf("%s: %v", tc.kind, err)
			continue
		}
		if tc.title != "" && a.Title != tc.title {
			t.Errorf("%s: title %q, want %q", tc.kind, a.Title, tc.title)
		}
		if (tc.authors != nil || tc.noAuthors) && !reflect.DeepEqual(a.Authors, tc.authors) {
			t.Errorf("%s: authors %q, want %q", tc.kind, a.Authors, tc.authors)
		}
		if tc.published != "" {
			if want, _ := time.Parse(time.RFC3339, tc.published); !a.Published.Equal(want) {
				t.Errorf("%s: published %v, want %v", tc.kind, a.Published, want)
			}
		}
		if tc.source != "" && a.Source != tc.source {
			t.Errorf("%s: source %q, want %q", tc.kind, a.Source, tc.source)
		}
	}
}
