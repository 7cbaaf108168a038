package importer

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sitetest"
)

const siteYAML = `title: Test briefing
base_url: https://briefing.example/
timezone: Europe/Stockholm
topics:
  - title: Transport
    slug: transport
    match:
      any: [ferry, bus route]
  - title: Football
    match:
      any: [football]
`

// newSite makes a site folder with site.yaml and returns it with its
// configuration.
func newSite(t *testing.T) (string, *site.Config) {
	t.Helper()
	s := sitetest.New(t, "-- site.yaml --\n"+siteYAML, sitetest.OnDisk())
	return s.Dir(), s.Config()
}

var fixedNow = func() time.Time { return time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC) }

func options(root string, cfg *site.Config) Options {
	return Options{Root: root, Site: cfg, Now: fixedNow}
}

// writeInput writes a page to import into a folder outside the site.
func writeInput(t *testing.T, dir, name, data string) string {
	t.Helper()
	return sitetest.WriteFile(t, dir, name, []byte(data))
}

func harbour(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/harbour.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func readArticle(t *testing.T, root, rel string, cfg *site.Config) *content.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	a, err := content.ParseArticle(rel, data, cfg.Location)
	if err != nil {
		t.Fatalf("%s does not read back: %v\n%s", rel, err, data)
	}
	return a
}

func only(t *testing.T, res *Result, want Outcome) Report {
	t.Helper()
	if len(res.Reports) != 1 {
		t.Fatalf("%d reports, want 1: %+v", len(res.Reports), res.Reports)
	}
	r := res.Reports[0]
	if r.Outcome != want {
		t.Fatalf("outcome %v (err %v), want %v", r.Outcome, r.Err, want)
	}
	return r
}

func TestImportTextDump(t *testing.T) {
	root, cfg := newSite(t)
	in := writeInput(t, t.TempDir(), "scraped/harbour.txt", harbour(t))
	res, err := Import(context.Background(), []string{filepath.Dir(in)}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Imported)
	want := "content/articles/city-council-approves-new-harbour-ferry-line-after-months-of-debate.md"
	if r.Path != want {
		t.Errorf("path %q, want %q", r.Path, want)
	}
	a := readArticle(t, root, r.Path, cfg)
	if a.Title != "City council approves new harbour ferry line after months of debate" {
		t.Errorf("title %q", a.Title)
	}
	// 09:30 with no offset on the page is read in the site's zone.
	if got := a.Date.Format(time.RFC3339); got != "2024-03-05T09:30:00+01:00" {
		t.Errorf("date %s", got)
	}
	// The rules' verdict is reported, never written: the build decides.
	if a.Topics != nil || a.ImportedTopics != nil {
		t.Errorf("topics %q (imported %q): import must leave topics to the editor", a.Topics, a.ImportedTopics)
	}
	if !reflect.DeepEqual(r.Topics, []string{"transport"}) {
		t.Errorf("reported topics %q, want the rule-matched transport", r.Topics)
	}
	if !reflect.DeepEqual(a.Tags, []string{"Ferries", "Harbour"}) || a.Source != "Coastline Daily" {
		t.Errorf("tags %q source %q", a.Tags, a.Source)
	}
	if a.ScrapedFrom != in || !strings.HasPrefix(a.Fingerprint, "sha256:") || a.Imported.IsZero() {
		t.Errorf("bookkeeping: scraped_from %q fingerprint %q imported %v", a.ScrapedFrom, a.Fingerprint, a.Imported)
	}
	if !strings.HasPrefix(a.Summary, "The city council voted") {
		t.Errorf("summary %q", a.Summary)
	}
	if !strings.Contains(a.Body, "- Construction of the new pier starts in June.") {
		t.Errorf("body:\n%s", a.Body)
	}
	vals := a.ImportValues()
	for _, f := range trackedFields {
		if a.ImportHashes[f] != content.ImportHash(vals[f]) {
			t.Errorf("fresh import looks edited in %s", f)
		}
	}
	if len(a.ImportHashes) != len(trackedFields) {
		t.Errorf("import_hashes %v, want one per tracked field", a.ImportHashes)
	}
	// The whole site still loads.
	if _, err := content.Load(context.Background(), os.DirFS(root), cfg.Location); err != nil {
		t.Errorf("site does not load: %v", err)
	}
	// No temporary files are left behind.
	left, _ := filepath.Glob(filepath.Join(root, ArticlesDir, ".*"))
	if len(left) > 0 {
		t.Errorf("left over: %v", left)
	}
}

func TestImportDuplicates(t *testing.T) {
	root, cfg := newSite(t)
	dir := t.TempDir()
	first := writeInput(t, dir, "a/harbour.txt", harbour(t))
	// The same story saved again, with different furniture around it.
	again := writeInput(t, dir, "b/harbour-again.txt", strings.Replace(harbour(t), "Likes (312)", "Likes (415)", 1))
	res, err := Import(context.Background(), []string{first, again}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(Imported) != 1 || res.Count(Duplicate) != 1 {
		t.Fatalf("reports %+v", res.Reports)
	}
	before, _ := os.ReadFile(filepath.Join(root, res.Reports[0].Path))
	res, err = Import(context.Background(), []string{first}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Duplicate)
	after, _ := os.ReadFile(filepath.Join(root, r.Path))
	if string(before) != string(after) {
		t.Error("re-import rewrote the file")
	}
	files, _ := filepath.Glob(filepath.Join(root, ArticlesDir, "*.md"))
	if len(files) != 1 {
		t.Errorf("files %v", files)
	}
}

func TestImportSameURLIsDuplicate(t *testing.T) {
	root, cfg := newSite(t)
	existing := "---\ntitle: Hand written\ndate: 2024-01-01\nsource_url: https://example.org/story/\n---\nMy own notes.\n"
	writeInput(t, root, "content/articles/mine.md", existing)
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, libraryPage("https://example.org/story?utm_source=x", "ten in the evening"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	res, err := Import(context.Background(), []string{srv.URL + "/story"}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Duplicate)
	got, _ := os.ReadFile(filepath.Join(root, "content/articles/mine.md"))
	if string(got) != existing {
		t.Error("hand-written article changed")
	}
}

func libraryPage(canonical, closing string) string {
	return `<!doctype html><html lang="en"><head><title>Library extends opening hours - River Gazette</title>
<link rel="canonical" href="` + canonical + `">
<meta property="article:published_time" content="2024-05-02T08:00:00+02:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Library extends opening hours</h1>
<p>The central library will stay open until ` + closing + ` from next month, the city's culture committee decided on Thursday after a long campaign by students.</p>
<p>Librarians said the extra hours would be staffed by new part-time hires, and the reading rooms on the second floor would be kept quiet for people preparing exams.</p>
<p>The change is a trial for one year; the committee will look at visitor numbers and at the bus route timetable before deciding whether to keep the late opening.</p>
</article><footer>River Gazette</footer></body></html>`
}

func TestImportURL(t *testing.T) {
	root, cfg := newSite(t)
	var ua string
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/library", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/news/library", func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, libraryPage("/news/library?utm_campaign=spring", "ten in the evening"))
	})
	mux.HandleFunc("/photo.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte{0xff, 0xd8, 0xff})
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	res, err := Import(context.Background(), []string{srv.URL + "/old", srv.URL + "/photo.jpg"}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(Imported) != 1 || res.Count(Failed) != 1 {
		t.Fatalf("reports %+v", res.Reports)
	}
	if res.Reports[1].Err == nil || !strings.Contains(res.Reports[1].Err.Error(), "image/jpeg") {
		t.Errorf("image failure %v", res.Reports[1].Err)
	}
	a := readArticle(t, root, res.Reports[0].Path, cfg)
	if a.SourceURL != srv.URL+"/news/library" {
		t.Errorf("source_url %q, want the final URL without tracking", a.SourceURL)
	}
	if !strings.HasPrefix(ua, "brief/") {
		t.Errorf("User-Agent %q", ua)
	}
	if r := res.Reports[0]; a.Topics != nil || !reflect.DeepEqual(r.Topics, []string{"transport"}) {
		t.Errorf("topics written %q, reported %q; want none written, transport reported", a.Topics, r.Topics)
	}
}

func TestImportFailuresDoNotStopOthers(t *testing.T) {
	root, cfg := newSite(t)
	dir := t.TempDir()
	bin := writeInput(t, dir, "image.html", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	menu := writeInput(t, dir, "index.txt", "Home - Coastline Daily\n- News\n- Sport\n- Weather\nSearch\n")
	good := writeInput(t, dir, "story.txt", harbour(t))
	res, err := Import(context.Background(), []string{bin, filepath.Join(dir, "missing.txt"), menu, good}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(Imported) != 1 || res.Count(Failed) != 3 {
		for _, r := range res.Reports {
			t.Logf("%s: %v %v", r.Input, r.Outcome, r.Err)
		}
		t.Fatal("want 1 imported, 3 failed")
	}
	for _, r := range res.Reports {
		if r.Outcome == Failed && r.Err == nil {
			t.Errorf("%s failed without a reason", r.Input)
		}
	}
}

func TestImportSlugTaken(t *testing.T) {
	root, cfg := newSite(t)
	other := "---\ntitle: Another story\ndate: 2024-01-01\n---\nSomething else.\n"
	taken := "content/articles/city-council-approves-new-harbour-ferry-line-after-months-of-debate.md"
	writeInput(t, root, taken, other)
	in := writeInput(t, t.TempDir(), "h.txt", harbour(t))
	res, err := Import(context.Background(), []string{in}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Imported)
	if r.Path != "content/articles/city-council-approves-new-harbour-ferry-line-after-months-of-debate-2024-03-05.md" {
		t.Errorf("path %q", r.Path)
	}
	if got, _ := os.ReadFile(filepath.Join(root, taken)); string(got) != other {
		t.Error("the other article was overwritten")
	}
	if _, err := content.Load(context.Background(), os.DirFS(root), cfg.Location); err != nil {
		t.Errorf("slugs collide: %v", err)
	}
}

func TestImportUpdate(t *testing.T) {
	root, cfg := newSite(t)
	dir := t.TempDir()
	in := writeInput(t, dir, "h.txt", harbour(t))
	res, err := Import(context.Background(), []string{in}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	rel := only(t, res, Imported).Path
	full := filepath.Join(root, rel)

	// The editor rewrites the title and adds a note.
	data, _ := os.ReadFile(full)
	edited := strings.Replace(string(data), "title: City council approves new harbour ferry line after months of debate",
		"title: Harbour ferry approved", 1)
	edited = strings.Replace(edited, "fingerprint:", "note: Worth following.\nfingerprint:", 1)
	if edited == string(data) {
		t.Fatal("fixture front matter changed shape")
	}
	if err := os.WriteFile(full, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}

	// The page changes: a corrected paragraph and a new headline.
	page := strings.ReplaceAll(harbour(t), "under twelve minutes", "under fourteen minutes")
	page = strings.ReplaceAll(page, "after months of debate", "after a year of debate")
	writeInput(t, dir, "h.txt", page)

	// Without --update nothing changes.
	res, err = Import(context.Background(), []string{in}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Duplicate)
	if got, _ := os.ReadFile(full); string(got) != edited {
		t.Fatal("re-import without --update changed the file")
	}

	// A dry run reports and writes nothing.
	opt := options(root, cfg)
	opt.Update, opt.DryRun = true, true
	res, err = Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Updated)
	if got, _ := os.ReadFile(full); string(got) != edited {
		t.Fatal("dry run changed the file")
	}

	opt.DryRun = false
	res, err = Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	r := only(t, res, Updated)
	if !reflect.DeepEqual(r.Changed, []string{"body"}) {
		t.Errorf("changed %q, want the body", r.Changed)
	}
	if !reflect.DeepEqual(r.Kept, []string{"title"}) {
		t.Errorf("kept %q, want the editor's title", r.Kept)
	}
	a := readArticle(t, root, rel, cfg)
	if a.Title != "Harbour ferry approved" || a.Note != "Worth following." {
		t.Errorf("editor's work lost: title %q note %q", a.Title, a.Note)
	}
	if !strings.Contains(a.Body, "under fourteen minutes") {
		t.Error("body not refreshed")
	}
	// The refreshed fields are recorded as import's again; the title stays
	// the editor's.
	vals := a.ImportValues()
	if a.ImportHashes["body"] != content.ImportHash(vals["body"]) || a.ImportHashes["title"] == content.ImportHash(vals["title"]) {
		t.Errorf("hashes not kept up to date: %v", a.ImportHashes)
	}

	// Once up to date, another update changes nothing.
	before, _ := os.ReadFile(full)
	res, err = Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Duplicate)
	if after, _ := os.ReadFile(full); string(after) != string(before) {
		t.Error("a second update rewrote the file")
	}
}

func TestImportUpdateLeavesHandWrittenFiles(t *testing.T) {
	root, cfg := newSite(t)
	in := writeInput(t, t.TempDir(), "h.txt", harbour(t))
	res, err := Import(context.Background(), []string{in}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(root, only(t, res, Imported).Path)
	data, _ := os.ReadFile(full)
	// An editor who removes the import record takes the file over.
	var kept []string
	skip := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "import_hashes:") {
			skip = true
			continue
		}
		if skip && strings.HasPrefix(line, "  ") {
			continue
		}
		skip = false
		kept = append(kept, line)
	}
	own := strings.Replace(strings.Join(kept, "\n"), "under twelve minutes", "in a few minutes", 1)
	if err := os.WriteFile(full, []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	writeInput(t, filepath.Dir(in), "h.txt", strings.ReplaceAll(harbour(t), "forty minutes", "fifty minutes"))
	opt := options(root, cfg)
	opt.Update = true
	res, err = Import(context.Background(), []string{in}, opt)
	if err != nil {
		t.Fatal(err)
	}
	only(t, res, Duplicate)
	if got, _ := os.ReadFile(full); string(got) != own {
		t.Error("a file without an import record was changed")
	}
}

func TestFingerprintIgnoresLayout(t *testing.T) {
	a := Fingerprint("The ferry sails.\n\nIt is fast!")
	b := Fingerprint("the  ferry sails it is FAST")
	c := Fingerprint("The ferry sinks. It is fast!")
	if a != b || a == c {
		t.Errorf("fingerprints %s %s %s", a, b, c)
	}
}

func TestWithSuffixKeepsSlugs(t *testing.T) {
	long := strings.Repeat("word-", 20) + "end"
	got := withSuffix(long, "2024-03-05")
	if !strings.HasSuffix(got, "-2024-03-05") || len(got) > 80 {
		t.Errorf("withSuffix = %q", got)
	}
}

// TestClaimPathKeepsTheDate: the tenth article with one long title gets a
// name ending in its own date and counter, never a date cut short.
func TestClaimPathKeepsTheDate(t *testing.T) {
	root := t.TempDir()
	ix := newIndex(nil)
	d := &doc{title: strings.Repeat("a very long headline about ferries ", 4), date: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)}
	for n := range 12 {
		rel, err := ix.claimPath(d, root)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.TrimSuffix(strings.TrimPrefix(rel, ArticlesDir+"/"), ".md")
		if n >= 1 && !strings.Contains(s, "-2024-03-05") {
			t.Errorf("candidate %d: %q lost its date", n, s)
		}
		if n >= 2 && !strings.HasSuffix(s, fmt.Sprintf("-2024-03-05-%d", n)) {
			t.Errorf("candidate %d: %q", n, s)
		}
		ix.slugs[s] = true
	}
}

// TestURLKey checks which spellings of an address urlKey takes for one
// page, as duplicates are found by it.
func TestURLKey(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"https://Ledger.example/world/talks/", "https://ledger.example/world/talks#top", true},
		{"https://ledger.example/world/talks/index.html", "https://ledger.example/world/talks", true},
		{"https://ledger.example/world/talks?utm_source=rss", "https://ledger.example/world/talks", true},
		{"https://ledger.example/world/talks/index.html.en", "https://ledger.example/world/talks", false},
		{"https://ledger.example/world/talks?id=1", "https://ledger.example/world/talks?id=2", false},
	}
	for _, tt := range tests {
		if got := urlKey(tt.a) == urlKey(tt.b); got != tt.same {
			t.Errorf("urlKey(%s) == urlKey(%s): %v, want %v (%q, %q)", tt.a, tt.b, got, tt.same, urlKey(tt.a), urlKey(tt.b))
		}
	}
}

// TestIndexFind checks the duplicate index's lookups: by address, then
// text, then scraped file, the first entry of each in the site's order,
// and an updated article found by its new text only.
func TestIndexFind(t *testing.T) {
	ix := newIndex(nil)
	a := &entry{path: "a", sourceURL: "https://pier.example/a", fingerprint: "fp-1"}
	b := &entry{path: "b", sourceURL: "https://pier.example/b", fingerprint: "fp-1", scrapedFrom: "dump.txt"}
	c := &entry{path: "c", scrapedFrom: "dump.txt", fingerprint: "fp-3"}
	d := &entry{path: "d", sourceURL: "https://pier.example/d", scrapedFrom: "dump.txt"}
	for _, e := range []*entry{a, b, c, d} {
		ix.add(e)
	}
	find := func(url, fp, scraped string) string {
		if e := ix.find(url, fp, scraped); e != nil {
			return e.path
		}
		return ""
	}
	for _, tc := range []struct {
		url, fp, scraped, want string
	}{
		{"https://pier.example/b?utm_source=x", "fp-3", "dump.txt", "b"},
		{"https://PIER.example/d/", "", "", "d"},
		{"https://pier.example/new", "fp-1", "dump.txt", "a"},
		{"", "fp-3", "dump.txt", "c"},
		{"", "", "dump.txt", "b"},
		{"https://pier.example/new", "", "dump.txt", "c"},
		{"https://pier.example/new", "fp-9", "other.txt", ""},
		{"", "", "", ""},
	} {
		if got := find(tc.url, tc.fp, tc.scraped); got != tc.want {
			t.Errorf("find(%q, %q, %q) = %q, want %q", tc.url, tc.fp, tc.scraped, got, tc.want)
		}
	}
	// a's text changed (--update): found by its new fingerprint, and its
	// old one leads to the next article that has it.
	ix.refingerprint(a, "fp-3")
	if got := find("", "fp-1", ""); got != "b" {
		t.Errorf("old fingerprint: %q, want b", got)
	}
	if got := find("", "fp-3", ""); got != "a" {
		t.Errorf("new fingerprint: %q, want a, the first in the site's order", got)
	}
	if got := ix.snapshot().find("", "fp-3", ""); got == nil || got.path != "a" {
		t.Errorf("snapshot: %+v, want a", got)
	}
}
