package site

// Search is site.yaml's `search:` section: the static search index and
// page (internal/search). Both are on unless turned off:
//
//	search:
//	  enabled: true   # false: no index, no /search/ page, no search box
//	  body: false     # index titles, summaries, notes and tags only
//
// Leaving the body out suits a site that publishes excerpts: the index
// then holds nothing the site does not show.
type Search struct {
	Enabled *bool `yaml:"enabled"`
	Body    *bool `yaml:"body"`
}

// On says whether the build writes the search index and page.
func (s *Search) On() bool { return s.Enabled == nil || *s.Enabled }

// IndexBody says whether article bodies go into the index.
func (s *Search) IndexBody() bool { return s.Body == nil || *s.Body }
