package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

func runCmd(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), &env{stdout: &out, stderr: &errb, dir: dir}, args)
	return out.String(), errb.String(), code
}

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

	out, _, code := runCmd(t, dir, "extract", "--format", "json", "--timezone", "Europe/Oslo", "night.txt", srv.URL+"/report.pdf")
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
	out, errOut, code := runCmd(t, dir, "extract", "night.txt")
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
	root := t.TempDir()
	siteYAML := "title: Rail news\nbase_url: https://rail.example/\ntimezone: Europe/Oslo\ntopics:\n  - title: Trains\n    match:\n      any: [night train]\n"
	if err := os.WriteFile(filepath.Join(root, "site.yaml"), []byte(siteYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	inbox := filepath.Join(root, "inbox")
	os.MkdirAll(inbox, 0o755)
	os.WriteFile(filepath.Join(inbox, "night.txt"), []byte(dumpPage), 0o644)
	os.WriteFile(filepath.Join(inbox, "broken.html"), []byte{0, 1, 2, 3}, 0o644)

	out, _, code := runCmd(t, root, "import", "inbox")
	if code != 1 {
		t.Errorf("exit %d, want 1 for the broken input", code)
	}
	if !strings.Contains(out, "imported 1, skipped 0 as duplicates, failed 1\n") || !strings.Contains(out, "broken.html: ") {
		t.Errorf("output:\n%s", out)
	}
	data, err := os.ReadFile(filepath.Join(root, "content/articles/night-trains-return-to-the-northern-line.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "topics: [trains]") {
		t.Errorf("article:\n%s", data)
	}

	out, _, code = runCmd(t, root, "import", "--dry-run", "inbox/night.txt")
	if code != 0 || !strings.Contains(out, "imported 0, skipped 1 as duplicates, failed 0") {
		t.Errorf("re-import: exit %d\n%s", code, out)
	}

	_, errOut, code := runCmd(t, t.TempDir(), "import", "x.txt")
	if code != 1 || !strings.Contains(errOut, "site.yaml") {
		t.Errorf("outside a site: exit %d %s", code, errOut)
	}
	if _, _, code := runCmd(t, root, "import"); code != 2 {
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
	site := t.TempDir()
	root := filepath.Join("..", "..")
	for _, name := range []string{"content", "static"} {
		if err := os.CopyFS(filepath.Join(site, name), os.DirFS(filepath.Join(root, name))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := runCmd(t, site, "import", seed); code != 0 || !strings.Contains(out, "imported 1,") {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	if _, errOut, code := runCmd(t, site, "build", "--future"); code != 0 {
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
