package build

import (
	"context"
	"io/fs"
	"time"

	"github.com/brief-ssg/brief/internal/content"
)

// Held is a content file that a build leaves out unless told otherwise:
// a draft (`draft: true`, published with --drafts) or an article dated
// after the build (published with --future, or once its date comes).
type Held struct {
	Path   string // relative to the site root, such as content/articles/x.md
	Title  string
	Date   time.Time // zero for a plain page
	Draft  bool
	Future bool
}

// HeldBack lists what a build at now leaves out, drafts and future
// articles alike, newest first, then plain pages that are drafts. It
// reads the site as a build does (articles come newest first); a file with errors fails it as it fails
// a build, with every problem listed.
func HeldBack(ctx context.Context, src fs.FS, now time.Time) ([]Held, error) {
	cfg, err := loadConfig(src, "")
	if err != nil {
		return nil, err
	}
	set, err := content.Load(ctx, src, cfg.Location)
	if err != nil {
		return nil, err
	}
	var out []Held
	for _, a := range set.Articles {
		future := a.Date.After(now)
		if a.Draft || future {
			out = append(out, Held{Path: a.Path, Title: a.Title, Date: a.Date, Draft: a.Draft, Future: future})
		}
	}
	for _, p := range set.Pages {
		if p.Draft {
			out = append(out, Held{Path: p.Path, Title: p.Title, Draft: true})
		}
	}
	return out, nil
}
