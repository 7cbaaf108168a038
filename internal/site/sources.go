package site

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/safetext"
	"github.com/brief-ssg/brief/internal/topics"
)

// Source is one entry of site.yaml's `sources:`: an outlet brief fetch
// follows, through its feed, its sitemap or a page listing its articles.
//
//	sources:
//	  - name: Pacific Ledger                   # optional; the URL's host (and path, if shared) otherwise
//	    url: https://ledger.example/world.xml  # required
//	    type: feed              # feed, sitemap or page; detected when left out
//	    topics: [trade]         # written into each article's topics:, as your choice
//	    include: [China, /asia/]  # keep items whose title or URL has one of these
//	    exclude: [podcast, live blog]  # and none of these
//	    content: page           # page (fetch each article) or feed (use the feed's text)
//	    category: Asia desk     # the folder an OPML reader files it under
//	    max_items: 50           # new items taken a run, newest first (default 100)
type Source struct {
	Name    string   `yaml:"name"`
	URL     string   `yaml:"url"`
	Type    string   `yaml:"type"`
	Topics  []string `yaml:"topics"`
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	Content string   `yaml:"content"`
	// Category is the folder of the OPML list it came from, kept so that
	// `brief sources export` gives it back.
	Category string `yaml:"category"`
	MaxItems int    `yaml:"max_items"`

	// Line is where the source starts in site.yaml, for error messages.
	Line int `yaml:"-"`
}

// The types of source.
const (
	SourceFeed    = "feed"    // RSS 0.9x/1.0/2.0, Atom or JSON Feed
	SourceSitemap = "sitemap" // a sitemap, sitemap index or Google News sitemap
	SourcePage    = "page"    // a page whose links to articles are followed
)

// What a source's articles are made from.
const (
	// ContentPage fetches each item's page, and falls back on the feed's
	// text when the page cannot be had.
	ContentPage = "page"
	// ContentFeed imports the text the feed carries, without fetching
	// the page: for feeds that carry whole articles.
	ContentFeed = "feed"
)

// DefaultMaxItems bounds the new items a source gives one run when
// max_items is left out: a sitemap lists thousands of pages, and the
// first run of a new source should not fetch them all.
const DefaultMaxItems = 100

// Fetch is site.yaml's `fetch:` section: how politely brief fetch reads
// the sources' hosts. Both may be left out.
//
//	fetch:
//	  delay: 1s      # between two requests to one host (robots.txt's Crawl-delay may ask more)
//	  per_host: 2    # requests to one host at once
type Fetch struct {
	Delay   string `yaml:"delay"`
	PerHost int    `yaml:"per_host"`

	// DelaySpan is Delay read, DefaultFetchDelay when left out.
	DelaySpan time.Duration `yaml:"-"`
}

// Defaults of the fetch section.
const (
	DefaultFetchDelay   = time.Second
	DefaultFetchPerHost = 2
)

// check resolves the delay and sets the defaults.
func (f *Fetch) check(doc *yaml.Node, bad func(line int, format string, args ...any)) {
	lines := sectionLines(doc, "fetch")
	f.DelaySpan = DefaultFetchDelay
	if f.Delay != "" {
		d, err := time.ParseDuration(strings.TrimSpace(f.Delay))
		switch {
		case err != nil:
			bad(lines["delay"], "fetch: delay %q is not a duration; write seconds such as 1s or 500ms", f.Delay)
		case d < 0:
			bad(lines["delay"], "fetch: delay %q must not be negative", f.Delay)
		default:
			f.DelaySpan = d
		}
	}
	switch {
	case f.PerHost == 0:
		f.PerHost = DefaultFetchPerHost
	case f.PerHost < 0 || f.PerHost > 16:
		bad(lines["per_host"], "fetch: per_host is %d; it is how many requests one host gets at once, from 1 to 16", f.PerHost)
		f.PerHost = DefaultFetchPerHost
	}
}

// checkSources fills in the sources' defaults and reports each mistake at
// its source's line. It runs after the topics are checked, whose slugs
// the sources' hints name.
func (c *Config) checkSources(doc *yaml.Node, bad func(line int, format string, args ...any)) {
	for i, line := range listLines(doc, "sources") {
		if i < len(c.Sources) {
			c.Sources[i].Line = line
		}
	}
	urls := map[string]int{}
	names := map[string]int{}
	hosts := map[string]int{}
	for _, s := range c.Sources {
		if u, err := url.Parse(strings.TrimSpace(s.URL)); err == nil && s.Name == "" {
			hosts[u.Hostname()]++
		}
	}
	for i := range c.Sources {
		s := &c.Sources[i]
		s.Name, s.Category = safetext.Line(s.Name), safetext.Line(s.Category)
		s.URL = strings.TrimSpace(s.URL)
		u, err := url.Parse(s.URL)
		if s.URL == "" {
			bad(s.Line, "source %d has no url: add the address of its feed, sitemap or page", i+1)
		} else if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(s.Line, "source %d: url %q is not an absolute http(s) URL", i+1, s.URL)
			u = nil
		}
		if s.Name == "" && u != nil {
			// Unnamed feeds of one host are told apart by their paths.
			s.Name = strings.TrimPrefix(u.Hostname(), "www.")
			if hosts[u.Hostname()] > 1 {
				s.Name += strings.TrimSuffix(u.RequestURI(), "/")
			}
		}
		if u != nil {
			key := strings.ToLower(u.Host) + u.RequestURI()
			if prev, ok := urls[key]; ok {
				bad(s.Line, "source %q has the url of the source on line %d; remove one", s.Name, prev)
			}
			urls[key] = s.Line
		}
		if prev, ok := names[strings.ToLower(s.Name)]; ok && s.Name != "" {
			bad(s.Line, "source name %q is already used on line %d; give each source its own name (the fetch report names them)", s.Name, prev)
		}
		names[strings.ToLower(s.Name)] = s.Line
		switch s.Type {
		case "", SourceFeed, SourceSitemap, SourcePage:
		default:
			bad(s.Line, "source %q: type %q is not one of feed, sitemap, page (leave it out to have it detected)", s.Name, s.Type)
		}
		switch s.Content {
		case "":
			s.Content = ContentPage
		case ContentPage, ContentFeed:
		default:
			bad(s.Line, "source %q: content %q is not page (fetch each article's page) or feed (use the text the feed carries)", s.Name, s.Content)
		}
		if s.Content == ContentFeed && s.Type != "" && s.Type != SourceFeed {
			bad(s.Line, "source %q: content: feed needs a feed; a %s carries no article text", s.Name, s.Type)
		}
		for _, t := range s.Topics {
			if _, ok := c.Topic(t); !ok {
				bad(s.Line, "source %q: topic %q is not a topic of this site; use the slug of one listed under topics:", s.Name, t)
			}
		}
		for _, list := range [][]string{s.Include, s.Exclude} {
			for _, p := range list {
				if (topics.Rules{Any: []string{p}}).Check() != nil {
					bad(s.Line, "source %q: include/exclude phrase %q has no letters or digits", s.Name, p)
				}
			}
		}
		switch {
		case s.MaxItems == 0:
			s.MaxItems = DefaultMaxItems
		case s.MaxItems < 0:
			bad(s.Line, "source %q: max_items must be at least 1", s.Name)
			s.MaxItems = DefaultMaxItems
		}
	}
}

// Keeps reports whether a source's include and exclude rules keep an
// item with this title and URL: phrases match whole words, without case
// or accents, in the title or in the URL's words ("/asia/" matches
// https://x.example/asia/story), and an exclusion always wins.
func (s *Source) Keeps(title, itemURL string) bool {
	if len(s.Include) == 0 && len(s.Exclude) == 0 {
		return true
	}
	ix := topics.NewIndex(topics.Doc{Title: title, Body: urlWords(itemURL)})
	if len(s.Exclude) > 0 && (topics.Rules{Any: s.Exclude}).Match(ix) {
		return false
	}
	return len(s.Include) == 0 || (topics.Rules{Any: s.Include}).Match(ix)
}

// urlWords is the part of a URL rules look at: host, path and query,
// unescaped, so that %20 and + are spaces.
func urlWords(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	q, _ := url.QueryUnescape(u.RawQuery)
	return u.Host + " " + u.Path + " " + q
}

// listLines gives the line of each item of a top-level list in
// site.yaml's tree: the typed decoder does not say where each started.
func listLines(doc *yaml.Node, key string) []int {
	if doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i+1].Kind == yaml.SequenceNode {
			var lines []int
			for _, item := range m.Content[i+1].Content {
				lines = append(lines, item.Line)
			}
			return lines
		}
	}
	return nil
}

// String names a source in reports: its name and URL.
func (s *Source) String() string { return fmt.Sprintf("%s (%s)", s.Name, s.URL) }
