package build

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"time"

	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/search"
)

// searchPath is where the search page and its index are published.
const searchPath = "search/"

// searchJobs are the search page and the files of the search index
// (internal/search), when site.yaml leaves search on. The index is made
// here, from the model, and each file's input key is the hash of its
// bytes before compression: a file whose bytes did not change is carried
// over without being compressed again, so an edit rewrites only the
// index files it touches.
func (m *Model) searchJobs(ctx context.Context, opt Options) ([]job, error) {
	if !m.Config.Search.On() {
		return nil, nil
	}
	start := time.Now()
	docs, keys, err := m.searchDocuments(ctx, opt.Workers)
	if err != nil {
		return nil, err
	}
	kept := 0
	for _, d := range docs {
		if d.Analysis != nil {
			kept++
		}
	}
	keep := func(i int, a *search.Analysis) { m.memos[m.Articles[i].src].keepSearch(keys[i], a) }
	files, err := search.Build(ctx, docs, search.Options{Language: m.Config.Language, Workers: opt.Workers, Keep: keep, Deferred: true,
		Index: opt.Cache.searchIndex()})
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	opt.Log.Debug("search index", "files", len(files), "bytes", size, "took", time.Since(start), "analysed", len(docs)-kept)
	p := m.searchPage()
	jobs := []job{{name: searchPath + "index.html", html: true, in: p, run: func() ([]byte, error) { return m.Templates.Render(p) }}}
	for _, f := range files {
		data := f.Data
		name := searchPath + f.Name
		run := func() ([]byte, error) { return data, nil }
		if f.Gzip {
			// Compressed only when its bytes changed: Compress always
			// gives the same output for the same input.
			run = func() ([]byte, error) { return search.Compress(data) }
		}
		jobs = append(jobs, job{name: name, in: staticFile{name: name, sum: f.Sum}, run: run})
	}
	return jobs, nil
}

// SearchDocuments returns the published articles as the search index
// reads them (bodies as searchBody gives them), newest first, reading
// bodies on up to workers goroutines (0: one per CPU). It is exported for
// the search benchmark (bench/search), which indexes them anew: unlike the
// build's, its documents carry no kept analysis.
func (m *Model) SearchDocuments(ctx context.Context, workers int) ([]search.Doc, error) {
	docs, _, err := m.searchDocuments(ctx, workers)
	for i := range docs {
		if docs[i].Analysis != nil {
			docs[i].Analysis = nil
			if docs[i].Body, err = m.searchBody(m.Articles[i]); err != nil {
				return nil, err
			}
		}
	}
	return docs, err
}

// searchDocuments is SearchDocuments with each article's search key
// (searchKey): an article whose memo keeps the index's analysis for its
// key gets it (Doc.Analysis) instead of its body, which is then not read.
func (m *Model) searchDocuments(ctx context.Context, workers int) ([]search.Doc, [][sha256.Size]byte, error) {
	docs := make([]search.Doc, len(m.Articles))
	keys := make([][sha256.Size]byte, len(m.Articles))
	errs := make([]error, len(m.Articles))
	err := inChunks(ctx, len(m.Articles), workers, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			e := m.Articles[i]
			docs[i] = m.searchDoc(e)
			keys[i] = m.searchKey(e, &docs[i])
			if a := m.memos[e.src].keptSearch(keys[i]); a != nil {
				docs[i].Analysis = a
				continue
			}
			docs[i].Body, errs[i] = m.searchBody(e)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return docs, keys, nil
}

// searchKey identifies everything the index's analysis of an article
// reads (search.Doc.Analysis): the fields of d it reads, the language it
// falls back to, how it analyses (search.AnalysisVersion), and what
// decides the body searchBody gives (the article's file, its publish
// mode, search: body:).
func (m *Model) searchKey(e *entry, d *search.Doc) [sha256.Size]byte {
	p := m.Config.Publishing(e.src.Source, e.src.SourceURL, e.src.Publish)
	b := make([]byte, 0, 256+len(d.Title)+len(d.Summary)+len(d.Note))
	b = append(b, e.sum[:]...)
	// Lengths first, so that no two lists of parts hash alike.
	part := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, s := range []string{search.AnalysisVersion, d.Title, d.Summary, d.Note, d.Source, d.Language, m.Config.Language,
		strconv.FormatBool(m.Config.Search.IndexBody()), p.Mode, strconv.Itoa(p.Words), strconv.Itoa(p.Paragraphs)} {
		part(s)
	}
	for _, t := range d.Tags {
		part(t.Name)
	}
	return sha256.Sum256(b)
}

// searchDoc is an article as the index reads it, without its body
// (searchBody).
func (m *Model) searchDoc(e *entry) search.Doc {
	v := e.view
	d := search.Doc{
		URL: v.URL, Title: v.Title, Source: v.Source, Date: v.Date, DateOnly: v.DateOnly,
		Language: v.Language, Summary: v.Summary, Note: e.src.Note, Draft: v.Draft,
	}
	for _, t := range e.topics {
		d.Topics = append(d.Topics, search.Facet{Name: t.view.Title, Key: t.view.Slug})
	}
	for _, t := range e.tags {
		d.Tags = append(d.Tags, search.Facet{Name: t.view.Name, Key: t.view.Slug})
	}
	return d
}

// searchBody is the Markdown of an article that the search index reads
// and quotes: the Markdown the article's publish mode lets the site show
// (PublishedMarkdown: the whole body, an excerpt, or nothing in link mode),
// or nothing when site.yaml says `search: body: false`. It is the one place
// that decides what of a body is searchable, so that the index never holds
// text the site does not publish.
func (m *Model) searchBody(e *entry) (string, error) {
	if !m.Config.Search.IndexBody() {
		return "", nil
	}
	body, err := m.bodyOf(e.src)
	if err != nil {
		return "", err
	}
	md, _, _ := PublishedMarkdown(m.Config, e.src, body)
	return md, nil
}

// searchPage is the search page, nil when the site has none. Its policy
// allows its script and fetch, which _headers must allow too (headersJob).
func (m *Model) searchPage() *render.Page {
	if !m.Config.Search.On() {
		return nil
	}
	return &render.Page{Kind: "search", Path: searchPath, Title: "Search", Site: m.Site,
		Description: "Search every article of " + m.Config.Title + ".",
		Scripts:     []render.Script{render.NewScript(search.Script())}}
}
