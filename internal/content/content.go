// Package content reads the editor's Markdown files: articles, topic intros
// and plain pages, each a YAML front matter block followed by Markdown.
//
// Where a file lives says what it is:
//
//	content/topics/<topic-slug>.md   the editor's intro to a topic in site.yaml
//	content/pages/<name>.md          a plain page published at /<name>/
//	content/editions/<id>.md         the editor's intro to an edition (2023-06-14, week-2023-06-12)
//	content/**/*.md (anything else)  an article, published at /articles/<slug>/
//
// An article's slug comes from its file name (or a `slug` field), never from
// its title, so fixing a headline does not move the page.
package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/pool"
	"github.com/brief-ssg/brief/internal/safetext"
	"github.com/brief-ssg/brief/internal/slug"
)

// Dir is the content folder at the root of a site.
const Dir = "content"

// Kind says what a content file is.
type Kind int

// The kinds of content file.
const (
	KindArticle Kind = iota
	KindTopicIntro
	KindPage
	KindEditionIntro
)

// KindOf classifies a path relative to the site root ("content/...").
func KindOf(p string) Kind {
	rel := strings.TrimPrefix(p, Dir+"/")
	switch {
	case strings.HasPrefix(rel, "topics/") && strings.Count(rel, "/") == 1:
		return KindTopicIntro
	case strings.HasPrefix(rel, "pages/") && strings.Count(rel, "/") == 1:
		return KindPage
	case strings.HasPrefix(rel, "editions/") && strings.Count(rel, "/") == 1:
		return KindEditionIntro
	}
	return KindArticle
}

// Article is one curated article.
type Article struct {
	Path     string // relative to the site root, e.g. content/articles/x.md
	Slug     string
	Title    string
	Date     time.Time
	DateFrom string    // where an imported date came from; "" for the page's date of publication
	Updated  time.Time // zero when never updated
	// DateOnly and UpdatedDateOnly record that the editor wrote a day
	// without a time of day (date: 2025-01-11): the time is then midnight
	// in the site's zone, an artefact that pages must not show.
	DateOnly        bool
	UpdatedDateOnly bool
	Source          string
	SourceURL       string
	Authors         []string
	Tags            []string
	Topics          []string // chosen by the editor, besides those the rules pick
	ExcludeTopics   []string // rule-matched topics the editor opted out of
	Summary         string
	Image           string
	Language        string // a language tag, "" for the site's
	// Story is the editor's pin to a story id (`story:`), a slug; "" when
	// the grouping decides.
	Story string
	// Lead is the editor's `lead: true`: the article leads its story.
	Lead bool
	// Publish is the article's own `publish:` (full, excerpt or link);
	// "" leaves it to site.yaml.
	Publish      string
	Note         string // the editor's commentary, Markdown
	Draft        bool
	Body         string // Markdown
	BodyLine     int
	Imported     time.Time
	ScrapedFrom  string
	Fingerprint  string
	ImportHashes map[string]string // see Front.ImportHashes
	// ImportedTopics is a `topics:` list that an earlier brief import
	// wrote and nobody has edited since (its import hash still matches).
	// It records which rules matched on the day of the import; the build
	// ignores it, so that the rules as they are now decide, and
	// `brief import --update` removes it.
	ImportedTopics []string

	// Lines maps front matter keys to their line, for later diagnostics.
	Lines map[string]int
}

// Page is a plain page such as "about".
type Page struct {
	Path        string
	Slug        string
	Title       string
	Description string
	Draft       bool
	Body        string
}

// Intro is the editor's introduction to a topic.
type Intro struct {
	Path        string
	Topic       string // the topic's slug, from the file name
	Title       string // optional: overrides the topic title in site.yaml
	Description string
	Body        string
}

// EditionIntro is the editor's introduction to one edition.
type EditionIntro struct {
	Path    string
	Edition string // the edition's ID, from the file name: 2023-06-14, week-2023-06-12
	Title   string // optional: the edition's headline
	Body    string
	// BodyLine is the line the body starts on, for errors in it.
	BodyLine int
}

// Set is everything in content/.
type Set struct {
	Articles []*Article // sorted newest first, then by slug
	Pages    []*Page    // sorted by slug
	Intros   []*Intro   // sorted by topic
	// EditionIntros are sorted by edition ID.
	EditionIntros []*EditionIntro
}

// Load reads every Markdown file under content/ in fsys. Dates without an
// offset are read in loc. All problems are returned together as a
// *diag.List; the Set holds every file that was read without error.
func Load(ctx context.Context, fsys fs.FS, loc *time.Location) (*Set, error) {
	paths, err := Paths(fsys)
	if err != nil {
		return nil, err
	}
	files := make([]Parsed, len(paths))
	err = pool.Each(ctx, len(paths), 0, func(i int) {
		data, err := ReadFile(fsys, paths[i])
		if err != nil {
			files[i] = Parsed{Path: paths[i], Err: diag.Errorf(paths[i], 0, "%w", err)}
			return
		}
		files[i] = ParseFile(paths[i], data, loc)
	})
	if err != nil {
		return nil, err
	}
	return Assemble(files)
}

// CheckDir makes sure fsys holds a readable content folder, so that a
// site whose content/ went missing, or was replaced by a file, fails to
// build instead of publishing a site without articles.
func CheckDir(fsys fs.FS) error {
	fi, err := fs.Stat(fsys, Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return diag.Errorf(Dir, 0, "the content folder is missing: articles are read from content/articles/*.md; check --source names the site's folder (the one with site.yaml), or create content/")
	case err != nil:
		return diag.Errorf(Dir, 0, "the content folder cannot be read: %v", err)
	case !fi.IsDir():
		return diag.Errorf(Dir, 0, "content is a file, not a folder: move it aside and put the articles in content/articles/*.md")
	}
	if _, err := fs.ReadDir(fsys, Dir); err != nil {
		return diag.Errorf(Dir, 0, "the content folder cannot be read: %v", err)
	}
	for _, sub := range []string{"articles", "pages", "topics", "editions"} {
		p := Dir + "/" + sub
		fi, err := fs.Stat(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return diag.Errorf(p, 0, "cannot be read: %v", err)
		case !fi.IsDir():
			return diag.Errorf(p, 0, "%s is a file, not a folder: move it aside and put the Markdown files in %s/", p, p)
		}
	}
	return nil
}

// Paths names the content files under content/ in fsys, sorted: Markdown
// files, leaving out those whose name or folder starts with "." or "_".
// It reads folders only, never a file.
func Paths(fsys fs.FS) ([]string, error) {
	var paths []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == Dir {
				return fs.SkipDir
			}
			return err
		}
		if p != Dir && Hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", Dir, err)
	}
	sort.Strings(paths)
	return paths, nil
}

// Hidden reports whether a file or folder of that name is left out of the
// site: its name starts with "." or "_".
func Hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// Parsed is one content file's outcome: exactly one of the pointers or
// Err is set.
type Parsed struct {
	Path    string
	Article *Article
	Page    *Page
	Intro   *Intro
	Edition *EditionIntro
	Err     error
}

// ParseFile parses the content file at p (relative to the site root) by
// its kind, reading dates without an offset in loc.
func ParseFile(p string, data []byte, loc *time.Location) Parsed {
	f := Parsed{Path: p}
	switch KindOf(p) {
	case KindArticle:
		f.Article, f.Err = ParseArticle(p, data, loc)
	case KindPage:
		f.Page, f.Err = ParsePage(p, data)
	case KindTopicIntro:
		f.Intro, f.Err = ParseIntro(p, data)
	case KindEditionIntro:
		f.Edition, f.Err = ParseEditionIntro(p, data)
	}
	if f.Err != nil {
		f.Article, f.Page, f.Intro, f.Edition = nil, nil, nil, nil
	}
	return f
}

// Assemble checks parsed files (sorted by path, as Paths gives them)
// against each other, two articles or pages may not share a URL, and
// sorts them into a Set. Files with errors are reported and left out.
func Assemble(files []Parsed) (*Set, error) {
	set := &Set{}
	var errs diag.List
	var articleSlugs, pageSlugs slug.Set
	for _, f := range files {
		p := f.Path
		switch {
		case f.Err != nil:
			errs.Add(f.Err)
		case f.Article != nil:
			a := f.Article
			if prev, ok := articleSlugs.Claim(a.Slug, p); !ok {
				errs.Add(diag.Errorf(p, a.Lines["slug"], "article URL /articles/%s/ is already taken by %s; rename one file or set a different `slug`", a.Slug, prev))
				continue
			}
			set.Articles = append(set.Articles, a)
		case f.Page != nil:
			if prev, ok := pageSlugs.Claim(f.Page.Slug, p); !ok {
				errs.Add(diag.Errorf(p, 0, "page URL /%s/ is already taken by %s; rename one of them", f.Page.Slug, prev))
				continue
			}
			set.Pages = append(set.Pages, f.Page)
		case f.Intro != nil:
			set.Intros = append(set.Intros, f.Intro)
		case f.Edition != nil:
			set.EditionIntros = append(set.EditionIntros, f.Edition)
		}
	}
	sort.SliceStable(set.Articles, func(i, j int) bool {
		a, b := set.Articles[i], set.Articles[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Slug < b.Slug
	})
	return set, errs.Err()
}

// ReadFile reads the content file p, refusing one over MaxFileSize after
// reading one byte past the limit: a 1 GB file read whole before the check
// cost 2 GB of memory. Whatever reads content files for a build reads them
// through it.
func ReadFile(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// One allocation of the size Stat gives (plus the room ReadFrom
	// wants to see the end): io.ReadAll starts at 512 bytes and grows,
	// which cost a 10k-article build 270 MB of allocation and more CPU
	// than the reads themselves. The size is a hint; a file that grew or
	// shrank since is still read to its end, up to the limit.
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		size = min(fi.Size(), MaxFileSize)
	}
	var b bytes.Buffer
	b.Grow(int(size) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, err
	}
	if b.Len() > MaxFileSize {
		return nil, errTooLarge
	}
	return b.Bytes(), nil
}

// parse checks a file's bytes and splits and decodes its front matter.
func parse(p string, data []byte) (*Front, map[string]int, string, int, error) {
	if err := checkText(data); err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return nil, nil, "", 0, diag.Errorf(p, le.line, "%s", le.msg)
		}
		return nil, nil, "", 0, diag.Errorf(p, 0, "%w", err)
	}
	yamlText, body, bodyLine, err := Split(data)
	if err != nil {
		return nil, nil, "", 0, diag.Errorf(p, 1, "%w", err)
	}
	f, lines, err := decodeFront(p, yamlText)
	if err != nil {
		return nil, nil, "", 0, err
	}
	return f, lines, string(body), bodyLine, nil
}

// ParseArticle reads one article file. p names it in errors and decides its
// default slug.
func ParseArticle(p string, data []byte, loc *time.Location) (*Article, error) {
	f, lines, body, bodyLine, err := parse(p, data)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	bad := func(key, format string, args ...any) {
		errs.Add(diag.Errorf(p, lines[key], format, args...))
	}
	a := &Article{
		Path: p, Title: safetext.Line(f.Title), Source: safetext.Line(f.Source),
		SourceURL: escapeURL(f.SourceURL), Authors: clean(f.Author), Tags: clean(f.Tags),
		Topics: clean(f.Topics), ExcludeTopics: clean(f.ExcludeTopics),
		Summary: safetext.Line(f.Summary), Image: escapeURL(f.Image), DateFrom: safetext.Line(f.DateFrom),
		Language: strings.TrimSpace(f.Language), Story: strings.TrimSpace(f.Story), Lead: f.Lead,
		Publish: strings.TrimSpace(f.Publish),
		Note:    strings.TrimSpace(safetext.Text(f.Note)), Draft: f.Draft, Body: body, BodyLine: bodyLine,
		ScrapedFrom: safetext.Text(f.ScrapedFrom), Fingerprint: safetext.Text(f.Fingerprint), ImportHashes: f.ImportHashes, Lines: lines,
	}
	if a.Summary == "" {
		a.Summary = safetext.Line(f.Description)
	}
	if importedTopics(a.Topics, a.ImportHashes) {
		a.ImportedTopics, a.Topics = a.Topics, nil
	}
	if a.Title == "" {
		errs.Add(diag.Errorf(p, 1, "title is missing: add `title: ...` to the front matter"))
	}
	a.Slug = articleSlug(p, f.Slug)
	if f.Slug != "" && a.Slug != f.Slug {
		bad("slug", "slug %q is not a slug; use %q", f.Slug, a.Slug)
	}
	if a.Slug == "" {
		errs.Add(diag.Errorf(p, 0, "the file name gives no usable URL; rename it with letters or digits, or set `slug`"))
	}
	if f.Date.IsZero() {
		errs.Add(diag.Errorf(p, 1, "date is missing: add `date: 2025-01-11T13:20:00+08:00` (or a date in the site's time zone)"))
	} else if a.Date, err = f.Date.Parse(loc); err != nil {
		bad("date", "date: %v", err)
	}
	a.DateOnly = f.Date.DateOnly()
	if !f.Updated.IsZero() {
		a.UpdatedDateOnly = f.Updated.DateOnly()
		if a.Updated, err = f.Updated.Parse(loc); err != nil {
			bad("updated", "updated: %v", err)
		} else if !a.Date.IsZero() && a.Updated.Before(a.Date) {
			bad("updated", "updated (%s) is before date (%s)", f.Updated.Raw, f.Date.Raw)
		}
	}
	if !f.Imported.IsZero() {
		if a.Imported, err = f.Imported.Parse(loc); err != nil {
			bad("imported", "imported: %v", err)
		}
	}
	if a.Story != "" && slug.Make(a.Story) != a.Story {
		bad("story", "story %q is not a story id; use %q (letters, digits and hyphens)", a.Story, slug.Make(a.Story))
	}
	switch a.Publish {
	case "", "full", "excerpt", "link":
	default:
		bad("publish", "publish %q is not a mode; write full, excerpt or link (or remove it to follow site.yaml)", a.Publish)
	}
	if a.Language != "" && !LanguageTag(a.Language) {
		bad("language", "language %q is not a language tag such as en, pt-BR or zh-Hans", a.Language)
	}
	for _, key := range []struct{ name, val string }{{"source_url", a.SourceURL}, {"image", a.Image}} {
		if key.val != "" && !isWebURL(key.val, key.name == "image") {
			bad(key.name, "%s %q must be an http(s) URL", key.name, key.val)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

// articleSlug is the explicit slug, or the file name's.
func articleSlug(p, explicit string) string {
	if explicit != "" {
		return slug.Make(explicit)
	}
	return slug.Make(strings.TrimSuffix(path.Base(p), ".md"))
}

// escapeURL percent-encodes what may not stand in a URL as written (spaces,
// quotes, angle brackets, controls, non-ASCII), as browsers do when such a
// URL is pasted: editors paste them, and feeds must carry valid ones.
func escapeURL(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// isWebURL accepts absolute http(s) URLs; images may also be site paths
// ("/images/map.png") since editors keep pictures in static/.
func isWebURL(s string, allowPath bool) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	if allowPath && u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") {
		return true
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// ParsePage reads a plain page.
func ParsePage(p string, data []byte) (*Page, error) {
	f, _, body, _, err := parse(p, data)
	if err != nil {
		return nil, err
	}
	pg := &Page{Path: p, Title: safetext.Line(f.Title), Description: safetext.Line(f.Description), Draft: f.Draft, Body: body}
	pg.Slug = articleSlug(p, f.Slug)
	if pg.Title == "" {
		return nil, diag.Errorf(p, 1, "title is missing: add `title: ...` to the front matter")
	}
	if pg.Slug == "" {
		return nil, diag.Errorf(p, 0, "the file name gives no usable URL; rename it")
	}
	return pg, nil
}

// ParseIntro reads a topic intro; its file name is the topic's slug.
func ParseIntro(p string, data []byte) (*Intro, error) {
	f, _, body, _, err := parse(p, data)
	if err != nil {
		return nil, err
	}
	return &Intro{
		Path: p, Topic: strings.TrimSuffix(path.Base(p), ".md"),
		Title: safetext.Line(f.Title), Description: safetext.Line(f.Description), Body: body,
	}, nil
}

// ParseEditionIntro reads the editor's introduction to an edition; its
// file name is the edition's ID, which the build checks against the
// site's editions.
func ParseEditionIntro(p string, data []byte) (*EditionIntro, error) {
	f, _, body, line, err := parse(p, data)
	if err != nil {
		return nil, err
	}
	return &EditionIntro{
		Path: p, Edition: strings.TrimSuffix(path.Base(p), ".md"),
		Title: safetext.Line(f.Title), Body: body, BodyLine: line,
	}, nil
}

// clean makes each item a clean line and drops empty and repeated ones,
// keeping order.
func clean(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = safetext.Line(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}
