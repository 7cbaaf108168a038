package build

import (
	"time"

	"github.com/brief-ssg/brief/internal/render"
)

// sitemapURL is one page of the sitemap: its site-relative path and when
// it last changed, as <lastmod> says it ("" leaves <lastmod> out).
type sitemapURL struct {
	Path    string
	Lastmod string
	at      int64 // Lastmod in Unix seconds, for comparing; 0 with it ""
}

// changed is when the article last changed: its updated date, else its
// date. Both come from its front matter, so a sitemap never carries the
// time of the build.
func changed(a *render.Article) sitemapURL {
	t, dateOnly := a.Date, a.DateOnly
	if !a.Updated.IsZero() {
		t, dateOnly = a.Updated, a.UpdatedDateOnly
	}
	u := sitemapURL{Path: a.URL, at: t.Unix()}
	if dateOnly {
		u.Lastmod = t.Format(time.DateOnly)
	} else {
		u.Lastmod = t.Format(time.RFC3339)
	}
	return u
}

// newest is the latest of when each of articles last changed: the
// <lastmod> of a page listing them.
func newest(path string, articles ...[]*render.Article) sitemapURL {
	// The first of the latest wins; only it is formatted (a list page
	// names dozens of articles, and every page is listed).
	var best *render.Article
	var at int64
	for _, list := range articles {
		for _, a := range list {
			t := a.Date
			if !a.Updated.IsZero() {
				t = a.Updated
			}
			if u := t.Unix(); best == nil || u > at {
				best, at = a, u
			}
		}
	}
	if best == nil {
		return sitemapURL{Path: path}
	}
	u := changed(best)
	u.Path = path
	return u
}

// sitemapEntry is the sitemap's entry for the page p: its <lastmod> is
// when the newest of the articles it shows last changed (for the tag
// index, of the tagged articles); a page showing none has none.
func (m *Model) sitemapEntry(p *render.Page) sitemapURL {
	lists := [][]*render.Article{p.Items}
	for _, d := range p.Days {
		lists = append(lists, d.Items)
	}
	for _, t := range p.Topics {
		lists = append(lists, t.Latest)
	}
	if ed := p.Edition; ed != nil {
		for _, s := range ed.Sections {
			lists = append(lists, s.Items)
		}
	}
	// A list names a story by one article, but the story's page and its
	// "N more reports" change with every member.
	for _, list := range lists {
		for _, a := range list {
			if se := m.storyOf[a]; se != nil {
				for _, e := range se.members {
					lists = append(lists, []*render.Article{e.view})
				}
			}
		}
	}
	if s := p.Story; s != nil {
		for _, r := range append([]*render.Report{s.Lead}, s.Reports...) {
			lists = append(lists, []*render.Article{r.Article}, r.Copies)
		}
	}
	if p.Kind == "tags" {
		var tagged []*render.Article
		for _, t := range m.Tags {
			for _, e := range t.articles {
				tagged = append(tagged, e.view)
			}
		}
		lists = append(lists, tagged)
	}
	return newest(p.Path, lists...)
}
