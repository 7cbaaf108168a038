package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>Hello</p></body></html>")
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte{0x89, 'P', 'N', 'G'})
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Repeat("a", 2048)))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c := &Client{UserAgent: UserAgent("v1.2.3"), MaxBytes: 1024, Timeout: 2 * time.Second}
	ctx := context.Background()

	p, err := c.Get(ctx, srv.URL+"/old")
	if err != nil {
		t.Fatalf("redirected fetch: %v", err)
	}
	if p.URL != srv.URL+"/article" {
		t.Errorf("final URL %q, want %q", p.URL, srv.URL+"/article")
	}
	if p.ContentType != "text/html" || !strings.Contains(string(p.Body), "Hello") {
		t.Errorf("page %q %q", p.ContentType, p.Body)
	}
	if gotUA != "brief/v1.2.3 (+https://github.com/brief-ssg/brief)" {
		t.Errorf("User-Agent %q", gotUA)
	}

	for _, tc := range []struct {
		path, want string
		is         error
	}{
		{"/image", "image/png", ErrNotPage},
		{"/big", "limit", nil},
		{"/gone", "410", nil},
		{"/loop", "redirects", nil},
	} {
		_, err := c.Get(ctx, srv.URL+tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", tc.path, err, tc.want)
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: err = %v, want %v", tc.path, err, tc.is)
		}
	}

	// The client's own deadline ends the fetch (the server would wait 5s):
	// the error says so, which bounds the wait without timing it.
	quick := &Client{Timeout: 100 * time.Millisecond}
	if _, err := quick.Get(ctx, srv.URL+"/slow"); err == nil || !strings.Contains(err.Error(), "gave up after 100ms") {
		t.Errorf("slow server: err = %v, want the client's 100ms deadline", err)
	}

	for _, bad := range []string{"ftp://example.org/x", "/relative", "file:///etc/passwd"} {
		if _, err := c.Get(ctx, bad); err == nil {
			t.Errorf("%s: fetched", bad)
		}
	}
}
