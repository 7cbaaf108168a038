package importer

import (
	"regexp"
	"strings"
)

// plainImage finds an image in Markdown whose address is plain http://:
// the published pages' Content-Security-Policy lets images load over
// https only, so such an image shows broken, with no warning. The alt
// text may hold escaped brackets.
var plainImage = regexp.MustCompile(`!\[(?:[^\]\\]|\\.)*\]\((?i:http)://`)

// upgradeImages rewrites the http:// images of a Markdown body to
// https://, which nearly every host serves the same picture on, and says
// how many it rewrote.
func upgradeImages(md string) (string, int) {
	n := 0
	out := plainImage.ReplaceAllStringFunc(md, func(m string) string {
		n++
		return m[:len(m)-len("http://")] + "https://"
	})
	return out, n
}

// upgradeURL rewrites an http:// address to https://.
func upgradeURL(u string) (string, bool) {
	if rest, ok := cutPrefixFold(u, "http://"); ok {
		return "https://" + rest, true
	}
	return u, false
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
