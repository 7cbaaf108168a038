package site

import (
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Stories is site.yaml's `stories:` section: how the build groups the
// same event reported by many sources into one story (internal/stories).
// Every field may be left out; the defaults are the grouping's own, which
// were tuned on labelled sets. Stories are on when the section is there
// (even empty: `stories: {}`) and enabled is not false; a site.yaml
// without it lists every article on its own. They are opt-in for now
// because the grouping reads every article's body on every build,
// rebuilds included, which a large site pays on each edit.
//
//	stories:
//	  enabled: true          # false lists every article on its own
//	  similar: 0.30          # TF-IDF cosine to join a story by its words
//	  cross_language: 0.50   # the same, over names and numbers, across languages
//	  near_duplicate: 0.50   # shingle Jaccard for a copy (wire text)
//	  window: 5d             # how long after its latest report a story takes follow-ups
//	  hold: 3d               # how long the thresholds stay as set
//	  rise: 0.03             # how much they rise a day after that
//
// site cannot import internal/stories (one layer), so the build maps
// this onto stories.Options.
type Stories struct {
	// Enabled is nil when left out, which means true when the section
	// is there.
	Enabled       *bool   `yaml:"enabled"`
	Similar       float64 `yaml:"similar"`
	CrossLanguage float64 `yaml:"cross_language"`
	NearDuplicate float64 `yaml:"near_duplicate"`
	Window        string  `yaml:"window"`
	Hold          string  `yaml:"hold"`
	Rise          float64 `yaml:"rise"`

	// WindowSpan and HoldSpan are Window and Hold read; 0 when left out.
	WindowSpan time.Duration `yaml:"-"`
	HoldSpan   time.Duration `yaml:"-"`
	// Set says site.yaml has the section.
	Set bool `yaml:"-"`
}

// On says whether the build groups articles into stories.
func (s *Stories) On() bool { return s.Set && (s.Enabled == nil || *s.Enabled) }

// parseDuration reads "5d", "1.5d" or a Go duration.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		f, err := strconv.ParseFloat(days, 64)
		if err != nil {
			return 0, err
		}
		return time.Duration(f * float64(24*time.Hour)), nil
	}
	return time.ParseDuration(s)
}

// check resolves the durations and checks the ranges, reporting each
// mistake at its line.
func (s *Stories) check(doc *yaml.Node, bad func(line int, format string, args ...any)) {
	s.Set = hasSection(doc, "stories")
	lines := sectionLines(doc, "stories")
	for _, f := range []struct {
		key string
		v   float64
	}{{"similar", s.Similar}, {"cross_language", s.CrossLanguage}, {"near_duplicate", s.NearDuplicate}} {
		if f.v < 0 || f.v > 1 {
			bad(lines[f.key], "stories: %s is %g; it is a similarity between 0 and 1 (leave it out for the default)", f.key, f.v)
		}
	}
	if s.Rise < 0 || s.Rise > 1 {
		bad(lines["rise"], "stories: rise is %g; it is how much the thresholds rise a day, between 0 and 1", s.Rise)
	}
	for _, f := range []struct {
		key  string
		text string
		span *time.Duration
	}{{"window", s.Window, &s.WindowSpan}, {"hold", s.Hold, &s.HoldSpan}} {
		if f.text == "" {
			continue
		}
		v, err := parseDuration(f.text)
		switch {
		case err != nil:
			bad(lines[f.key], "stories: %s %q is not a duration; write days such as 5d, or hours such as 36h", f.key, f.text)
		case v <= 0:
			bad(lines[f.key], "stories: %s %q must be longer than zero (leave it out for the default)", f.key, f.text)
		default:
			*f.span = v
		}
	}
}

// hasSection reports whether the top-level mapping of doc has the key
// section, whatever its value.
func hasSection(doc *yaml.Node, section string) bool {
	if doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return false
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == section {
			return true
		}
	}
	return false
}
