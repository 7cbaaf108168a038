package build

import (
	"crypto/sha256"
	"html"
	"html/template"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/images"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/slug"
	"github.com/brief-ssg/brief/internal/stories"
)

// Model is a checked site, grouped and ready to render.
type Model struct {
	Config    *site.Config
	Templates *render.Templates
	Markdown  *markdown.Renderer
	Site      *render.Site

	Articles []*entry // published, newest first
	Topics   []*topicEntry
	Tags     []*tagEntry // sorted by slug
	Pages    []*render.Page
	// Stories are the stories of more than one article, in order of
	// their first article (see storypages.go).
	Stories []*storyEntry
	// Editions are the daily editions, newest first, then the weekly
	// ones (see editions.go).
	Editions []*editionEntry

	src    fs.FS
	in     *inputs
	counts Result
	// memos hold what prepare derived from each article alone.
	memos map[*content.Article]*articleMemo
	// prepErrs are prepare's failures, reported with the article's others.
	prepErrs map[*content.Article]error
	// grouping is every story, singletons included, of the documents
	// groupDocs (m.Articles' order); nil when stories are off.
	grouping  []stories.Story
	groupDocs []stories.Document
	// storyOf finds the story of an article's view, for the lastmod of
	// the lists that name it.
	storyOf map[*render.Article]*storyEntry

	// assets are the pictures of static/ articles show, by site path
	// without the leading slash; nil for a path that is no such
	// picture (images.go). imageInfo holds their sizes by hash, lent by
	// the cache; imageErrs the pictures brief cannot size.
	assets    map[string]*imageAsset
	imageInfo map[[sha256.Size]byte]images.Info
	imageErrs diag.List
	// otherMarkdown are the bodies of plain pages and topic intros, whose
	// pictures the CSP must allow.
	otherMarkdown []string
	// intros are the editors' introductions to editions, by edition ID.
	intros map[string]*editionIntro
}

// entry is one published article with its groups.
type entry struct {
	src    *content.Article
	sum    [sha256.Size]byte // of the article's file
	view   *render.Article
	topics []*topicEntry
	// at is the article's place in each of its topics' articles.
	at    []int
	tags  []*tagEntry
	story *storyEntry // nil for an article alone
	// related are the articles its page lists as related, best first.
	related []*entry
	// cov is the article as a link on other articles' pages, one value
	// for all of them, so that input keys hash it once (see Model.keys).
	cov *render.Coverage
	// images hashes the pictures of static/ the body shows, whose
	// copies and sizes its pages name.
	images uint64

	feedOnce sync.Once
	feedBody string
	feedErr  error
}

type topicEntry struct {
	cfg      *site.Topic
	view     *render.Topic
	articles []*entry
}

type tagEntry struct {
	view     *render.Tag
	articles []*entry
	// spellings counts how articles write the tag, so the page shows the
	// most common form ("U.S." rather than one stray "US").
	spellings map[string]int
}

// reserved are top-level names brief publishes itself; a plain page may not
// take them.
var reserved = map[string]bool{
	"articles": true, "archive": true, "topics": true, "stories": true, "editions": true, "tags": true, "page": true,
	"feed.xml": true, "rss.xml": true, "feed.json": true, "sitemap.xml": true,
	"robots.txt": true, "search": true, "404.html": true, "style.css": true, "favicon.svg": true,
	"img": true, // resized copies of pictures (images.go)
}

func (m *Model) assemble(set *content.Set, opt Options) error {
	cfg := m.Config
	var errs diag.List
	m.Site = &render.Site{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language,
		Author: cfg.Author, Base: cfg.Base, Location: cfg.Location,
		Scripts: []render.Script{render.LocalLinksScript()},
		Feeds:   feedLinks("", cfg.Title),
	}
	if cfg.Search.On() {
		m.Site.Search = searchPath
	}
	if cfg.Generated {
		m.Site.Generated = opt.Now.In(cfg.Location)
		m.counts.Volatile = true
	}

	byTopic := map[string]*topicEntry{}
	for i := range cfg.Topics {
		t := &cfg.Topics[i]
		te := &topicEntry{cfg: t, view: &render.Topic{
			Slug: t.Slug, Title: t.Title, Description: t.Description, URL: "topics/" + t.Slug + "/",
		}}
		m.Topics = append(m.Topics, te)
		m.Site.Topics = append(m.Site.Topics, te.view)
		byTopic[t.Slug] = te
	}
	for _, in := range set.Intros {
		te, ok := byTopic[in.Topic]
		if !ok {
			errs.Add(diag.Errorf(in.Path, 0, "no topic %q in site.yaml; rename the file after a topic's slug (%s) or add the topic", in.Topic, topicList(cfg)))
			continue
		}
		if in.Title != "" {
			te.view.Title = in.Title
		}
		if in.Description != "" {
			te.view.Description = in.Description
		}
		m.otherMarkdown = append(m.otherMarkdown, in.Body)
		html, err := m.Markdown.Render(in.Body, markdown.Options{IDPrefix: "intro-", Base: pathBase(cfg.Base), MinHeading: 2})
		if err != nil {
			errs.Add(diag.Errorf(in.Path, 0, "%w", err))
			continue
		}
		te.view.Intro = template.HTML(html)
	}

	errs.Add(m.readEditionIntros(set.EditionIntros))

	tags := map[string]*tagEntry{}
	// Slugs by tag as written: a few hundred tags spelled the same way on
	// thousands of articles.
	slugs := map[string]string{}
	for _, a := range set.Articles {
		if a.Draft && !opt.Drafts {
			m.counts.Drafts++
			continue
		}
		if a.Date.After(opt.Now) && !opt.Future {
			m.counts.Future++
			if r := &m.counts.NextRelease; r.IsZero() || a.Date.Before(*r) {
				*r = a.Date
			}
			continue
		}
		e, err := m.newEntry(a, byTopic)
		if err != nil {
			errs.Add(err)
			continue
		}
		for _, name := range m.Config.Tags.Apply(a.Tags) {
			// Slug and key made once per spelling, not per article.
			k, ok := slugs[name]
			if !ok {
				if slug.Make(name) != "" {
					k = slug.Key(name)
				}
				slugs[name] = k
			}
			if k == "" {
				errs.Add(diag.Errorf(a.Path, a.Lines["tags"], "tag %q has no letters or digits to make a URL from; reword or remove it", name))
				continue
			}
			// A tag is its Key: "Trade" and "trade" are one tag, "C"
			// and "C#" two, whose URLs are settled once all are known.
			te := tags[k]
			if te == nil {
				te = &tagEntry{view: &render.Tag{}, spellings: map[string]int{}}
				tags[k] = te
			}
			if n := len(te.articles); n > 0 && te.articles[n-1] == e {
				continue // two spellings of one tag on the same article
			}
			te.spellings[name]++
			te.articles = append(te.articles, e)
			e.tags = append(e.tags, te)
		}
		m.Articles = append(m.Articles, e)
		if len(e.topics) == 0 {
			m.counts.Unassigned = append(m.counts.Unassigned, a.Path)
		}
	}
	for _, te := range tags {
		te.view.Name = commonest(te.spellings)
		te.view.Count = len(te.articles)
		m.Tags = append(m.Tags, te)
	}
	names := make([]string, len(m.Tags))
	for i, te := range m.Tags {
		names[i] = te.view.Name
	}
	for i, s := range slug.Distinct(names) {
		m.Tags[i].view.Slug, m.Tags[i].view.URL = s, "tags/"+s+"/"
	}
	sort.Slice(m.Tags, func(i, j int) bool { return m.Tags[i].view.Slug < m.Tags[j].view.Slug })
	for _, e := range m.Articles {
		for _, te := range e.tags {
			e.view.Tags = append(e.view.Tags, render.Link{Title: te.view.Name, URL: te.view.URL})
		}
	}
	for _, te := range m.Topics {
		te.view.Count = len(te.articles)
	}

	var pageSlugs slug.Set
	for _, pg := range set.Pages {
		if pg.Draft && !opt.Drafts {
			m.counts.Drafts++
			continue
		}
		if reserved[pg.Slug] {
			errs.Add(diag.Errorf(pg.Path, 0, "page URL /%s/ is reserved for brief's own pages; rename the file or set another `slug`", pg.Slug))
			continue
		}
		if prev, ok := pageSlugs.Claim(pg.Slug, pg.Path); !ok {
			errs.Add(diag.Errorf(pg.Path, 0, "page URL /%s/ is already taken by %s", pg.Slug, prev))
			continue
		}
		m.otherMarkdown = append(m.otherMarkdown, pg.Body)
		html, err := m.Markdown.Render(pg.Body, markdown.Options{Base: pathBase(cfg.Base), MinHeading: 2})
		if err != nil {
			errs.Add(diag.Errorf(pg.Path, 0, "%w", err))
			continue
		}
		url := pg.Slug + "/"
		m.Site.Pages = append(m.Site.Pages, render.Link{Title: pg.Title, URL: url})
		m.Pages = append(m.Pages, &render.Page{
			Kind: "page", Path: url, Title: pg.Title, Description: pg.Description,
			Body: template.HTML(html),
		})
	}
	return errs.Err()
}

// noteTeaser is how many characters of its note an article's list entry
// carries: more than the widest list's line shows.
const noteTeaser = 200

// homeTopicItems is how many of each topic's newest articles the home page
// lists.
const homeTopicItems = 4

// newEntry prepares one article: its topics (listed, plus matched by rules,
// minus opted out) and its rendered note.
func (m *Model) newEntry(a *content.Article, byTopic map[string]*topicEntry) (*entry, error) {
	var errs diag.List
	cfg := m.Config
	e := &entry{src: a}
	// topicSet checks the slugs an article names under key against
	// site.yaml, reporting the unknown ones at that key's line.
	topicSet := func(key string, names []string) map[string]bool {
		if len(names) == 0 {
			return nil // most articles name none: no map for them
		}
		set := map[string]bool{}
		for _, t := range names {
			s, ok := m.findTopic(t, byTopic)
			if !ok {
				errs.Add(diag.Errorf(a.Path, a.Lines[key], "%s: %q is not a topic in site.yaml (topics: %s)", key, t, topicList(cfg)))
				continue
			}
			set[s] = true
		}
		return set
	}
	listed := topicSet("topics", a.Topics)
	excluded := topicSet("exclude_topics", a.ExcludeTopics)
	// An article that both lists and excludes a topic contradicts itself;
	// either reading would surprise half of the editors, so ask.
	for _, t := range a.ExcludeTopics {
		if s, _ := m.findTopic(t, byTopic); listed[s] && excluded[s] {
			errs.Add(diag.Errorf(a.Path, a.Lines["exclude_topics"], "exclude_topics: %q is also in topics: keep it in one of the two", t))
		}
	}
	if err := m.prepErrs[a]; err != nil {
		errs.Add(err)
	}
	mm := m.memos[a]
	for _, te := range m.Topics {
		s := te.cfg.Slug
		in := listed[s] || !excluded[s] && slices.Contains(mm.Matched, s)
		if in {
			e.topics = append(e.topics, te)
			e.at = append(e.at, len(te.articles))
			te.articles = append(te.articles, e)
		}
	}
	loc := cfg.Location
	v := &render.Article{
		Slug: a.Slug, URL: "articles/" + a.Slug + "/", Title: a.Title,
		Source: a.Source, SourceURL: a.SourceURL, Authors: a.Authors,
		Date: a.Date.In(loc), DateOnly: a.DateOnly, UpdatedDateOnly: a.UpdatedDateOnly,
		Summary: a.Summary, Image: a.Image, Draft: a.Draft, Language: a.Language,
		ReadingMinutes: max(1, (mm.Words+229)/230),
	}
	if !a.Updated.IsZero() {
		v.Updated = a.Updated.In(loc)
	}
	v.Publish = cfg.Publishing(a.Source, a.SourceURL, a.Publish).Mode
	// A link-only article publishes none of the text, not even the
	// opening an excerpt summary would quote.
	if v.Summary == "" && v.Publish != site.PublishLink {
		v.Summary = mm.Excerpt
	}
	for _, te := range e.topics {
		v.Topics = append(v.Topics, render.Link{Title: te.view.Title, URL: te.view.URL})
	}
	v.Note = m.note(a)
	v.NoteTeaser = mm.noteTeaser
	e.sum = mm.Sum
	e.view = v
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return e, nil
}

// body renders what the site publishes of the article's Markdown for
// its own page.
func (m *Model) body(e *entry) (template.HTML, error) {
	src, err := m.publishedBody(e)
	if err != nil {
		return "", err
	}
	up := strings.Repeat("../", strings.Count(e.view.URL, "/"))
	html, err := m.Markdown.Render(src, markdown.Options{Base: pathBase(m.Config.Base), MinHeading: 2, Image: m.imageHook(up)})
	if err != nil {
		return "", bodyError(e.src, err)
	}
	return template.HTML(html), nil
}

// feedHTML renders the article for feeds, with every site link absolute,
// once however many feeds carry it.
func (m *Model) feedHTML(e *entry) (string, error) {
	e.feedOnce.Do(func() {
		var src string
		if src, e.feedErr = m.publishedBody(e); e.feedErr != nil {
			return
		}
		var body []byte
		body, e.feedErr = m.Markdown.Render(src, markdown.Options{Base: m.Config.Base, MinHeading: 2, Image: m.imageHook(m.Config.Base.String())})
		if e.feedErr != nil {
			return
		}
		var b strings.Builder
		if e.src.Note != "" {
			note, err := m.Markdown.Render(e.src.Note, markdown.Options{IDPrefix: "note-", Base: m.Config.Base, MinHeading: 3})
			if err != nil {
				e.feedErr = err
				return
			}
			b.WriteString(`<blockquote><p><strong>Editor’s note</strong></p>`)
			b.Write(note)
			b.WriteString("</blockquote>\n")
		}
		if e.view.Publish == site.PublishLink && e.view.Summary != "" {
			b.WriteString("<p>" + html.EscapeString(e.view.Summary) + "</p>\n")
		}
		b.Write(body)
		b.WriteString(m.creditHTML(e.view))
		e.feedBody = b.String()
	})
	return e.feedBody, e.feedErr
}

// findTopic returns the slug of the topic an article names: by its slug,
// or by a name whose Key is the topic's slug or title's Key, so that
// "C#" never lands in topic C (slug c) because the slug drops the "#".
func (m *Model) findTopic(name string, byTopic map[string]*topicEntry) (string, bool) {
	if _, ok := byTopic[name]; ok {
		return name, true
	}
	k := slug.Key(name)
	for _, te := range m.Topics {
		if te.cfg.Slug == k || slug.Key(te.cfg.Title) == k {
			return te.cfg.Slug, true
		}
	}
	return "", false
}

// pathBase is the base URL without scheme and host, for links inside pages.
func pathBase(base *url.URL) *url.URL { return &url.URL{Path: base.Path} }

func topicList(cfg *site.Config) string {
	if len(cfg.Topics) == 0 {
		return "none defined"
	}
	s := make([]string, len(cfg.Topics))
	for i, t := range cfg.Topics {
		s[i] = t.Slug
	}
	return strings.Join(s, ", ")
}

func commonest(spellings map[string]int) string {
	best, n := "", -1
	for s, c := range spellings {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

var (
	mdLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarkup = strings.NewReplacer("**", "", "__", "", "*", "", "`", "", "> ", "")
)

// excerpt is the first paragraph of a Markdown body as plain text, cut at a
// word boundary, for articles whose editor wrote no summary.
func excerpt(body string, limit int) string {
	for _, para := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n") {
		p := strings.TrimSpace(para)
		if p == "" || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "|") || strings.HasPrefix(p, "![") || strings.HasPrefix(p, "[^") {
			continue
		}
		p = mdLink.ReplaceAllString(p, "$1")
		p = mdMarkup.Replace(p)
		p = strings.Join(strings.Fields(p), " ")
		if utf8.RuneCountInString(p) <= limit {
			return p
		}
		r := []rune(p)[:limit]
		cut := string(r)
		if i := strings.LastIndexByte(cut, ' '); i > limit/2 {
			cut = cut[:i]
		}
		return strings.TrimRight(cut, ",;:") + "…"
	}
	return ""
}
