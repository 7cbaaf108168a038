package build

import (
	"context"
	"time"

	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/stories"
)

// Stories on the published site. The build groups the articles it
// publishes (internal/stories) with site.yaml's settings; a story of more
// than one article gets a page at stories/<id>/, and every list (home,
// topics, tags, archive, feeds) names it once, by one entry that links
// its page. An article alone looks as it did before stories.

// storyEntry is a story of more than one article.
type storyEntry struct {
	view    *render.Story
	members []*entry // in order of publication
	lead    *entry
}

// storyOptions maps site.yaml's stories: settings onto the grouping's;
// zero fields mean the grouping's defaults.
func storyOptions(s site.Stories, workers int) stories.Options {
	return stories.Options{
		Similar: s.Similar, CrossLanguage: s.CrossLanguage, NearDuplicate: s.NearDuplicate,
		Window: s.WindowSpan, Hold: s.HoldSpan, Rise: s.Rise, Workers: workers,
	}
}

// group groups the published articles into stories and gives each story
// of more than one its views. It is deterministic: the grouping is, and
// the lead and the order of the reports depend only on the articles.
func (m *Model) group(ctx context.Context, opt Options) error {
	if !m.Config.Stories.On() || len(m.Articles) < 2 {
		return nil
	}
	docs, err := m.StoryDocuments()
	if err != nil {
		return err
	}
	groups, err := stories.Group(ctx, docs, storyOptions(m.Config.Stories, opt.Workers))
	if err != nil {
		return err
	}
	m.grouping, m.groupDocs = groups, docs
	for _, g := range groups {
		if len(g.Members) < 2 {
			continue
		}
		m.Stories = append(m.Stories, m.newStory(g, docs))
	}
	return nil
}

// newStory makes the views of a story of more than one article: the
// lead, the reports with their copies folded in, and each member's link
// to the story.
func (m *Model) newStory(g stories.Story, docs []stories.Document) *storyEntry {
	se := &storyEntry{}
	for _, mem := range g.Members {
		e := m.Articles[mem.Doc] // docs are m.Articles' order
		e.story = se
		if m.storyOf == nil {
			m.storyOf = map[*render.Article]*storyEntry{}
		}
		m.storyOf[e.view] = se
		se.members = append(se.members, e)
	}
	lead := chooseLead(g, docs, func(doc int) bool { return m.Articles[doc].src.Lead })
	se.lead = m.Articles[g.Members[lead].Doc]
	url := "stories/" + g.ID + "/"
	v := &render.Story{ID: g.ID, URL: url, Title: se.lead.view.Title, Articles: len(g.Members),
		First: g.First.In(m.Config.Location), Last: g.Last.In(m.Config.Location)}

	// Near-copies fold into the report they copy: the earliest member
	// that is not itself a copy, following With back. The lead is a
	// report even when the editor chose a copy.
	byPath := make(map[string]int, len(g.Members))
	for i, mem := range g.Members {
		byPath[mem.Path] = i
	}
	root := func(i int) int {
		for n := 0; n < len(g.Members) && i != lead; n++ {
			r := g.Members[i].Reason
			j, ok := byPath[r.With]
			if r.Signal != stories.SignalNearDuplicate || !ok {
				break
			}
			i = j
		}
		return i
	}
	reports := map[int]*render.Report{}
	sources := map[string]bool{}
	for i, mem := range g.Members {
		a := m.Articles[mem.Doc].view
		sources[sourceKey(a)] = true
		if a.Note != "" {
			v.Notes = append(v.Notes, a)
		}
		r := root(i)
		if r != i {
			continue
		}
		rep := &render.Report{Article: a, FollowUp: a.Date.Sub(v.First) >= 24*time.Hour}
		reports[i] = rep
		if i == lead {
			v.Lead = rep
		} else {
			v.Reports = append(v.Reports, rep)
		}
	}
	for i, mem := range g.Members {
		if r := root(i); r != i {
			reports[r].Copies = append(reports[r].Copies, m.Articles[mem.Doc].view)
		}
	}
	v.Sources = len(sources)
	se.view = v

	// Each member's link to the story names the others, copies marked.
	for i, e := range se.members {
		l := &render.StoryLink{ID: g.ID, URL: url, Title: v.Title, Lead: i == lead, More: len(se.members) - 1, Articles: len(se.members)}
		for k, o := range se.members {
			if k == i || len(l.Others) == render.StoryOthers {
				continue
			}
			ov := o.view
			l.Others = append(l.Others, render.Coverage{Title: ov.Title, URL: ov.URL, Source: ov.Source,
				Date: ov.Date, DateOnly: ov.DateOnly, Copy: root(k) != k})
		}
		e.view.Story = l
	}
	return se
}

// sourceKey names an article's publisher for counting sources: its
// source, else its page.
func sourceKey(a *render.Article) string {
	if a.Source != "" {
		return a.Source
	}
	return a.URL
}

// chooseLead picks the report a story shows first and lists for it: the
// member the editor marked `lead: true` (the earliest, if several), else
// the earliest member that is not a near-copy of another, the longer body
// winning between two published at the same instant. The earliest is
// usually the original; a copy, however fresh, never leads.
func chooseLead(g stories.Story, docs []stories.Document, marked func(doc int) bool) int {
	best := -1
	for i, mem := range g.Members {
		if marked(mem.Doc) {
			return i
		}
		if mem.Reason.Signal == stories.SignalNearDuplicate {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := docs[g.Members[best].Doc]
		d := docs[mem.Doc]
		if d.Published.Equal(b.Published) && len(d.Text) > len(b.Text) {
			best = i
		}
	}
	if best < 0 {
		best = 0
	}
	return best
}

// collapse lists each story of entries once: by its lead when the lead
// is among entries, else by its first member in entries, in that
// member's place. Articles alone stay as they are.
func collapse(entries []*entry) []*entry {
	var leadIn map[*storyEntry]bool
	for _, e := range entries {
		if e.story != nil && e.story.lead == e {
			if leadIn == nil {
				leadIn = map[*storyEntry]bool{}
			}
			leadIn[e.story] = true
		}
	}
	var seen map[*storyEntry]bool
	out := make([]*entry, 0, len(entries))
	for _, e := range entries {
		s := e.story
		if s == nil {
			out = append(out, e)
			continue
		}
		if leadIn[s] {
			if e == s.lead {
				out = append(out, e)
			}
			continue
		}
		if seen == nil {
			seen = map[*storyEntry]bool{}
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, e)
		}
	}
	return out
}

// ArticleViews returns the published articles as pages show them, newest
// first.
func (m *Model) ArticleViews() []*render.Article {
	out := make([]*render.Article, len(m.Articles))
	for i, e := range m.Articles {
		out[i] = e.view
	}
	return out
}

// StoryViews returns the stories of more than one article as their pages
// show them, in order of their first article.
func (m *Model) StoryViews() []*render.Story {
	out := make([]*render.Story, len(m.Stories))
	for i, se := range m.Stories {
		out[i] = se.view
	}
	return out
}

// storyIndex is where the index of stories is published.
const storyIndex = "stories/"

// storyPages are the story index, by day of each story's lead, split
// like every list, and one page per story.
func (m *Model) storyPages() []*render.Page {
	if len(m.Stories) == 0 {
		return nil
	}
	// Newest first, as every list: by the lead's place among the
	// articles.
	leads := make([]*entry, 0, len(m.Stories))
	for _, e := range m.Articles {
		if e.story != nil && e.story.lead == e {
			leads = append(leads, e)
		}
	}
	pages := m.lists("stories", storyIndex, "Stories", leads)
	for _, se := range m.Stories {
		v := se.view
		pages = append(pages, &render.Page{Kind: "story", Path: v.URL, Title: v.Title,
			Description: se.lead.view.Summary, Story: v})
	}
	return pages
}
