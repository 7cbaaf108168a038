package serve

import (
	"net/http"
	"testing"
)

// TestOnlyOwnHosts: a request naming another host (a page's own name
// rebound to 127.0.0.1) is refused, and so is an event stream opened from
// another origin; loopback names, the bound address and allowed names pass.
func TestOnlyOwnHosts(t *testing.T) {
	s := start(t, example(t, "").Dir(), func(o *Options) { o.AllowHosts = []string{"preview.lan"} })
	page := s.URL()
	events := s.URL() + eventsName
	for _, c := range []struct {
		name, url, host, origin string
		want                    int
	}{
		{"loopback address", page, "", "", 200},
		{"localhost", page, "localhost:1313", "", 200},
		{"localhost subdomain", page, "app.localhost", "", 200},
		{"IPv6 loopback", page, "[::1]:1313", "", 200},
		{"allowed name", page, "PREVIEW.lan:8080", "", 200},
		{"rebound name", page, "attacker.example:1313", "", http.StatusMisdirectedRequest},
		{"rebound name, bare", page, "attacker.example", "", http.StatusMisdirectedRequest},
		{"LAN address not bound", page, "192.168.1.20:1313", "", http.StatusMisdirectedRequest},
		{"blank host", page, " ", "", http.StatusMisdirectedRequest},
		{"events, own origin", events, "", "http://localhost:1313", 200},
		{"events, no origin", events, "", "", 200},
		{"events, other origin", events, "", "http://attacker.example", http.StatusForbidden},
		{"events, rebound host", events, "attacker.example", "http://attacker.example", http.StatusMisdirectedRequest},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, c.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.host != "" {
				req.Host = c.host
			}
			if c.origin != "" {
				req.Header.Set("Origin", c.origin)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("status %d, want %d", resp.StatusCode, c.want)
			}
		})
	}
}
