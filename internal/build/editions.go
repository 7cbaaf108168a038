package build

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/editions"
	"github.com/brief-ssg/brief/internal/email"
	"github.com/brief-ssg/brief/internal/feed"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
)

// Editions on the published site (site.yaml's editions:). Each day, or
// week, with articles gets a page at editions/<id>/ listing its articles
// by topic (a story once), under the editor's introduction when
// content/editions/<id>.md has one, and an email version beside it:
// email.html (CSS inlined, checked against the rules of email),
// email.txt and edition.eml. editions/ indexes them all by month,
// editions/daily/ and editions/weekly/ each cadence with its feeds.

// editionIndex is where the index of every edition is published.
const editionIndex = "editions/"

// emailContentWidth is the width, in pixels, of the theme email's text
// column: 600 less its padding; images in intros and notes get it.
const emailContentWidth = 544

// editionEntry is one edition with what its files are made from.
type editionEntry struct {
	period  editions.Period
	entries []*entry // newest first
	view    *render.Edition
	mail    *render.Email
	page    *render.Page // the email's
	// date is the newest article's, else the period's start: the
	// message's Date and the feed item's.
	date time.Time

	once       sync.Once
	html, text []byte
	err        error
}

// editionIntro is an editor's introduction to an edition, rendered for
// the page (links relative) and for email and feeds (links absolute).
type editionIntro struct {
	src        *content.EditionIntro
	period     editions.Period
	page, mail template.HTML
}

// readEditionIntros checks each introduction against the site's editions
// and renders it.
func (m *Model) readEditionIntros(intros []*content.EditionIntro) error {
	cfg := m.Config
	ed := cfg.Editions
	var errs diag.List
	for _, in := range intros {
		if !ed.On() {
			errs.Add(diag.Errorf(in.Path, 0, "the site publishes no editions: turn on daily or weekly under editions: in site.yaml, or move the file out of content/editions/"))
			continue
		}
		p, err := editions.Parse(in.Edition, cfg.Location, ed.WeekStart)
		if err != nil {
			errs.Add(diag.Errorf(in.Path, 0, "%v; rename the file", err))
			continue
		}
		if p.Cadence == editions.Daily && !ed.Daily || p.Cadence == editions.Weekly && !ed.Weekly {
			errs.Add(diag.Errorf(in.Path, 0, "%s editions are off in site.yaml: turn them on under editions:, or rename the file after an edition the site publishes", p.Cadence))
			continue
		}
		page, err := m.Markdown.Render(in.Body, markdown.Options{IDPrefix: "edition-intro-", Base: pathBase(cfg.Base), MinHeading: 3})
		if err != nil {
			errs.Add(diag.Errorf(in.Path, in.BodyLine, "%w", err))
			continue
		}
		mail, err := m.Markdown.Render(in.Body, markdown.Options{IDPrefix: "edition-intro-", Base: cfg.Base, MinHeading: 3})
		if err != nil {
			errs.Add(diag.Errorf(in.Path, in.BodyLine, "%w", err))
			continue
		}
		if m.intros == nil {
			m.intros = map[string]*editionIntro{}
		}
		// Links the editor wrote relative to the edition's page resolve
		// against it in the email, which is read away from the site.
		mail = []byte(email.FitImages(feed.AbsoluteLinks(string(mail), m.absURL(editionIndex+p.ID()+"/")), emailContentWidth))
		m.intros[p.ID()] = &editionIntro{src: in, period: p, page: template.HTML(page), mail: template.HTML(mail)}
	}
	if ed.On() {
		m.Site.EditionIndex = editionIndex
	}
	return errs.Err()
}

// planEditions cuts the published articles into the site's editions,
// newest first within each cadence, daily ones first. It runs once the
// articles are grouped into stories, since an edition names a story once.
func (m *Model) planEditions() error {
	cfg := m.Config
	ed := cfg.Editions
	times := make([]time.Time, len(m.Articles))
	for i, e := range m.Articles {
		times[i] = e.src.Date
	}
	var also []editions.Period
	for _, in := range m.intros {
		also = append(also, in.period)
	}
	for _, c := range []editions.Cadence{editions.Daily, editions.Weekly} {
		if c == editions.Daily && !ed.Daily || c == editions.Weekly && !ed.Weekly {
			continue
		}
		planned := editions.Plan(c, times, also, cfg.Location, ed.WeekStart)
		list := make([]*editionEntry, len(planned))
		for i, p := range planned {
			ee := &editionEntry{period: p.Period, date: p.Start}
			for _, k := range p.Items {
				ee.entries = append(ee.entries, m.Articles[k])
			}
			if len(ee.entries) > 0 {
				ee.date = ee.entries[0].src.Date
			}
			m.newEdition(ee)
			list[i] = ee
		}
		for i, ee := range list {
			if i > 0 {
				n := list[i-1].view
				ee.view.Next = &render.Link{Title: n.Title, URL: n.URL}
			}
			if i+1 < len(list) {
				p := list[i+1].view
				ee.view.Prev = &render.Link{Title: p.Title, URL: p.URL}
			}
		}
		m.Editions = append(m.Editions, list...)
	}
	return m.checkEmailSettings()
}

// checkEmailSettings makes sure each edition can be written as a
// message: it needs a sender.
func (m *Model) checkEmailSettings() error {
	if len(m.Editions) == 0 {
		return nil
	}
	if err := email.CheckAddress(m.sender()); err != nil {
		return diag.Errorf("site.yaml", 0, "editions: the email's sender %v: set editions: email: from", err)
	}
	return nil
}

// sender is the From of the editions' email: site.yaml's, else the
// site's title at a no-reply address of its host.
func (m *Model) sender() string {
	if f := m.Config.Editions.Email.From; f != "" {
		return f
	}
	return (&mail.Address{Name: m.Config.Title, Address: "noreply@" + m.Config.Base.Hostname()}).String()
}

// editionTitle names a period as pages show it.
func editionTitle(p editions.Period) string {
	if p.Cadence == editions.Weekly {
		return "Week of " + p.Start.Format("January 2, 2006")
	}
	return p.Start.Format("Monday, January 2, 2006")
}

// newEdition makes an edition's views: the page's, with its articles by
// topic, and the email's.
func (m *Model) newEdition(ee *editionEntry) {
	p := ee.period
	id := p.ID()
	v := &render.Edition{
		ID: id, Cadence: p.Cadence.String(), URL: editionIndex + id + "/", Title: editionTitle(p),
		Start: p.Start, Last: p.Last(), Articles: len(ee.entries), EmailURL: editionIndex + id + "/email.html",
	}
	mv := &render.Email{Title: v.Title, Cadence: v.Cadence, URL: m.abs(v.URL), SiteURL: m.abs("")}
	if in := m.intros[id]; in != nil {
		v.Headline, v.Intro = in.src.Title, in.page
		mv.Headline, mv.Intro = in.src.Title, in.mail
	}
	mv.Subject = m.Config.Title + " · " + v.Title
	if v.Headline != "" {
		mv.Subject = m.Config.Title + " · " + v.Headline
	}
	for _, u := range m.Config.Editions.Email.ListUnsubscribe {
		if strings.HasPrefix(u, "https:") || mv.Unsubscribe == "" {
			mv.Unsubscribe = u
		}
	}
	// Each article in the section of its first topic, in site.yaml's
	// order, then those no topic takes; a story once, as in every list.
	listed := collapse(ee.entries)
	v.Items = len(listed)
	sections := make([][]*entry, len(m.Topics)+1)
	index := make(map[*topicEntry]int, len(m.Topics))
	for i, te := range m.Topics {
		index[te] = i
	}
	for _, e := range listed {
		k := len(m.Topics)
		if len(e.topics) > 0 {
			k = index[e.topics[0]]
		}
		sections[k] = append(sections[k], e)
	}
	var headlines []string
	for k, list := range sections {
		if len(list) == 0 {
			continue
		}
		s := render.EditionSection{Title: "Other news"}
		if k < len(m.Topics) {
			s.Title, s.URL = m.Topics[k].view.Title, m.Topics[k].view.URL
		}
		ms := render.EmailSection{Title: s.Title}
		if s.URL != "" {
			ms.URL = m.abs(s.URL)
		}
		for _, e := range list {
			s.Items = append(s.Items, e.view)
			ms.Items = append(ms.Items, m.emailItem(e))
			headlines = append(headlines, e.view.Title)
		}
		v.Sections = append(v.Sections, s)
		mv.Sections = append(mv.Sections, ms)
	}
	mv.Preheader = preheader(headlines)
	ee.view, ee.mail = v, mv
	ee.page = &render.Page{Kind: "email", Path: v.URL + "email.html", Title: mv.Subject, Site: m.Site, Email: mv}
}

// preheader is the line a mail client shows after the subject: the
// edition's first headlines, up to about 140 characters.
func preheader(headlines []string) string {
	var b strings.Builder
	for _, h := range headlines {
		if b.Len() > 0 {
			if b.Len()+len(h) > 140 {
				break
			}
			b.WriteString(" · ")
		}
		b.WriteString(h)
	}
	return b.String()
}

// emailItem is an article as an email lists it, every URL absolute.
func (m *Model) emailItem(e *entry) render.EmailItem {
	v := e.view
	it := render.EmailItem{Title: v.Title, URL: m.abs(v.URL), Source: v.Source, SourceURL: v.SourceURL,
		Summary: v.Summary, Date: v.Date, DateOnly: v.DateOnly}
	if e.src.Note != "" {
		// Rendered with the absolute base, as for feeds; the note was
		// checked when the article's page rendered it.
		if note, err := m.Markdown.Render(e.src.Note, markdown.Options{IDPrefix: "note-", Base: m.Config.Base, MinHeading: 3}); err == nil {
			it.Note = template.HTML(email.FitImages(feed.AbsoluteLinks(string(note), m.absURL(v.URL)), emailContentWidth-28))
		}
	}
	if l := v.Story; l != nil {
		it.More, it.StoryURL = l.More, m.abs(l.URL)
	}
	return it
}

// latestEdition is what the home page shows when site.yaml asks it to:
// the newest daily edition, or weekly when the site has no daily ones.
func (m *Model) latestEdition() *render.Edition {
	if !m.Config.Editions.Home || len(m.Editions) == 0 {
		return nil
	}
	return m.Editions[0].view
}

// editionPages are the edition indexes and a page per edition.
func (m *Model) editionPages() []*render.Page {
	ed := m.Config.Editions
	if !ed.On() {
		return nil
	}
	var pages []*render.Page
	index := func(path, title, cadence string, list []*editionEntry) *render.Page {
		periods := make([]editions.Period, len(list))
		for i, ee := range list {
			periods[i] = ee.period
		}
		idx := &render.EditionIndex{Cadence: cadence}
		for _, y := range editions.Index(periods) {
			ry := render.EditionYear{Year: y.Year}
			for _, mo := range y.Months {
				rm := render.EditionMonth{Month: mo.Start}
				for _, k := range mo.Editions {
					v := list[k].view
					rm.Editions = append(rm.Editions, render.EditionEntry{Title: v.Title, Headline: v.Headline,
						URL: v.URL, Cadence: v.Cadence, Start: v.Start, Articles: v.Articles})
				}
				ry.Months = append(ry.Months, rm)
			}
			idx.Years = append(idx.Years, ry)
		}
		return &render.Page{Kind: "editions", Path: path, Title: title, Editions: idx}
	}
	// The index of all: by the day each starts, a week before the day
	// it starts with.
	all := make([]*editionEntry, 0, len(m.Editions))
	for _, c := range []editions.Cadence{editions.Weekly, editions.Daily} {
		for _, ee := range m.Editions {
			if ee.period.Cadence == c {
				all = append(all, ee)
			}
		}
	}
	sortEditions(all)
	top := index(editionIndex, "Editions", "", all)
	for _, c := range m.cadences() {
		dir := editionIndex + c.String() + "/"
		top.Feeds = append(top.Feeds, m.editionFeedLinks(c)...)
		p := index(dir, cadenceTitle(c), c.String(), m.editionsOf(c))
		p.Feeds = m.editionFeedLinks(c)
		pages = append(pages, p)
	}
	pages = append([]*render.Page{top}, pages...)
	for _, ee := range m.Editions {
		v := ee.view
		desc := v.Headline
		if desc == "" {
			desc = cadenceTitle(ee.period.Cadence) + ": " + v.Title
		}
		pages = append(pages, &render.Page{Kind: "edition", Path: v.URL, Title: v.Title, Description: desc, Edition: v})
	}
	return pages
}

// sortEditions orders editions newest first by their first day, keeping
// the order of those that start on the same day.
func sortEditions(list []*editionEntry) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].period.Start.After(list[j-1].period.Start); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func cadenceTitle(c editions.Cadence) string {
	if c == editions.Weekly {
		return "Weekly editions"
	}
	return "Daily editions"
}

// cadences are the site's cadences, daily first.
func (m *Model) cadences() []editions.Cadence {
	var out []editions.Cadence
	if m.Config.Editions.Daily {
		out = append(out, editions.Daily)
	}
	if m.Config.Editions.Weekly {
		out = append(out, editions.Weekly)
	}
	return out
}

// editionsOf are the editions of cadence c, newest first.
func (m *Model) editionsOf(c editions.Cadence) []*editionEntry {
	var out []*editionEntry
	for _, ee := range m.Editions {
		if ee.period.Cadence == c {
			out = append(out, ee)
		}
	}
	return out
}

func (m *Model) editionFeedLinks(c editions.Cadence) []render.FeedLink {
	links := feedLinks(editionIndex+c.String()+"/", "")
	for i := range links {
		links[i].Title = cadenceTitle(c) + " (" + links[i].Title + ")"
	}
	return links
}

// editionJobs are each edition's email files and each cadence's feeds.
func (m *Model) editionJobs() []job {
	var jobs []job
	for _, ee := range m.Editions {
		ee := ee
		dir := ee.view.URL
		// Everything the three files are made from: the email's page
		// (its view holds the edition's articles, every URL absolute;
		// its Site what a site's own email.html may read) and its date;
		// the sender and list headers are site.yaml's, in every key.
		in := []any{ee.page, ee.date}
		jobs = append(jobs,
			// The email.html job alone checks the email, so that a
			// failure is reported once, not for each of the three files.
			job{name: dir + "email.html", in: in, run: func() ([]byte, error) {
				html, _, err := m.editionEmail(ee)
				if err != nil {
					return nil, err
				}
				return html, email.Check(dir+"email.html", html)
			}},
			job{name: dir + "email.txt", in: in, run: func() ([]byte, error) {
				_, text, err := m.editionEmail(ee)
				return text, err
			}},
			job{name: dir + "edition.eml", in: in, run: func() ([]byte, error) {
				msg, err := m.editionMessage(ee)
				if err != nil {
					return nil, err
				}
				return email.EML(msg)
			}},
		)
	}
	for _, c := range m.cadences() {
		list := m.editionsOf(c)
		list = list[:min(len(list), m.Config.FeedItems)]
		dir := editionIndex + c.String() + "/"
		views := make([]any, 0, 2*len(list))
		for _, ee := range list {
			views = append(views, ee.mail, ee.date)
		}
		jobs = append(jobs, m.feedFiles(dir, []any{c.String(), views}, func() (*feed.Feed, error) {
			return m.editionFeed(c, dir, list), nil
		})...)
	}
	return jobs
}

// editionEmail renders an edition's email once: the HTML with its CSS
// inlined, and the plain text.
func (m *Model) editionEmail(ee *editionEntry) (html, text []byte, err error) {
	ee.once.Do(func() {
		var raw []byte
		if raw, ee.err = m.Templates.Render(ee.page); ee.err != nil {
			return
		}
		if ee.html, ee.err = email.Inline(raw); ee.err != nil {
			return
		}
		ee.text = m.emailText(ee.mail)
	})
	return ee.html, ee.text, ee.err
}

// editionMessage is an edition as a message with no recipient, dated by
// its newest article, its Message-ID made from its ID and the site's
// host, so that rebuilding gives the same bytes.
func (m *Model) editionMessage(ee *editionEntry) (*email.Message, error) {
	html, text, err := m.editionEmail(ee)
	if err != nil {
		return nil, err
	}
	e := m.Config.Editions.Email
	return &email.Message{
		From: m.sender(), ReplyTo: e.ReplyTo, Subject: ee.mail.Subject, ListUnsubscribe: e.ListUnsubscribe,
		Date: ee.date, ID: "edition-" + ee.view.ID + "@" + m.Config.Base.Hostname(), HTML: html, Text: text,
	}, nil
}

// editionFeed is a cadence's feed: an item per edition, newest first,
// carrying its introduction and headlines.
func (m *Model) editionFeed(c editions.Cadence, dir string, list []*editionEntry) *feed.Feed {
	f := &feed.Feed{
		Title: cadenceTitle(c) + " · " + m.Config.Title, Description: m.Config.Description,
		Language: m.Config.Language, HomeURL: m.abs(dir), Author: m.Config.Author,
	}
	if f.Author == "" {
		f.Author = m.Config.Title
	}
	for _, ee := range list {
		mv := ee.mail
		title := mv.Title
		if mv.Headline != "" {
			title = mv.Headline + " (" + mv.Title + ")"
		}
		var b strings.Builder
		b.WriteString(string(mv.Intro))
		for _, s := range mv.Sections {
			b.WriteString("<h2>" + template.HTMLEscapeString(s.Title) + "</h2><ul>")
			for _, it := range s.Items {
				b.WriteString(`<li><a href="` + template.HTMLEscapeString(it.URL) + `">` + template.HTMLEscapeString(it.Title) + "</a>")
				if it.Source != "" {
					b.WriteString(" (" + template.HTMLEscapeString(it.Source) + ")")
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
		f.Items = append(f.Items, feed.Item{URL: mv.URL, Title: title, Summary: mv.Preheader, ContentHTML: b.String(), Published: ee.date})
	}
	return f
}

// EditionMessage reads the site in src as Load does and returns the
// edition id's email ("2023-06-14", "week-2023-06-12") with no
// recipient, Date or Message-ID, ready to send, and the site's
// configuration, whose editions: email: smtp: says where to.
func EditionMessage(ctx context.Context, src fs.FS, opt Options, id string) (*email.Message, *site.Config, error) {
	m, err := Load(ctx, src, opt)
	if err != nil {
		return nil, nil, err
	}
	ed := m.Config.Editions
	if !ed.On() {
		return nil, nil, errors.New("the site publishes no editions: turn on daily or weekly under editions: in site.yaml")
	}
	if _, err := editions.Parse(id, m.Config.Location, ed.WeekStart); err != nil {
		return nil, nil, err
	}
	for _, ee := range m.Editions {
		if ee.view.ID != id {
			continue
		}
		msg, err := m.editionMessage(ee)
		if err != nil {
			return nil, nil, err
		}
		msg.Date, msg.ID = time.Time{}, ""
		return msg, m.Config, nil
	}
	var ids []string
	for _, ee := range m.Editions {
		ids = append(ids, ee.view.ID)
	}
	hint := "the site has no editions yet"
	if len(ids) > 0 {
		hint = "the newest are " + strings.Join(ids[:min(3, len(ids))], ", ") + " (editions/ in the built site lists them all)"
	}
	return nil, nil, fmt.Errorf("no edition %s: no article is published in that period and content/editions/%s.md does not exist; %s", id, id, hint)
}

// absURL is the absolute URL of a site-relative path, parsed.
func (m *Model) absURL(p string) *url.URL {
	return m.Config.Base.ResolveReference(&url.URL{Path: p})
}

// EditionViews returns the editions as their pages show them: the daily
// ones newest first, then the weekly ones.
func (m *Model) EditionViews() []*render.Edition {
	out := make([]*render.Edition, len(m.Editions))
	for i, ee := range m.Editions {
		out[i] = ee.view
	}
	return out
}
