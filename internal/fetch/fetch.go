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

// Get fetches rawURL, an absolute http(s) URL.
func (c *Client) Get(ctx context.Context, rawURL string) (*Page, error) {
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
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", rawURL, explainTimeout(ctx, err, timeout))
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetching %s: the server answered %s", rawURL, status(resp))
	}
	mediaType := ""
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			mediaType = strings.ToLower(mt)
		}
	}
	if !isPageType(mediaType) {
		return nil, fmt.Errorf("fetching %s: %w: the server sent %s", rawURL, ErrNotPage, mediaType)
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("fetching %s: the page is %d bytes, over the %d-byte limit", rawURL, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("fetching %s: reading the body: %w", rawURL, explainTimeout(ctx, err, timeout))
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("fetching %s: the page is over the %d-byte limit", rawURL, limit)
	}
	return &Page{URL: final, ContentType: mediaType, Body: body}, nil
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
