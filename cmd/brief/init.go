package main

import (
	"context"
	"fmt"

	"github.com/brief-ssg/brief/internal/scaffold"
)

func runInit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "init", "init [--title T] [--topic T] [--timezone TZ] DIR\n\nCreates a new briefing site in DIR (which must be new or empty) with\nsite.yaml, one topic and one sample article.")
	title := fs.String("title", "", "the site's title (default \"My briefing\")")
	topic := fs.String("topic", "", "the first topic's title (default \"First topic\")")
	tz := fs.String("timezone", "UTC", "IANA time zone for dates written without an offset")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("brief init: give one folder, e.g. `brief init my-briefing`: %w", errUsage)
	}
	dir := fs.Arg(0)
	files, err := scaffold.Create(e.path(dir), scaffold.Options{Title: *title, Topic: *topic, Timezone: *tz})
	if err != nil {
		return fmt.Errorf("brief init: %w", err)
	}
	fmt.Fprintf(e.stdout, "created %s with %d files; next: cd %s && brief serve, and open http://127.0.0.1:1313/ to preview it as you edit; brief build writes it into public/\n", dir, len(files), dir)
	return nil
}
