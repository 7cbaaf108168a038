package build

import (
	"context"

	"github.com/brief-ssg/brief/internal/related"
	"github.com/brief-ssg/brief/internal/render"
)

// An article's page ends with the articles around it: for each of its
// first topics, the ones published just before and after it in that
// topic, and a short list of related articles ranked by what they share
// with it (internal/related). Both live on the page, not on the
// article's view, which every list shares: so an article's list entries
// never depend on other articles, and only the pages that show a
// neighbour or a related article render again when it changes.

// relatedItems is how many related articles an article's page lists.
const relatedItems = 5

// neighbourTopics is how many of an article's topics (in site.yaml's
// order) get a "before and after" on its page: an article that broad
// rules put in dozens of topics would otherwise carry two links per
// topic and change with the neighbours in each.
const neighbourTopics = 3

// relate ranks each published article's related articles, leaving out
// those its story box already lists.
func (m *Model) relate(ctx context.Context, opt Options) error {
	docs := make([]related.Doc, len(m.Articles))
	for i, e := range m.Articles {
		d := related.Doc{Unix: e.view.Date.Unix()}
		if e.story != nil {
			d.Story = e.story.view.ID
		}
		for _, te := range e.topics {
			d.Topics = append(d.Topics, te.cfg.Slug)
		}
		for _, te := range e.tags {
			d.Tags = append(d.Tags, te.view.Slug)
		}
		d.Names = m.names(e)
		docs[i] = d
	}
	ranks, err := opt.Cache.rank(ctx, docs, relatedItems+render.StoryOthers, opt.Workers)
	if err != nil {
		return err
	}
	for i, e := range m.Articles {
		shown := map[string]bool{}
		if l := e.view.Story; l != nil {
			for _, o := range l.Others {
				shown[o.URL] = true
			}
		}
		for _, j := range ranks[i] {
			o := m.Articles[j]
			if shown[o.view.URL] {
				continue
			}
			e.related = append(e.related, o)
			if len(e.related) == relatedItems {
				break
			}
		}
	}
	return nil
}

// names are the names in e's headline and summary (related.Names),
// found once per text and kept on the article's memo.
func (m *Model) names(e *entry) []string {
	text := e.view.Title + "\n" + e.view.Summary
	d := newDigest()
	d.WriteString(text)
	sum := d.Sum64() | 1 // never 0, which means none looked for
	mm := m.memos[e.src]
	if mm.NamesOf != sum {
		mm.Names, mm.NamesOf = related.Names(text), sum
		mm.touch()
	}
	return mm.Names
}

// coverage is an article as a link on another's page.
func coverage(e *entry) render.Coverage {
	v := e.view
	return render.Coverage{Title: v.Title, URL: v.URL, Source: v.Source, Date: v.Date, DateOnly: v.DateOnly}
}

// surroundings fills an article page's related articles and its
// neighbours in its first topics.
func (m *Model) surroundings(p *render.Page, e *entry) {
	for _, o := range e.related {
		p.Related = append(p.Related, o.cov)
	}
	for k, te := range e.topics[:min(len(e.topics), neighbourTopics)] {
		i := e.at[k]
		nb := render.Neighbours{Topic: render.Link{Title: te.view.Title, URL: te.view.URL}}
		if i+1 < len(te.articles) {
			nb.Older = te.articles[i+1].cov
		}
		if i > 0 {
			nb.Newer = te.articles[i-1].cov
		}
		if (nb.Older != nil || nb.Newer != nil) && !sameNeighbours(p.Neighbours, nb) {
			p.Neighbours = append(p.Neighbours, nb)
		}
	}
}

// sameNeighbours reports whether an earlier topic in list already shows
// nb's articles: topics that take the same articles would repeat them.
func sameNeighbours(list []render.Neighbours, nb render.Neighbours) bool {
	url := func(c *render.Coverage) string {
		if c == nil {
			return ""
		}
		return c.URL
	}
	for _, o := range list {
		if url(o.Older) == url(nb.Older) && url(o.Newer) == url(nb.Newer) {
			return true
		}
	}
	return false
}
