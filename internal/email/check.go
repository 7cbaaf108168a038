package email

import (
	"bytes"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/diag"
)

// The limits of email that Check holds a message's HTML to.
const (
	// MaxHTML is where Gmail clips a message ("[Message clipped]"
	// after about 102 KB), with a margin for the headers a sending tool
	// adds.
	MaxHTML = 100 * 1024
	// MaxStyle bounds one <style> block: Gmail drops a block over 16 KB
	// whole.
	MaxStyle = 16 * 1024
)

// forbidden are elements mail clients strip or refuse, so that an email
// relying on them shows broken or is filed as spam.
var forbidden = map[string]string{
	"script": "mail clients never run scripts and spam filters distrust them",
	"form":   "most mail clients disable forms",
	"iframe": "mail clients block frames",
	"frame":  "mail clients block frames",
	"object": "mail clients block embedded objects",
	"embed":  "mail clients block embedded objects",
}

// urlAttrs are the attributes that hold a URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "background": true, "action": true, "poster": true, "cite": true}

// cssURL finds url(...) in inline CSS.
var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]*)`)

// Check holds html, an email's HTML, to the rules of email: at most
// MaxHTML bytes, no <style> block over MaxStyle, no script, form or
// frame, every URL absolute (http, https, mailto, tel or cid; a
// fragment such as #notes stays inside the message), and every image
// with width and alt attributes, so that a client that blocks images
// keeps the layout and says what is missing. Each problem is a
// *diag.Error at name and the line it is on; all are returned together
// as a *diag.List, nil when html passes.
func Check(name string, data []byte) error {
	var errs diag.List
	bad := func(line int, format string, args ...any) {
		errs.Add(diag.Errorf(name, line, format, args...))
	}
	if len(data) > MaxHTML {
		bad(0, "the email is %d bytes, over the %d-byte limit: Gmail clips messages over about 102 KB; make the edition shorter (fewer or shorter summaries and notes)", len(data), MaxHTML)
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	var style *int // the line of an open <style>
	styleSize := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		at := line
		line += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			tag := string(tn)
			if why, ok := forbidden[tag]; ok {
				bad(at, "<%s> in an email: %s; remove it", tag, why)
			}
			// In the order written, so that the report is the same
			// every time.
			var attrs [][2]string
			has := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, [2]string{string(k), string(v)})
				has[string(k)] = string(v)
			}
			for _, kv := range attrs {
				k, v := kv[0], kv[1]
				if strings.HasPrefix(k, "on") {
					bad(at, "<%s %s> in an email: event handlers are scripts; remove it", tag, k)
				}
				if urlAttrs[k] {
					if msg := absolute(v); msg != "" {
						bad(at, "<%s %s=%q>: %s", tag, k, v, msg)
					}
				}
				if k == "style" {
					for _, m := range cssURL.FindAllStringSubmatch(v, -1) {
						if msg := absolute(m[1]); msg != "" {
							bad(at, "<%s> style url(%s): %s", tag, m[1], msg)
						}
					}
				}
			}
			if tag == "img" {
				if _, ok := has["alt"]; !ok {
					bad(at, "<img src=%q> has no alt attribute: clients that block images show it instead; add alt (empty for a decorative image)", has["src"])
				}
				if _, ok := has["width"]; !ok {
					bad(at, "<img src=%q> has no width attribute: Outlook shows an image at its full size without one; add width", has["src"])
				}
			}
			if tag == "style" && tt == html.StartTagToken {
				l := at
				style, styleSize = &l, 0
			}
		case html.TextToken:
			if style != nil {
				styleSize += len(raw)
			}
		case html.EndTagToken:
			if tn, _ := z.TagName(); string(tn) == "style" && style != nil {
				if styleSize > MaxStyle {
					bad(*style, "a <style> block of %d bytes, over the %d-byte limit: Gmail drops a larger block whole; move rules into the template's inline styles or remove unused ones", styleSize, MaxStyle)
				}
				style = nil
			}
		}
	}
	return errs.Err()
}

// absolute explains why u is no URL for an email, or returns "".
func absolute(u string) string {
	u = strings.TrimSpace(u)
	if strings.HasPrefix(u, "#") {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil {
		return "not a URL"
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		if p.Host != "" {
			return ""
		}
	case "mailto", "tel", "cid":
		return ""
	case "":
		return "a relative URL, which no mail client can resolve; make it absolute (check base_url in site.yaml)"
	default:
		return fmt.Sprintf("the %s: scheme does not belong in an email", p.Scheme)
	}
	return "a URL without a host; make it absolute"
}

// CheckAddress reports whether addr is one email address, with or
// without a display name.
func CheckAddress(addr string) error {
	if _, err := mail.ParseAddress(addr); err != nil {
		return fmt.Errorf("%q is not an email address", addr)
	}
	return nil
}

// FitImages gives each image of the HTML fragment s that has no width
// attribute a width of width pixels, scaled down on narrower screens,
// and an empty alt when it has none: Markdown cannot say either, and
// Outlook shows an image without a width at its full size. The rest of
// the fragment is copied byte for byte.
func FitImages(s string, width int) string {
	if !strings.Contains(s, "<img") {
		return s
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		raw := string(z.Raw()) // Token rewrites the buffer Raw points into
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.WriteString(raw)
			continue
		}
		tok := z.Token()
		if tok.Data != "img" {
			b.WriteString(raw)
			continue
		}
		var hasWidth, hasAlt bool
		for _, a := range tok.Attr {
			hasWidth = hasWidth || a.Key == "width"
			hasAlt = hasAlt || a.Key == "alt"
		}
		if hasWidth && hasAlt {
			b.WriteString(raw)
			continue
		}
		if !hasAlt {
			tok.Attr = append(tok.Attr, html.Attribute{Key: "alt"})
		}
		if !hasWidth {
			tok.Attr = append(tok.Attr, html.Attribute{Key: "width", Val: fmt.Sprint(width)},
				html.Attribute{Key: "style", Val: "max-width:100%;height:auto"})
		}
		b.WriteString(tok.String())
	}
}
