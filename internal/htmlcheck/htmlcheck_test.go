package htmlcheck

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"strings"
	"testing"
)

func page(csp, body string) []byte {
	return []byte(`<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="` + csp + `"></head><body>` + body + `</body></html>`)
}

func TestCheck(t *testing.T) {
	own := "console.log(1)"
	sum := sha256.Sum256([]byte(own))
	hash := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
	csp := "default-src 'none'; script-src '" + hash + "'"
	tests := []struct {
		name string
		page []byte
		want string // "" means clean
	}{
		{"clean", page(csp, `<p><a href="https://x.example/">x</a></p>`), ""},
		{"own script by hash", page(csp, `<script>`+own+`</script>`), ""},
		{"foreign inline script", page(csp, `<script>alert(1)</script>`), "inline script"},
		{"script src", page(csp, `<script src="https://evil.example/x.js"></script>`), "script[src]"},
		{"event handler", page(csp, `<img src=x onerror=alert(1)>`), "img[onerror]"},
		{"javascript url", page(csp, `<a href="javascript:alert(1)">x</a>`), "a[href]"},
		{"obfuscated scheme", page(csp, `<a href="java&#x09;script:alert(1)">x</a>`), "a[href]"},
		{"data html", page(csp, `<a href="data:text/html,<script>">x</a>`), "a[href]"},
		{"iframe", page(csp, `<iframe src="https://x.example"></iframe>`), "iframe"},
		{"svg", page(csp, `<svg><script>alert(1)</script></svg>`), "svg"},
		{"meta refresh", page(csp, `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`), "refresh"},
		{"css expression", page(csp, `<p style="width: expression(alert(1))">x</p>`), "p[style]"},
		{"form", page(csp, `<form action="https://x.example"><button>go</button></form>`), "form"},
		{"no csp", []byte(`<html><body>x</body></html>`), "no Content-Security-Policy"},
		{"unsafe-inline csp", page("script-src 'unsafe-inline'", `x`), "allows unsafe-inline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Check(tt.page)
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, f := range got {
				all = append(all, f.String())
			}
			joined := strings.Join(all, "\n")
			if tt.want == "" && len(got) > 0 {
				t.Errorf("clean page flagged: %s", joined)
			}
			if tt.want != "" && !strings.Contains(joined, tt.want) {
				t.Errorf("findings %q lack %q", joined, tt.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // "" means clean
	}{
		{"plain", "Hello [there](https://x.example/).", ""},
		{"escaped html", `\<script\>alert(1)\</script\>`, ""},
		{"code span", "`<script>alert(1)</script>`", ""},
		{"raw script", "<script>alert(1)</script>", "script"},
		{"raw inline html", "Hi <img src=x onerror=alert(1)>", "img[onerror]"},
		{"script link", "[x](javascript:alert(1))", "a[href]"},
		{"script image", "![x](javascript:alert(1))", "img[src]"},
		{"autolink", "<javascript:alert(1)>", "a[href]"},
		{"reference", "[x][r]\n\n[r]: vbscript:msgbox(1)", "a[href]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Markdown([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(got) > 0 {
					t.Errorf("clean Markdown flagged: %v", got)
				}
				return
			}
			found := false
			for _, f := range got {
				if strings.Contains(f.String(), tt.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("want a finding with %q, got %v", tt.want, got)
			}
		})
	}
}

// TestScriptURLsAreReported keeps ScriptURLs, which the renderer's tests
// use, and what Check reports in step.
func TestScriptURLsAreReported(t *testing.T) {
	for _, u := range ScriptURLs {
		got, err := Check(page("script-src 'none'", `<a href="`+html.EscapeString(u)+`">x</a>`))
		if err != nil || len(got) != 1 {
			t.Errorf("%s: findings %v, %v; want one", u, got, err)
		}
	}
}
