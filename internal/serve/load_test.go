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
// loopback: every request must succeed, and the whole run stays bounded.
func TestManyClients(t *testing.T) {
	s := start(t, copyExample(t), nil)
	pages := []string{"", "topics/us-china-relations/", "articles/blinken-beijing-visit-announced/", "tags/", "style.css", "feed.xml"}
	tr := &http.Transport{MaxIdleConnsPerHost: 200}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 20 * time.Second}

	const clients, rounds = 200, 3
	start := time.Now()
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
	t.Logf("%d requests from %d concurrent clients in %s", clients*rounds, clients, time.Since(start).Round(time.Millisecond))
}

// TestSlowClients opens connections that trickle a request's headers a byte
// at a time (slowloris). The server must drop them after its header timeout
// and keep answering everyone else meanwhile.
func TestSlowClients(t *testing.T) {
	const timeout = 500 * time.Millisecond
	s := start(t, copyExample(t), func(o *Options) { o.HeaderTimeout = timeout })
	u, _ := url.Parse(s.URL())

	const slow = 50
	closed := make(chan time.Duration, slow)
	for range slow {
		conn, err := net.DialTimeout("tcp", u.Host, 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		go func() {
			began := time.Now()
			conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n"))
			for {
				if _, err := conn.Write([]byte("X")); err != nil {
					break
				}
				conn.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
				if _, err := conn.Read(make([]byte, 1)); err != nil {
					if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
						break // the server hung up
					}
				}
				if time.Since(began) > 10*time.Second {
					break
				}
			}
			closed <- time.Since(began)
		}()
	}
	// Meanwhile, ordinary readers are served promptly.
	for range 20 {
		began := time.Now()
		resp, _ := get(t, s.URL())
		if resp.StatusCode != http.StatusOK || time.Since(began) > 2*time.Second {
			t.Fatalf("ordinary request: %d after %s while slow clients hold connections", resp.StatusCode, time.Since(began))
		}
	}
	for range slow {
		if d := <-closed; d > 5*timeout+time.Second {
			t.Errorf("a slow client was kept for %s; header timeout is %s", d, timeout)
		}
	}
}
