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
	Kind        string // home, topic, topics, article, tag, tags, archive, years, year, month, story, stories, edition, editions, email, page, search, 404
	Path        string // where the page is published: "", "topics/trade/", ...
	Title       string
	Description string
	Site        *Site

	Article *Article // article pages
	Topic   *Topic   // topic pages
	Tag     *Tag     // tag pages
	Story   *Story   // story pages
	// Edition is the edition an edition page shows, and on the home page
	// the latest one when site.yaml asks for it.
	Edition  *Edition
	Editions *EditionIndex // the edition indexes
	Email    *Email        // an edition's email
	Items    []*Article    // home: the latest articles
	Days     []Day         // topic, tag and archive pages: this page's articles by day
	Topics   []*Topic      // home and the topic index
	Tags     []*Tag        // the tag index
	Pager    *Pager        // paginated lists; nil when one page holds all
	Body     template.HTML
	Feeds    []FeedLink // feeds offered in <head> and on the page
	// StoryIndex is the story index's path ("stories/") on the home page
	// when the site has stories of more than one article; "" otherwise.
	StoryIndex string
	// Calendar is the archive by month and year: on the archive index
	// (years), a year's page and a month's page.
	Calendar *Calendar
	// Related are other articles on the article's subject, best first
	// (article pages; see build's related.go for the scoring).
	Related []*Coverage
	// Neighbours are, for each of the article's topics, the articles
	// before and after it in that topic (article pages).
	Neighbours []Neighbours
	// Scripts are inline scripts of this page alone (the search page's),
	// allowed by hash like Site.Scripts.
	Scripts []Script
}

// Calendar is what the archive's pages show of the months and years
// that hold articles, all in the site's time zone.
type Calendar struct {
	// Years are every year with articles, newest first, on the archive
	// index; on a year's or a month's page only the one shown.
	Years []*Year
	// Year is the year shown on a year's page, or the month's year.
	Year *Year
	// Month is the month shown on a month's page; nil on the others.
	Month *Month
	// Prev and Next are the nearest older and newer month (on a month's
	// page) or year (on a year's page) that hold articles; nil at
	// either end.
	Prev, Next *Link
}

// Year is one year of the archive.
type Year struct {
	Year  int
	URL   string // "archive/2023/"
	Count int    // articles published in the year
	// Months are the year's twelve months, January first; those without
	// articles have a Count of 0.
	Months []Month
}

// Month is one month of the archive.
type Month struct {
	Date  time.Time // the first day of the month, in the site's time zone
	URL   string    // "archive/2023/06/"
	Count int       // articles published in the month
}

// Neighbours are the articles on either side of an article in one of its
// topics' lists.
type Neighbours struct {
	Topic Link
	// Older and Newer are the articles published just before and just
	// after it in the topic; nil at either end.
	Older, Newer *Coverage
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
	// EditionIndex is the editions' index ("editions/") when the site
	// publishes editions, for the navigation; "" otherwise.
	EditionIndex string
	Location     *time.Location
	// Generated is the build time, shown only when site.yaml opts in.
	Generated time.Time
	// Scripts are brief's own inline scripts with their CSP hashes.
	Scripts []Script
	// Feeds are the site's own feeds, which every page advertises.
	Feeds []FeedLink
	// Hotlinked says some page shows a picture from another host, so
	// the CSP must allow https: images; otherwise it allows the site's
	// own only.
	Hotlinked bool
	// Search is the search page's path ("search/") when the site has
	// one, for the search box; "" otherwise.
	Search string

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
	// NoteTeaser is the note's first paragraph as plain text, shortened:
	// the one line of it that lists show.
	NoteTeaser     string
	Body           template.HTML // filled for the article's own page and feeds
	ReadingMinutes int
	Image          string
	// Lead is Image as pages show it; nil without one. LeadInBody says
	// the published body shows the same picture, so the page need not
	// show it twice.
	Lead       *Image
	LeadInBody bool
	// Publish is how much of the text the site republishes: "full",
	// "excerpt" (Body is the opening) or "link" (Body is empty).
	Publish  string
	Language string // the article's language tag; "" for the site's
	Draft    bool
	// Story is the story the article is part of when other articles
	// report the same event; nil for an article alone.
	Story *StoryLink
}

// Image is a picture as pages show it.
type Image struct {
	// URL is a site-relative path ("media/ab/x.jpg"), or an absolute URL
	// when Remote.
	URL    string
	Remote bool
	// Sizes are the picture's resized copies and itself, narrowest
	// first, for srcset; empty when brief could not size it.
	Sizes []ImageSize
	// Width and Height are its size in pixels; 0 when unknown.
	Width, Height int
}

// ImageSize is one file of a picture in srcset: its site-relative path
// and its width in pixels.
type ImageSize struct {
	URL   string
	Width int
}

// ImageSources is the CSP's img-src for the site's pages: its own
// pictures only, unless some page hotlinks one. base.html writes the
// same; this is for CSPs written elsewhere (HTTP headers).
func (s *Site) ImageSources() string {
	if s.Hotlinked {
		return "'self' https:"
	}
	return "'self'"
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

// Edition is one daily or weekly edition of the briefing.
type Edition struct {
	ID      string // "2023-06-14"; "week-2023-06-12" for the week that starts that day
	Cadence string // "daily" or "weekly"
	URL     string // "editions/<id>/"
	// Title names the period: "Wednesday, June 14, 2023", "Week of June
	// 12, 2023"; Headline is the editor's title for it, "" when none.
	Title, Headline string
	// Start and Last are the first and last days, at midnight in the
	// site's zone (the same day for a daily edition).
	Start, Last time.Time
	Intro       template.HTML // the editor's introduction, "" when none
	Sections    []EditionSection
	// Articles counts the edition's articles, copies included; Items
	// the entries its sections list (a story once).
	Articles, Items int
	// Prev and Next are the older and newer editions of the same
	// cadence; nil at either end.
	Prev, Next *Link
	// EmailURL is the edition's email: "editions/<id>/email.html".
	EmailURL string
}

// EditionSection is one topic's part of an edition; an article is in
// the section of its first topic only.
type EditionSection struct {
	Title string
	URL   string // the topic's page; "" for the articles no topic takes
	Items []*Article
}

// EditionIndex lists editions by year and month, newest first.
type EditionIndex struct {
	// Cadence is "daily" or "weekly" for the index of one cadence, ""
	// for the index of all editions.
	Cadence string
	Years   []EditionYear
}

// EditionYear is a year of an edition index.
type EditionYear struct {
	Year   int
	Months []EditionMonth
}

// EditionMonth is a month of an edition index.
type EditionMonth struct {
	Month    time.Time // the first of the month
	Editions []EditionEntry
}

// EditionEntry is an edition in an index.
type EditionEntry struct {
	Title, Headline, URL, Cadence string
	Start                         time.Time
	Articles                      int
}

// Email is an edition as its email shows it: every URL absolute, since
// a mail client has no base to resolve a relative one against.
type Email struct {
	Subject string
	// Preheader is the line mail clients show after the subject.
	Preheader string
	Title     string // the period: "Wednesday, June 14, 2023"
	Headline  string
	Cadence   string
	URL       string // the edition's page
	SiteURL   string
	Intro     template.HTML
	Sections  []EmailSection
	// Unsubscribe is where a reader leaves the list, "" when site.yaml
	// names no https: or mailto: address for it.
	Unsubscribe string
}

// EmailSection is one topic's part of an email.
type EmailSection struct {
	Title string
	URL   string // "" for the articles no topic takes
	Items []EmailItem
}

// EmailItem is one article (or story) in an email.
type EmailItem struct {
	Title, URL, Source, SourceURL, Summary string
	Date                                   time.Time
	DateOnly                               bool
	Note                                   template.HTML
	// More counts the story's other reports and StoryURL is its page;
	// 0 and "" for an article alone.
	More     int
	StoryURL string
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
