package serve

import (
	"bytes"
	_ "embed"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/render"
)

// reloadSource is the live-reload client: it listens to the server's
// events, reloads the page when it changed, swaps stylesheets when only CSS
// changed, and shows build errors over the page.
//
//go:embed reload.js
var reloadSource string

// reloadScript is reloadSource with its CSP hash. The bytes between the
// script tags must stay exactly reloadSource for the hash to allow them,
// so what differs per page travels in data- attributes.
var reloadScript = render.NewScript(strings.TrimSpace(reloadSource))

// eventsName is where the client listens for events, under the site's
// sub-path ("/briefing/__brief/events"), so that a reverse proxy that
// forwards only the site's path carries the stream too; no site file is
// published under __brief/.
const eventsName = "__brief/events"

// eventsPath is the event stream's path for a site served under prefix.
func eventsPath(prefix string) string { return prefix + eventsName }

// inject returns page with the reload client added before </body> (or at
// the end of a page without one) and the page's Content-Security-Policy, if
// it has one in a <meta> tag, widened just enough to let the client run
// and connect back. The rest of the bytes are the page as built. prefix is
// the sub-path the site is served under.
func inject(page []byte, file string, build uint64, prefix string) []byte {
	tag := `<script data-brief-file="` + html.EscapeString(file) + `" data-brief-build="` + strconv.FormatUint(build, 10) +
		`" data-brief-events="` + html.EscapeString(eventsPath(prefix)) + `">` + string(reloadScript.Source) + "</script>\n"
	page = allowClient(page)
	at := lastIndexFold(page, []byte("</body"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

var (
	metaTag     = regexp.MustCompile(`(?is)<meta\s[^>]*>`)
	httpEquiv   = regexp.MustCompile(`(?is)\bhttp-equiv\s*=\s*(?:"\s*content-security-policy\s*"|'\s*content-security-policy\s*'|content-security-policy\b)`)
	contentAttr = regexp.MustCompile(`(?is)(\bcontent\s*=\s*)("[^"]*"|'[^']*')`)
)

// allowClient rewrites every CSP <meta> of page to allow the reload
// client: its hash in script-src and the server itself in connect-src.
func allowClient(page []byte) []byte {
	return metaTag.ReplaceAllFunc(page, func(tag []byte) []byte {
		if !httpEquiv.Match(tag) {
			return tag
		}
		m := contentAttr.FindSubmatchIndex(tag)
		if m == nil {
			return tag
		}
		quoted := tag[m[4]:m[5]]
		q := quoted[0]
		policy := widen(html.UnescapeString(string(quoted[1 : len(quoted)-1])))
		var b bytes.Buffer
		b.Write(tag[:m[4]])
		b.WriteByte(q)
		b.WriteString(html.EscapeString(policy))
		b.WriteByte(q)
		b.Write(tag[m[5]:])
		return b.Bytes()
	})
}

// widen adds the client's script hash and 'self' connections to a policy.
// Where the policy names no such directive it leaves the matter to
// default-src; when that is set, the directive is added.
func widen(policy string) string {
	hash := "'" + reloadScript.Hash + "'"
	var out []string
	var hasDefault, hasScript, hasConnect bool
	for _, d := range strings.Split(policy, ";") {
		fields := strings.Fields(d)
		if len(fields) == 0 {
			continue
		}
		switch strings.ToLower(fields[0]) {
		case "default-src":
			hasDefault = true
		case "script-src", "script-src-elem":
			hasScript = true
			fields = addSource(fields, hash)
		case "connect-src":
			hasConnect = true
			fields = addSource(fields, "'self'")
		}
		out = append(out, strings.Join(fields, " "))
	}
	if hasDefault && !hasScript {
		out = append(out, "script-src "+hash)
	}
	if hasDefault && !hasConnect {
		out = append(out, "connect-src 'self'")
	}
	return strings.Join(out, "; ")
}

// addSource adds src to a directive, dropping a 'none' it would contradict;
// a directive that already allows src is kept as it is (sources are
// case-insensitive keywords or hashes compared as written).
func addSource(fields []string, src string) []string {
	out := fields[:1:1]
	have := false
	for _, f := range fields[1:] {
		if strings.EqualFold(f, "'none'") {
			continue
		}
		have = have || strings.EqualFold(f, src)
		out = append(out, f)
	}
	if have {
		return out
	}
	return append(out, src)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
