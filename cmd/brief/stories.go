package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/stories"
)

func runStories(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "stories", "stories [--source DIR] [--format json|text] [--explain] [--drafts] [--future]\n\n"+
		"Prints how the site's published articles group into stories: the same\n"+
		"event from many sources, copies and follow-ups included. Every article is\n"+
		"in exactly one story. --explain says why each article joined its story.")
	source := fs.String("source", ".", "the site's folder (the one with site.yaml)")
	format := fs.String("format", "text", "output: text, or json ({\"stories\": [[path, …], …]})")
	explain := fs.Bool("explain", false, "say which signal joined each article, its score and with which article")
	drafts := fs.Bool("drafts", false, "include drafts, as `brief build --drafts` does")
	future := fs.Bool("future", false, "include articles dated in the future")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		return fmt.Errorf("brief stories: --format must be json or text, not %q: %w", *format, errUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief stories: unexpected argument %q: %w", fs.Arg(0), errUsage)
	}
	got, _, err := build.Stories(ctx, os.DirFS(e.path(*source)), build.Options{Drafts: *drafts, Future: *future}, stories.Options{})
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeStoriesJSON(e, got, *explain)
	}
	return writeStoriesText(e, got, *explain)
}

// storyJSON is a story in --format json --explain.
type storyJSON struct {
	ID      string       `json:"id"`
	Pinned  bool         `json:"pinned,omitempty"`
	First   string       `json:"first"`
	Last    string       `json:"last"`
	Members []memberJSON `json:"members"`
}

type memberJSON struct {
	Path      string   `json:"path"`
	Signal    string   `json:"signal"`
	Score     float64  `json:"score,omitempty"`
	With      string   `json:"with,omitempty"`
	WithScore float64  `json:"with_score,omitempty"`
	Shared    []string `json:"shared,omitempty"`
}

// writeStoriesJSON prints {"stories": [[path, …], …]}, the shape any
// labelled set's scorer reads; with explain, {"stories": [{id, members:
// [{path, signal, score, with}]}]}. Stories come in order of their first
// article, members in order of publication.
func writeStoriesJSON(e *env, got []stories.Story, explain bool) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if !explain {
		out := make([][]string, len(got))
		for i, s := range got {
			out[i] = make([]string, len(s.Members))
			for k, m := range s.Members {
				out[i][k] = m.Path
			}
		}
		return enc.Encode(map[string][][]string{"stories": out})
	}
	out := make([]storyJSON, len(got))
	for i, s := range got {
		out[i] = storyJSON{ID: s.ID, Pinned: s.Pinned, First: s.First.Format(time.RFC3339), Last: s.Last.Format(time.RFC3339)}
		for _, m := range s.Members {
			r := m.Reason
			out[i].Members = append(out[i].Members, memberJSON{Path: m.Path, Signal: string(r.Signal), Score: round(r.Score), With: r.With, WithScore: round(r.WithScore), Shared: r.Shared})
		}
	}
	return enc.Encode(map[string][]storyJSON{"stories": out})
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// writeStoriesText prints one block a story: its id and span, then its
// articles, and with explain why each joined.
func writeStoriesText(e *env, got []stories.Story, explain bool) error {
	var b strings.Builder
	multi := 0
	for _, s := range got {
		if len(s.Members) > 1 {
			multi++
		}
	}
	fmt.Fprintf(&b, "%d %s, %d with more than one article\n", len(got), plural(len(got), "story", "stories"), multi)
	if _, err := fmt.Fprint(e.stdout, b.String()); err != nil {
		return err
	}
	return writeStoryBlocks(e, got, explain)
}

// writeStoryBlocks prints one block a story: its id and span, then its
// articles, and with explain why each joined.
func writeStoryBlocks(e *env, got []stories.Story, explain bool) error {
	var b strings.Builder
	for _, s := range got {
		pin := ""
		if s.Pinned {
			pin = " (pinned)"
		}
		fmt.Fprintf(&b, "\n%s%s: %d %s, %s", s.ID, pin, len(s.Members), plural(len(s.Members), "article", "articles"), s.First.Format("2006-01-02 15:04"))
		if !s.Last.Equal(s.First) {
			fmt.Fprintf(&b, " to %s", s.Last.Format("2006-01-02 15:04"))
		}
		b.WriteByte('\n')
		for _, m := range s.Members {
			fmt.Fprintf(&b, "  %s", m.Path)
			if explain {
				b.WriteString("  " + why(m.Reason))
			}
			b.WriteByte('\n')
		}
	}
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}

// why is a Reason in words.
func why(r stories.Reason) string {
	switch r.Signal {
	case stories.SignalFirst:
		return "first"
	case stories.SignalPin:
		return "pinned by story:"
	case stories.SignalNearDuplicate:
		return fmt.Sprintf("near-duplicate of %s (shingle Jaccard %.2f)", r.With, r.Score)
	}
	shared := slices.Clone(r.Shared)
	return fmt.Sprintf("%s: cosine %.2f to the story, %.2f to %s; shared %s", r.Signal, r.Score, r.WithScore, r.With, strings.Join(shared, ", "))
}
