package fetch

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// DefaultImageBytes bounds an image's body when GetImage is given no
// bound: larger than any photograph a news page serves, small enough
// that fifty of them in one article do not fill a disk.
const DefaultImageBytes = 20 << 20

// ErrNotImage reports a response whose type is not an image: an HTML
// error page, a redirect to a login form.
var ErrNotImage = errors.New("not an image")

// GetImage fetches an image at rawURL with the Client's timeout,
// redirect limit and User-Agent, refusing a body over max bytes (0:
// DefaultImageBytes) and a response whose Content-Type is not an image.
// The bytes are the server's: check them (images.Probe) before use,
// whatever type it claimed.
func (c *Client) GetImage(ctx context.Context, rawURL string, max int64) (*Page, error) {
	if max <= 0 {
		max = DefaultImageBytes
	}
	ic := *c
	ic.MaxBytes = max
	r, err := ic.Do(ctx, Request{
		URL:    rawURL,
		Accept: "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1",
		Types:  func(string) bool { return true }, // checked below, to name the type
	})
	if err != nil {
		return nil, err
	}
	// A missing type is let through: the bytes are sniffed.
	if mt := r.ContentType; mt != "" && !strings.HasPrefix(mt, "image/") {
		return nil, fmt.Errorf("fetching %s: %w: the server sent %s", rawURL, ErrNotImage, mt)
	}
	return &r.Page, nil
}
