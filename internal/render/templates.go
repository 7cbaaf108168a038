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
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
)

// Page kinds, each rendered by the template file of the same name.
var kinds = []string{"home", "topic", "topics", "article", "tag", "tags", "archive", "page", "404"}

// Templates holds one parsed template set per page kind.
type Templates struct {
	sets map[string]*template.Template
	pool sync.Pool
}

// source is one template file and where it came from.
type source struct {
	name   string // the name templates use: "article.html", "partials/card.html"
	origin string // what errors show: "templates/article.html" or "theme/article.html"
	text   string
}

// Load parses the theme's templates, replacing any that site (a site's
// templates/ folder, may be nil) has a file of the same name for. Files are
// matched by their path below the folder, e.g. "partials/footer.html".
func Load(theme, site fs.FS) (*Templates, error) {
	files := map[string]source{}
	if err := collect(files, theme, "theme/"); err != nil {
		return nil, err
	}
	if site != nil {
		if err := collect(files, site, "templates/"); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)

	var errs diag.List
	root := template.New("").Funcs(funcs())
	for _, n := range names {
		f := files[n]
		if !strings.HasPrefix(n, "partials/") && n != "base.html" {
			continue
		}
		if _, err := root.New(f.origin).Parse(f.text); err != nil {
			errs.Add(templateError(err))
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	t := &Templates{sets: map[string]*template.Template{}}
	for _, k := range kinds {
		f, ok := files[k+".html"]
		if !ok {
			errs.Add(fmt.Errorf("theme: template %s.html is missing", k))
			continue
		}
		set, err := root.Clone()
		if err == nil {
			_, err = set.New(f.origin).Parse(f.text)
		}
		if err != nil {
			errs.Add(templateError(err))
			continue
		}
		t.sets[k] = set.Lookup(f.origin)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

func collect(files map[string]source, fsys fs.FS, prefix string) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "." {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || path.Ext(p) != ".html" {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files[p] = source{name: p, origin: prefix + p, text: string(b)}
		return nil
	})
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
