package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStoriesCommand(t *testing.T) {
	tmp := t.TempDir()
	if code, _, errOut := brief(t, tmp, "init", "site"); code != 0 {
		t.Fatal(errOut)
	}
	report := "Kestrel Semiconductor will pay Orison Micro $185 million to settle the chiplet patent dispute, the companies said in Dresden on Monday. " +
		"The settlement ends four years of litigation over packaging patents, and Orison chief executive Mara Lindqvist called it fair. " +
		"Kestrel said the payment would be booked in its fourth quarter and that it would license the disputed patents until 2031."
	articles := map[string]string{
		"a.md":     "---\ntitle: Kestrel settles patent case with Orison\ndate: 2024-10-28T10:00:00Z\n---\n" + report + "\n",
		"b.md":     "---\ntitle: Orison wins $185 million from Kestrel\ndate: 2024-10-28T12:00:00Z\n---\nLocal intro. " + report + "\n",
		"other.md": "---\ntitle: Library reopens\ndate: 2024-10-28T12:00:00Z\nstory: other\n---\nThe city's main library reopened after a renovation that took two years and cost $9 million, with a new children's floor.\n",
	}
	dir := filepath.Join(tmp, "site", "content", "articles")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.Remove(filepath.Join(dir, e.Name()))
	}
	for name, text := range articles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := brief(t, tmp, "stories", "--source", "site", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct{ Stories [][]string }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	want := [][]string{{"content/articles/a.md", "content/articles/b.md"}, {"content/articles/other.md"}}
	if len(got.Stories) != 2 || strings.Join(got.Stories[0], " ") != strings.Join(want[0], " ") || strings.Join(got.Stories[1], " ") != strings.Join(want[1], " ") {
		t.Errorf("got %v, want %v", got.Stories, want)
	}
	code, out, _ = brief(t, tmp, "stories", "--source", "site", "--explain")
	for _, w := range []string{"2 stories, 1 with more than one article", "near-duplicate of content/articles/a.md", "other (pinned)"} {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("--explain: exit %d, no %q in\n%s", code, w, out)
		}
	}
	// brief build --explain: the build, then the stories of more than
	// one article with each article's reason; again when up to date;
	// and a word when site.yaml turns stories off.
	for _, run := range []string{"build", "up to date"} {
		code, out, errOut := brief(t, tmp, "build", "--source", "site", "--explain")
		for _, w := range []string{"stories: 1 of more than one article", "a: 2 articles", "content/articles/b.md  near-duplicate of content/articles/a.md"} {
			if code != 0 || !strings.Contains(out, w) {
				t.Errorf("build --explain (%s): exit %d, no %q in\n%s%s", run, code, w, out, errOut)
			}
		}
		if _, explained, _ := strings.Cut(out, "stories: 1"); strings.Contains(explained, "other.md") {
			t.Errorf("build --explain (%s) lists an article alone:\n%s", run, out)
		}
	}
	yaml := filepath.Join(tmp, "site", "site.yaml")
	cfg, _ := os.ReadFile(yaml)
	if err := os.WriteFile(yaml, []byte(strings.Replace(string(cfg), "stories:\n  enabled: true\n", "stories:\n  enabled: false\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := brief(t, tmp, "build", "--source", "site", "--explain"); code != 0 || !strings.Contains(out, "stories: off (site.yaml") {
		t.Errorf("build --explain, stories off: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := brief(t, tmp, "stories", "--help"); code != 0 || !strings.Contains(out, "Usage: brief stories") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	if code, _, errOut := brief(t, tmp, "stories", "--format", "xml"); code != 2 || !strings.Contains(errOut, "--format must be json or text") {
		t.Errorf("--format xml: exit %d, %q", code, errOut)
	}
}
