package sources

import (
	"net/url"
	"strings"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// Key folds the addresses one article is reached at into one: tracking
// parameters, scheme, case of the host, a leading www., m. or amp., a
// fragment, a trailing slash or index.html, and the AMP variants of a page (…/amp,
// …/amp/, ….amp.html, ?amp=1, ?outputType=amp, and copies served by an
// AMP cache such as …cdn.ampproject.org/c/s/host/path or
// google.com/amp/s/host/path) all give the key of the canonical page.
// It returns "" for what is not an http(s) URL.
//
// It is brief fetch's cheap test, before fetching, of whether an item is
// one seen before; after fetching, the importer compares the canonical
// URL the page declares and the text's fingerprint.
func Key(raw string) string {
	c := article.CleanURL(raw, nil)
	u, err := url.Parse(c)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	p := u.EscapedPath()
	// AMP caches name the origin in the path: /c/s/host/path (https) or
	// /c/host/path, and Google's viewer /amp/s/host/path.
	if strings.HasSuffix(host, ".cdn.ampproject.org") || ((host == "google.com" || host == "www.google.com") && strings.HasPrefix(p, "/amp/")) {
		rest := strings.TrimPrefix(strings.TrimPrefix(p, "/amp/"), "/c/")
		rest = strings.TrimPrefix(rest, "s/")
		if i := strings.IndexByte(rest, '/'); i > 0 {
			host, p = strings.ToLower(rest[:i]), rest[i:]
		} else if rest != "" {
			host, p = strings.ToLower(rest), "/"
		}
	}
	for _, pre := range []string{"www.", "amp.", "m."} {
		if h, ok := strings.CutPrefix(host, pre); ok && strings.Contains(h, ".") {
			host = h
			break
		}
	}
	p = strings.TrimSuffix(dirIndex(p), "/")
	switch {
	case strings.HasSuffix(p, "/amp"):
		p = strings.TrimSuffix(p, "/amp")
	case strings.HasSuffix(p, ".amp.html"), strings.HasSuffix(p, ".amp.htm"):
		p = strings.Replace(p, ".amp.htm", ".htm", 1)
	case strings.HasSuffix(p, ".amp"):
		p = strings.TrimSuffix(p, ".amp")
	}
	if rest, ok := strings.CutPrefix(p, "/amp/"); ok {
		p = "/" + rest
	}
	q := u.Query()
	for _, k := range []string{"amp", "outputType", "_amp", "amp_js_v", "usqp"} {
		if k == "outputType" && q.Get(k) != "amp" {
			continue
		}
		q.Del(k)
	}
	key := host + p
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		key = host + ":" + port + p
	}
	if len(q) > 0 {
		key += "?" + q.Encode()
	}
	return key
}

// dirIndex drops the file name a server gives a folder's address
// (…/x/index.html is …/x/), so that both spellings are one page.
func dirIndex(p string) string {
	for _, name := range []string{"index.html", "index.htm", "index.php"} {
		if strings.HasSuffix(p, "/"+name) {
			return strings.TrimSuffix(p, name)
		}
	}
	return p
}
