package serve

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// hostAllowed reports whether a request's Host names this server: a
// loopback name or address, the address it is bound to, or a name the
// editor allowed (Options.AllowHosts). A web page the editor visits can
// point a name of its own at 127.0.0.1 (DNS rebinding) and read the
// preview, drafts included, through the browser; such a request carries
// that name as its Host, and is refused.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return false
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && (ip.IsLoopback() || s.boundIP(ip)) {
		return true
	}
	if strings.EqualFold(host, s.opt.Bind) {
		return true
	}
	for _, a := range s.opt.AllowHosts {
		if a == "*" || strings.EqualFold(strings.TrimSuffix(a, "."), host) {
			return true
		}
	}
	return false
}

// boundIP reports whether ip is the address the server listens on (when
// bound to all interfaces, any address a client can reach it by is one
// the editor chose to share, so any IP literal is accepted: no rebinding
// attack can make a browser send one as a page's host name).
func (s *Server) boundIP(ip net.IP) bool {
	b := net.ParseIP(s.opt.Bind)
	if b == nil {
		return false
	}
	return b.IsUnspecified() || b.Equal(ip)
}

// originAllowed reports whether a request to the event stream comes from
// one of the server's own pages: no Origin (same-origin EventSource
// requests and non-browser clients send none), or an Origin whose host
// would pass hostAllowed.
func (s *Server) originAllowed(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return s.hostAllowed(u.Host)
}
