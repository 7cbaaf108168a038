// Package s3test starts a real S3-compatible server on loopback for tests:
// gofakes3 with its in-memory backend, served over HTTP by httptest, so
// that the code under test talks S3 through its real client. The server
// records the requests that change the bucket, so that tests can tell
// what a deploy sent.
package s3test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Credentials the server accepts (gofakes3 does not check signatures;
// the client signs all the same).
const (
	AccessKey = "brief-test-key"
	SecretKey = "brief-test-secret"
)

// Server is a running S3-compatible server.
type Server struct {
	// URL is the endpoint, http://127.0.0.1:port.
	URL     string
	backend *s3mem.Backend

	mu      sync.Mutex
	reqs    []Request
	refused map[string]bool
}

// Request is one request that changed the bucket.
type Request struct {
	Method string // PUT, POST or DELETE
	Key    string // the object's key, without the bucket
	// CacheControl is the request's Cache-Control header, which
	// gofakes3 does not keep with the object.
	CacheControl string
}

// Start runs a server holding one empty bucket, stopped when the test ends.
func Start(t testing.TB, bucket string) *Server {
	t.Helper()
	s := &Server{backend: s3mem.New()}
	if err := s.backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	fake := gofakes3.New(s.backend, gofakes3.WithIntegrityCheck(true))
	h := fake.Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// Path-style requests: /bucket/key.
			p, _ := url.PathUnescape(r.URL.EscapedPath())
			_, key, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
			s.mu.Lock()
			s.reqs = append(s.reqs, Request{Method: r.Method, Key: key, CacheControl: r.Header.Get("Cache-Control")})
			refuse := r.Method == http.MethodPut && s.refused[key]
			s.mu.Unlock()
			if refuse {
				w.Header().Set("Content-Type", "application/xml")
				w.WriteHeader(http.StatusForbidden)
				io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`)
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Refuse makes the server answer uploads to key with S3's AccessDenied
// until Allow, as a bucket policy would: an error the client does not
// retry.
func (s *Server) Refuse(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refused == nil {
		s.refused = map[string]bool{}
	}
	s.refused[key] = true
}

// Allow takes back every Refuse.
func (s *Server) Allow() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused = nil
}

// Take returns the requests that changed the bucket since the last call,
// sorted by method and key, and forgets them.
func (s *Server) Take() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.reqs
	s.reqs = nil
	slices.SortFunc(out, func(a, b Request) int {
		if c := strings.Compare(a.Method, b.Method); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

// Keys returns the keys of the requests of one method among reqs.
func Keys(reqs []Request, method string) []string {
	var out []string
	for _, r := range reqs {
		if r.Method == method {
			out = append(out, r.Key)
		}
	}
	return out
}

// Find returns the request of method on key among reqs.
func Find(reqs []Request, method, key string) (Request, bool) {
	for _, r := range reqs {
		if r.Method == method && r.Key == key {
			return r, true
		}
	}
	return Request{}, false
}

// Env is a Getenv holding the server's credentials.
func Env(name string) string {
	switch name {
	case "AWS_ACCESS_KEY_ID":
		return AccessKey
	case "AWS_SECRET_ACCESS_KEY":
		return SecretKey
	}
	return ""
}
