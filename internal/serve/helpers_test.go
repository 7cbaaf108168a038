package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// example lays out a copy of the example site at the repository's root in
// a temporary folder, with the txtar files in extra laid on top, so that a
// server can watch it and a test edit it.
func example(t testing.TB, extra string) *sitetest.Site {
	t.Helper()
	return sitetest.New(t, extra, sitetest.Example(), sitetest.OnDisk())
}

// syncBuffer is a bytes.Buffer safe for the server's and the test's
// goroutines; writes wake waitFor.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{} // gets a value after a write
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{written: make(chan struct{}, 1)} }

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.b.Write(p)
	select {
	case s.written <- struct{}{}:
	default:
	}
	return n, err
}

// waitFor waits until the output holds want, or ctx ends; it reports
// whether want came.
func (s *syncBuffer) waitFor(ctx context.Context, want string) bool {
	for !strings.Contains(s.String(), want) {
		select {
		case <-s.written:
		case <-ctx.Done():
			return strings.Contains(s.String(), want)
		}
	}
	return true
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// running is a server started by a test.
type running struct {
	*Server
	out  *syncBuffer
	stop func() error // cancels Run and waits for it
}

// start runs a server on a free loopback port for the site in dir and
// stops it when the test ends.
func start(t testing.TB, dir string, tweak func(*Options)) *running {
	t.Helper()
	out := newSyncBuffer()
	wait := sitetest.Context(t)
	opt := Options{Source: dir, Port: 0, Stdout: out, Stderr: out, Quiet: 10 * time.Millisecond}
	if tweak != nil {
		tweak(&opt)
	}
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			// The test's own context still runs during its cleanups
			// until the deadline; t.Context does not.
			select {
			case runErr = <-done:
			case <-wait.Done():
				runErr = fmt.Errorf("Run did not return after cancellation")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	})
	// Run serves only after the first build, and says so; wait for that
	// line (the first build of the 10k benchmark site takes a minute on a
	// loaded machine, so no time of our own bounds the wait).
	if !out.waitFor(wait, "serving ") {
		t.Fatalf("server did not start; output:\n%s", out)
	}
	return &running{Server: s, out: out, stop: stop}
}

var client = &http.Client{
	Timeout: 10 * time.Second,
	// Tests look at redirects themselves.
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func get(t testing.TB, url string) (*http.Response, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// stream is a test's connection to the event stream.
type stream struct {
	events chan sse
	cancel context.CancelFunc
	wait   context.Context // the test's waits end with it
}

type sse struct {
	name string
	data map[string]any
}

func listen(t testing.TB, s *running) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	u, err := url.Parse(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = eventsPath(u.Path) // under the site's sub-path, as the pages say
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: content type %q", ct)
	}
	st := &stream{events: make(chan sse, 64), cancel: cancel, wait: sitetest.Context(t)}
	go func() {
		defer resp.Body.Close()
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = map[string]any{}
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data)
			case line == "" && ev.name != "":
				st.events <- ev
				ev = sse{}
			}
		}
	}()
	t.Cleanup(cancel)
	return st
}

// next waits for the next event called name, skipping others, for as
// long as the test may run (see sitetest.Context).
func (st *stream) next(t testing.TB, name string) sse {
	t.Helper()
	for {
		select {
		case ev, ok := <-st.events:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q", name)
			}
			if ev.name == name {
				return ev
			}
		case <-st.wait.Done():
			t.Fatalf("no %q event before the test's deadline", name)
		}
	}
}
