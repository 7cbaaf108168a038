// Package fetch downloads one web page for extraction: a polite, bounded
// HTTP GET that follows redirects and reports where it ended up, so that the
// article's links resolve against the final address.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/brief-ssg/brief/internal/safetext"
)

// Defaults for a Client's zero fields. Each bounds what a hostile or broken
// server can cost one import: a server that trickles bytes or never stops
// sending, a redirect loop, a body larger than any page.
const (
	// DefaultTimeout bounds one whole fetch, redirects and body included,
	// so a server that sends a byte a second cannot hold an import for
	// longer.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxBytes bounds the body as received (after the transport's
	// own gzip decoding); reading stops one byte past it. It matches the
	// extractor's page limit.
	DefaultMaxBytes = 16 << 20
	// DefaultRedirects bounds the redirects followed, which ends loops.
	DefaultRedirects = 10
)

// ErrNotPage reports a response that is not a web page: an image, a PDF, a
// feed. The error message says which type came back.
var ErrNotPage = errors.New("not an HTML page")

// Client fetches pages. The zero value is usable; set UserAgent to name the
// program.
type Client struct {
	// UserAgent identifies brief to the sites it reads; see UserAgent.
	UserAgent string
	// Timeout bounds one whole fetch, redirects included.
	Timeout time.Duration
	// MaxBytes bounds the body; a larger page is an error rather than a
	// silently truncated article.
	MaxBytes int64
	// MaxRedirects bounds the redirects followed.
	MaxRedirects int
	// Transport is the HTTP transport; nil means http.DefaultTransport.
	Transport http.RoundTripper
}

// UserAgent is the User-Agent brief sends: its name, version and where to
// read about it, so that a site owner can tell who is calling.
func UserAgent(version string) string {
	if version == "" {
		version = "devel"
	}
	return "brief/" + version + " (+https://github.com/brief-ssg/brief)"
}

// Page is a fetched page.
type Page struct {
	// URL is the address the page was served from after redirects.
	URL         string
	ContentType string // media type without parameters, e.g. text/html
	Body        []byte
}

// Get fetches rawURL, an absolute http(s) URL, which must serve a web
// page (HTML, XHTML, or no type at all).
func (c *Client) Get(ctx context.Context, rawURL string) (*Page, error) {
	r, err := c.Do(ctx, Request{URL: rawURL})
	if err != nil {
		return nil, err
	}
	return &r.Page, nil
}

// Request is one GET: of a page, or of a document of other types (a feed,
// a sitemap, robots.txt), conditional when validators from an earlier
// response are given.
type Request struct {
	// URL is an absolute http(s) URL.
	URL string
	// Accept is the Accept header; "" asks for HTML.
	Accept string
	// Types says which media types (lower case, without parameters) are
	// accepted; nil accepts web pages only. A response of another type
	// is an error wrapping ErrNotPage.
	Types func(mediaType string) bool
	// ETag and LastModified are the validators of the copy the caller
	// holds, sent as If-None-Match and If-Modified-Since; a server that
	// still has that copy answers 304 and sends no body.
	ETag, LastModified string
}

// Response is what came back from a Request.
type Response struct {
	Page
	// NotModified is set when the server answered 304 Not Modified to a
	// conditional request: Body is empty and the caller's copy is current.
	NotModified bool
	// ETag and LastModified are the response's validators, to send with
	// the next request for the same URL; "" when the server gave none.
	ETag, LastModified string
}

// StatusError is a response whose status is neither 2xx nor 304.
type StatusError struct {
	URL string
	// Code is the HTTP status code.
	Code int
	// Status is the status line as reported: code and cleaned reason.
	Status string
	// RetryAfter is the wait the server asked for with Retry-After (on a
	// 429 or 503), 0 when it gave none or one that could not be read.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetching %s: the server answered %s", e.URL, e.Status)
}

// Do performs one request with the client's limits: its timeout bounds
// the whole exchange, redirects included, and its size cap the body.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	rawURL := r.URL
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s: not an http(s) URL", rawURL)
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	limit := c.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	maxRedirects := c.MaxRedirects
	if maxRedirects <= 0 {
		maxRedirects = DefaultRedirects
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	hc := &http.Client{
		Transport: c.Transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("more than %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a non-web address %s", req.URL)
			}
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	ua := c.UserAgent
	if ua == "" {
		ua = UserAgent("")
	}
	req.Header.Set("User-Agent", ua)
	accept := r.Accept
	if accept == "" {
		accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
	}
	req.Header.Set("Accept", accept)
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", rawURL, explainTimeout(ctx, err, timeout))
	}
	defer resp.Body.Close()
	out := &Response{
		Page: Page{URL: resp.Request.URL.String()},
		ETag: validator(resp.Header.Get("ETag")), LastModified: validator(resp.Header.Get("Last-Modified")),
	}
	if resp.StatusCode == http.StatusNotModified && (r.ETag != "" || r.LastModified != "") {
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = r.ETag
		}
		if out.LastModified == "" {
			out.LastModified = r.LastModified
		}
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &StatusError{URL: rawURL, Code: resp.StatusCode, Status: status(resp), RetryAfter: RetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	mediaType := ""
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			mediaType = strings.ToLower(mt)
		}
	}
	accepts := r.Types
	if accepts == nil {
		accepts = isPageType
	}
	if !accepts(mediaType) {
		return nil, fmt.Errorf("fetching %s: %w: the server sent %s", rawURL, ErrNotPage, mediaType)
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("fetching %s: the page is %s, over the %s limit", rawURL, sizeName(resp.ContentLength), sizeName(limit))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("fetching %s: reading the body: %w", rawURL, explainTimeout(ctx, err, timeout))
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("fetching %s: the page is over the %s limit", rawURL, sizeName(limit))
	}
	out.ContentType, out.Body = mediaType, body
	return out, nil
}

// maxValidator bounds a validator kept for the next request: a server's
// header must not grow the state file without end.
const maxValidator = 256

// validator is a response's ETag or Last-Modified as it may be sent back:
// one printable ASCII line, or "" when it is not one.
func validator(v string) string {
	v = strings.TrimSpace(v)
	if len(v) > maxValidator || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r > 0x7e }) {
		return ""
	}
	return v
}

// maxRetryAfter bounds the wait a server may ask for: a day, past which
// the next scheduled run asks again anyway.
const maxRetryAfter = 24 * time.Hour

// RetryAfter reads a Retry-After header's value, in seconds or as an HTTP
// date, as a wait from now: 0 for none or one that does not read, at most
// a day.
func RetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.Atoi(v); err == nil {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// explainTimeout names the fetch's own deadline when that is what ended it,
// since "context deadline exceeded" does not tell the editor that the site
// was too slow rather than down.
func explainTimeout(ctx context.Context, err error, timeout time.Duration) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("gave up after %v (the server is too slow): %w", timeout, err)
	}
	return err
}

// maxReason bounds the reason phrase reported from a server.
const maxReason = 80

// status is the response's status line as brief reports it: the reason
// phrase is the server's own text, which reaches the terminal and the
// import report, so it is cleaned as a one-line field (no ESC sequences)
// and cut to a readable length.
func status(resp *http.Response) string {
	reason := strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode))
	reason = safetext.Line(reason)
	if r := []rune(reason); len(r) > maxReason {
		reason = string(r[:maxReason]) + "…"
	}
	if reason == "" {
		reason = http.StatusText(resp.StatusCode)
	}
	return strings.TrimSpace(strconv.Itoa(resp.StatusCode) + " " + reason)
}

// isPageType accepts HTML and XHTML, and a missing type (many servers omit
// it; the extractor sniffs the bytes).
func isPageType(mt string) bool {
	switch mt {
	case "", "text/html", "application/xhtml+xml":
		return true
	}
	return false
}

// sizeName writes a size as people read it: "16 MiB", "1.5 MiB", "512
// KiB", "300 bytes".
func sizeName(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
