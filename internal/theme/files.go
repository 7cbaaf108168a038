package theme

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// A site overrides a theme file by keeping a file at the same path in its
// own folder: its templates/partials/item.html replaces the theme's
// templates/partials/item.html, its static/style.css the theme's
// static/style.css. Theme files are named here by that path.

// Files returns the path of every theme file below a site's folder,
// sorted: "static/favicon.svg", ..., "templates/partials/item.html".
func Files() []string {
	var out []string
	// The embedded tree cannot fail to walk.
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	slices.Sort(out)
	return out
}

// ReadFile returns the theme file at name, a path as Files gives.
func ReadFile(name string) ([]byte, error) {
	return fs.ReadFile(files, name)
}

// Match returns the theme files that names pick, sorted. A name is a path
// as Files gives it or the same below templates/ or static/
// ("partials/item.html", "style.css"), or a folder of such paths
// ("partials", "static"). No names pick every file.
func Match(names []string) ([]string, error) {
	all := Files()
	if len(names) == 0 {
		return all, nil
	}
	picked := map[string]bool{}
	var unknown []string
	for _, n := range names {
		n = strings.Trim(path.Clean("/"+n), "/")
		found := false
		for _, f := range all {
			_, below, _ := strings.Cut(f, "/")
			if within(f, n) || within(below, n) {
				picked[f] = true
				found = true
			}
		}
		if !found {
			unknown = append(unknown, fmt.Sprintf("%q", n))
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("the theme has no file or folder %s; `brief theme` lists its files", strings.Join(unknown, ", "))
	}
	out := make([]string, 0, len(picked))
	for f := range picked {
		out = append(out, f)
	}
	slices.Sort(out)
	return out, nil
}

// within reports whether p is name or lies in the folder name.
func within(p, name string) bool {
	return name != "" && (p == name || strings.HasPrefix(p, name+"/"))
}

// Status is where a site gets one of its theme-overridable files from.
type Status int

const (
	// FromTheme: the site has no file of the name; the theme's is used.
	FromTheme Status = iota
	// Copy: the site's file is byte-identical to the theme's, as `brief
	// theme export` writes it.
	Copy
	// Overridden: the site's own file replaces the theme's.
	Overridden
	// SiteOnly: a template of the site's that replaces no theme file,
	// such as a partial its own templates call.
	SiteOnly
)

func (s Status) String() string {
	switch s {
	case FromTheme:
		return "theme"
	case Copy:
		return "site, same as the theme's"
	case Overridden:
		return "site, replaces the theme's"
	case SiteOnly:
		return "site only"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Entry is one file and where the site gets it from.
type Entry struct {
	Path   string // as Files gives it
	Status Status
}

// Compare reports where site (a site's folder) gets each theme file from,
// followed by the templates of its own that replace no theme file, each
// part sorted by path. Only .html files count as templates; a site's own
// static files (images and such) are not listed.
func Compare(site fs.FS) ([]Entry, error) {
	var out []Entry
	theme := map[string]bool{}
	for _, f := range Files() {
		theme[f] = true
		mine, err := fs.ReadFile(site, f)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, Entry{f, FromTheme})
			continue
		case err != nil:
			return nil, err
		}
		ours, err := ReadFile(f)
		if err != nil {
			return nil, err
		}
		st := Overridden
		if bytes.Equal(mine, ours) {
			st = Copy
		}
		out = append(out, Entry{f, st})
	}
	err := fs.WalkDir(site, "templates", func(p string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist) && p == "templates":
			return fs.SkipAll
		case err != nil:
			return err
		case strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_"):
			if d.IsDir() {
				return fs.SkipDir
			}
		case !d.IsDir() && path.Ext(p) == ".html" && !theme[p]:
			out = append(out, Entry{p, SiteOnly})
		}
		return nil
	})
	return out, err
}
