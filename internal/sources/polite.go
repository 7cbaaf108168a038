package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/brief-ssg/brief/internal/fetch"
)

// RobotsAgent is the name brief answers to in robots.txt: a group for
// "brief" applies to it, else the group for "*".
const RobotsAgent = "brief"

// ErrRobots reports a URL that the site's robots.txt asks brief not to
// fetch.
var ErrRobots = errors.New("robots.txt asks brief not to fetch it")

// ErrRobotsUnreachable reports a host whose robots.txt could not be read
// (no answer, or a server error): as RFC 9309 asks, brief then fetches
// nothing from it this run, and says why rather than blaming the rules.
var ErrRobotsUnreachable = errors.New("robots.txt unreachable; fetching nothing from the host this run")

// Back-off bounds for a host that answers with errors: the wait between
// its requests doubles from the configured delay (at least minBackoff)
// up to maxBackoff, and a Retry-After asking more is honoured up to
// maxHostWait; past that, its requests fail at once for the rest of the
// run rather than holding it.
const (
	minBackoff  = time.Second
	maxBackoff  = time.Minute
	maxHostWait = 5 * time.Minute
)

// robotsMaxBytes bounds a robots.txt: Google reads the first 500 KiB.
const robotsMaxBytes = 500 << 10

// polite is an http.RoundTripper that treats each host as a crawler
// should: at most perHost requests at once, delay between the starts of
// two (or the robots.txt Crawl-delay, when longer), nothing robots.txt
// disallows, and longer waits after errors. It sits under fetch.Client,
// so redirects to another host are held to that host's rules too.
type polite struct {
	base    http.RoundTripper
	ua      string
	delay   time.Duration
	perHost int
	log     *slog.Logger
	clock   clock

	mu    sync.Mutex
	hosts map[string]*host
}

// host is what polite knows of one scheme and host.
type host struct {
	slots chan struct{}

	mu     sync.Mutex
	next   time.Time     // earliest start of the next request
	wait   time.Duration // between two starts now: delay, or more after errors
	closed error         // set once the host asked to be left alone for long
	robots *robotstxt.Group
	// robotsErr says why robots.txt could not be read: nothing of the
	// host is fetched then.
	robotsErr error
	loading   chan struct{} // closed once robots is read
}

func newPolite(base http.RoundTripper, ua string, delay time.Duration, perHost int, log *slog.Logger) *polite {
	if base == nil {
		base = http.DefaultTransport
	}
	return &polite{base: base, ua: ua, delay: delay, perHost: max(perHost, 1), log: log, clock: wallClock{}, hosts: map[string]*host{}}
}

// clock is what the hosts' turns are kept by.
type clock interface {
	Now() time.Time
	// Until waits until the clock reads t, or ctx ends (its error).
	Until(ctx context.Context, t time.Time) error
}

// wallClock is the time of day.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Until(ctx context.Context, t time.Time) error {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *polite) host(key string) (h *host, fresh bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if h = p.hosts[key]; h == nil {
		h = &host{slots: make(chan struct{}, p.perHost), wait: p.delay, loading: make(chan struct{})}
		p.hosts[key] = h
		fresh = true
	}
	return h, fresh
}

// hostKey is what polite tells hosts apart by: scheme and host:port.
func hostKey(u *url.URL) string { return u.Scheme + "://" + u.Host }

// allowed reads the host's robots.txt once, and says whether it lets
// brief fetch u.
func (p *polite) allowed(ctx context.Context, u *url.URL) (*host, error) {
	key := hostKey(u)
	h, fresh := p.host(key)
	if fresh {
		h.robots, h.robotsErr = p.readRobots(ctx, key, h)
		close(h.loading)
	}
	select {
	case <-h.loading:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if h.robotsErr != nil {
		return nil, fmt.Errorf("%s: %w", u.Redacted(), h.robotsErr)
	}
	if !h.robots.Test(u.RequestURI()) {
		return nil, fmt.Errorf("%s: %w", u.Redacted(), ErrRobots)
	}
	return h, nil
}

// heldKey marks a context whose request already holds a slot and a turn
// of a host (see hold).
type heldKey struct{}

// hold waits for a slot and a turn of rawURL's host, outside any
// request's deadline (a queue of requests to one slow host must not eat
// their own timeouts), and returns a context whose requests to that host
// use them, and the function that frees the slot. It fails at once for a
// URL robots.txt disallows.
func (p *polite) hold(ctx context.Context, rawURL string) (context.Context, func(), error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ctx, func() {}, nil // the fetch reports the bad URL
	}
	h, err := p.allowed(ctx, u)
	if err != nil {
		return ctx, func() {}, err
	}
	release, err := h.take(ctx, p.clock)
	if err != nil {
		return ctx, func() {}, err
	}
	return context.WithValue(ctx, heldKey{}, h), release, nil
}

func (p *polite) RoundTrip(req *http.Request) (*http.Response, error) {
	h, err := p.allowed(req.Context(), req.URL)
	if err != nil {
		return nil, err
	}
	return p.send(req, h)
}

// take waits for a slot of the host and then for its turn; the function
// returned frees the slot.
func (h *host) take(ctx context.Context, clk clock) (func(), error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release := sync.OnceFunc(func() { <-h.slots })
	if err := h.turn(ctx, clk); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// send makes one request within the host's limits: a request whose
// context holds the host (see hold) has them already.
func (p *polite) send(req *http.Request, h *host) (*http.Response, error) {
	ctx := req.Context()
	release := func() {}
	if held, _ := ctx.Value(heldKey{}).(*host); held != h {
		var err error
		if release, err = h.take(ctx, p.clock); err != nil {
			return nil, err
		}
	}
	resp, err := p.base.RoundTrip(req)
	switch {
	case err != nil && ctx.Err() == nil:
		h.failed(p.clock.Now(), p.delay, 0)
	case err == nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500):
		now := p.clock.Now()
		h.failed(now, p.delay, fetch.RetryAfter(resp.Header.Get("Retry-After"), now))
	case err == nil:
		h.answered(p.delay)
	}
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &releasing{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// do is client.Do within the host's limits, waiting for them first.
func (p *polite) do(ctx context.Context, client *fetch.Client, r fetch.Request) (*fetch.Response, error) {
	ctx, release, err := p.hold(ctx, r.URL)
	if err != nil {
		return nil, err
	}
	defer release()
	return client.Do(ctx, r)
}

// turn waits until the host may be asked again and books the next turn.
func (h *host) turn(ctx context.Context, clk clock) error {
	h.mu.Lock()
	if h.closed != nil {
		h.mu.Unlock()
		return h.closed
	}
	now := clk.Now()
	start := h.next
	if start.Before(now) {
		start = now
	}
	h.next = start.Add(h.wait)
	h.mu.Unlock()
	if start.After(now) {
		return clk.Until(ctx, start)
	}
	return nil
}

// failed doubles the wait after an error (or takes the server's
// Retry-After), and gives up on the host when it asks for too long.
func (h *host) failed(now time.Time, delay, asked time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.wait = min(max(2*h.wait, minBackoff, delay), maxBackoff)
	if asked > maxHostWait {
		h.closed = fmt.Errorf("the host asked brief to wait %v before asking again; left alone for this run", asked.Round(time.Second))
		return
	}
	if next := now.Add(max(h.wait, asked)); next.After(h.next) {
		h.next = next
	}
}

// answered returns the wait to the configured delay after a good answer.
func (h *host) answered(delay time.Duration) {
	h.mu.Lock()
	h.wait = max(delay, h.wait/2)
	h.mu.Unlock()
}

// readRobots reads the host's robots.txt, within the host's limits. A
// missing one (4xx) allows everything; a server error or no answer
// forbids everything this run, as RFC 9309 asks, since the site may be
// down or the rules unreadable, and the error says which (wrapping
// ErrRobotsUnreachable); rules that do not parse allow everything. Its
// Crawl-delay lengthens the host's wait.
func (p *polite) readRobots(ctx context.Context, key string, h *host) (*robotstxt.Group, error) {
	c := &fetch.Client{UserAgent: p.ua, MaxBytes: robotsMaxBytes, Timeout: 30 * time.Second, Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if !strings.EqualFold(req.URL.Scheme+"://"+req.URL.Host, key) {
			// A robots.txt that redirects to another host (a CDN):
			// one request, outside either host's turns.
			return p.base.RoundTrip(req)
		}
		return p.send(req, h)
	})}
	var data *robotstxt.RobotsData
	r, err := c.Do(ctx, fetch.Request{URL: key + "/robots.txt", Accept: "text/plain,*/*;q=0.1", Types: func(string) bool { return true }})
	var se *fetch.StatusError
	switch {
	case err == nil:
		data, err = robotstxt.FromBytes(r.Body)
		if err != nil {
			p.log.Debug("robots.txt does not parse; allowing all", "host", key, "err", err)
			data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
		}
	case errors.As(err, &se) && se.Code >= 400 && se.Code < 500 && se.Code != http.StatusTooManyRequests:
		data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	default:
		p.log.Debug("robots.txt unreadable; fetching nothing from the host", "host", key, "err", err)
		return nil, fmt.Errorf("%w (%v)", ErrRobotsUnreachable, err)
	}
	g := data.FindGroup(RobotsAgent)
	if g.CrawlDelay > 0 {
		h.mu.Lock()
		h.wait = max(h.wait, min(g.CrawlDelay, maxBackoff))
		h.mu.Unlock()
	}
	return allOrGroup(data, g), nil
}

// allOrGroup returns the group to test paths with: FindGroup gives an
// empty group (which allows everything) for a robots.txt that forbids
// everything, so that case gets a group of its own.
func allOrGroup(data *robotstxt.RobotsData, g *robotstxt.Group) *robotstxt.Group {
	if !data.TestAgent("/", RobotsAgent) && g.Test("/") {
		forbid, _ := robotstxt.FromString("User-agent: *\nDisallow: /\n")
		return forbid.FindGroup(RobotsAgent)
	}
	return g
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// releasing frees the host's slot once the body is closed: a response
// being read still counts against the host.
type releasing struct {
	io.ReadCloser
	release func()
}

func (r *releasing) Close() error {
	err := r.ReadCloser.Close()
	r.release()
	return err
}
