package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// dumpPage is a small text dump in the shape of a scraped news page.
const dumpPage = `Home > WorldNight trains return to the northern line-Rail Weekly
- World
- Travel
Night trains return to the northern line
Published 3:04 PM EST, Jan 2, 2024
The night train between the capital and the northern mining towns will run again from March, the rail operator said on Tuesday, three years after the service was cut.
Sleeper cars will be refurbished with new beds and power sockets, and tickets will go on sale in February through the operator's website and at stations.
Local mayors welcomed the decision, saying the train was the only practical way to travel south in winter when the roads are often closed by snow.
- In:
- Rail
Related
- Bus fares rise again
`

func TestExtractJSONLines(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "night.txt"), []byte(dumpPage), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.7")
	}))
	defer srv.Close()

	code, out, _ := brief(t, dir, "extract", "--format", "json", "--timezone", "Europe/Oslo", "night.txt", srv.URL+"/report.pdf")
	if code != 1 {
		t.Errorf("exit code %d, want 1 for the failed input", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want one per input:\n%s", len(lines), out)
	}
	var ok, bad map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &ok); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &bad); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"input", "title", "published", "updated", "author", "source", "source_url", "tags", "description", "image", "text", "markdown"} {
		if _, has := ok[key]; !has {
			t.Errorf("no %q in %s", key, lines[0])
		}
	}
	if ok["title"] != "Night trains return to the northern line" || ok["source"] != "Rail Weekly" {
		t.Errorf("title %v source %v", ok["title"], ok["source"])
	}
	// EST is an explicit zone: it wins over --timezone.
	if ok["published"] != "2024-01-02T15:04:00-05:00" {
		t.Errorf("published %v", ok["published"])
	}
	if _, has := ok["error"]; has {
		t.Errorf("error on success: %v", ok["error"])
	}
	if e, _ := bad["error"].(string); !strings.Contains(e, "application/pdf") || bad["input"] != srv.URL+"/report.pdf" {
		t.Errorf("failure line %s", lines[1])
	}
}

func TestExtractMarkdown(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "night.txt"), []byte(dumpPage), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := brief(t, dir, "extract", "night.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "---\ntitle: Night trains return to the northern line\n") ||
		!strings.Contains(out, "tags: [Rail]") || !strings.Contains(out, "---\n\nThe night train between") {
		t.Errorf("markdown output:\n%s", out)
	}
	if strings.Contains(out, "Bus fares") {
		t.Error("related links in the body")
	}
}

func TestImportCommand(t *testing.T) {
	site := sitetest.New(t, `
-- site.yaml --
title: Rail news
base_url: https://rail.example/
timezone: Europe/Oslo
topics:
  - title: Trains
    match:
      any: [night train]
`, sitetest.OnDisk())
	site.EditFiles("inbox/night.txt", dumpPage, "inbox/broken.html", "\x00\x01\x02\x03")
	root := site.Dir()

	code, out, _ := brief(t, root, "import", "inbox")
	if code != 1 {
		t.Errorf("exit %d, want 1 for the broken input", code)
	}
	if !strings.Contains(out, "imported 1, skipped 0 as duplicates, failed 1\n") || !strings.Contains(out, "broken.html: ") {
		t.Errorf("output:\n%s", out)
	}
	// The report says which topics the rules pick; the file does not.
	if !strings.Contains(out, "→ content/articles/night-trains-return-to-the-northern-line.md (topics by rule: trains)\n") {
		t.Errorf("the report does not give the rules' topics:\n%s", out)
	}
	data, err := os.ReadFile(filepath.Join(root, "content/articles/night-trains-return-to-the-northern-line.md"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "topics:") {
		t.Errorf("import froze the rules' topics into the article:\n%s", data)
	}

	code, out, _ = brief(t, root, "import", "--dry-run", "inbox/night.txt")
	if code != 0 || !strings.Contains(out, "imported 0, skipped 1 as duplicates, failed 0") {
		t.Errorf("re-import: exit %d\n%s", code, out)
	}

	code, _, errOut := brief(t, t.TempDir(), "import", "x.txt")
	if code != 1 || !strings.Contains(errOut, "site.yaml") {
		t.Errorf("outside a site: exit %d %s", code, errOut)
	}
	if code, _, _ := brief(t, root, "import"); code != 2 {
		t.Errorf("no inputs: exit %d, want 2", code)
	}
}

// TestSeedLandsInExampleTopic imports the real scraped seed into a copy of
// the example site and checks, on the built pages, that it is published in
// the U.S.–China topic with the right title and source.
func TestSeedLandsInExampleTopic(t *testing.T) {
	seed := filepath.Join("..", "..", "..", "shared", "seeds", "000_07219cdc563dbbb4.txt")
	if _, err := os.Stat(seed); err != nil {
		t.Skip("../shared/seeds is not present")
	}
	seed, _ = filepath.Abs(seed)
	site := sitetest.New(t, "", sitetest.Example(), sitetest.OnDisk()).Dir()
	if code, out, errOut := brief(t, site, "import", seed); code != 0 || !strings.Contains(out, "imported 1,") {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := brief(t, site, "build", "--future"); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	page, err := os.ReadFile(filepath.Join(site, "public", "topics", "us-china-relations", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	const title = "U.S. Secretary of State Antony Blinken to go to China after earlier trip postponed amid spy balloon"
	if !strings.Contains(string(page), title) {
		t.Errorf("the seed's article is not on the U.S.–China topic page")
	}
	if !strings.Contains(string(page), "LoTradeCoin") {
		t.Errorf("the seed's source is not shown")
	}
}

// TestImportNearCopyCommand: the summary names the article a syndicated
// copy repeats, and --skip-copies leaves the copy out.
func TestImportNearCopyCommand(t *testing.T) {
	body := strings.SplitN(dumpPage, "\n", 6)[5]
	body = body[:strings.Index(body, "- In:")]
	paras := strings.Split(strings.TrimSpace(body), "\n")
	site := sitetest.New(t, `
-- site.yaml --
title: Rail news
base_url: https://rail.example/
timezone: Europe/Oslo
-- content/articles/night-trains.md --
---
title: Night trains are back
date: 2024-01-02T09:00:00Z
---
`+strings.Join(paras, "\n\n")+"\n", sitetest.OnDisk())
	// The same wire text under another headline, its last paragraph cut.
	site.EditFiles("inbox/copy.txt", "Sleepers return north - Valley Post\nSleepers return north\nPublished 4:10 PM EST, Jan 2, 2024\n"+strings.Join(paras[:len(paras)-1], "\n")+"\n")
	root := site.Dir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"import", "--dry-run", "inbox/copy.txt"}, "near-copy of content/articles/night-trains.md ("},
		{[]string{"import", "--skip-copies", "inbox/copy.txt"}, "imported 0, skipped 0 as duplicates, failed 0; skipped 1 as near-copies\n"},
	}
	for _, tt := range tests {
		code, out, errOut := brief(t, root, tt.args...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, want %q in:\n%s%s", tt.args, code, tt.want, out, errOut)
		}
	}
	if files, _ := filepath.Glob(filepath.Join(root, "content/articles/*.md")); len(files) != 1 {
		t.Errorf("articles: %v, want the editor's only", files)
	}
}
