package deploy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/s3test"
	"github.com/brief-ssg/brief/internal/site"
)

// writeSite writes files into a fresh built-site folder (with brief's
// marker) and returns it.
func writeSite(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	files[output.Marker] = "built by brief\n"
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func target(t *testing.T, endpoint, prefix string, maxDeletes *int) site.Deploy {
	t.Helper()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	return site.Deploy{Set: true, Bucket: "briefing", Prefix: prefix, EndpointURL: u, MaxDeletes: maxDeletes,
		Cache: []site.CacheRule{{Match: "media/*", CacheControl: "public, max-age=60"}}}
}

func deploy(t *testing.T, dir string, tgt site.Deploy, mod func(*Options)) (*Plan, error) {
	t.Helper()
	opt := Options{Dir: dir, Target: tgt, Getenv: s3test.Env}
	if mod != nil {
		mod(&opt)
	}
	return Run(context.Background(), opt)
}

// object fetches an object from the server as a browser would get it.
func object(t *testing.T, s *s3test.Server, key string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(s.URL + "/briefing/" + key)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func TestDeployRoundTrip(t *testing.T) {
	s := s3test.Start(t, "briefing")
	tgt := target(t, s.URL, "site/", nil)
	dir := writeSite(t, "", map[string]string{
		"index.html":                 "<p>home</p>",
		"articles/a/index.html":      "<p>a</p>",
		"articles/b/index.html":      "<p>b</p>",
		"feed.xml":                   "<feed/>",
		"topics/trade/rss.xml":       "<rss/>",
		"style.css":                  "body{}",
		"media/lead.3f9a2c1d07.webp": "webp",
		"static.8f00ab1234.css":      "p{}",
		".brief-inputs":              "manifest",
	})

	// The first deploy sends everything but brief's own records, assets
	// before the pages that link them.
	plan, err := deploy(t, dir, tgt, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"site/articles/a/index.html", "site/articles/b/index.html", "site/feed.xml", "site/index.html",
		"site/media/lead.3f9a2c1d07.webp", "site/static.8f00ab1234.css", "site/style.css", "site/topics/trade/rss.xml"}
	reqs := s.Take()
	if got := s3test.Keys(reqs, "PUT"); !slices.Equal(got, want) {
		t.Fatalf("first deploy PUT %q; want %q", got, want)
	}
	var order []string
	for _, a := range plan.Uploads {
		order = append(order, a.Path)
	}
	if i := slices.Index(order, "index.html"); i < slices.Index(order, "style.css") {
		t.Errorf("upload order %q sends a page before the stylesheet it links", order)
	}

	for _, c := range []struct{ key, ctype, cache string }{
		{"index.html", "text/html; charset=utf-8", CachePage},
		{"feed.xml", "application/atom+xml", CachePage},
		{"topics/trade/rss.xml", "application/rss+xml", CachePage},
		{"style.css", "text/css; charset=utf-8", CacheAsset},
		{"static.8f00ab1234.css", "text/css; charset=utf-8", CacheFingerprinted},
		{"media/lead.3f9a2c1d07.webp", "image/webp", "public, max-age=60"}, // the site's rule wins
	} {
		res, _ := object(t, s, "site/"+c.key)
		if ct := res.Header.Get("Content-Type"); ct != c.ctype {
			t.Errorf("%s served as %q; want %q", c.key, ct, c.ctype)
		}
		if r, _ := s3test.Find(reqs, "PUT", "site/"+c.key); r.CacheControl != c.cache {
			t.Errorf("%s sent with Cache-Control %q; want %q", c.key, r.CacheControl, c.cache)
		}
	}
	if res, _ := object(t, s, "site/.brief-inputs"); res.StatusCode != http.StatusNotFound {
		t.Errorf("brief's manifest was uploaded (status %d)", res.StatusCode)
	}

	// Nothing changed: nothing is sent.
	plan, err = deploy(t, dir, tgt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if reqs := s.Take(); len(reqs) != 0 || plan.Unchanged != 8 {
		t.Errorf("an unchanged site sent %v (unchanged %d); want nothing sent, 8 unchanged", reqs, plan.Unchanged)
	}

	// One page edited, one added, one removed.
	writeSite(t, dir, map[string]string{"articles/a/index.html": "<p>a, edited</p>", "articles/c/index.html": "<p>c</p>"})
	if err := os.RemoveAll(filepath.Join(dir, "articles", "b")); err != nil {
		t.Fatal(err)
	}
	plan, err = deploy(t, dir, tgt, nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs = s.Take()
	if got, want := s3test.Keys(reqs, "PUT"), []string{"site/articles/a/index.html", "site/articles/c/index.html"}; !slices.Equal(got, want) {
		t.Errorf("after an edit PUT %q; want only %q", got, want)
	}
	if got, want := s3test.Keys(reqs, "DELETE"), []string{"site/articles/b/index.html"}; !slices.Equal(got, want) {
		t.Errorf("after a removal DELETE %q; want %q", got, want)
	}
	if len(plan.Uploads) != 2 || plan.Uploads[0].New || !plan.Uploads[1].New {
		t.Errorf("plan %+v; want a changed and a new upload", plan.Uploads)
	}
	if _, body := object(t, s, "site/articles/a/index.html"); body != "<p>a, edited</p>" {
		t.Errorf("the bucket holds %q for the edited page", body)
	}

	// --force sends everything again, for new cache rules.
	if _, err := deploy(t, dir, tgt, func(o *Options) { o.Force = true }); err != nil {
		t.Fatal(err)
	}
	if got := s3test.Keys(s.Take(), "PUT"); len(got) != 8 {
		t.Errorf("--force sent %d files; want all 8", len(got))
	}
}

func TestDeployDryRunAndLimits(t *testing.T) {
	s := s3test.Start(t, "briefing")
	files := map[string]string{"index.html": "home"}
	for _, n := range []string{"a", "b", "c"} {
		files["articles/"+n+"/index.html"] = n
	}
	dir := writeSite(t, "", files)
	if _, err := deploy(t, dir, target(t, s.URL, "", nil), nil); err != nil {
		t.Fatal(err)
	}
	s.Take()
	for _, n := range []string{"a", "b", "c"} {
		os.RemoveAll(filepath.Join(dir, "articles", n))
	}
	writeSite(t, dir, map[string]string{"index.html": "home, edited"})

	// A dry run plans and changes nothing.
	plan, err := deploy(t, dir, target(t, s.URL, "", nil), func(o *Options) { o.DryRun = true })
	if err != nil {
		t.Fatal(err)
	}
	if reqs := s.Take(); len(reqs) != 0 {
		t.Errorf("a dry run sent %v", reqs)
	}
	if len(plan.Uploads) != 1 || len(plan.Deletes) != 3 {
		t.Errorf("dry-run plan: %d uploads, %d deletes; want 1 and 3", len(plan.Uploads), len(plan.Deletes))
	}

	// Over the limit, nothing at all is done.
	two := 2
	_, err = deploy(t, dir, target(t, s.URL, "", &two), nil)
	if !errors.Is(err, ErrTooManyDeletes) || !strings.Contains(err.Error(), "--max-deletes 3") {
		t.Errorf("3 deletes over a limit of 2: error %v; want ErrTooManyDeletes saying how to allow them", err)
	}
	if reqs := s.Take(); len(reqs) != 0 {
		t.Errorf("a refused deploy sent %v", reqs)
	}

	// max_deletes: 0 keeps what the site dropped.
	zero := 0
	plan, err = deploy(t, dir, target(t, s.URL, "", &zero), nil)
	if err != nil {
		t.Fatal(err)
	}
	if reqs := s.Take(); len(s3test.Keys(reqs, "DELETE")) != 0 || plan.Kept != 3 || len(s3test.Keys(reqs, "PUT")) != 1 {
		t.Errorf("max_deletes 0: sent %v, kept %d; want one PUT, no DELETE, 3 kept", reqs, plan.Kept)
	}

	// The command line's limit overrides site.yaml's.
	three := 3
	if _, err := deploy(t, dir, target(t, s.URL, "", &two), func(o *Options) { o.MaxDeletes = &three }); err != nil {
		t.Fatal(err)
	}
	if got := s3test.Keys(s.Take(), "DELETE"); len(got) != 3 {
		t.Errorf("with --max-deletes 3: deleted %q; want 3", got)
	}
}

func TestDeployRefuses(t *testing.T) {
	s := s3test.Start(t, "briefing")
	built := writeSite(t, "", map[string]string{"index.html": "home"})
	notBuilt := t.TempDir()
	os.WriteFile(filepath.Join(notBuilt, "notes.txt"), []byte("an editor's notes"), 0o644)
	tests := []struct {
		name string
		dir  string
		tgt  site.Deploy
		env  func(string) string
		want string
	}{
		{"a folder brief did not build", notBuilt, target(t, s.URL, "", nil), s3test.Env, "holds no brief build"},
		{"no credentials", built, target(t, s.URL, "", nil), os.Getenv, "set AWS_ACCESS_KEY_ID"},
		{"no deploy section", built, site.Deploy{}, s3test.Env, "no deploy section"},
		{"a missing bucket", built, func() site.Deploy { d := target(t, s.URL, "", nil); d.Bucket = "nope"; return d }(), s3test.Env, "check deploy: bucket"},
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), Options{Dir: tt.dir, Target: tt.tgt, Getenv: tt.env})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v; want it to say %q", err, tt.want)
			}
		})
	}
	if reqs := s.Take(); len(reqs) != 0 {
		t.Errorf("refused deploys sent %v", reqs)
	}
}

func TestHeaders(t *testing.T) {
	tests := []struct{ path, ctype, cache string }{
		{"index.html", "text/html; charset=utf-8", CachePage},
		{"topics/x/feed.json", "application/feed+json", CachePage},
		{"sitemap.xml", "application/xml", CachePage},
		{"robots.txt", "text/plain; charset=utf-8", CachePage},
		{"favicon.svg", "image/svg+xml", CacheAsset},
		{"media/lead-20231105.png", "image/png", CacheAsset}, // a date, not a hash
		{"media/lead-0b8e41f2a9.png", "image/png", CacheFingerprinted},
		{"file.unknownext", "application/octet-stream", CacheAsset},
	}
	for _, tt := range tests {
		if ct, cc := ContentType(tt.path), CacheControl(tt.path); ct != tt.ctype || cc != tt.cache {
			t.Errorf("%s: %q, %q; want %q, %q", tt.path, ct, cc, tt.ctype, tt.cache)
		}
	}
}

// TestDeployFailedUploadKeepsTheOldSite: when an upload fails, nothing is
// deleted (the old pages still link what the new ones replaced) and the
// error says what failed; the next deploy sends only what is missing.
func TestDeployFailedUploadKeepsTheOldSite(t *testing.T) {
	s := s3test.Start(t, "briefing")
	tgt := target(t, s.URL, "", nil)
	dir := writeSite(t, "", map[string]string{"index.html": "home", "old/index.html": "old", "style.css": "a{}"})
	if _, err := deploy(t, dir, tgt, nil); err != nil {
		t.Fatal(err)
	}
	s.Take()
	os.RemoveAll(filepath.Join(dir, "old"))
	writeSite(t, dir, map[string]string{"index.html": "home, new", "style.css": "b{}", "new/index.html": "new"})

	s.Refuse("style.css")
	_, err := deploy(t, dir, tgt, nil)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 uploads failed, nothing was deleted") || !strings.Contains(err.Error(), "style.css") {
		t.Errorf("error %v; want it to name the failed upload and say nothing was deleted", err)
	}
	reqs := s.Take()
	if got := s3test.Keys(reqs, "DELETE"); len(got) != 0 {
		t.Errorf("deleted %q after a failed upload", got)
	}
	if got := s3test.Keys(reqs, "PUT"); !slices.Equal(got, []string{"style.css"}) {
		t.Errorf("sent %q; the pages must wait for the stylesheet they link", got)
	}

	s.Allow()
	if _, err := deploy(t, dir, tgt, nil); err != nil {
		t.Fatal(err)
	}
	reqs = s.Take()
	if got, want := s3test.Keys(reqs, "PUT"), []string{"index.html", "new/index.html", "style.css"}; !slices.Equal(got, want) {
		t.Errorf("the retry sent %q; want %q", got, want)
	}
	if got := s3test.Keys(reqs, "DELETE"); !slices.Equal(got, []string{"old/index.html"}) {
		t.Errorf("the retry deleted %q; want old/index.html", got)
	}
}
