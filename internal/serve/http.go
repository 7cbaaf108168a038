package serve

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/build"
)

// maxListed bounds the changed files a reload event names; past it the
// event says "everything", which every open page takes as its own.
const maxListed = 2000

// rebuild applies a batch of changes (nil: the first build), publishes the
// new site if it built and tells the browsers what happened.
func (s *Server) rebuild(ctx context.Context, b *build.Incremental, batch []string) {
	b.Changed(batch...)
	start := time.Now()
	u, err := b.Build(ctx)
	if ctx.Err() != nil {
		return
	}
	build, hadErrs := s.hub.state()
	if err != nil {
		probs := problems(err)
		s.hub.publish(event{"failed", mustJSON(map[string]any{"errors": probs})}, build, probs)
		fmt.Fprintf(s.opt.Stdout, "build failed with %d %s; still serving the last good build:\n", len(probs), plural(len(probs), "problem", "problems"))
		for _, p := range probs {
			fmt.Fprintf(s.opt.Stdout, "  %s\n", p)
		}
		return
	}
	old := s.current.Load()
	changed := append(append([]string(nil), u.Changed...), u.Removed...)
	if old != nil && len(changed) == 0 {
		if hadErrs != nil {
			s.hub.publish(event{"fixed", []byte("{}")}, build, nil)
			fmt.Fprintln(s.opt.Stdout, "fixed: the site builds again")
		}
		return
	}
	build++
	s.current.Store(&snapshot{files: u.Files, build: build, prefix: s.prefix})
	if hadErrs != nil {
		s.hub.publish(event{"fixed", []byte("{}")}, build, nil)
		fmt.Fprintln(s.opt.Stdout, "fixed: the site builds again")
	}
	if old == nil && batch == nil {
		s.hub.publish(event{}, build, nil) // first build: no page is open yet
		fmt.Fprintf(s.opt.Stdout, "built %d files (%d pages, %d articles) in %s\n",
			len(u.Files), u.Result.Pages, u.Result.Articles, time.Since(start).Round(time.Millisecond))
		return
	}
	name := "reload"
	if old != nil && allCSS(changed) {
		name = "css"
	}
	data := map[string]any{"build": build}
	if old != nil && len(changed) <= maxListed {
		data["files"] = changed
	}
	s.hub.publish(event{name, mustJSON(data)}, build, nil)
	fmt.Fprintf(s.opt.Stdout, "rebuilt in %s: %d %s changed, %d rendered\n",
		time.Since(start).Round(time.Millisecond), len(changed), plural(len(changed), "file", "files"), u.Rendered)
}

func allCSS(names []string) bool {
	for _, n := range names {
		if path.Ext(n) != ".css" {
			return false
		}
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (p problem) String() string {
	switch {
	case p.File == "":
		return p.Message
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return p.File + ": " + p.Message
}

// ServeHTTP serves the current build: pretty URLs under the base URL's
// sub-path, the site's 404 page for anything else, and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, "brief serve: host "+strconv.Quote(r.Host)+" is not allowed; start brief serve with --allow-host NAME to preview under that name", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The stream answers under the site's sub-path, and at the root as
	// before, for pages opened before the sub-path changed.
	if p := r.URL.Path; p == eventsPath("/") || p == eventsPath(s.sitePrefix()) {
		if !s.originAllowed(r) {
			http.Error(w, "brief serve: the event stream is for the preview's own pages", http.StatusForbidden)
			return
		}
		s.events(w, r)
		return
	}
	snap := s.current.Load()
	if snap == nil {
		s.noSite(w, r)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, snap.prefix) {
		if p == "/" || p == strings.TrimSuffix(snap.prefix, "/") {
			http.Redirect(w, r, snap.prefix, http.StatusFound)
			return
		}
		s.notFound(w, r, snap)
		return
	}
	name := p[len(snap.prefix):]
	if !safe(name) {
		s.notFound(w, r, snap)
		return
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := snap.files[name]
	if !ok {
		if _, dir := snap.files[name+"/index.html"]; dir {
			// A folder asked for without its slash: its relative links
			// only work with it.
			to := r.URL.EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, snap)
		return
	}
	s.file(w, r, snap, name, data, http.StatusOK)
}

// safe refuses names that could mean anything but a file of the site:
// ".." and "." segments (also when sent as %2e%2e, which arrive decoded),
// empty segments, backslashes and NUL bytes. Files are looked up in memory
// so nothing outside the site could be reached anyway; this keeps odd
// names from aliasing real ones.
func safe(name string) bool {
	if strings.ContainsAny(name, "\\\x00") {
		return false
	}
	segs := strings.Split(name, "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || seg == "" && i != len(segs)-1 {
			return false
		}
	}
	return true
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	data, ok := snap.files["404.html"]
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.file(w, r, snap, "404.html", data, http.StatusNotFound)
}

// file writes one file of the site, with the reload client in HTML.
func (s *Server) file(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, data []byte, status int) {
	ctype := contentType(name, data)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store") // a preview is always the latest build
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, name, snap.build, snap.prefix)
	}
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func contentType(name string, data []byte) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".json":
		return "application/json; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// noSite answers while no build has succeeded yet: the errors, and the
// reload client, which brings the site in once the files are fixed.
func (s *Server) noSite(w http.ResponseWriter, r *http.Request) {
	_, probs := s.hub.state()
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>The site did not build</title>\n</head>\n<body>\n<h1>The site did not build</h1>\n")
	for _, p := range probs {
		fmt.Fprintf(&b, "<pre>%s</pre>\n", html.EscapeString(p.String()))
	}
	b.WriteString("</body>\n</html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		w.Write(inject([]byte(b.String()), "", 0, s.sitePrefix()))
	}
}

// events streams server-sent events to one reload client until it hangs
// up or the server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	// The stream lives as long as the page is open: no write deadline.
	if err := http.NewResponseController(w).SetWriteDeadline(time.Time{}); err != nil {
		s.opt.Log.Debug("events: clearing the write deadline", "err", err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n\n")
	flusher.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return
			}
			if ev.name == "" {
				continue
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n") // keeps proxies from closing an idle stream
		}
		flusher.Flush()
	}
}
