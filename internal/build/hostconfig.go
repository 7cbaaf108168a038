package build

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/brief-ssg/brief/internal/render"
)

// headersFile is where Netlify and Cloudflare Pages read HTTP headers.
const headersFile = "_headers"

// headersJob writes _headers when site.yaml asks for it (host: headers:
// true): the pages' Content-Security-Policy as an HTTP header, with
// frame-ancestors, which a <meta> policy cannot carry, and the other
// security headers a static host does not send by itself.
//
// The policy is read from the home page as rendered, not written out a
// second time: the header must never be narrower than the <meta> (a
// browser enforces both), and a site that replaces base.html sends its
// own policy. The header is sent with every file, so when the site has a
// search page (search, non-nil), whose policy also allows its own script
// and connect-src 'self', the header is the union of both pages' policies;
// each page's <meta> still holds it to its own.
func (m *Model) headersJob(home, search *render.Page) job {
	host := m.Config.Host
	return job{name: headersFile, in: []any{home, search, host}, run: func() ([]byte, error) {
		page, err := m.Templates.Render(home)
		if err != nil {
			return nil, err
		}
		csp := pageCSP(page)
		if search != nil {
			page, err := m.Templates.Render(search)
			if err != nil {
				return nil, err
			}
			csp = unionCSP(csp, pageCSP(page))
		}
		return headersText(csp, host.FrameAncestors), nil
	}}
}

// unionCSP is a policy allowing what either policy allows, directive by
// directive, for policies whose default-src is 'none' (so a directive one
// of them lacks allows nothing there). A page without a policy (""),
// restricted by nothing, makes the union "".
func unionCSP(a, b string) string {
	if a == "" || b == "" {
		return ""
	}
	var names []string
	values := map[string][]string{}
	for _, p := range []string{a, b} {
		for _, d := range strings.Split(p, ";") {
			f := strings.Fields(d)
			if len(f) == 0 {
				continue
			}
			name := strings.ToLower(f[0])
			if _, ok := values[name]; !ok {
				names = append(names, name)
				values[name] = nil
			}
			for _, v := range f[1:] {
				if !slices.Contains(values[name], v) {
					values[name] = append(values[name], v)
				}
			}
		}
	}
	out := make([]string, 0, len(names))
	for _, name := range names {
		v := values[name]
		if len(v) > 1 {
			v = slices.DeleteFunc(v, func(s string) bool { return s == "'none'" })
		}
		out = append(out, strings.Join(append([]string{name}, v...), " "))
	}
	return strings.Join(out, "; ")
}

// headersText is the _headers file for a site whose pages carry csp.
func headersText(csp, frameAncestors string) []byte {
	var b bytes.Buffer
	b.WriteString("# Written by brief build because site.yaml says host: headers: true.\n")
	b.WriteString("# Netlify and Cloudflare Pages send these headers with every file.\n")
	b.WriteString("/*\n")
	policy := "frame-ancestors " + frameAncestors
	if csp != "" {
		policy = csp + "; " + policy
	}
	b.WriteString("  Content-Security-Policy: " + policy + "\n")
	switch frameAncestors {
	case "'none'":
		b.WriteString("  X-Frame-Options: DENY\n")
	case "'self'":
		b.WriteString("  X-Frame-Options: SAMEORIGIN\n")
	}
	b.WriteString("  X-Content-Type-Options: nosniff\n")
	b.WriteString("  Referrer-Policy: strict-origin-when-cross-origin\n")
	return b.Bytes()
}

var (
	metaTag    = regexp.MustCompile(`(?is)<meta\s[^>]*>`)
	cspEquiv   = regexp.MustCompile(`(?is)\bhttp-equiv\s*=\s*["']?\s*content-security-policy\b`)
	contentVal = regexp.MustCompile(`(?is)\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

// pageCSP returns the policy of a page's Content-Security-Policy <meta>,
// "" when it has none, on one line without a trailing semicolon.
func pageCSP(page []byte) string {
	head, _, _ := bytes.Cut(page, []byte("</head"))
	for _, tag := range metaTag.FindAll(head, -1) {
		if !cspEquiv.Match(tag) {
			continue
		}
		m := contentVal.FindSubmatch(tag)
		if m == nil {
			continue
		}
		v := html.UnescapeString(string(m[1]) + string(m[2]))
		v = strings.Join(strings.Fields(v), " ")
		return strings.TrimSuffix(v, ";")
	}
	return ""
}
