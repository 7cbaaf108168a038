package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/importer"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// railSite is a site whose Trains rule matches dumpPage, with a topic
// that has no rules.
const railSite = "title: Rail news\nbase_url: https://rail.example/\ntimezone: Europe/Oslo\ntopics:\n" +
	"  - title: Trains\n    match:\n      any: [night train]\n" +
	"  - title: Rail\n"

// narrowed is railSite with the Trains rule narrowed so that it no longer
// matches dumpPage.
var narrowed = strings.Replace(railSite, "any: [night train]", "any: [sleeper bus]", 1)

const (
	nightTitle   = "Night trains return to the northern line"
	nightArticle = "content/articles/night-trains-return-to-the-northern-line.md"
	// oldImport is the file `brief import` wrote for dumpPage under
	// railSite before it stopped writing the rules' topics: `topics:
	// [trains]`, with its hash in import_hashes.
	oldImport = "testdata/imported-before-issue-9.md"
)

// TestRulesDecideAtEveryBuild imports an article (or puts in place a file
// an older import wrote), changes the rules, builds, and checks which
// topic pages list it: the rules decide at every build, an exclusion wins
// over them, and only a `topics:` list the editor wrote or edited files
// an article by hand.
func TestRulesDecideAtEveryBuild(t *testing.T) {
	fixture, err := os.ReadFile(oldImport)
	if err != nil {
		t.Fatal(err)
	}
	imported := func(t *testing.T, s *sitetest.Site) {
		if code, out, errOut := brief(t, s.Dir(), "import", "inbox/night.txt"); code != 0 {
			t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
		}
	}
	// old puts the older import's file in place, with from replaced by to.
	old := func(from, to string) func(*testing.T, *sitetest.Site) {
		return func(t *testing.T, s *sitetest.Site) {
			s.EditFiles(nightArticle, string(fixture))
			if from != "" {
				s.ReplaceInFile(nightArticle, from, to)
			}
		}
	}
	tests := []struct {
		name    string
		article func(*testing.T, *sitetest.Site) // puts the article in place under railSite
		rules   string                           // site.yaml at build time
		want    map[string]bool                  // topic → lists the article
	}{
		{"imported, rules unchanged", imported, railSite, map[string]bool{"trains": true, "rail": false}},
		{"imported, rule narrowed", imported, narrowed, map[string]bool{"trains": false, "rail": false}},
		{"imported, exclusion added", imported,
			strings.Replace(railSite, "any: [night train]", "any: [night train]\n      none: [mining]", 1),
			map[string]bool{"trains": false, "rail": false}},
		{"imported, topic added later", imported,
			railSite + "  - title: Winter\n    match:\n      any: [snow]\n",
			map[string]bool{"trains": true, "rail": false, "winter": true}},
		{"imported, then listed by the editor", func(t *testing.T, s *sitetest.Site) {
			imported(t, s)
			s.ReplaceInFile(nightArticle, "tags: [Rail]\n", "tags: [Rail]\ntopics: [trains]\n")
		}, narrowed, map[string]bool{"trains": true, "rail": false}},
		{"older import, rules unchanged", old("", ""), railSite, map[string]bool{"trains": true, "rail": false}},
		{"older import heals: rule narrowed", old("", ""), narrowed, map[string]bool{"trains": false, "rail": false}},
		{"older import, topic since removed", old("", ""),
			strings.Replace(railSite, "  - title: Trains\n    match:\n      any: [night train]\n", "", 1),
			map[string]bool{"rail": false}},
		{"older import, topics edited by the editor", old("topics: [trains]", "topics: [trains, rail]"), narrowed, map[string]bool{"trains": true, "rail": true}},
		{"older import, exclusion by the editor", old("topics: [trains]", "exclude_topics: [trains]"), railSite, map[string]bool{"trains": false, "rail": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sitetest.New(t, "", sitetest.OnDisk()).EditFiles("site.yaml", railSite, "inbox/night.txt", dumpPage)
			tt.article(t, s)
			s.EditFiles("site.yaml", tt.rules).Build()
			filed := false
			for topic, want := range tt.want {
				if want {
					s.AssertFileContent("topics/"+topic+"/index.html", nightTitle)
				} else {
					s.AssertFileContent("topics/"+topic+"/index.html", "! "+nightTitle)
				}
				filed = filed || want
			}
			if unfiled := slices.Contains(s.Result().Unassigned, nightArticle); unfiled == filed {
				t.Errorf("listed among the articles in no topic: %t, want %t", unfiled, !filed)
			}
		})
	}
}

// TestUpdateNeverFreezesTopics runs `brief import --update` on a file a
// fresh import wrote and on files an older import wrote: no `topics:` is
// written, a list the older import froze is removed (and said so), and a
// list the editor edited stays.
func TestUpdateNeverFreezesTopics(t *testing.T) {
	fixture, err := os.ReadFile(oldImport)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		article    string // "" for a fresh import
		page       string // the page at --update time
		wantTopics string // the topics line after, "" for none
		wantOut    []string
		rewritten  bool // the update rewrites the file
	}{
		{"fresh import, page changed", "", changedPage, "",
			[]string{"updated " + nightArticle + ": body (topics by rule: trains)"}, true},
		{"older import, page unchanged", string(fixture), dumpPage, "",
			[]string{"updated " + nightArticle + ": topics (topics by rule: trains)", "removed the topics an earlier import wrote"}, true},
		{"older import, page changed", string(fixture), changedPage, "",
			[]string{"updated " + nightArticle + ": body, topics (topics by rule: trains)"}, true},
		{"older import, topics edited", strings.Replace(string(fixture), "topics: [trains]\n", "topics: [rail]\n", 1), dumpPage, "topics: [rail]\n",
			[]string{"unchanged ", "updated 0"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sitetest.New(t, "", sitetest.OnDisk()).EditFiles("site.yaml", railSite, "inbox/night.txt", dumpPage)
			root := s.Dir()
			if tt.article == "" {
				if code, _, errOut := brief(t, root, "import", "inbox/night.txt"); code != 0 {
					t.Fatalf("import: %s", errOut)
				}
			} else {
				// The older import ran with a relative input; these run
				// with the absolute one, as a changed page is found by
				// the file it was scraped from.
				s.EditFiles(nightArticle, tt.article).ReplaceInFile(nightArticle,
					"scraped_from: inbox/night.txt", "scraped_from: "+filepath.Join(root, "inbox", "night.txt"))
			}
			s.EditFiles("inbox/night.txt", tt.page)
			code, out, errOut := brief(t, root, "import", "--update", "inbox/night.txt")
			if code != 0 {
				t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			data := s.ReadFile(nightArticle)
			got := ""
			for _, l := range strings.SplitAfter(data, "\n") {
				if strings.HasPrefix(l, "topics:") {
					got = l
				}
				if strings.HasPrefix(l, "  topics:") && tt.rewritten {
					t.Errorf("import_hashes still records topics:\n%s", data)
				}
			}
			if got != tt.wantTopics {
				t.Errorf("topics line %q, want %q:\n%s", got, tt.wantTopics, data)
			}
		})
	}
}

// changedPage is dumpPage corrected in its second paragraph: only the
// body changes, not the summary.
var changedPage = strings.Replace(dumpPage, "power sockets", "reading lights", 1)

// TestImportReportGivesRuleTopics checks the per-article line: the
// topics the rules pick are reported (the file does not record them),
// and nothing is said of rules a site does not have.
func TestImportReportGivesRuleTopics(t *testing.T) {
	tests := []struct {
		name  string
		rep   importer.Report
		rules bool
		want  string
	}{
		{"imported, matched", importer.Report{Input: "a.txt", Outcome: importer.Imported, Path: "content/articles/a.md", Topics: []string{"trade", "security"}}, true,
			"imported a.txt → content/articles/a.md (topics by rule: trade, security)\n"},
		{"imported, no match", importer.Report{Input: "a.txt", Outcome: importer.Imported, Path: "content/articles/a.md"}, true,
			"imported a.txt → content/articles/a.md (no topic's rules match)\n"},
		{"imported, site without rules", importer.Report{Input: "a.txt", Outcome: importer.Imported, Path: "content/articles/a.md"}, false,
			"imported a.txt → content/articles/a.md\n"},
		{"updated", importer.Report{Input: "a.txt", Outcome: importer.Updated, Path: "content/articles/a.md", Changed: []string{"body"}, Topics: []string{"trade"}}, true,
			"updated content/articles/a.md: body (topics by rule: trade)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			printImport(&b, &importer.Result{Reports: []importer.Report{tt.rep}}, true, false, tt.rules)
			if !strings.HasPrefix(b.String(), tt.want) {
				t.Errorf("got %q, want it to start with %q", b.String(), tt.want)
			}
		})
	}
}
