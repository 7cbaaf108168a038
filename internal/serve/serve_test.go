package serve

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

const article = "content/articles/yellen-beijing-visit.md"

func TestServeEditReload(t *testing.T) {
	site := example(t, "")
	s := start(t, site.Dir(), nil)
	if !strings.HasSuffix(s.URL(), "/us-china/") {
		t.Fatalf("URL %s does not keep the base URL's sub-path /us-china/", s.URL())
	}
	resp, home := get(t, s.URL())
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("home: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(home, reloadScript.Hash) || !strings.Contains(home, "connect-src &#39;self&#39;") {
		t.Errorf("home page's CSP does not allow the reload client:\n%s", home[:min(len(home), 800)])
	}
	if i, j := strings.Index(home, `data-brief-file="index.html"`), strings.LastIndex(home, "</body>"); i < 0 || j < i {
		t.Errorf("reload client not injected before </body>")
	}
	// The event stream lives under the sub-path, so a proxy of just that
	// path carries it (listen below connects there).
	if !strings.Contains(home, `data-brief-events="/us-china/__brief/events"`) {
		t.Errorf("the reload client does not listen under /us-china/")
	}
	// Feeds point at the preview, not at the published site.
	if _, feed := get(t, s.URL()+"feed.xml"); !strings.Contains(feed, s.URL()+"articles/") {
		t.Errorf("feed links do not point at %s", s.URL())
	}

	ev := listen(t, s)
	ev.next(t, "hello")
	site.ReplaceInFile(article, "Yellen ends Beijing visit", "Yellen wraps up Beijing visit")
	got := ev.next(t, "reload")
	files, _ := got.data["files"].([]any)
	if !containsAny(files, "articles/yellen-beijing-visit/index.html") {
		t.Errorf("reload event does not name the article page: %v", got.data)
	}
	// The article, the lists and feeds naming it, and its day's and
	// week's editions: a page and three email files each, and the six
	// edition feeds. Besides these, the search index files the new title
	// changes (5 here, all under search/: the result data holding the
	// title, the dictionary shards of the words added and removed, and
	// their postings buckets) legitimately change, and are bounded apart.
	var pages, index []any
	for _, f := range files {
		if name, _ := f.(string); strings.HasPrefix(name, "search/") {
			index = append(index, f)
		} else {
			pages = append(pages, f)
		}
	}
	if len(pages) > 45 {
		t.Errorf("a title edit changed %d files besides the search index; want the article and the pages listing it: %v", len(pages), pages)
	}
	if len(index) == 0 || len(index) > 8 {
		t.Errorf("a title edit changed %d search index files; want the few holding its title's words: %v", len(index), index)
	}
	_, page := get(t, s.URL()+"articles/yellen-beijing-visit/")
	if !strings.Contains(page, "Yellen wraps up Beijing visit") {
		t.Errorf("article page does not show the new title")
	}
}

func containsAny(list []any, want string) bool {
	for _, x := range list {
		if x == want {
			return true
		}
	}
	return false
}

// TestEditorSaves covers the ways editors and tools change files: atomic
// replace by rename, a folder created later with files in it, deletion, and
// a burst of saves, which must give one rebuild.
func TestEditorSaves(t *testing.T) {
	site := example(t, "")
	dir := site.Dir()
	s := start(t, dir, func(o *Options) { o.Quiet = 50 * time.Millisecond })
	ev := listen(t, s)
	ev.next(t, "hello")

	// Save by writing a temporary file and renaming it over the original.
	p := filepath.Join(dir, filepath.FromSlash(article))
	data, _ := os.ReadFile(p)
	tmp := filepath.Join(filepath.Dir(p), ".yellen.md.tmp")
	os.WriteFile(tmp, []byte(strings.Replace(string(data), "Yellen ends Beijing visit", "Renamed-save title", 1)), 0o644)
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	ev.next(t, "reload")
	if _, page := get(t, s.URL()+"articles/yellen-beijing-visit/"); !strings.Contains(page, "Renamed-save title") {
		t.Errorf("a save by rename was not picked up")
	}

	// A folder made after the server started, holding an article.
	newDir := filepath.Join(dir, "content", "articles", "later", "deeper")
	os.MkdirAll(newDir, 0o755)
	site.EditFiles("content/articles/later/deeper/late-arrival.md", "---\ntitle: Late arrival on Taiwan\ndate: 2023-11-20T10:00:00-05:00\n---\nTaiwan and China.\n")
	ev.next(t, "reload")
	if resp, _ := get(t, s.URL()+"articles/late-arrival/"); resp.StatusCode != 200 {
		t.Fatalf("article in a new folder: status %d", resp.StatusCode)
	}
	// Files in a folder watched since it appeared are seen too.
	site.ReplaceInFile("content/articles/later/deeper/late-arrival.md", "Late arrival", "Later arrival")
	ev.next(t, "reload")
	if _, page := get(t, s.URL()+"articles/late-arrival/"); !strings.Contains(page, "Later arrival") {
		t.Errorf("an edit inside a new folder was not picked up")
	}

	// Deleting it takes the page away.
	site.RemoveFiles("content/articles/later")
	removed := ev.next(t, "reload")
	if resp, _ := get(t, s.URL()+"articles/late-arrival/"); resp.StatusCode != 404 {
		t.Errorf("deleted article: status %d, want 404", resp.StatusCode)
	}

	// A burst of saves is one rebuild: it moves the build number on by
	// one, and the next edit's rebuild by one more. Waiting on events, not
	// on time: a second rebuild of the burst would show as a build number
	// skipped.
	for i := range 5 {
		site.ReplaceInFile(article, "Renamed-save title", fmt.Sprintf("Renamed-save title%d", i))
		site.ReplaceInFile(article, fmt.Sprintf("Renamed-save title%d", i), "Renamed-save title")
	}
	site.ReplaceInFile(article, "Renamed-save title", "Burst title")
	burst := ev.next(t, "reload")
	site.ReplaceInFile(article, "Burst title", "After the burst")
	after := ev.next(t, "reload")
	if b, r, a := removed.data["build"], burst.data["build"], after.data["build"]; r != b.(float64)+1 || a != b.(float64)+2 {
		t.Errorf("build numbers %v before, %v after a burst of 11 saves, %v after the next edit; want one rebuild for the burst:\n%s", b, r, a, s.out)
	}
	if _, page := get(t, s.URL()+"articles/yellen-beijing-visit/"); !strings.Contains(page, "After the burst") {
		t.Errorf("the edit after the burst is not served")
	}
}

func TestCSSOnlyChange(t *testing.T) {
	css, err := os.ReadFile(filepath.Join("..", "theme", "static", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	site := example(t, "")
	site.EditFiles("static/style.css", string(css))
	s := start(t, site.Dir(), nil)
	ev := listen(t, s)
	ev.next(t, "hello")
	site.EditFiles("static/style.css", string(css)+"\nbody { outline: 1px solid red }\n")
	got := ev.next(t, "css")
	if files, _ := got.data["files"].([]any); !containsAny(files, "style.css") {
		t.Errorf("css event: %v", got.data)
	}
	resp, body := get(t, s.URL()+"style.css")
	if resp.Header.Get("Content-Type") != "text/css; charset=utf-8" || !strings.Contains(body, "outline: 1px solid red") {
		t.Errorf("style.css: %s, new rule present: %v", resp.Header.Get("Content-Type"), strings.Contains(body, "outline"))
	}
}

func TestErrorOverlay(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("..", "theme", "templates", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	site := example(t, "")
	s := start(t, site.Dir(), nil)
	ev := listen(t, s)
	ev.next(t, "hello")
	_, before := get(t, s.URL()+"articles/yellen-beijing-visit/")

	// A template error on line 3, with markup in the message's context.
	lines := strings.SplitN(string(base), "\n", 3)
	site.EditFiles("templates/article.html", lines[0]+"\n"+lines[1]+"\n{{if <script>}}\n"+lines[2])
	got := ev.next(t, "failed")
	errs, _ := got.data["errors"].([]any)
	if len(errs) == 0 {
		t.Fatalf("failed event without errors: %v", got.data)
	}
	first, _ := errs[0].(map[string]any)
	if first["file"] != "templates/article.html" || first["line"] != float64(3) || first["message"] == "" {
		t.Errorf("overlay error = %v, want templates/article.html line 3 with a message", first)
	}
	// The last good site is still served, unchanged.
	if resp, page := get(t, s.URL()+"articles/yellen-beijing-visit/"); resp.StatusCode != 200 || page != before {
		t.Errorf("after a failed build the article page changed (status %d)", resp.StatusCode)
	}
	// A client connecting now learns about the error at once.
	late := listen(t, s)
	if hello := late.next(t, "hello"); hello.data["errors"] == nil {
		t.Errorf("hello after a failed build carries no errors: %v", hello.data)
	}

	// Bad front matter is reported with its line too.
	site.ReplaceInFile(article, "date: 2023-07-09T08:00:00-04:00", "date: not a date")
	got = ev.next(t, "failed")
	if !strings.Contains(fmt.Sprint(got.data), article) {
		t.Errorf("front matter error not reported against %s: %v", article, got.data)
	}

	// Fixing both clears the overlay and reloads.
	site.ReplaceInFile(article, "date: not a date", "date: 2023-07-09T08:00:00-04:00")
	site.EditFiles("templates/article.html", string(base))
	ev.next(t, "fixed")
	if hello := listen(t, s).next(t, "hello"); hello.data["errors"] != nil {
		t.Errorf("hello after the fix still carries errors: %v", hello.data)
	}
}

// TestErrorEscaped checks that a message quoting markup reaches the
// browser as data, never as markup: the stream carries JSON, which the
// client puts in textContent, and the page served while no build has
// succeeded escapes it.
func TestErrorEscaped(t *testing.T) {
	site := example(t, "")
	orig := site.ReadFile(article)
	site.ReplaceInFile(article, "title: ", "title: [<img src=x onerror=alert(1)>\n")
	s := start(t, site.Dir(), nil)
	resp, body := get(t, s.URL())
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("with no good build: status %d", resp.StatusCode)
	}
	if strings.Contains(body, "<img src=x") {
		t.Errorf("error markup reached the page unescaped:\n%s", body)
	}
	if !strings.Contains(body, article) || !strings.Contains(body, `data-brief-file=""`) {
		t.Errorf("error page does not name the file or lacks the reload client:\n%s", body)
	}
	ev := listen(t, s)
	if hello := ev.next(t, "hello"); !strings.Contains(fmt.Sprint(hello.data["errors"]), article) {
		t.Errorf("hello: %v", hello.data)
	}
	site.EditFiles(article, orig)
	ev.next(t, "fixed")
	if resp, _ := get(t, s.URL()); resp.StatusCode != 200 {
		t.Errorf("after the fix: status %d", resp.StatusCode)
	}
}

func TestURLs(t *testing.T) {
	s := start(t, example(t, "").Dir(), nil)
	root := strings.TrimSuffix(s.URL(), "us-china/")

	resp, _ := get(t, root)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/us-china/" {
		t.Errorf("/: %d → %q, want a redirect to the sub-path", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = get(t, s.URL()+"topics/trade-and-technology")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/us-china/topics/trade-and-technology/" {
		t.Errorf("folder without slash: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := get(t, s.URL()+"topics/trade-and-technology/")
	if resp.StatusCode != 200 || !strings.Contains(body, "Trade and technology") {
		t.Errorf("topic page: %d", resp.StatusCode)
	}
	for _, c := range []struct{ path, ctype string }{
		{"style.css", "text/css; charset=utf-8"},
		{"favicon.svg", "image/svg+xml"},
		{"feed.xml", "application/xml; charset=utf-8"},
		{"feed.json", "application/json; charset=utf-8"},
		{"robots.txt", "text/plain; charset=utf-8"},
	} {
		resp, _ := get(t, s.URL()+c.path)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.ctype {
			t.Errorf("%s: %d %q, want 200 %q", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), c.ctype)
		}
	}
	// Not found, inside and outside the sub-path: the site's 404 page.
	for _, p := range []string{s.URL() + "no/such/page/", root + "elsewhere/"} {
		resp, body := get(t, p)
		if resp.StatusCode != 404 || !strings.Contains(body, "Page not found") || !strings.Contains(body, "data-brief-file=\"404.html\"") {
			t.Errorf("%s: %d, want the site's 404 page with the reload client", p, resp.StatusCode)
		}
	}
	// The bytes served are those brief build writes, apart from the client.
	_, css := get(t, s.URL()+"style.css")
	if want, _ := os.ReadFile(filepath.Join("..", "theme", "static", "style.css")); css != string(want) {
		t.Errorf("style.css differs from the theme's")
	}
}

// TestTraversal sends raw requests, as a browser or curl --path-as-is
// would not clean them, trying to reach files outside the site.
func TestTraversal(t *testing.T) {
	s := start(t, example(t, "-- secret.txt --\ntop secret\n").Dir(), nil)
	host := strings.TrimPrefix(s.URL(), "http://")
	host = host[:strings.Index(host, "/")]
	for _, p := range []string{
		"/us-china/../site.yaml", "/us-china/%2e%2e/site.yaml", "/us-china/%2E%2E/%2e%2e/secret.txt",
		"/../secret.txt", "/us-china/..%2fsite.yaml", "/us-china/static/..%5c..%5csecret.txt",
		"/us-china/./index.html", "/us-china//etc/passwd", "/us-china/%00",
	} {
		conn, err := net.DialTimeout("tcp", host, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, host)
		var buf strings.Builder
		b := make([]byte, 4096)
		for {
			n, err := conn.Read(b)
			buf.Write(b[:n])
			if err != nil {
				break
			}
		}
		conn.Close()
		reply := buf.String()
		status := strings.SplitN(reply, "\r\n", 2)[0]
		if strings.Contains(reply, "top secret") || strings.Contains(reply, "base_url:") || strings.Contains(reply, "root:") {
			t.Errorf("%s served a file outside the site: %s", p, status)
		}
		if !strings.Contains(status, " 404 ") && !strings.Contains(status, " 400 ") {
			t.Errorf("%s: %s, want 404 or 400", p, status)
		}
	}
}

func TestPortTaken(t *testing.T) {
	dir := example(t, "").Dir()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	s := start(t, dir, func(o *Options) { o.Port = port })
	if strings.Contains(s.URL(), fmt.Sprintf(":%d/", port)) {
		t.Fatalf("served on the taken port %d: %s", port, s.URL())
	}
	if !strings.Contains(s.out.String(), fmt.Sprintf("port %d is in use; serving on port", port)) {
		t.Errorf("did not say the port was taken:\n%s", s.out)
	}
	if resp, _ := get(t, s.URL()); resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
}

func TestBindWarning(t *testing.T) {
	s := start(t, example(t, "").Dir(), func(o *Options) { o.Bind = "0.0.0.0" })
	if !strings.Contains(s.out.String(), "warning: listening on 0.0.0.0") {
		t.Errorf("no warning for a non-loopback address:\n%s", s.out)
	}
	if !strings.HasPrefix(s.URL(), "http://localhost:") {
		t.Errorf("URL %s", s.URL())
	}
}

// TestStopsCleanly runs a server with a browser-like client attached, stops
// it, and checks that every goroutine it started has ended and that it left
// no folders behind. The server gets a temporary folder of its own to leave
// them in: the machine's is shared with every other test running.
func TestStopsCleanly(t *testing.T) {
	site := example(t, "")
	dir := site.Dir()
	t.Setenv("TMPDIR", t.TempDir())
	entries := func() int {
		list, _ := os.ReadDir(os.TempDir())
		return len(list)
	}
	tmpBefore := entries()
	goroutines := runtime.NumGoroutine()
	s := start(t, dir, nil)
	ev := listen(t, s)
	ev.next(t, "hello")
	get(t, s.URL())
	site.ReplaceInFile(article, "Yellen ends", "Yellen closes")
	ev.next(t, "reload")
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	// The event stream ends with the server.
	select {
	case _, ok := <-ev.events:
		for ok {
			_, ok = <-ev.events
		}
	case <-time.After(5 * time.Second):
		t.Fatal("event stream still open after the server stopped")
	}
	client.CloseIdleConnections()
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutines {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before, %d after stopping:\n%s", goroutines, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := entries(); n > tmpBefore {
		t.Errorf("%d new entries in %s after the server stopped", n-tmpBefore, os.TempDir())
	}
	if list, _ := os.ReadDir(dir); len(list) != 4 && len(list) != 3 {
		t.Errorf("the site's folder gained files: %v", list)
	}
}
