package build

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/brief-ssg/brief/internal/htmlcheck"
	"github.com/brief-ssg/brief/internal/output"
)

// hostileText are strings an imported page could put into any text field.
var hostileText = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`javascript:alert(1)`,
	`</title><script>alert(1)</script>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`{{.Site.Title}}`,
	"\u202eevil\u202c title",
	`]]><script>alert(1)</script>`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<style>body{background:url(javascript:alert(1))}</style>`,
}

// hostileMarkdown are bodies and notes: Markdown that tries to smuggle
// markup or script URLs past the renderer.
var hostileMarkdown = []string{
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"[click](javascript:alert(1))",
	"[click](JaVaScRiPt:alert(1))",
	"[click](java&#x09;script:alert(1))",
	"[click](&#106;avascript:alert(1))",
	"[click](vbscript:msgbox(1))",
	"[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"![img](javascript:alert(1))",
	"<javascript:alert(1)>",
	"[ref][x]\n\n[x]: javascript:alert(1)",
	"<iframe src=https://evil.example></iframe>",
	"<form action=https://evil.example><input></form>",
	"<svg><script>alert(1)</script></svg>",
	"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
	"<a href=\"javascript:alert(1)\">raw</a>",
	"<div style=\"width:expression(alert(1))\">x</div>",
	"<object data=javascript:alert(1)></object>",
	"<embed src=javascript:alert(1)>",
	"<!--><script>alert(1)</script>-->",
	"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
	"Text[^1]\n\n[^1]: <script>alert(1)</script>[x](javascript:alert(1))",
	"| a |\n|---|\n| <img src=x onerror=alert(1)> |",
	"```html\n<script>alert(1)</script>\n```",
	"<base href=\"javascript:alert(1)//\">",
	"<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
}

func TestHostileContentNeverRuns(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte("title: Safe\nbase_url: https://host.example/b/\ntopics:\n  - title: All\n    match:\n      any: [alert]\n")},
	}
	n := 0
	add := func(front, body string) {
		n++
		fsys[fmt.Sprintf("content/articles/a%03d.md", n)] = &fstest.MapFile{Data: []byte("---\n" + front + "date: 2025-01-01T00:00:00Z\n---\n" + body + "\n")}
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	for _, s := range hostileText {
		add(fmt.Sprintf("title: %s\nauthor: %s\nsource: %s\ntags: [%s, ok]\nsummary: %s\nsource_url: %s\nimage: %s\n",
			q(s), q(s), q(s), q(s), q(s), q("https://x.example/?q="+s), q("https://x.example/i.png?\""+s)), s)
	}
	for _, s := range hostileMarkdown {
		add("title: Markdown case\nnote: "+q(s)+"\n", s)
	}
	out := output.NewMemory()
	res, err := Build(context.Background(), fsys, out, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != len(hostileText)+len(hostileMarkdown) {
		t.Fatalf("built %d of %d hostile articles", res.Articles, len(hostileText)+len(hostileMarkdown))
	}
	t.Logf("%d hostile strings in every field, %d hostile Markdown bodies and notes, %d files checked",
		len(hostileText), len(hostileMarkdown), len(out.Names()))
	for _, name := range out.Names() {
		data, _ := out.File(name)
		switch {
		case strings.HasSuffix(name, ".html"):
			findings, err := htmlcheck.Check(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				t.Errorf("%s: live markup survived: %s", name, f)
			}
		case strings.HasSuffix(name, ".xml"):
			if err := xml.Unmarshal(data, new(struct{})); err != nil {
				t.Errorf("%s is not well-formed XML: %v", name, err)
			}
		case strings.HasSuffix(name, ".json"):
			var v struct {
				Items []struct {
					ContentHTML string `json:"content_html"`
				} `json:"items"`
			}
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			// Feed readers render content_html: it must be as clean as the
			// pages. It is a fragment, so it is checked inside a page shell.
			for _, it := range v.Items {
				findings, _ := htmlcheck.Check([]byte(`<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'none'"></head><body>` + it.ContentHTML + `</body></html>`))
				for _, f := range findings {
					t.Errorf("%s: live markup in content_html: %s", name, f)
				}
			}
		}
	}
}

// TestStaticSymlinksStayPrivate: a link in static/ could point anywhere on
// the editor's disk; its target must never be published.
func TestStaticSymlinksStayPrivate(t *testing.T) {
	root := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.txt")
	files := map[string]string{
		"site.yaml":             "title: T\nbase_url: https://host.example/\n",
		"content/articles/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nText.\n",
		"static/ok.txt":         "public",
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(secret, []byte("private"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(root, "static", "leak.txt")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(root, "static", "dir")); err != nil {
		t.Fatal(err)
	}
	out := output.NewMemory()
	if _, err := Build(context.Background(), os.DirFS(root), out, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, ok := out.File("ok.txt"); !ok {
		t.Error("a regular static file was not published")
	}
	for _, name := range out.Names() {
		if b, _ := out.File(name); strings.Contains(string(b), "private") {
			t.Errorf("%s carries the symlink target's content", name)
		}
	}
}
