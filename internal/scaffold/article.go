package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/slug"
)

// ArticleOptions describe a new article.
type ArticleOptions struct {
	Title string
	// Slug names the file (and so the URL); made from Title when empty.
	Slug string
	// Now is the article's date, written in Location to the minute.
	Now      time.Time
	Location *time.Location
	// Draft writes `draft: true`, so that the article is published only
	// once the editor removes it.
	Draft bool
}

// ArticleDir is where new articles go, below the site root.
const ArticleDir = content.Dir + "/articles"

// NewArticle writes a new article into the site at dir, named after its
// slug, and returns its path relative to dir (content/articles/x.md). It
// never replaces a file: a taken name is an error satisfying
// errors.Is(err, fs.ErrExist) that says how to pick another.
func NewArticle(dir string, opt ArticleOptions) (string, error) {
	title := strings.TrimSpace(opt.Title)
	if title == "" {
		return "", errors.New("the title is empty: give one, such as brief new \"Ministers meet in Geneva\"")
	}
	s := opt.Slug
	if s == "" {
		s = slug.Make(title)
	} else if made := slug.Make(s); made != s {
		return "", fmt.Errorf("slug %q is not a slug; use %q", s, made)
	}
	if s == "" {
		return "", fmt.Errorf("title %q gives no usable file name; pass --slug with letters or digits", title)
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	f := content.NewFile()
	for _, kv := range []struct {
		key string
		v   any
	}{{"title", title}, {"date", opt.Now.In(loc).Truncate(time.Minute)}, {"draft", opt.Draft}} {
		if err := f.Set(kv.key, kv.v); err != nil {
			return "", err
		}
	}
	data, err := f.Bytes()
	if err != nil {
		return "", err
	}
	rel := path.Join(ArticleDir, s+".md")
	if err := writeNew(dir, rel, data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("%s already exists and is never overwritten: pick another title, or pass --slug: %w", rel, err)
		}
		return "", err
	}
	return rel, nil
}
