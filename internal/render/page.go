package render

import (
	"html/template"
	"net/url"
	"strings"
	"time"
)

// Page is what every template receives as its dot: the page being rendered,
// the site around it, and whatever lists the page kind shows.
type Page struct {
	Kind        string // home, topic, topics, article, tag, tags, archive, story, stories, page, 404
	Path        string // where the page is published: "", "topics/trade/", ...
	Title       string
	Description string
	Site        *Site

	Article *Article   // article pages
	Topic   *Topic     // topic pages
	Tag     *Tag       // tag pages
	Story   *Story     // story pages
	Items   []*Article // home: the latest articles
	Days    []Day      // topic, tag and archive pages: this page's articles by day
	Topics  []*Topic   // home and the topic index
	Tags    []*Tag     // the tag index
	Pager   *Pager     // paginated lists; nil when one page holds all
	Body    template.HTML
	Feeds   []FeedLink // feeds offered in <head> and on the page
	// StoryIndex is the story index's path ("stories/") on the home page
	// when the site has stories of more than one article; "" otherwise.
	StoryIndex string
}

// Site is the part of every page that comes from site.yaml.
type Site struct {
	Title       string
	Description string
	Language    string
	Author      string
	Base        *url.URL // absolute base URL, or a bare path when unset
	Topics      []*Topic // every topic, in site.yaml order
	Pages       []Link   // plain pages, for the navigation
	Location    *time.Location
	// Generated is the build time, shown only when site.yaml opts in.
	Generated time.Time
	// Scripts are brief's own inline scripts with their CSP hashes.
	Scripts []Script

	// partials holds the shared partials' output for this site's pages
	// (see Templates.sharedFuncs): a build makes a new Site, so output
	// made for another build's pages is never reused.
	partials sharedOutput
}

// Script is an inline script brief writes itself; CSP allows it by hash.
type Script struct {
	Source template.JS
	Hash   string // "sha256-..."
}

// Link is a titled site-relative path such as "topics/trade/".
type Link struct {
	Title string
	URL   string
}

// Article is an article as pages show it.
type Article struct {
	Slug      string
	URL       string
	Title     string
	Source    string
	SourceURL string
	Authors   []string
	Date      time.Time // in the site's time zone
	Updated   time.Time
	// DateOnly: the editor gave a day without a time of day, so Date's
	// time (midnight) is not to be shown; likewise UpdatedDateOnly.
	DateOnly        bool
	UpdatedDateOnly bool
	Tags            []Link
	Topics          []Link
	Summary         string
	Note            template.HTML
	Body            template.HTML // filled for the article's own page and feeds
	ReadingMinutes  int
	Image           string
	Language        string // the article's language tag; "" for the site's
	Draft           bool
	// Story is the story the article is part of when other articles
	// report the same event; nil for an article alone.
	Story *StoryLink
}

// StoryLink is what an article's page and list entry show of its story.
// It holds no *Article, so that views do not point at each other.
type StoryLink struct {
	ID    string
	URL   string // "stories/<id>/"
	Title string // the lead's headline
	Lead  bool   // this article is the lead
	// More is how many other articles the story has; Articles is More+1.
	// (Not "Count": a field of that name in a template makes the build
	// hash every topic's count into the page's key, see build's derived.)
	More, Articles int
	// Others are the other articles, in order of publication, at most
	// StoryOthers of them; the story page lists them all.
	Others []Coverage
}

// StoryOthers bounds StoryLink.Others: a story of two hundred copies
// must not put two hundred links on each of their pages.
const StoryOthers = 8

// Coverage is another article of the same story, as a link.
type Coverage struct {
	Title    string
	URL      string
	Source   string
	Date     time.Time
	DateOnly bool
	// Copy says the article is a near-copy of an earlier one (wire text
	// carried by several sites).
	Copy bool
}

// Story is one event and its coverage, for its page.
type Story struct {
	ID    string
	URL   string // "stories/<id>/"
	Title string // the lead's headline
	// Lead is the report shown first (see build's choice of the lead).
	Lead *Report
	// Reports are the other reports, near-copies folded into the report
	// they copy, in order of publication.
	Reports []*Report
	// Articles is how many articles the story has, copies included;
	// Sources how many distinct sources carried it.
	Articles, Sources int
	First, Last       time.Time // earliest and latest publication
	// Notes are the members that carry an editor's note, in order of
	// publication.
	Notes []*Article
}

// Report is one account of a story with the near-copies of it.
type Report struct {
	Article *Article
	// Copies are near-copies of Article (syndicated text with small
	// edits): "also carried by …".
	Copies []*Article
	// FollowUp says it was published a day or more after the story's
	// first article.
	FollowUp bool
}

// Topic is a topic with its members.
type Topic struct {
	Slug        string
	Title       string
	Description string
	URL         string
	Intro       template.HTML
	Count       int
	Latest      []*Article // newest few, for the home page
}

// Tag is a tag with its article count.
type Tag struct {
	Name  string
	Slug  string
	URL   string
	Count int
}

// Day groups a list's articles by their date in the site's time zone.
type Day struct {
	Date  time.Time
	Items []*Article
}

// Pager links the pages of a split list.
type Pager struct {
	Number, Total int
	Prev, Next    string // site-relative paths; "" at either end
	First, Last   string
}

// FeedLink advertises a feed.
type FeedLink struct {
	Title string
	Type  string // MIME type
	URL   string // site-relative path
}

// Link returns a URL for target (a site-relative path) that works from
// this page: relative, so the site works under any sub-path, on any host and
// straight from the disk. The 404 page is served at arbitrary depths, so its
// links are rooted at the base path instead.
func (p *Page) Link(target string) string {
	if p.Kind == "404" {
		return p.Site.Base.Path + target
	}
	depth := strings.Count(p.Path, "/")
	if depth == 0 {
		if target == "" {
			return "./"
		}
		return target
	}
	return strings.Repeat("../", depth) + target
}

// DiskRoot is the way from the page's file to the site's root folder, for
// the file:// script: "./" for 404.html, which sits at the root of public/
// whatever URL it answers, else the way Link takes.
func (p *Page) DiskRoot() string {
	if p.Kind == "404" {
		return "./"
	}
	return p.Link("")
}

// AbsURL returns the absolute URL of a site-relative path, for canonical
// links and social cards. Without a base URL it is the rooted path.
func (p *Page) AbsURL(target string) string {
	return p.Site.Base.String() + target
}

// With pairs the page with a value for a partial template, which otherwise
// would lose sight of the page it renders into.
func (p *Page) With(v any) *Context { return &Context{Page: p, V: v} }

// Context is a partial's dot: the page and the value it shows.
type Context struct {
	Page *Page
	V    any
}
