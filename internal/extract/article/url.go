package article

import (
	"net/url"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// never the resource: dropping them keeps links stable and private. Prefixes
// end with "_".
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "igshid": true, "mc_cid": true, "mc_eid": true,
	"_hsenc": true, "_hsmi": true, "ref_src": true, "ref_url": true, "mkt_tok": true,
	"oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "vero_conv": true,
	"_ga": true, "_gl": true, "twclid": true, "ttclid": true, "s_cid": true,
	"cmpid": true, "ncid": true, "soc_src": true, "soc_trk": true,
}

var trackingPrefixes = []string{"utm_", "pk_", "hsa_", "__hs"}

// IsTrackingParam reports a query parameter that tracks a campaign or a
// click, which CleanURL removes; name is compared without case.
func IsTrackingParam(name string) bool {
	k := strings.ToLower(name)
	if trackingParams[k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// CleanURL resolves raw against base (which may be nil) and removes tracking
// parameters, keeping the order of the others. It returns "" for URLs a
// reader should never be sent to from a Markdown file: scripts, data URIs
// and anything else that is not http(s) or mailto, and unparsable input.
func CleanURL(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	// Browsers ignore tabs and newlines inside URLs; so do we, which also
	// stops "java\tscript:" from slipping past the scheme check.
	raw = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	} else if u.Scheme == "" && u.Host != "" {
		u.Scheme = "https" // protocol-relative with nothing to inherit from
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		u.Scheme = strings.ToLower(u.Scheme)
		if u.Host == "" {
			return ""
		}
	case "mailto":
		u.Opaque, u.RawQuery = escapeRaw(u.Opaque), escapeRaw(u.RawQuery)
		return reparsed(u.String())
	default:
		return ""
	}
	if u.RawQuery != "" {
		u.RawQuery = escapeRaw(stripTracking(u.RawQuery))
	}
	u.ForceQuery = false
	return reparsed(u.String())
}

// reparsed returns s if it reads back as a URL, else "": resolving can
// produce what url.Parse refuses ("//::" becomes "https://::", whose port
// is not a number), and such a link would break wherever it is used.
func reparsed(s string) string {
	if _, err := url.Parse(s); err != nil {
		return ""
	}
	return s
}

// escapeRaw percent-encodes the bytes url.Parse leaves as they came in a
// query or an opaque part: spaces, double quotes, angle brackets, non-ASCII and
// invalid UTF-8. The result is ASCII, safe in Markdown, HTML attributes and
// YAML, and unchanged by a second pass since '%' is left alone.
func escapeRaw(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// stripTracking filters a raw query by hand rather than through url.Values,
// which would re-encode and sort the parameters that remain.
func stripTracking(q string) string {
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		name, _, _ := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if !IsTrackingParam(name) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "&")
}
