package build

import (
	"context"
	"io/fs"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/pool"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
)

// config returns site.yaml parsed, reusing the cached one when neither
// the file nor baseURL changed. c may be nil.
func (c *Cache) config(src fs.FS, in *inputs, baseURL string) (*site.Config, error) {
	if c == nil {
		return loadConfig(src, baseURL)
	}
	sum := in.digest(site.FileName)
	if m := c.cfg; m != nil && m.sum == sum && m.baseURL == baseURL {
		return m.cfg, m.err
	}
	cfg, err := loadConfig(src, baseURL)
	c.cfg = &configMemo{sum: sum, baseURL: baseURL, cfg: cfg, err: err}
	return cfg, err
}

// templates returns the templates parsed, reusing the cached ones when no
// file of templates/ changed. c may be nil.
func (c *Cache) templates(src fs.FS, in *inputs) (*render.Templates, error) {
	if c == nil {
		return loadTemplates(src)
	}
	sum := in.digest("templates")
	if m := c.tmpl; m != nil && m.sum == sum {
		return m.tmpl, m.err
	}
	t, err := loadTemplates(src)
	c.tmpl = &templatesMemo{sum: sum, tmpl: t, err: err}
	return t, err
}

// content parses the content files among the inputs, reusing the cached
// parse of every file whose bytes and time zone are unchanged; the others
// are parsed on every CPU. It returns, besides the set, each article's
// memo, on which the build records what it derives from the article. c
// may be nil.
func (c *Cache) content(ctx context.Context, src fs.FS, in *inputs, loc *time.Location) (*content.Set, map[*content.Article]*articleMemo, error) {
	files := in.under(content.Dir)
	parsed := make([]content.Parsed, len(files))
	memos := make([]*articleMemo, len(files))
	zone := loc.String()
	var todo []int
	for i, f := range files {
		if c != nil {
			if m := c.articles[f.path]; m != nil && m.Sum == f.sum && m.Loc == zone {
				parsed[i], memos[i] = content.Parsed{Path: f.path, Article: m.Article}, m
				continue
			}
			if m := c.others[f.path]; m != nil && m.Sum == f.sum && m.Loc == zone {
				parsed[i] = m.File
				continue
			}
		}
		todo = append(todo, i)
	}
	err := pool.Each(ctx, len(todo), 0, func(k int) {
		i := todo[k]
		f := files[i]
		data, err := in.read(src, f.path)
		if err != nil {
			parsed[i] = content.Parsed{Path: f.path, Err: err}
			return
		}
		parsed[i] = content.ParseFile(f.path, data, loc)
		// The parsed file holds what the build needs of it (its own copy
		// of the body); the bytes are read again if a later step asks.
		in.release(f.path)
		if a := parsed[i].Article; a != nil {
			memos[i] = &articleMemo{Sum: f.sum, Loc: zone, Article: a, HasBody: true}
		}
	})
	if err != nil {
		return nil, nil, err
	}
	byArticle := make(map[*content.Article]*articleMemo, len(files))
	for _, i := range todo {
		f := files[i]
		switch p := parsed[i]; {
		case memos[i] != nil:
			if c != nil {
				c.articles[f.path] = memos[i]
				delete(c.others, f.path)
			}
		case p.Err == nil && c != nil:
			c.others[f.path] = &otherMemo{Sum: f.sum, Loc: zone, File: p}
			delete(c.articles, f.path)
		}
	}
	for _, m := range memos {
		if m != nil {
			byArticle[m.Article] = m
		}
	}
	set, err := content.Assemble(parsed)
	return set, byArticle, err
}
