package build_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
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
	// Links that only work on the site unless a feed resolves them.
	"[up](../a001/) [here](x/) ![i](../../images/y.png) [q](?p=2) [root](/about/) [ref][r]\n\n[r]: ../a002/#top",
	"Claim.[^1] [frag](#fn:1)\n\n[^1]: Source.",
}

func TestHostileContentNeverRuns(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: Safe
base_url: https://host.example/b/
topics:
  - title: All
    match:
      any: [alert]
`)
	n := 0
	add := func(front, body string) {
		n++
		s.EditFiles(fmt.Sprintf("content/articles/a%03d.md", n), "---\n"+front+"date: 2025-01-01T00:00:00Z\n---\n"+body+"\n")
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	for _, s := range hostileText {
		add(fmt.Sprintf("title: %s\nauthor: %s\nsource: %s\ntags: [%s, ok]\nsummary: %s\nsource_url: %s\nimage: %s\n",
			q(s), q(s), q(s), q(s), q(s), q("https://x.example/?q="+s), q("https://x.example/i.png?\""+s)), s)
	}
	for _, s := range hostileMarkdown {
		add("title: Markdown case\nnote: "+q(s)+"\n", s)
	}
	s.Build()
	if got := s.Result().Articles; got != len(hostileText)+len(hostileMarkdown) {
		t.Fatalf("built %d of %d hostile articles", got, len(hostileText)+len(hostileMarkdown))
	}
	t.Logf("%d hostile strings in every field, %d hostile Markdown bodies and notes, %d files checked",
		len(hostileText), len(hostileMarkdown), len(s.Names()))
	s.AssertNoLiveMarkup()
}

// TestStaticSymlinksRefused: static/ is published as it is, so a link in
// it, or a static/ that is itself a link, could publish anything on the
// editor's disk. brief follows none of them: each is an error naming the
// link and what to do, listed with the site's other problems, and nothing
// of the target is read into the build.
func TestStaticSymlinksRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		link string // made in the site, leading to the outside folder or its file
		dir  bool   // the link leads to the folder, not the file
		want []string
	}{
		{name: "static itself", link: "static", dir: true, want: []string{"static: is a symlink (to ", "make static a real folder"}},
		{name: "a file in static", link: "static/leak.txt", want: []string{"static/leak.txt: is a symlink (to ", "copy the file itself into static/"}},
		{name: "a folder in static", link: "static/dir", dir: true, want: []string{"static/dir: is a symlink"}},
		{name: "a nested one", link: "static/img/leak.txt", want: []string{"static/img/leak.txt: is a symlink"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://host.example/
-- content/articles/a.md --
---
title: A
date: 2025-01-01
---
Text.
-- content/articles/bad.md --
---
title: Bad
date: not a date
---
-- static/img/ok.txt --
public
`, sitetest.OnDisk())
			outside := t.TempDir()
			secret := filepath.Join(outside, "secret.txt")
			if err := os.WriteFile(secret, []byte("private"), 0o600); err != nil {
				t.Fatal(err)
			}
			at := filepath.Join(s.Dir(), filepath.FromSlash(tc.link))
			if tc.link == "static" {
				if err := os.RemoveAll(at); err != nil {
					t.Fatal(err)
				}
			}
			target := secret
			if tc.dir {
				target = outside
			}
			if err := os.Symlink(target, at); err != nil {
				t.Skip("symlinks not supported:", err)
			}
			// The other problems of the site are listed with it.
			s.AssertBuildError(append(tc.want, "content/articles/bad.md")...)
		})
	}
	t.Run("a dot-named link stays private, unread", func(t *testing.T) {
		s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://host.example/
-- content/articles/a.md --
---
title: A
date: 2025-01-01
---
Text.
-- static/ok.txt --
public
`, sitetest.OnDisk())
		secret := filepath.Join(t.TempDir(), "secret.txt")
		if err := os.WriteFile(secret, []byte("private"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(secret, filepath.Join(s.Dir(), "static", ".hidden")); err != nil {
			t.Skip("symlinks not supported:", err)
		}
		s.Build()
		s.AssertFileExists("ok.txt")
		for _, name := range s.Names() {
			if strings.Contains(string(s.File(name)), "private") {
				t.Errorf("%s carries the symlink target's content", name)
			}
		}
	})
}

// TestExampleFeedsAreAbsolute: every feed of the example site, read as a
// feed reader reads it, links only to absolute addresses.
func TestExampleFeedsAreAbsolute(t *testing.T) {
	s := sitetest.New(t, `
-- content/articles/zz-relative.md --
---
title: Relative links
date: 2025-01-02T00:00:00Z
---
See [the other](../other/), ![chart](../../images/chart.gif) and a note.[^1]

[^1]: The note.
`, sitetest.Example()).Build()
	feeds := 0
	for _, n := range s.Names() {
		if strings.HasSuffix(n, "feed.xml") || strings.HasSuffix(n, "rss.xml") || strings.HasSuffix(n, "feed.json") {
			feeds++
		}
	}
	if feeds < 3 {
		t.Fatalf("the example site built %d feeds", feeds)
	}
	s.AssertNoLiveMarkup()
}
