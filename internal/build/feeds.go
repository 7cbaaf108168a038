package build

import (
	"bytes"
	"html"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/feed"
	"github.com/brief-ssg/brief/internal/render"
)

// feedFormats are the feeds published for the site and for each topic, by
// file name.
var feedFormats = []struct {
	file, title, mime string
	write             func(io.Writer, *feed.Feed, string) error
}{
	{"feed.xml", "Atom", "application/atom+xml", feed.WriteAtom},
	{"rss.xml", "RSS", "application/rss+xml", feed.WriteRSS},
	{"feed.json", "JSON Feed", "application/feed+json", feed.WriteJSON},
}

// feedLinks advertises the feeds of the page at dir.
func feedLinks(dir, title string) []render.FeedLink {
	links := make([]render.FeedLink, len(feedFormats))
	for i, f := range feedFormats {
		links[i] = render.FeedLink{Title: f.title, Type: f.mime, URL: dir + f.file}
	}
	return links
}

// feedJobs writes the three feeds of the page at dir, carrying its newest
// articles in full.
func (m *Model) feedJobs(dir, title, description string, entries []*entry) []job {
	entries = entries[:min(len(entries), m.Config.FeedItems)]
	build := func() (*feed.Feed, error) {
		f := &feed.Feed{
			Title: title, Description: description, Language: m.Config.Language,
			HomeURL: m.abs(dir), Author: m.Config.Author,
		}
		if f.Author == "" {
			f.Author = m.Config.Title
		}
		if len(entries) == 0 && len(m.Articles) > 0 {
			// An empty topic's feed still needs a date, and the build must
			// not read the clock for it.
			f.Updated = m.Articles[0].view.Date
		}
		for _, e := range entries {
			content, err := m.feedHTML(e)
			if err != nil {
				return nil, err
			}
			v := e.view
			if v.Story != nil {
				content += m.feedCoverage(v.Story)
			}
			tags := make([]string, len(v.Tags))
			for i, t := range v.Tags {
				tags[i] = t.Title
			}
			f.Items = append(f.Items, feed.Item{
				URL: m.abs(v.URL), Title: v.Title, Summary: v.Summary, ContentHTML: content,
				Published: v.Date, Updated: v.Updated, Authors: v.Authors, Tags: tags,
				ExternalURL: v.SourceURL, Image: m.absImage(v.Image), Source: v.Source,
			})
		}
		return f, nil
	}
	// An empty feed takes its date from the newest article, so that
	// date is one of its inputs.
	var fallback time.Time
	if len(entries) == 0 && len(m.Articles) > 0 {
		fallback = m.Articles[0].view.Date
	}
	return m.feedFiles(dir, []any{title, description, entries, fallback}, build)
}

// feedFiles writes the feed build makes in each format into dir; in is
// everything build reads (see job.in).
func (m *Model) feedFiles(dir string, in any, build func() (*feed.Feed, error)) []job {
	jobs := make([]job, len(feedFormats))
	for i, format := range feedFormats {
		jobs[i] = job{name: dir + format.file, in: in, run: func() ([]byte, error) {
			f, err := build()
			if err != nil {
				return nil, err
			}
			var buf bytes.Buffer
			if err := format.write(&buf, f, m.abs(dir+format.file)); err != nil {
				return nil, err
			}
			return buf.Bytes(), nil
		}}
	}
	return jobs
}

// abs is the absolute URL of a site-relative path.
func (m *Model) abs(p string) string { return m.Config.Base.String() + p }

// absImage makes a site image path ("/images/x.png") absolute; remote
// images are left as they are.
func (m *Model) absImage(img string) string {
	if img == "" || !strings.HasPrefix(img, "/") {
		return img
	}
	ref, err := url.Parse(strings.TrimPrefix(img, "/"))
	if err != nil {
		return ""
	}
	return m.Config.Base.ResolveReference(ref).String()
}

// feedCoverage is the end of a story's item in a feed: a feed, like a
// list, carries a story once, by the article lists show for it, and
// links the rest of its coverage and its page.
func (m *Model) feedCoverage(l *render.StoryLink) string {
	var b strings.Builder
	b.WriteString(`<p><strong>Also covered by</strong></p><ul>`)
	for _, o := range l.Others {
		b.WriteString(`<li><a href="` + html.EscapeString(m.abs(o.URL)) + `">` + html.EscapeString(o.Title) + `</a>`)
		if o.Source != "" {
			b.WriteString(" (" + html.EscapeString(o.Source) + ")")
		}
		b.WriteString("</li>")
	}
	b.WriteString(`</ul><p><a href="` + html.EscapeString(m.abs(l.URL)) + `">The whole story: ` + strconv.Itoa(l.More+1) + ` reports</a></p>`)
	return b.String()
}
