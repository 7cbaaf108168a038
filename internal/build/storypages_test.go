package build_test

import (
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// The example site's Woodside story: a report, a wire report, a
// near-copy of the wire and a follow-up two days later.
const (
	woodside       = "stories/biden-xi-woodside-summit/index.html"
	woodsideLead   = "content/articles/biden-xi-woodside-summit.md"
	woodsideWire   = "content/articles/woodside-summit-wire.md"
	woodsideCopy   = "content/articles/woodside-summit-coastline.md"
	woodsideFollow = "content/articles/woodside-summit-beijing-reaction.md"
	fentanyl       = "content/articles/fentanyl-cooperation-what-it-means.md"
)

func exampleSite(t *testing.T) *sitetest.Site {
	return sitetest.New(t, "", sitetest.Example(),
		sitetest.WithOptions(build.Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})).Build()
}

// TestStoryPages checks what a reader sees of a story: its page with the
// lead first, the other reports, the copy folded in as "also carried
// by", the follow-up marked, the first and last times and the editor's
// notes; lists and feeds naming the story once by its lead; each member's
// page linking the story and the others.
func TestStoryPages(t *testing.T) {
	s := exampleSite(t)
	page := string(s.File(woodside))
	lead := strings.Index(page, "The lead report")
	wire := strings.Index(page, "Biden, Xi agree to reopen military hotline")
	if lead < 0 || wire < lead {
		t.Errorf("story page: the lead report must come first, then the wire report")
	}
	s.AssertFileContent(woodside,
		"<h1>Biden and Xi agree at Woodside to restore military links and act on fentanyl</h1>",
		"4 reports from 4 sources",
		`first seen <time datetime="2023-11-15T21:30:00-05:00">`,
		`last <time datetime="2023-11-17T08:15:00-05:00">`,
		`Also carried by <a href="../../articles/woodside-summit-coastline/">Coastline Daily</a>`,
		`<span class="follow-up">Follow-up</span>`,
		"The editor’s notes", "the part\nto watch",
		// The copy is folded in, never a report of its own.
		"! <h3 class=\"item-title\"><a href=\"../../articles/woodside-summit-coastline/\">",
	)
	s.AssertFileContent("stories/index.html", "<h1>Stories</h1>", "articles/biden-xi-woodside-summit/", "3 more reports")
	for _, list := range []string{"index.html", "articles/index.html", "topics/us-china-relations/index.html", "tags/joe-biden/index.html"} {
		s.AssertFileContent(list, "articles/biden-xi-woodside-summit/", `3 more reports<span class="visually-hidden"> on this story</span>`,
			"! articles/woodside-summit-wire/", "! articles/woodside-summit-coastline/", "! articles/woodside-summit-beijing-reaction/")
	}
	s.AssertFileContent("index.html", `href="stories/">Stories reported by several sources`)
	// A tag only the copy carries lists the copy, as the story's entry.
	s.AssertFileContent("tags/bay-area/index.html", "articles/woodside-summit-coastline/", "3 more reports")
	for _, feed := range []string{"feed.xml", "rss.xml", "feed.json"} {
		s.AssertFileContent(feed, "Also covered by", "stories/biden-xi-woodside-summit/", "! articles/woodside-summit-wire/\"><")
	}
	s.AssertFileContent("articles/woodside-summit-coastline/index.html",
		`<h2 id="story-heading" class="story-label">Part of a story</h2>`,
		`<a href="../../stories/biden-xi-woodside-summit/">Biden and Xi agree at Woodside`,
		"Harbor Wire Service · ", "The Capital Dispatch · ")
	s.AssertFileContent("articles/biden-xi-woodside-summit/index.html", "Other coverage of this story", "Coastline Daily · <time datetime=\"2023-11-16T09:30:00-05:00\">Nov 16, 9:30 AM</time> · copy")
	// An article alone looks as before.
	s.AssertFileContent("articles/yellen-beijing-visit/index.html", "! story-box")
	s.AssertFileContent("sitemap.xml", "https://briefings.example.org/us-china/stories/biden-xi-woodside-summit/</loc><lastmod>2023-11-17T08:15:00-05:00</lastmod>")
	s.AssertNoLiveMarkup()
}

// TestStoryRebuilds changes the stories of the example site across
// rebuilds: the harness checks that each incremental build writes what a
// full build of the same files writes, and this test what the reader sees.
func TestStoryRebuilds(t *testing.T) {
	s := exampleSite(t)
	wireText := s.ReadFile(woodsideWire)
	steps := []struct {
		name  string
		edit  func()
		check func()
	}{
		// The grouping merges articles that share a pin: pinning the
		// lead and the explainer to one id merges the explainer in, and
		// the story takes the pin's id.
		{"a pin merges an article into the story", func() {
			s.ReplaceInFile(fentanyl, "summary:", "story: woodside-summit\nsummary:")
			s.ReplaceInFile(woodsideLead, "summary:", "story: woodside-summit\nsummary:")
		}, func() {
			s.AssertNoFile(woodside)
			s.AssertFileContent("stories/woodside-summit/index.html", "5 reports", "articles/fentanyl-cooperation-what-it-means/")
			s.AssertFileContent("index.html", "4 more reports", "! articles/fentanyl-cooperation-what-it-means/")
		}},
		{"the pins removed split it out again", func() {
			s.ReplaceInFile(fentanyl, "story: woodside-summit\n", "")
			s.ReplaceInFile(woodsideLead, "story: woodside-summit\n", "")
		}, func() {
			s.AssertNoFile("stories/woodside-summit/index.html")
			s.AssertFileContent(woodside, "4 reports", "! articles/fentanyl-cooperation-what-it-means/")
			s.AssertFileContent("index.html", "3 more reports", "articles/fentanyl-cooperation-what-it-means/")
		}},
		// An editor merges by copying the story's id from its URL into
		// one article: the story keeps its id and its other members.
		{"a pin naming the story's id merges an article into it", func() {
			s.ReplaceInFile(fentanyl, "summary:", "story: biden-xi-woodside-summit\nsummary:")
		}, func() {
			s.AssertFileContent(woodside, "5 reports", "articles/fentanyl-cooperation-what-it-means/", "articles/woodside-summit-wire/")
			s.AssertFileContent("index.html", "4 more reports", "! articles/fentanyl-cooperation-what-it-means/")
		}},
		{"and the pin removed splits it out", func() {
			s.ReplaceInFile(fentanyl, "story: biden-xi-woodside-summit\n", "")
		}, func() {
			s.AssertFileContent(woodside, "4 reports", "! articles/fentanyl-cooperation-what-it-means/")
		}},
		{"a pin to its own slug splits the follow-up out", func() {
			s.ReplaceInFile(woodsideFollow, "summary:", "story: woodside-summit-beijing-reaction\nsummary:")
		}, func() {
			s.AssertFileContent(woodside, "3 reports", "! articles/woodside-summit-beijing-reaction/")
			s.AssertFileContent("articles/woodside-summit-beijing-reaction/index.html", "! story-box")
			s.AssertFileContent("index.html", "2 more reports", "articles/woodside-summit-beijing-reaction/")
		}},
		{"an added copy joins the story", func() {
			s.EditFiles("content/articles/woodside-summit-valley.md", strings.NewReplacer(
				"source: Harbor Wire Service", "source: Valley Courier",
				"date: 2023-11-15T22:10:00-05:00", "date: 2023-11-16T10:00:00-05:00",
				"title: \"Biden, Xi agree", "title: \"Presidents agree").Replace(wireText))
		}, func() {
			s.AssertFileContent(woodside, "4 reports", "Coastline Daily</a>", "Valley Courier</a>")
			s.AssertFileContent("articles/woodside-summit-valley/index.html", "Part of a story")
		}},
		{"lead: true on a copy makes it the lead", func() {
			s.ReplaceInFile(woodsideCopy, "summary:", "lead: true\nsummary:")
		}, func() {
			// The story keeps its id (its earliest article's slug), so
			// its URL does not move with the lead.
			s.AssertFileContent(woodside, "<h1>Military hotline back on as Biden and Xi meet near San Francisco</h1>")
			s.AssertFileContent("index.html", "articles/woodside-summit-coastline/", "! articles/biden-xi-woodside-summit/\"")
		}},
		{"the copy removed", func() { s.RemoveFiles(woodsideCopy) }, func() {
			s.AssertFileContent(woodside, "3 reports")
		}},
		{"stories turned off", func() {
			s.ReplaceInFile("site.yaml", "stories:\n  enabled: true\n", "stories:\n  enabled: false\n")
		}, func() {
			s.AssertNoFile(woodside, "stories/index.html")
			s.AssertFileContent("index.html", "! more reports", "articles/woodside-summit-wire/", "! Stories reported by")
		}},
		{"and on again", func() {
			s.ReplaceInFile("site.yaml", "stories:\n  enabled: false\n", "stories:\n  enabled: true\n")
		}, func() {
			s.AssertFileContent(woodside, "3 reports")
		}},
	}
	for _, st := range steps {
		st.edit()
		s.Rebuild()
		t.Log(st.name)
		st.check()
	}
}
