// Package render turns pages into HTML through Go templates: the default
// theme embedded in brief, overridden file by file by a site's templates/.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
)

// Page kinds, each rendered by the template file of the same name.
var kinds = []string{"home", "topic", "topics", "article", "tag", "tags", "archive", "years", "year", "month", "story", "stories", "edition", "editions", "email", "page", "search", "404"}

// Templates holds one parsed template set per page kind.
type Templates struct {
	sets map[string]*template.Template
	pool sync.Pool

	// shared says, for each shared partial function (sharedFuncs), whether
	// the template of its name and every one it calls are the theme's own,
	// which read only what the function's key captures, so that their
	// output can be shared between pages.
	shared map[string]bool
}

// Unshared returns the partials that brief renders once and reuses on
// every page that shares their input when they are the theme's, but that
// these templates have rendered each time, because the site replaces them
// or a template they call.
func (t *Templates) Unshared() []string {
	var out []string
	for name, shared := range t.shared {
		if !shared {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Load parses the theme's templates, replacing any that site (a site's
// templates/ folder, may be nil) has a file of the same name for. Files are
// matched by their path below the folder, e.g. "partials/footer.html".
func Load(theme, site fs.FS) (*Templates, error) {
	files, err := collect(theme, site)
	if err != nil {
		return nil, err
	}
	t := &Templates{sets: map[string]*template.Template{}, shared: map[string]bool{}}
	fm := funcs()
	for name, fn := range t.sharedFuncs() {
		fm[name] = fn
	}
	p, err := parseFiles(files, fm)
	if err != nil {
		return nil, err
	}
	root := template.New("").Funcs(fm)
	for _, f := range p.shared {
		if err := add(root, f); err != nil {
			return nil, err
		}
	}
	for name := range t.sharedFuncs() {
		t.shared[name] = p.fromTheme(name)
	}
	var errs diag.List
	for _, k := range kinds {
		f, ok := p.pages[k+".html"]
		if !ok {
			errs.Add(fmt.Errorf("theme: template %s.html is missing", k))
			continue
		}
		set, err := root.Clone()
		if err == nil {
			err = add(set, f)
		}
		if err != nil {
			errs.Add(err)
			continue
		}
		t.sets[k] = set.Lookup(f.origin)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// templateError rewords html/template's "template: name:line: msg" as the
// "file:line: msg" every other brief error uses.
func templateError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	file, rest, ok := strings.Cut(msg, ":")
	if !ok {
		return errors.New(msg)
	}
	line := 0
	if n, after, ok := strings.Cut(rest, ":"); ok {
		if _, err := fmt.Sscanf(n, "%d", &line); err == nil {
			rest = after
			// Drop a column number if there is one.
			if c, after2, ok := strings.Cut(rest, ":"); ok {
				var col int
				if _, err := fmt.Sscanf(c, "%d", &col); err == nil {
					rest = after2
				}
			}
		}
	}
	return &diag.Error{Path: file, Line: line, Msg: strings.TrimSpace(rest)}
}

// Execute renders p with the template of its kind.
func (t *Templates) Execute(w io.Writer, p *Page) error {
	set, ok := t.sets[p.Kind]
	if !ok {
		return fmt.Errorf("render: no template for page kind %q", p.Kind)
	}
	if err := set.Execute(w, p); err != nil {
		return templateError(err)
	}
	return nil
}

// Render renders p into a fresh byte slice, reusing buffers across calls.
func (t *Templates) Render(p *Page) ([]byte, error) {
	buf, _ := t.pool.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer t.pool.Put(buf)
	if err := t.Execute(buf, p); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// Some partials are the same bytes on many pages: the navigation differs
// only by how deep the page is, its kind and which topic or plain page it
// is, and an article's entry in a list only by the depth of the list page,
// while each is dozens of reflective template calls (the navigation about a
// hundred), together over half of a build's CPU. So each has a template
// function of its name that renders it once per site and distinct key and
// reuses the bytes on every page that shares it (the theme calls
// {{nav .}}, {{footer .}}, {{item $page $article}}, {{related $page
// $coverage}}). The key is what the
// theme's template reads of the page besides its Site; a site overriding
// the template (or one it calls) may read anything, so its own is
// rendered every time, as `{{template}}` would.

// sharedFuncs are the shared partials' template functions, by name: the
// one list of them.
func (t *Templates) sharedFuncs() map[string]any {
	return map[string]any{
		"nav": func(p *Page) (template.HTML, error) {
			return t.sharedPartial(p, "nav", navKeyOf(p), p)
		},
		"footer": func(p *Page) (template.HTML, error) {
			return t.sharedPartial(p, "footer", footerKey{linkDepth(p)}, p)
		},
		"item": func(p *Page, a *Article) (template.HTML, error) {
			return t.sharedPartial(p, "item", itemKey{a: a, depth: linkDepth(p), days: len(p.Days) > 0}, p.With(a))
		},
		"related": func(p *Page, c Coverage) (template.HTML, error) {
			return t.sharedPartial(p, "related", relatedKey{c: c, depth: linkDepth(p)}, p.With(c))
		},
	}
}

// SharedPartials returns the partials rendered once per distinct
// input and shared between pages, each with whether this set shares it (it
// does not for a partial a site overrides).
func (t *Templates) SharedPartials() map[string]bool {
	out := make(map[string]bool, len(t.shared))
	for n, ok := range t.shared {
		out[n] = ok
	}
	return out
}

// sharedPartial renders the partial name with dot for p, once per site
// and key when the theme's own template is in use.
func (t *Templates) sharedPartial(p *Page, name string, key, dot any) (template.HTML, error) {
	if !t.shared[name] || p.Site == nil {
		return t.partial(p, name, dot)
	}
	return p.Site.partials.get(partialKey{name, key}, func() (template.HTML, error) { return t.partial(p, name, dot) })
}

// partialKey identifies one shared partial's output within a site.
type partialKey struct {
	name string
	key  any
}

// sharedOutput holds the shared partials' output for one site, that is
// for one build: a new build makes a new Site.
type sharedOutput struct {
	mu sync.Mutex
	m  map[partialKey]template.HTML
}

// get returns the output for key, rendering it with render the first time.
func (c *sharedOutput) get(key partialKey, render func() (template.HTML, error)) (template.HTML, error) {
	c.mu.Lock()
	h, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := render()
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[partialKey]template.HTML{}
	}
	c.m[key] = h
	c.mu.Unlock()
	return h, nil
}

// linkDepth is what Page.Link's output depends on besides the target and
// the site: -1 on the 404 page, whose links are rooted, else the depth.
func linkDepth(p *Page) int {
	if p.Kind == "404" {
		return -1
	}
	return strings.Count(p.Path, "/")
}

// navKey is what the theme's nav template reads from a page besides its
// Site: the link depth, the kinds it highlights, the current topic, and
// the path when a plain page's link could match it.
type navKey struct {
	kind, topic, path string
	depth             int
}

func navKeyOf(p *Page) navKey {
	k := navKey{depth: linkDepth(p)}
	switch p.Kind {
	case "home", "archive", "years", "year", "month", "tags", "topics", "editions":
		k.kind = p.Kind
	}
	if p.Topic != nil {
		k.topic = p.Topic.Slug
	}
	if p.Site != nil {
		for _, l := range p.Site.Pages {
			if l.URL == p.Path {
				k.path = p.Path
				break
			}
		}
	}
	return k
}

// footerKey is what the theme's footer reads besides the site.
type footerKey struct{ depth int }

// itemKey is what the theme's item template (and the meta template it
// calls) reads besides the article: the link depth and whether the page
// groups its list by day.
type itemKey struct {
	a     *Article
	depth int
	days  bool
}

// relatedKey is what the theme's related template reads besides the
// related article: the link depth.
type relatedKey struct {
	c     Coverage
	depth int
}

// partial renders the template called name with dot, in the template set
// of p's kind.
func (t *Templates) partial(p *Page, name string, dot any) (template.HTML, error) {
	set, ok := t.sets[p.Kind]
	if !ok {
		return "", fmt.Errorf("render: no template for page kind %q", p.Kind)
	}
	var b strings.Builder
	if err := set.ExecuteTemplate(&b, name, dot); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

func funcs() template.FuncMap {
	return template.FuncMap{
		// date formats t with a Go layout, e.g. {{date "January 2, 2006" .Date}}.
		"date": func(layout string, t time.Time) string { return t.Format(layout) },
		// iso is the machine-readable form for <time datetime>.
		"iso":  func(t time.Time) string { return t.Format(time.RFC3339) },
		"join": strings.Join,
		// plural picks a word form: {{plural .Count "article" "articles"}}.
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
	}
}
