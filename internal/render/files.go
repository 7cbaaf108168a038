package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/brief-ssg/brief/internal/diag"
)

// A template file is the unit of overriding: a site's file replaces the
// theme's file of the same path and nothing else, so every piece a site may
// want to change on its own is a file of its own, and a template name is
// defined by one file only.

// source is one template file and where it came from.
type source struct {
	name   string // the path below the folder: "article.html", "partials/card.html"
	origin string // what errors show: "templates/article.html" or "theme/article.html"
	text   string
	// replaces says a site's file takes the place of the theme's file of
	// the same name.
	replaces bool
	// theme says the text is the theme's own: the theme's file, or a site's
	// byte-identical copy of it such as `brief theme export` writes.
	theme bool
}

// file is a template file parsed on its own.
type file struct {
	source
	tmpl    *template.Template
	defines []string // the names it defines (with define or block), sorted
}

// collect reads the theme's template files, then the site's (site may be
// nil), which replace the theme's of the same name.
func collect(theme, site fs.FS) (map[string]source, error) {
	files := map[string]source{}
	err := walkHTML(theme, func(name, text string) error {
		files[name] = source{name: name, origin: "theme/" + name, text: text, theme: true}
		return nil
	})
	if err != nil || site == nil {
		return files, err
	}
	err = walkHTML(site, func(name, text string) error {
		old, ok := files[name]
		files[name] = source{name: name, origin: "templates/" + name, text: text, replaces: ok, theme: ok && old.text == text}
		return nil
	})
	return files, err
}

// walkHTML calls f with every .html file below fsys's root, leaving out
// those whose name or folder starts with "." or "_", as content/ does.
func walkHTML(fsys fs.FS, f func(name, text string) error) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "." {
				return fs.SkipAll
			}
			return err
		}
		if p != "." && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || path.Ext(p) != ".html" {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return f(p, string(b))
	})
}

// parsed is a site's template files, each parsed on its own.
type parsed struct {
	shared []*file          // base.html and partials/, part of every page kind's set
	pages  map[string]*file // the page kinds' files by name, "article.html"
	owner  map[string]*file // template name → the shared file defining it
}

// parseFiles parses every file and checks that each template name has one
// file defining it: a page kind's file may define the blocks of base.html,
// nothing a partial defines.
func parseFiles(files map[string]source, fm template.FuncMap) (*parsed, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	p := &parsed{pages: map[string]*file{}, owner: map[string]*file{}}
	var errs diag.List
	for _, n := range names {
		f, err := parseFile(files[n], fm)
		if err != nil {
			errs.Add(err)
			continue
		}
		switch {
		case n == "base.html" || strings.HasPrefix(n, "partials/"):
			p.shared = append(p.shared, f)
		case slices.Contains(kinds, strings.TrimSuffix(n, ".html")):
			p.pages[n] = f
		default:
			errs.Add(&diag.Error{Path: f.origin, Msg: fmt.Sprintf("brief uses no template of this name: pages are %s.html, shared pieces go in partials/ (names starting with _ are ignored)", strings.Join(kinds, ".html, "))})
		}
	}
	for _, f := range p.shared {
		if want := mainName(f.name); f.replaces && want != "" && !slices.Contains(f.defines, want) {
			errs.Add(&diag.Error{Path: f.origin, Msg: fmt.Sprintf("defines no %q template; it replaces the theme's %s, so it must: {{define %q}}...{{end}}", want, f.name, want)})
		}
		for _, name := range f.defines {
			if other, ok := p.owner[name]; ok {
				errs.Add(clash(f, other, name))
				continue
			}
			p.owner[name] = f
		}
	}
	for _, n := range names {
		f := p.pages[n]
		if f == nil {
			continue
		}
		for _, name := range f.defines {
			if other, ok := p.owner[name]; ok && other.name != "base.html" {
				errs.Add(clash(f, other, name))
			}
		}
	}
	return p, errs.Err()
}

// mainName is the template a theme file of this name defines and other
// templates call, "" for a page kind's file.
func mainName(name string) string {
	if name == "base.html" {
		return "base"
	}
	if rest, ok := strings.CutPrefix(name, "partials/"); ok {
		return strings.TrimSuffix(rest, ".html")
	}
	return ""
}

func parseFile(src source, fm template.FuncMap) (*file, error) {
	t, err := template.New(src.origin).Funcs(fm).Parse(src.text)
	if err != nil {
		return nil, templateError(err)
	}
	f := &file{source: src, tmpl: t}
	for _, d := range t.Templates() {
		if d.Name() != src.origin && d.Tree != nil {
			f.defines = append(f.defines, d.Name())
		}
	}
	slices.Sort(f.defines)
	return f, nil
}

// clash reports that f defines name, which other defines too, at f when
// other is the theme's file (the editor can change only f), else at the
// later of the two.
func clash(f, other *file, name string) error {
	if f.theme && !other.theme {
		f, other = other, f
	}
	hint := ""
	if other.origin == "theme/"+other.name {
		hint = fmt.Sprintf(" (to replace the theme's, put yours in templates/%s)", other.name)
	}
	return &diag.Error{
		Path: f.origin,
		Line: defineLine(f.tmpl.Lookup(name).Tree),
		Msg:  fmt.Sprintf("defines %q, which %s defines too; a template name belongs to one file%s", name, other.origin, hint),
	}
}

// defineLine is the line tr's definition starts on.
func defineLine(tr *parse.Tree) int {
	loc, _ := tr.ErrorContext(tr.Root)
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return 0
	}
	line, _ := strconv.Atoi(parts[len(parts)-2])
	return line
}

// add puts f's templates into set.
func add(set *template.Template, f *file) error {
	for _, d := range f.tmpl.Templates() {
		if d.Tree == nil {
			continue
		}
		if _, err := set.AddParseTree(d.Name(), d.Tree); err != nil {
			return fmt.Errorf("%s: %w", f.origin, err)
		}
	}
	return nil
}

// fromTheme reports whether the template called name, and every template
// it invokes, directly or through others, is the theme's text, so that what
// it reads of a page is known.
func (p *parsed) fromTheme(name string) bool {
	seen := map[string]bool{}
	var visit func(name string) bool
	visit = func(name string) bool {
		if seen[name] {
			return true
		}
		seen[name] = true
		f := p.owner[name]
		if f == nil || !f.theme {
			return false
		}
		ok := true
		walkCalls(f.tmpl.Lookup(name).Tree.Root, func(called string) {
			ok = ok && visit(called)
		}, func(string) {})
		return ok
	}
	return visit(name)
}
