package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestIncrementalMatchesBuild edits a copy of the example site step by
// step; after each step the harness checks that the incremental build
// holds exactly the files, byte for byte, that a full build of the same
// files writes, and this test that it rendered less than everything where
// it could.
func TestIncrementalMatchesBuild(t *testing.T) {
	s := sitetest.New(t, "", sitetest.Example(),
		sitetest.WithOptions(build.Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})).Build()
	all := len(s.Names())
	article := "content/articles/yellen-beijing-visit.md"
	steps := []struct {
		name    string
		edit    func()
		partial bool // fewer files rendered than the site has
	}{
		{"nothing changed", func() {}, true},
		{"note added", func() {
			s.ReplaceInFile(article, "summary:", "note: \"Watch the *minerals* story.\"\nsummary:")
		}, true},
		{"title changed", func() {
			s.ReplaceInFile(article, "Yellen ends Beijing visit", "Yellen closes Beijing trip")
		}, true},
		// The month pages and the related lists depend on other
		// articles: a date moved to another month and a tag added must
		// show on every page that names the article.
		{"date moved to another month", func() {
			s.ReplaceInFile(article, "date: 2023-07-09", "date: 2023-03-09")
		}, true},
		{"tag added, changing related lists", func() {
			s.ReplaceInFile(article, "tags: [", "tags: [Export controls, ")
		}, true},
		{"article added in a new folder", func() {
			s.EditFiles("content/articles/2024/new-one.md", "---\ntitle: A new one on Taiwan\ndate: 2023-12-01T10:00:00-05:00\ntags: [Taiwan, Fresh tag]\n---\nBody about Taiwan and China.\n")
		}, true},
		{"article removed", func() { s.RemoveFiles(article) }, true},
		{"template overridden", func() {
			base, err := os.ReadFile(filepath.Join("..", "theme", "templates", "article.html"))
			if err != nil {
				t.Fatal(err)
			}
			s.EditFiles("templates/article.html", strings.Replace(string(base), "<h1>", "<h1 class=\"x\">", 1))
		}, false},
		{"static file added", func() { s.EditFiles("static/extra.css", "body{}\n") }, true},
		// The theme's pages other than the home page and the topic index
		// do not list the topics, so a topic's only files are its own and
		// those of the articles it takes.
		{"topic added, taking nothing", func() {
			s.ReplaceInFile("site.yaml", "topics:\n", "topics:\n  - slug: quiet\n    title: Quiet\n    match:\n      any: [zzz-no-such-word]\n")
		}, true},
		{"topic now taking articles", func() { s.ReplaceInFile("site.yaml", "zzz-no-such-word", "Taiwan") }, true},
		{"topic renamed", func() { s.ReplaceInFile("site.yaml", "title: Quiet", "title: Still quiet") }, true},
		{"topic removed", func() {
			s.ReplaceInFile("site.yaml", "  - slug: quiet\n    title: Still quiet\n    match:\n      any: [Taiwan]\n", "")
		}, true},
		// Editions: an intro's edit renders its edition's files, a new
		// intro makes the edition it names.
		{"edition intro edited", func() {
			s.ReplaceInFile("content/editions/week-2023-11-13.md", "A single meeting", "One meeting")
		}, true},
		{"edition intro added", func() {
			s.EditFiles("content/editions/2023-11-17.md", "---\ntitle: Beijing answers\n---\nThe reaction.\n")
		}, true},
		{"edition intro removed", func() { s.RemoveFiles("content/editions/2023-06-14.md") }, true},
		{"home without the edition", func() { s.ReplaceInFile("site.yaml", "  home: true", "  home: false") }, false},
		{"site.yaml changed", func() { s.ReplaceInFile("site.yaml", "per_page: 10", "per_page: 3") }, false},
	}
	for _, st := range steps {
		st.edit()
		s.Rebuild()
		if st.partial && s.Rendered() >= len(s.Names()) {
			t.Errorf("%s: rendered %d of %d files; want fewer", st.name, s.Rendered(), len(s.Names()))
		}
		t.Logf("%s: rendered %d of %d (%d at the start)", st.name, s.Rendered(), len(s.Names()), all)
	}
}
