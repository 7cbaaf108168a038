package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestConditionalGet(t *testing.T) {
	const etag = `"v1"`
	const modified = "Tue, 03 Jun 2025 10:00:00 GMT"
	var bodies int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		switch r.URL.Path {
		case "/etag":
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		case "/modified":
			w.Header().Set("Last-Modified", modified)
			if r.Header.Get("If-Modified-Since") == modified {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		case "/hostile":
			w.Header().Set("ETag", "\"a\u00e9b\"")
			w.Header().Set("Last-Modified", strings.Repeat("x", 300))
		}
		bodies++
		w.Write([]byte("<rss/>"))
	}))
	defer srv.Close()
	feeds := func(mt string) bool { return mt == "application/rss+xml" }
	c := &Client{}
	ctx := context.Background()

	for _, path := range []string{"/etag", "/modified"} {
		first, err := c.Do(ctx, Request{URL: srv.URL + path, Types: feeds})
		if err != nil {
			t.Fatal(err)
		}
		if first.NotModified || string(first.Body) != "<rss/>" || first.ETag+first.LastModified == "" {
			t.Fatalf("%s: first response %+v", path, first)
		}
		second, err := c.Do(ctx, Request{URL: srv.URL + path, Types: feeds, ETag: first.ETag, LastModified: first.LastModified})
		if err != nil {
			t.Fatal(err)
		}
		if !second.NotModified || len(second.Body) != 0 {
			t.Errorf("%s: second response %+v, want 304", path, second)
		}
		if second.ETag != first.ETag || second.LastModified != first.LastModified {
			t.Errorf("%s: validators %q %q not kept after a 304", path, second.ETag, second.LastModified)
		}
	}
	if bodies != 2 {
		t.Errorf("%d bodies sent, want 2", bodies)
	}
	h, err := c.Do(ctx, Request{URL: srv.URL + "/hostile", Types: feeds})
	if err != nil {
		t.Fatal(err)
	}
	if h.ETag != "" || h.LastModified != "" {
		t.Errorf("kept hostile validators %q %q", h.ETag, h.LastModified)
	}
	// Not a page: the default types refuse a feed.
	if _, err := c.Do(ctx, Request{URL: srv.URL + "/etag"}); !errors.Is(err, ErrNotPage) {
		t.Errorf("feed as a page: err = %v", err)
	}
}

func TestStatusError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/down":
			w.Header().Set("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT")
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	for _, tc := range []struct {
		path string
		code int
		wait time.Duration
	}{{"/busy", 429, 2 * time.Minute}, {"/down", 503, maxRetryAfter}, {"/x", 500, 0}} {
		_, err := (&Client{}).Get(context.Background(), srv.URL+tc.path)
		var se *StatusError
		if !errors.As(err, &se) {
			t.Fatalf("%s: err = %v, want a StatusError", tc.path, err)
		}
		if se.Code != tc.code || se.RetryAfter != tc.wait {
			t.Errorf("%s: code %d, wait %v; want %d, %v", tc.path, se.Code, se.RetryAfter, tc.code, tc.wait)
		}
	}
}
