package extract

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// storyPage is a saved HTML page of one site, about topic; every page of
// the site carries the same appeal between its paragraphs.
func storyPage(topic string) string {
	return `<html><head><link rel="canonical" href="https://pier.example/` + topic + `"></head><body><div class="content">
<p>` + strings.Repeat("The "+topic+" story goes on with another sentence of its own. ", 4) + `</p>
<p>Support local reporting: our small newsroom depends on readers like you, so please consider a contribution today.</p>
<p>` + strings.Repeat("More about the "+topic+" and what it means for the town. ", 4) + `</p>
</div></body></html>`
}

const appeal = "Support local reporting"

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		sitetest.WriteFile(t, dir, name, []byte(data))
	}
	return dir
}

func dump(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("textdump/testdata/dump_harbour.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestPagesInputs checks what Pages reads and the order of its results:
// files, folders in name order without hidden entries, gzip, URLs, each
// failure in its place, names as given relative to Dir.
func TestPagesInputs(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"one.html":              storyPage("ferry"),
		"inbox/b.txt":           dump(t),
		"inbox/a.htm":           storyPage("bridge"),
		"inbox/notes.md":        "not a page",
		"inbox/.hidden.html":    storyPage("hidden"),
		"inbox/.cache/x.html":   storyPage("cache"),
		"inbox/deeper/c.xhtml":  storyPage("market"),
		"inbox/deeper/menu.txt": "Shop - Example\n- Home\n- Products\n",
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/news/pier", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(storyPage("pier")))
	}))
	defer srv.Close()

	got, err := Pages(context.Background(), []string{"one.html", "inbox", "missing.txt", srv.URL + "/moved"}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		input string
		ok    bool
	}{
		{"one.html", true},
		{filepath.Join("inbox", "a.htm"), true},
		{filepath.Join("inbox", "b.txt"), true},
		{filepath.Join("inbox", "deeper", "c.xhtml"), true},
		{filepath.Join("inbox", "deeper", "menu.txt"), false},
		{"missing.txt", false},
		{srv.URL + "/moved", true},
	}
	if len(got) != len(want) {
		t.Fatalf("%d results, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		r := got[i]
		if r.Input != w.input || (r.Err == nil) != w.ok || (r.Article != nil) != w.ok {
			t.Errorf("result %d: %q article %v err %v; want %q ok=%v", i, r.Input, r.Article != nil, r.Err, w.input, w.ok)
		}
	}
	if !errors.Is(got[4].Err, article.ErrNoArticle) || !errors.Is(got[5].Err, fs.ErrNotExist) {
		t.Errorf("errors: %v; %v", got[4].Err, got[5].Err)
	}
	if r := got[6]; r.URL != srv.URL+"/news/pier" || r.Article == nil || !strings.Contains(r.Article.Text, "The pier story") {
		t.Errorf("URL input: %+v", r)
	}
	if a := got[2].Article; a == nil || a.Title != "City council approves new harbour ferry line after months of debate" {
		t.Errorf("dump read as %+v", a)
	}
}

// TestPagesLearnsAcrossPages checks both passes: a block repeated on the
// pages of one site is learnt as boilerplate and left out of each, but a
// page given twice does not teach its own paragraphs as boilerplate.
func TestPagesLearnsAcrossPages(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ferry.html": storyPage("ferry"), "bridge.html": storyPage("bridge"), "market.html": storyPage("market"),
		"copy/ferry.html": storyPage("ferry"),
	})
	got, err := Pages(context.Background(), []string{"ferry.html", "bridge.html", "market.html", "copy/ferry.html"}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Input, r.Err)
		}
		if strings.Contains(r.Article.Text, appeal) {
			t.Errorf("%s: the appeal repeated on every page was kept:\n%s", r.Input, r.Article.Text)
		}
		if !strings.Contains(r.Article.Text, "story goes on") {
			t.Errorf("%s: the story was lost:\n%s", r.Input, r.Article.Text)
		}
	}

	alone, err := Pages(context.Background(), []string{"ferry.html", "copy/ferry.html"}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range alone {
		if r.Err != nil || !strings.Contains(r.Article.Text, appeal) {
			t.Errorf("%s, with only a copy of itself to learn from: %v\n%v", r.Input, r.Err, r.Article)
		}
	}
}

// TestPagesCopiesInOneBatch checks that copies of one article in a batch,
// not byte for byte the same, do not teach each other their paragraphs as
// boilerplate: every copy still yields the article, and what the site
// repeats on its other pages is still learnt.
func TestPagesCopiesInOneBatch(t *testing.T) {
	story := storyPage("ferry")
	tests := []struct {
		name string
		copy string
	}{
		{"AMP page", strings.Replace(story, `<div class="content">`, `<div class="amp-article"><amp-img src="lead.jpg"></amp-img>`, 1)},
		{"second capture with another most-read list", strings.Replace(story, `</div></body>`, `</div><aside><h2>Most read</h2><ul><li><a href="/x">Council votes on the new harbour wall</a></li></ul></aside></body>`, 1)},
		{"same story under another section", strings.Replace(story, `<html><head>`, `<html><head><title>Business | Pier</title>`, 1)},
		{"print page without the appeal", strings.Replace(story, "<p>Support local reporting: our small newsroom depends on readers like you, so please consider a contribution today.</p>", "", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.copy == story {
				t.Fatal("the copy is the same bytes: the test would not test copies")
			}
			dir := writeFiles(t, map[string]string{
				"ferry.html": story, "ferry-copy.html": tt.copy,
				"bridge.html": storyPage("bridge"), "market.html": storyPage("market"),
			})
			got, err := Pages(context.Background(), []string{"ferry.html", "ferry-copy.html", "bridge.html", "market.html"}, Options{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range got {
				if r.Err != nil {
					t.Fatalf("%s: %v", r.Input, r.Err)
				}
				for _, want := range []string{"story goes on", "what it means for the town"} {
					if !strings.Contains(r.Article.Text, want) {
						t.Errorf("%s: %q was lost:\n%s", r.Input, want, r.Article.Text)
					}
				}
				if strings.Contains(r.Article.Text, appeal) {
					t.Errorf("%s: the appeal repeated on every page was kept:\n%s", r.Input, r.Article.Text)
				}
			}
		})
	}
}

// TestPagesReparsePastTheBudget checks that pages not kept parsed between
// the passes come out as those kept.
func TestPagesReparsePastTheBudget(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"harbour.txt": dump(t), "ferry.html": storyPage("ferry"), "bridge.html": storyPage("bridge"),
	})
	inputs := []string{"harbour.txt", "ferry.html", "bridge.html"}
	kept, err := Pages(context.Background(), inputs, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Pages(context.Background(), inputs, Options{Dir: dir, KeepParsed: -1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range kept {
		if kept[i].Err != nil {
			t.Fatalf("%s: %v", kept[i].Input, kept[i].Err)
		}
	}
	if !reflect.DeepEqual(kept, again) {
		t.Errorf("kept parsed:\n%+v\nparsed again:\n%+v", kept, again)
	}
}

// TestPagesReadAgainFromDisk checks that a file not kept parsed is read
// again from disk in the second pass, not held, and that one edited
// between the passes fails rather than being extracted with what another
// version of it taught.
func TestPagesReadAgainFromDisk(t *testing.T) {
	dir := writeFiles(t, map[string]string{"ferry.html": storyPage("ferry"), "bridge.html": storyPage("bridge")})
	b, err := Learn(context.Background(), []string{"ferry.html", "bridge.html"}, Options{Dir: dir, KeepParsed: -1})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bridge.html"), []byte(storyPage("tunnel")), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []Result
	if err := b.Extract(context.Background(), Each{Done: func(_ int, r Result) { got = append(got, r) }}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d results, want 2", len(got))
	}
	if got[0].Err != nil || !strings.Contains(got[0].Article.Text, "ferry story") {
		t.Errorf("ferry.html: %+v", got[0])
	}
	if got[1].Err == nil || !strings.Contains(got[1].Err.Error(), "bridge.html changed while it was being imported") {
		t.Errorf("bridge.html, edited between the passes: err = %v, article %+v", got[1].Err, got[1].Article)
	}
}

// TestBatchEach checks the second pass's hooks: Work sees every result
// off the calling goroutine's order, Done sees them in input order, and
// Progress counts the first pass.
func TestBatchEach(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.html": storyPage("a"), "b.html": storyPage("b"), "c.txt": "\x00binary"})
	var progress []int
	b, err := Learn(context.Background(), []string{"a.html", "b.html", "c.txt"}, Options{
		Dir: dir, Progress: func(done, total int) {
			if total != 3 {
				t.Errorf("Progress total %d, want 3", total)
			}
			progress = append(progress, done)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(progress, []int{1, 2, 3}) || b.Len() != 3 {
		t.Errorf("Progress saw %v of %d", progress, b.Len())
	}
	worked := make([]bool, 3)
	var done []string
	err = b.Extract(context.Background(), Each{
		Workers: 3,
		Work:    func(i int, r Result) { worked[i] = r.Input != "" },
		Done: func(i int, r Result) {
			if !worked[i] {
				t.Errorf("Done(%d) before its Work", i)
			}
			done = append(done, r.Input)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(done, []string{"a.html", "b.html", "c.txt"}) {
		t.Errorf("Done saw %v", done)
	}
}

func TestPagesCancelled(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.html": storyPage("a")})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Pages(ctx, []string{"a.html"}, Options{Dir: dir}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestReadAtMost checks the reading of a file measured at another size
// than it has when read (it grew, or shrank, in between): all of it within
// the limit, an error wrapping article.ErrTooLarge past it.
func TestReadAtMost(t *testing.T) {
	text := strings.Repeat("a page that grew while it was read; ", 100)
	dir := writeFiles(t, map[string]string{"page.html": text})
	name := filepath.Join(dir, "page.html")
	for _, tc := range []struct {
		size    int64
		limit   int
		tooMuch bool
	}{
		{int64(len(text)), len(text), false},
		{0, len(text), false},
		{10, 1 << 20, false},
		{1 << 20, 1 << 20, false},
		{10, len(text) - 1, true},
		{int64(len(text)), len(text) - 1, true},
	} {
		data, err := readAtMost(name, tc.limit, tc.size)
		switch {
		case tc.tooMuch && !errors.Is(err, article.ErrTooLarge):
			t.Errorf("size %d, limit %d: err = %v, want ErrTooLarge", tc.size, tc.limit, err)
		case !tc.tooMuch && (err != nil || string(data) != text):
			t.Errorf("size %d, limit %d: read %d bytes (%v), want %d", tc.size, tc.limit, len(data), err, len(text))
		}
	}
}
