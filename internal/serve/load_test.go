package serve

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"
)

// TestManyClients has 200 clients fetch pages at once, each a few times, on
// loopback: every request must succeed (each within the client's timeout).
func TestManyClients(t *testing.T) {
	s := start(t, example(t, "").Dir(), nil)
	pages := []string{"", "topics/us-china-relations/", "articles/blinken-beijing-visit-announced/", "tags/", "style.css", "feed.xml"}
	tr := &http.Transport{MaxIdleConnsPerHost: 200}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 20 * time.Second}

	const clients, rounds = 200, 3
	var wg sync.WaitGroup
	errs := make(chan error, clients*rounds)
	for i := range clients {
		wg.Go(func() {
			for r := range rounds {
				u := s.URL() + pages[(i+r)%len(pages)]
				resp, err := c.Get(u)
				if err != nil {
					errs <- err
					return
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					errs <- fmt.Errorf("%s: %d %v", u, resp.StatusCode, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestSlowClients opens connections that trickle a request's headers a byte
// at a time (slowloris). The server must hang up on each of them (after its
// header timeout) and keep answering everyone else meanwhile. No duration
// is asserted: a slow client gives up on its own only after 20 header
// timeouts, and one that got that far was not dropped.
func TestSlowClients(t *testing.T) {
	const timeout = 500 * time.Millisecond
	s := start(t, example(t, "").Dir(), func(o *Options) { o.HeaderTimeout = timeout })
	u, _ := url.Parse(s.URL())

	const slow = 50
	hungUp := make(chan bool, slow)
	for range slow {
		conn, err := net.DialTimeout("tcp", u.Host, 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		go func() {
			giveUp := time.Now().Add(20 * timeout)
			conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n"))
			for time.Now().Before(giveUp) {
				if _, err := conn.Write([]byte("X")); err != nil {
					hungUp <- true
					return
				}
				conn.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
				if _, err := conn.Read(make([]byte, 1)); err != nil {
					if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
						hungUp <- true // the server closed the connection
						return
					}
				}
			}
			hungUp <- false
		}()
	}
	// Meanwhile, ordinary readers are served.
	for range 20 {
		if resp, _ := get(t, s.URL()); resp.StatusCode != http.StatusOK {
			t.Fatalf("ordinary request: %d while slow clients hold connections", resp.StatusCode)
		}
	}
	kept := 0
	for range slow {
		if !<-hungUp {
			kept++
		}
	}
	if kept > 0 {
		t.Errorf("%d of %d slow clients were never dropped; header timeout is %s", kept, slow, timeout)
	}
}
