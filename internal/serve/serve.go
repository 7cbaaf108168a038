// Package serve is brief's preview server: it builds a site into memory,
// serves it over HTTP, and rebuilds and reloads the browser as the editor
// changes files.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/site"
)

// Options configure a Server.
type Options struct {
	// Source is the site's folder, holding site.yaml.
	Source string
	// Bind is the address to listen on; "" means 127.0.0.1.
	Bind string
	// Port to listen on; when it is taken the next free one is used. 0
	// means any free port.
	Port int
	// Drafts and Future include drafts and future-dated articles.
	Drafts, Future bool
	// Quiet is how long the site must be still after a change before it is
	// rebuilt, so that a burst of saves gives one rebuild; 0 means 10ms.
	Quiet time.Duration
	// Stdout receives what the editor reads (the URL, rebuilds, errors);
	// Stderr warnings. Nil discards.
	Stdout, Stderr io.Writer
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
	// HeaderTimeout bounds how long a client may take to send a request's
	// headers, so that slow or stalled connections (slowloris) cannot pile
	// up; 0 means 10s. Reading a whole request may take three times as long.
	HeaderTimeout time.Duration
	// AllowHosts are host names, besides loopback ones and the bound
	// address, that requests may name in their Host header (a name on the
	// LAN, a tunnel's name); "*" allows any. Others are refused, against
	// DNS rebinding.
	AllowHosts []string
}

// portTries is how many ports after Options.Port are tried when it is
// taken.
const portTries = 20

// Server is a running preview. Create it with New, which claims the port,
// then call Run.
type Server struct {
	opt    Options
	root   string // absolute Source
	ln     net.Listener
	prefix string // the base URL's path: "/" or "/sub/"; Run's goroutine only

	mu  sync.Mutex
	url string

	hub     *hub
	current atomic.Pointer[snapshot]
}

// snapshot is one good build as served.
type snapshot struct {
	files  map[string][]byte
	build  uint64
	prefix string // the sub-path it is served under
}

// New listens on the configured address and prepares the server. It reads
// site.yaml only for the base URL's sub-path; a broken or missing file
// means the root, and Run reports the problem.
func New(opt Options) (*Server, error) {
	if opt.Bind == "" {
		opt.Bind = "127.0.0.1"
	}
	if opt.Quiet <= 0 {
		opt.Quiet = 10 * time.Millisecond
	}
	if opt.Stdout == nil {
		opt.Stdout = io.Discard
	}
	if opt.Stderr == nil {
		opt.Stderr = io.Discard
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	root, err := filepath.Abs(opt.Source)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s := &Server{opt: opt, root: root, hub: newHub(), prefix: subPath(root)}
	if err := s.listen(); err != nil {
		return nil, err
	}
	return s, nil
}

// subPath is the path of site.yaml's base_url, "/" when there is none.
func subPath(root string) string {
	cfg, err := site.Load(os.DirFS(root), site.Options{})
	if err != nil || cfg.Base == nil || cfg.Base.Path == "" {
		return "/"
	}
	return cfg.Base.Path
}

// listen claims the port, or the next free one, saying so.
func (s *Server) listen() error {
	if !isLoopback(s.opt.Bind) {
		fmt.Fprintf(s.opt.Stderr, "warning: listening on %s: the preview (drafts included, if asked for) is reachable from other machines\n", s.opt.Bind)
	}
	port := s.opt.Port
	for i := 0; ; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(s.opt.Bind, strconv.Itoa(port+i)))
		if err == nil {
			s.ln = ln
			if i > 0 {
				fmt.Fprintf(s.opt.Stdout, "port %d is in use; serving on port %d instead\n", port, port+i)
			}
			break
		}
		if port == 0 || i+1 >= portTries || !errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("serve: %w", err)
		}
	}
	s.setURL(s.urlFor(s.prefix))
	return nil
}

// urlFor is the server's URL for a site published under prefix.
func (s *Server) urlFor(prefix string) string {
	host := s.opt.Bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	port := s.ln.Addr().(*net.TCPAddr).Port
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + prefix
}

// sitePrefix is the sub-path the site is served under now, "/" or
// "/sub/"; safe from any goroutine.
func (s *Server) sitePrefix() string {
	u, err := url.Parse(s.URL())
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

func (s *Server) setURL(u string) {
	s.mu.Lock()
	s.url = u
	s.mu.Unlock()
}

// URL is where the site is served, with the base URL's sub-path.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Run builds the site, serves it and rebuilds on every change until ctx is
// cancelled; then it stops the watcher and the HTTP server and returns
// once every goroutine it started has ended. It returns an error only when
// the server cannot run at all: build errors are shown, not returned.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	w, err := newWatcher(s.root, s.opt.Quiet, s.opt.Log)
	if err != nil {
		s.ln.Close()
		return fmt.Errorf("serve: watching %s: %w", s.root, err)
	}
	b := s.newBuilder()
	s.rebuild(ctx, b, nil)
	fmt.Fprintf(s.opt.Stdout, "serving %s at %s (Ctrl-C to stop)\n", s.root, s.URL())

	headerTimeout := s.opt.HeaderTimeout
	if headerTimeout <= 0 {
		headerTimeout = 10 * time.Second
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: headerTimeout,
		ReadTimeout:       3 * headerTimeout,
		// Pages are in memory; a response that takes longer is a client
		// not reading. The event stream lifts this for itself.
		WriteTimeout:   30 * time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		// Event streams end with ctx, so that Shutdown is not kept
		// waiting by browsers that never hang up.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ErrorLog:    slog.NewLogLogger(s.opt.Log.Handler(), slog.LevelDebug),
	}
	var wg sync.WaitGroup
	changes := make(chan []string)
	wg.Go(func() { w.run(ctx, changes) })
	serveErr := make(chan error, 1)
	wg.Go(func() {
		if err := srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
			serveErr <- err
			cancel()
		}
	})
	for done := false; !done; {
		select {
		case <-ctx.Done():
			done = true
		case batch := <-changes:
			if s.siteMoved(batch) {
				continue
			}
			batch = slices.DeleteFunc(batch, func(p string) bool { return p == siteBack })
			if s.subPathChanged(batch) {
				b = s.newBuilder()
			}
			s.rebuild(ctx, b, batch)
		}
	}
	shutdown, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	err = srv.Shutdown(shutdown)
	wg.Wait()
	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	default:
	}
	if err != nil {
		return fmt.Errorf("serve: stopping: %w", err)
	}
	return nil
}

// siteMoved tells the editor, in the terminal and in every open page's
// overlay, that the site's folder was moved or deleted (the batch is just
// siteGone), or that it is back (the batch holds siteBack; the rebuild
// that follows clears the overlay). It reports whether the batch is done.
func (s *Server) siteMoved(batch []string) bool {
	if len(batch) == 1 && batch[0] == siteGone {
		msg := "the site folder " + s.root + " was moved or deleted: still serving the last good build; edits are picked up again once a folder is back at that path"
		build, _ := s.hub.state()
		probs := []problem{{Message: msg}}
		s.hub.publish(event{"failed", mustJSON(map[string]any{"errors": probs})}, build, probs)
		fmt.Fprintln(s.opt.Stdout, msg)
		return true
	}
	if slices.Contains(batch, siteBack) {
		fmt.Fprintf(s.opt.Stdout, "the site folder %s is back: watching and rebuilding\n", s.root)
	}
	return false
}

// newBuilder starts incremental builds published under the server's URL,
// so that feeds, canonical links and the sitemap point at the preview.
func (s *Server) newBuilder() *build.Incremental {
	return build.NewIncremental(os.DirFS(s.root), build.Options{
		Drafts: s.opt.Drafts, Future: s.opt.Future, BaseURL: s.URL(), Log: s.opt.Log,
	})
}

// subPathChanged notices a new base_url path in site.yaml, which moves
// the whole site: the server follows and says so.
func (s *Server) subPathChanged(batch []string) bool {
	for _, p := range batch {
		if p != site.FileName && p != "." {
			continue
		}
		prefix := subPath(s.root)
		if prefix == s.prefix {
			return false
		}
		s.prefix = prefix
		s.setURL(s.urlFor(prefix))
		fmt.Fprintf(s.opt.Stdout, "the base URL's path changed: now serving at %s\n", s.URL())
		return true
	}
	return false
}
