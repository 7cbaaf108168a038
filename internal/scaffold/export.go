package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/theme"
)

// Export writes the default theme's files that names pick (see
// theme.Match; none picks every file) into the site at dir, each at the
// path that makes it the site's override: templates/partials/item.html,
// static/style.css. A file the site already has is never touched: it is
// returned in kept. A copy builds exactly as the theme does until edited.
func Export(dir string, names []string) (written, kept []string, err error) {
	if _, err := os.Stat(filepath.Join(dir, site.FileName)); err != nil {
		return nil, nil, fmt.Errorf("%s is not a brief site (%w); give the site's folder with --source", dir, err)
	}
	files, err := theme.Match(names)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range files {
		data, err := theme.ReadFile(f)
		if err != nil {
			return written, kept, err
		}
		switch err := writeNew(dir, f, data); {
		case errors.Is(err, fs.ErrExist):
			kept = append(kept, f)
		case err != nil:
			return written, kept, err
		default:
			written = append(written, f)
		}
	}
	return written, kept, nil
}
