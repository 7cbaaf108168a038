package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/brief-ssg/brief/internal/extract"
	"github.com/brief-ssg/brief/internal/fetch"
	"github.com/brief-ssg/brief/internal/importer"
	"github.com/brief-ssg/brief/internal/site"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract", "extract [--format md|json|text] [--timezone TZ] PATH|URL...\n\n"+
		"Prints the article found in each scraped page: a text dump (.txt), saved\n"+
		"HTML (.html, .htm, .html.gz), a folder of them or a web page. Nothing is\n"+
		"written to the site.")
	format := fs.String("format", "md", "output: md (front matter and Markdown), json (one object per line) or text")
	tz := fs.String("timezone", "", "IANA time zone for dates without an offset (default: site.yaml's, else UTC)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "md" && *format != "json" && *format != "text" {
		return fmt.Errorf("brief extract: --format must be md, json or text, not %q: %w", *format, errUsage)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("brief extract: name at least one file, folder or URL: %w", errUsage)
	}
	loc, err := extractLocation(e, *tz)
	if err != nil {
		return err
	}
	results, err := extract.Pages(ctx, fs.Args(), extract.Options{
		Dir: e.dir, Location: loc,
		Fetch: &fetch.Client{UserAgent: fetch.UserAgent(version)},
	})
	if err != nil {
		return err
	}
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
		}
		if werr := writeExtraction(e, *format, r.Input, r.URL, loc, r.Article, r.Err); werr != nil {
			return werr
		}
	}
	if failed > 0 {
		return fmt.Errorf("brief extract: %d of %d %s failed", failed, len(results), plural(len(results), "input", "inputs"))
	}
	return nil
}

// extractLocation resolves --timezone, falling back to the site's own
// when run inside a site, so that dates read as brief import reads them.
func extractLocation(e *env, tz string) (*time.Location, error) {
	if tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("brief extract: --timezone %q is not an IANA time zone name (for example Asia/Shanghai): %w", tz, errUsage)
		}
		return loc, nil
	}
	cfg, err := site.Load(os.DirFS(e.path(".")), site.Options{})
	switch {
	case errors.Is(err, site.ErrNotFound):
		return time.UTC, nil
	case err != nil:
		// Import would refuse this site; extract only needs its time zone.
		fmt.Fprintf(e.stderr, "brief extract: %v\nbrief extract: reading dates without an offset in UTC\n", err)
		return time.UTC, nil
	}
	return cfg.Location, nil
}

// extraction is the JSON form of one result.
type extraction struct {
	Input       string   `json:"input"`
	Title       string   `json:"title"`
	Published   string   `json:"published"`
	Updated     string   `json:"updated"`
	Author      []string `json:"author"`
	Source      string   `json:"source"`
	SourceURL   string   `json:"source_url"`
	Tags        []string `json:"tags"`
	Description string   `json:"description"`
	Image       string   `json:"image"`
	Text        string   `json:"text"`
	Markdown    string   `json:"markdown"`
	Error       string   `json:"error,omitempty"`
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func writeExtraction(e *env, format, name, pageURL string, loc *time.Location, a *extract.Article, err error) error {
	w := e.stdout
	switch format {
	case "json":
		x := extraction{Input: name, Author: []string{}, Tags: []string{}}
		if err != nil {
			x.Error = err.Error()
		} else {
			// The fields import writes come from import's own code, so
			// that the JSON is the article import files (images upgraded
			// to https, one-line fields cleaned), not the raw extraction.
			f := importer.PreviewFields(a, filepath.ToSlash(name), pageURL, loc, time.Now())
			x.Title, x.Published, x.Updated = f.Title, stamp(a.Published), stamp(a.Updated)
			x.Source, x.SourceURL, x.Description, x.Image = f.Source, f.SourceURL, a.Description, f.Image
			x.Text, x.Markdown = a.Text, f.Markdown
			if f.Authors != nil {
				x.Author = f.Authors
			}
			if f.Tags != nil {
				x.Tags = f.Tags
			}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(x)
	case "text":
		if err != nil {
			fmt.Fprintf(e.stderr, "brief extract: %s: %v\n", name, err)
			return nil
		}
		_, werr := fmt.Fprintf(w, "%s\n\n%s\n", a.Title, a.Text)
		return werr
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "brief extract: %s: %v\n", name, err)
		return nil
	}
	// What import would write, from the same code, minus its bookkeeping.
	data, note, err := importer.Preview(a, filepath.ToSlash(name), pageURL, loc, time.Now())
	if err != nil {
		return fmt.Errorf("brief extract: %s: %w", name, err)
	}
	if note != "" {
		fmt.Fprintf(e.stderr, "brief extract: %s: %s\n", name, note)
	}
	_, err = w.Write(data)
	return err
}
