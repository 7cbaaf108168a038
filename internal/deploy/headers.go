package deploy

import (
	"mime"
	"path"
	"regexp"
)

// contentTypes are the types of the files a brief site holds, by
// extension: set here rather than taken from the machine's mime.types,
// so that two machines deploy the same headers.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".pdf":         "application/pdf",
	".webmanifest": "application/manifest+json",
	".gz":          "application/gzip",
	".wacz":        "application/wacz",
}

// feedTypes are brief's feeds, whose names say their format better than
// their extension.
var feedTypes = map[string]string{
	"feed.xml":  "application/atom+xml",
	"rss.xml":   "application/rss+xml",
	"feed.json": "application/feed+json",
}

// ContentType is the Content-Type a file of the site at p is served with.
func ContentType(p string) string {
	if t, ok := feedTypes[path.Base(p)]; ok {
		return t
	}
	ext := path.Ext(p)
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Cache-Control values by kind of file.
const (
	// CachePage is for pages, feeds and the sitemap, which change with
	// every new article: caches keep them five minutes.
	CachePage = "public, max-age=300"
	// CacheAsset is for static files under a fixed name (style.css,
	// favicon.svg), which a new brief or an editor may change.
	CacheAsset = "public, max-age=3600"
	// CacheFingerprinted is for files whose name carries a hash of their
	// bytes, which never change under that name.
	CacheFingerprinted = "public, max-age=31536000, immutable"
)

// fingerprint matches a name carrying a hex hash of 8 or more digits
// before its extension ("style.3f9a2c1d.css", "lead-0b8e41f2a9.webp").
var fingerprint = regexp.MustCompile(`[.-]([0-9a-f]{8,64})\.[A-Za-z0-9]+$`)

// digitsOnly tells a date ("lead-20231105.png") from a hash.
var digitsOnly = regexp.MustCompile(`^[0-9]+$`)

// CacheControl is the Cache-Control header a file of the site at p gets
// unless a rule of site.yaml's deploy section says otherwise.
func CacheControl(p string) string {
	if isPage(p) {
		return CachePage
	}
	if m := fingerprint.FindStringSubmatch(path.Base(p)); m != nil && !digitsOnly.MatchString(m[1]) {
		return CacheFingerprinted
	}
	return CacheAsset
}
