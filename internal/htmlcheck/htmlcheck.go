// Package htmlcheck inspects built pages for markup that could run code in a
// reader's browser. brief's tests run it over every page built from hostile
// input; it is the independent check on what the renderer promises.
package htmlcheck

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Finding is one piece of live markup.
type Finding struct {
	Selector string // what was found, e.g. `a[href="javascript:..."]`
	Detail   string
}

func (f Finding) String() string { return f.Selector + ": " + f.Detail }

var (
	// forbidden elements never appear in a page brief writes.
	forbidden = []string{"iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button", "textarea", "select", "base", "portal", "math", "svg", "template", "noscript"}
	// scriptURL matches ScriptURLs, after browsers' own normalisation
	// (whitespace and control characters inside the scheme are ignored).
	scriptURL = regexp.MustCompile(`(?i)^\s*(` + strings.Join(scriptURLPatterns, "|") + `)`)
	cssScript = regexp.MustCompile(`(?i)expression\s*\(|url\s*\(\s*['"]?\s*(javascript|vbscript)|@import|behavior\s*:|-moz-binding`)
	cspScript = regexp.MustCompile(`script-src ([^;]*)`)
)

// searchControl reports whether s is, or is inside, the theme's search
// form: a GET form with role=search whose action is a path of the site.
// Markdown cannot write one (raw HTML is dropped), so a form there is
// the template's; anything live inside it is still reported by the
// attribute checks.
func searchControl(s *goquery.Selection) bool {
	f := s.Closest(`form[role="search"]`)
	if f.Length() == 0 {
		return false
	}
	action, _ := f.Attr("action")
	method, _ := f.Attr("method")
	return strings.EqualFold(method, "get") && !strings.Contains(action, ":") && !strings.HasPrefix(action, "//")
}

// ScriptURLs are URLs that run code when followed or loaded, as written
// in an href or src: brief's Markdown renderer must drop every one of them
// (its tests iterate this list), and Check reports any it finds.
var ScriptURLs = []string{
	"javascript:alert(1)", "vbscript:msgbox(1)", "livescript:alert(1)",
	"data:text/html,<script>alert(1)</script>", "data:application/xhtml+xml,x",
	"data:application/javascript,alert(1)", "data:application/html,x", "data:image/svg+xml,<svg onload=alert(1)>",
}

// scriptURLPatterns are the prefixes of ScriptURLs as scriptURL matches
// them.
var scriptURLPatterns = []string{`javascript`, `vbscript`, `livescript`, `data\s*:\s*(text/html|application/(x?html|javascript)|image/svg)`}

// Check parses page and reports every live vector in it. Inline scripts are
// allowed only when the page's Content-Security-Policy names their hash:
// those are brief's own.
func Check(page []byte) ([]Finding, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return nil, err
	}
	var out []Finding
	add := func(sel, detail string) { out = append(out, Finding{sel, detail}) }

	csp, hasCSP := doc.Find(`meta[http-equiv="Content-Security-Policy"]`).Attr("content")
	if !hasCSP {
		add("head", "no Content-Security-Policy meta")
	}
	allowed := map[string]bool{}
	if m := cspScript.FindStringSubmatch(csp); m != nil {
		for _, src := range strings.Fields(m[1]) {
			allowed[strings.Trim(src, "'")] = true
		}
		for src := range allowed {
			if src == "unsafe-inline" || src == "unsafe-eval" || src == "*" || strings.HasPrefix(src, "http") || src == "data:" {
				add("meta[CSP]", "script-src allows "+src)
			}
		}
	}
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if src, ok := s.Attr("src"); ok {
			add("script[src]", src)
			return
		}
		if typ, _ := s.Attr("type"); strings.EqualFold(strings.TrimSpace(typ), "application/ld+json") {
			// A data block: browsers never run it, whatever the CSP. It
			// is live only if its text broke out of the element, which
			// leaves the JSON cut short (and the rest as markup, which
			// the other checks see).
			if !json.Valid([]byte(s.Text())) {
				add(`script[type="application/ld+json"]`, "not valid JSON, so something closed the element early: "+trim(s.Text()))
			}
			return
		}
		sum := sha256.Sum256([]byte(s.Text()))
		if !allowed["sha256-"+base64.StdEncoding.EncodeToString(sum[:])] {
			add("script", "inline script not allowed by the page's CSP: "+trim(s.Text()))
		}
	})
	for _, tag := range forbidden {
		doc.Find(tag).Each(func(_ int, s *goquery.Selection) {
			if searchControl(s) {
				return
			}
			add(tag, trim(outer(s)))
		})
	}
	doc.Find(`meta[http-equiv]`).Each(func(_ int, s *goquery.Selection) {
		if v, _ := s.Attr("http-equiv"); strings.EqualFold(v, "refresh") {
			add("meta[http-equiv=refresh]", trim(outer(s)))
		}
	})
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			name := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(name, "on"):
				add(fmt.Sprintf("%s[%s]", s.Nodes[0].Data, name), trim(a.Val))
			case name == "style" && cssScript.MatchString(a.Val):
				add(fmt.Sprintf("%s[style]", s.Nodes[0].Data), trim(a.Val))
			case isURLAttr(name) && scriptURL.MatchString(stripControls(a.Val)):
				add(fmt.Sprintf("%s[%s]", s.Nodes[0].Data, name), trim(a.Val))
			}
		}
	})
	doc.Find("style").Each(func(_ int, s *goquery.Selection) {
		if cssScript.MatchString(s.Text()) {
			add("style", trim(s.Text()))
		}
	})
	return out, nil
}

func isURLAttr(name string) bool {
	switch name {
	case "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "ping", "cite", "longdesc", "lowsrc", "dynsrc":
		return true
	}
	return false
}

// stripControls removes what browsers ignore inside a URL scheme, so that
// "java\tscript:" is seen as the script URL it is.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, s)
}

func outer(s *goquery.Selection) string {
	h, _ := goquery.OuterHtml(s)
	return h
}

func trim(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
