package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/importer"
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
	imported := func(t *testing.T, root string) {
		if out, errOut, code := runCmd(t, root, "import", "inbox/night.txt"); code != 0 {
			t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
		}
	}
	// old puts the older import's file in place, with from replaced by to.
	old := func(from, to string) func(*testing.T, string) {
		return func(t *testing.T, root string) {
			writeSiteFile(t, root, nightArticle, string(fixture))
			if from != "" {
				editSiteFile(t, root, nightArticle, func(s string) string { return strings.Replace(s, from, to, 1) })
			}
		}
	}
	tests := []struct {
		name    string
		article func(t *testing.T, root string) // puts the article in place under railSite
		rules   string                          // site.yaml at build time
		want    map[string]bool                 // topic → lists the article
	}{
		{"imported, rules unchanged", imported, railSite, map[string]bool{"trains": true, "rail": false}},
		{"imported, rule narrowed", imported, narrowed, map[string]bool{"trains": false, "rail": false}},
		{"imported, exclusion added", imported,
			strings.Replace(railSite, "any: [night train]", "any: [night train]\n      none: [mining]", 1),
			map[string]bool{"trains": false, "rail": false}},
		{"imported, topic added later", imported,
			railSite + "  - title: Winter\n    match:\n      any: [snow]\n",
			map[string]bool{"trains": true, "rail": false, "winter": true}},
		{"imported, then listed by the editor", func(t *testing.T, root string) {
			imported(t, root)
			editSiteFile(t, root, nightArticle, func(s string) string {
				return strings.Replace(s, "tags: [Rail]\n", "tags: [Rail]\ntopics: [trains]\n", 1)
			})
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
			root := t.TempDir()
			writeSiteFile(t, root, "site.yaml", railSite)
			writeSiteFile(t, root, "inbox/night.txt", dumpPage)
			tt.article(t, root)
			writeSiteFile(t, root, "site.yaml", tt.rules)
			out, errOut, code := runCmd(t, root, "build")
			if code != 0 {
				t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
			}
			filed := false
			for topic, want := range tt.want {
				page, err := os.ReadFile(filepath.Join(root, "public", "topics", topic, "index.html"))
				if err != nil {
					t.Fatal(err)
				}
				if got := strings.Contains(string(page), nightTitle); got != want {
					t.Errorf("topic %s lists the article: %t, want %t", topic, got, want)
				}
				filed = filed || want
			}
			if unfiled := strings.Contains(out, "in no topic") && strings.Contains(out, nightArticle); unfiled == filed {
				t.Errorf("the build's list of articles in no topic is wrong:\n%s", out)
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
			root := t.TempDir()
			writeSiteFile(t, root, "site.yaml", railSite)
			writeSiteFile(t, root, "inbox/night.txt", dumpPage)
			if tt.article == "" {
				if _, errOut, code := runCmd(t, root, "import", "inbox/night.txt"); code != 0 {
					t.Fatalf("import: %s", errOut)
				}
			} else {
				// The older import ran with a relative input; these run
				// with the absolute one, as a changed page is found by
				// the file it was scraped from.
				in := filepath.Join(root, "inbox", "night.txt")
				writeSiteFile(t, root, nightArticle, strings.Replace(tt.article, "scraped_from: inbox/night.txt", "scraped_from: "+in, 1))
			}
			writeSiteFile(t, root, "inbox/night.txt", tt.page)
			out, errOut, code := runCmd(t, root, "import", "--update", "inbox/night.txt")
			if code != 0 {
				t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			data, err := os.ReadFile(filepath.Join(root, nightArticle))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, l := range strings.SplitAfter(string(data), "\n") {
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

func writeSiteFile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func editSiteFile(t *testing.T, root, rel string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	after := edit(string(data))
	if after == string(data) {
		t.Fatalf("%s: the edit changed nothing:\n%s", rel, data)
	}
	writeSiteFile(t, root, rel, after)
}

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
