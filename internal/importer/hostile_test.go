package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/htmlcheck"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/slug"
)

// hostileDir holds scraped pages written to attack the site they are
// imported into: each is an ordinary article carrying script vectors in its
// body, its metadata or its markup. See the file names for the vector.
const hostileDir = "testdata/hostile"

// TestHostileCorpus imports every hostile page into a fresh site, builds
// it, and checks the published files with htmlcheck: whatever the pages
// tried, nothing may run in a reader's browser, no file may land outside
// content/ or the output, and no title may take another page's URL.
func TestHostileCorpus(t *testing.T) {
	entries, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 40 {
		t.Fatalf("the hostile corpus has %d pages; it must keep at least 40", len(entries))
	}
	root, cfg := newSite(t)
	// The editor's own page and article must come through untouched.
	editorFiles := map[string]string{
		"content/pages/about.md":         "---\ntitle: About\n---\nWritten by the editor.\n",
		"content/articles/index-html.md": "---\ntitle: The editor's index\ndate: 2024-01-02T10:00:00Z\n---\nMine.\n",
	}
	for rel, data := range editorFiles {
		writeInput(t, root, rel, data)
	}

	res, err := Import(context.Background(), []string{hostileDir}, options(root, cfg))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reports) != len(entries) {
		t.Fatalf("%d reports for %d pages", len(res.Reports), len(entries))
	}
	seen := map[string]string{}
	for _, r := range res.Reports {
		// A page that is not imported tests nothing: each must still read
		// as an article, whatever it carries.
		if r.Outcome != Imported {
			t.Errorf("%s: outcome %v, err %v: every hostile page must still be imported", r.Input, r.Outcome, r.Err)
			continue
		}
		if !strings.HasPrefix(r.Path, ArticlesDir+"/") || strings.Count(r.Path, "/") != 2 || !strings.HasSuffix(r.Path, ".md") {
			t.Errorf("%s: written to %q, outside %s", r.Input, r.Path, ArticlesDir)
		}
		s := strings.TrimSuffix(path.Base(r.Path), ".md")
		if slug.Make(s) != s {
			t.Errorf("%s: file name %q is not a slug", r.Input, r.Path)
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("%s and %s share the URL /articles/%s/", prev, r.Input, s)
		}
		seen[s] = r.Input
	}
	for rel, want := range editorFiles {
		if got, err := os.ReadFile(filepath.Join(root, rel)); err != nil || string(got) != want {
			t.Errorf("the editor's %s changed: %q, %v", rel, got, err)
		}
	}
	checkContentFiles(t, root, cfg.Location)

	out := output.NewMemory()
	bres, err := build.Build(context.Background(), os.DirFS(root), out, build.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("the site with the hostile imports does not build: %v", err)
	}
	if want := res.Count(Imported) + 1; bres.Articles != want {
		t.Errorf("built %d articles, want %d", bres.Articles, want)
	}
	for s, input := range seen {
		if _, ok := out.File("articles/" + s + "/index.html"); !ok {
			t.Errorf("%s: no page at articles/%s/", input, s)
		}
	}
	if _, ok := out.File("about/index.html"); !ok {
		t.Error("the editor's about page is gone from the build")
	}
	pages := 0
	for _, name := range out.Names() {
		if err := output.CheckName(name); err != nil {
			t.Errorf("output name: %v", err)
		}
		data, _ := out.File(name)
		if bytes.ContainsAny(data, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
			t.Errorf("%s: a Unicode direction override survived", name)
		}
		switch {
		case strings.HasSuffix(name, ".html"):
			pages++
			checkPage(t, name, data)
		case strings.HasSuffix(name, ".json"):
			checkJSONFeed(t, name, data)
		case strings.HasSuffix(name, ".xml"):
			checkXMLFeed(t, name, data)
		}
	}
	t.Logf("%d hostile pages imported and built; %d HTML pages and %d files checked", len(seen), pages, len(out.Names()))
}

// checkContentFiles walks the site: every file is site.yaml or under
// content/, and every article parses, holds valid UTF-8 and no NUL.
func checkContentFiles(t *testing.T, root string, loc *time.Location) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "site.yaml" {
			return nil
		}
		if !strings.HasPrefix(rel, content.Dir+"/") {
			t.Errorf("import wrote %s, outside content/", rel)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			t.Errorf("a temporary file was left behind: %s", rel)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			t.Errorf("%s: not clean UTF-8 text", rel)
		}
		if content.KindOf(rel) != content.KindArticle {
			return nil
		}
		a, err := content.ParseArticle(rel, data, loc)
		if err != nil {
			t.Errorf("%s does not parse: %v", rel, err)
			return nil
		}
		// The file is the editor's to publish with any tool: its Markdown
		// must be inert even where raw HTML is rendered.
		findings, err := htmlcheck.Markdown([]byte(a.Body))
		if err != nil {
			return err
		}
		for _, f := range findings {
			t.Errorf("%s: live markup in the Markdown: %s", rel, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkPage(t *testing.T, name string, page []byte) {
	t.Helper()
	findings, err := htmlcheck.Check(page)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, f := range findings {
		t.Errorf("%s: live markup survived: %s", name, f)
	}
}

// checkFragment checks HTML that a feed reader renders, inside a page shell
// whose policy allows no script at all.
func checkFragment(t *testing.T, where, fragment string) {
	t.Helper()
	checkPage(t, where, []byte(`<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'none'"></head><body>`+fragment+`</body></html>`))
}

func checkJSONFeed(t *testing.T, name string, data []byte) {
	t.Helper()
	var f struct {
		Items []struct {
			URL         string `json:"url"`
			ExternalURL string `json:"external_url"`
			Image       string `json:"image"`
			ContentHTML string `json:"content_html"`
			Summary     string `json:"summary"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	for _, it := range f.Items {
		checkFragment(t, name+" content_html", it.ContentHTML)
		for _, u := range []string{it.URL, it.ExternalURL, it.Image} {
			if u != "" && !isWebURL(u) {
				t.Errorf("%s: item URL %q is not http(s)", name, u)
			}
		}
	}
}

// checkXMLFeed reads an Atom or RSS feed: it must be well-formed, every
// element a reader may render as HTML must be clean, and every link must
// be a web address.
func checkXMLFeed(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
			return
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			for _, a := range tok.Attr {
				if (a.Name.Local == "href" || a.Name.Local == "url") && !isWebURL(a.Value) {
					t.Errorf("%s: <%s %s=%q> is not an http(s) link", name, tok.Name.Local, a.Name.Local, a.Value)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "content", "encoded", "description", "summary", "title":
				checkFragment(t, name+" <"+stack[len(stack)-1]+">", string(tok))
			case "link", "id", "guid":
				if s := strings.TrimSpace(string(tok)); s != "" && !isWebURL(s) && !strings.HasPrefix(s, "tag:") {
					t.Errorf("%s: <%s>%s</%s> is not an http(s) link", name, stack[len(stack)-1], s, stack[len(stack)-1])
				}
			}
		}
	}
}
