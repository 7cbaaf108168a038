package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// hostileReason answers with a status line whose reason phrase holds
// terminal commands: retitle the window, write the clipboard (OSC 52),
// clear the screen.
var hostileReason = "Not Found\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b8m" + "and more text to pad the phrase out past any sane length of a reason" + strings.Repeat(" padding", 10)

func reasonServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 404 " + hostileReason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		buf.Flush()
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestReasonPhraseCleaned(t *testing.T) {
	srv := reasonServer(t)
	_, err := (&Client{}).Get(context.Background(), srv.URL+"/x")
	if err == nil {
		t.Fatal("no error for a 404")
	}
	msg := err.Error()
	if strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }) {
		t.Errorf("control characters in %q", msg)
	}
	if !strings.Contains(msg, "the server answered 404 Not Foundand more text") || !strings.HasSuffix(msg, "…") {
		t.Errorf("got %q", msg)
	}
}
