package feed

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes whose value is one URL, in any element.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "poster": true, "cite": true,
	"longdesc": true, "action": true, "formaction": true, "background": true,
}

// AbsoluteLinks resolves every URL in the HTML fragment s against page,
// the URL of the page the fragment was written for: a feed reader shows
// the fragment away from that page and would otherwise resolve "../x/",
// "x.png" or "#fn:1" against the feed's own URL. URLs that are already
// absolute are kept as written; one that cannot be parsed loses its
// attribute, since no reader could follow it either. Everything else in
// the fragment is copied byte for byte. Edition emails, read away from
// the site too, use it as well.
func AbsoluteLinks(s string, page *url.URL) string {
	if !strings.ContainsAny(s, "<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// io.EOF, or input the tokenizer gave up on: keep the rest
			// as it is, since it holds no tag it could read.
			return b.String()
		}
		raw := string(z.Raw()) // Token rewrites the buffer Raw points into
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.WriteString(raw)
			continue
		}
		tok := z.Token()
		changed := false
		attrs := tok.Attr[:0]
		for _, a := range tok.Attr {
			if a.Namespace == "" && (urlAttrs[a.Key] || a.Key == "srcset") {
				v, ok := resolveAttr(a.Key, a.Val, page)
				if !ok {
					changed = true
					continue
				}
				if v != a.Val {
					a.Val, changed = v, true
				}
			}
			attrs = append(attrs, a)
		}
		if !changed {
			b.WriteString(raw)
			continue
		}
		tok.Attr = attrs
		b.WriteString(tok.String())
	}
}

func resolveAttr(key, val string, page *url.URL) (string, bool) {
	if key != "srcset" {
		return resolveURL(val, page)
	}
	// srcset: comma-separated candidates, each a URL and a descriptor.
	parts := strings.Split(val, ",")
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		u, ok := resolveURL(f[0], page)
		if !ok {
			return "", false
		}
		f[0] = u
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", "), true
}

func resolveURL(val string, page *url.URL) (string, bool) {
	v := strings.TrimSpace(val)
	ref, err := url.Parse(v)
	if err != nil {
		return "", false
	}
	if ref.Scheme != "" {
		return val, true // absolute already (http:, https:, mailto:)
	}
	return page.ResolveReference(ref).String(), true
}
