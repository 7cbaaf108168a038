package sources

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/fetch"
)

// TestBrokenAndHostileFeeds: a source that is broken fails alone, with a
// reason, and what a hostile feed carries never reaches the site as
// markup or the terminal as control characters.
func TestBrokenAndHostileFeeds(t *testing.T) {
	n := newNewsroom(t)
	n.set("/truncated.xml", "application/rss+xml", rss("ferry-fares-rise")[:120])
	n.set("/notxml.xml", "application/rss+xml", "\x00\x01\x02 binary junk")
	n.set("/laughs.xml", "application/rss+xml", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title><link>{{host}}/news/laughing-matter-at-the-port</link></item></channel></rss>`)
	n.set("/deep.xml", "application/rss+xml", `<rss version="2.0"><channel>`+strings.Repeat("<x>", 100000)+`</channel></rss>`)
	n.set("/empty.json", "application/feed+json", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1"},{"url":"javascript:alert(1)","title":"x"}]}`)
	n.set("/null.json", "application/feed+json", `{"version":"https://jsonfeed.org/version/1.1","items":[null]}`)
	n.set("/hostile.xml", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><link>{{host}}/</link>
<item><title>Pier &lt;script&gt;alert(1)&lt;/script&gt; reopens`+"\x1b]0;pwned\x07"+`</title><link>{{host}}/missing/pier-reopens-after-storm</link>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p onclick="alert(1)">The pier reopened on Tuesday after the storm damage was repaired by the council's crews.</p><script>alert(document.cookie)</script><iframe src="https://evil.example/"></iframe><p><a href="javascript:alert(2)">More</a> on the repairs, which cost less than feared, and the new railings.</p>]]></content:encoded></item>
</channel></rss>`)
	n.handle("/big.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<rss><channel>"))
		chunk := []byte(strings.Repeat("<item><title>x</title></item>", 1000))
		for range 200 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	list := ""
	for _, p := range []string{"/truncated.xml", "/notxml.xml", "/laughs.xml", "/deep.xml", "/empty.json", "/null.json", "/hostile.xml", "/big.xml"} {
		list += "  - url: " + n.url(p) + "\n    name: " + strings.Trim(p, "/") + "\n    type: feed\n"
	}
	root, cfg := testSite(t, list)
	opt := testOptions(root, cfg)
	opt.Client.MaxBytes = 1 << 20
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]SourceReport{}
	for _, s := range res.Sources {
		by[s.Source.Name] = s
	}
	// null.json made gofeed panic (v1.4.2): a failed source, not a crash.
	for _, name := range []string{"truncated.xml", "notxml.xml", "big.xml", "null.json"} {
		if by[name].Err == nil {
			t.Errorf("%s: no error: %+v", name, by[name])
		}
	}
	if s := by["big.xml"]; s.Err == nil || !strings.Contains(s.Err.Error(), "limit") {
		t.Errorf("big feed: %v, want the size limit", s.Err)
	}
	// Entities are not expanded a billion times: the feed fails or reads
	// small; either way it costs nothing.
	if s := by["laughs.xml"]; s.Err == nil && len(s.Items) > 0 && len(s.Items[0].Title) > 1000 {
		t.Errorf("entities expanded: %d bytes of title", len(s.Items[0].Title))
	}
	if s := by["empty.json"]; s.Err != nil || s.Count(New) != 0 || s.Count(Skipped) != 2 {
		t.Errorf("JSON feed without links: %+v", s)
	}
	s := by["hostile.xml"]
	if s.Err != nil || s.Count(New) != 1 || !s.Items[0].FromFeed {
		t.Fatalf("hostile feed: %+v", s)
	}
	if strings.ContainsAny(s.Items[0].Title, "\x1b\x07") {
		t.Errorf("control characters kept in the title %q", s.Items[0].Title)
	}
	data, err := os.ReadFile(filepath.Join(root, s.Items[0].Path))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "onclick", "<iframe", "javascript:", "\x1b"} {
		if strings.Contains(strings.ToLower(string(data)), bad) {
			t.Errorf("article keeps %q:\n%s", bad, data)
		}
	}
	if !strings.Contains(string(data), "The pier reopened on Tuesday") {
		t.Errorf("the feed's text is missing:\n%s", data)
	}
	if res.Failed() != true {
		t.Error("broken sources did not make the run fail")
	}
}

// TestSlowAndFailingHosts: a page that never comes falls back on the
// feed's text; a source that fails is retried after a back-off, and a
// 429's Retry-After is honoured.
func TestSlowAndFailingHosts(t *testing.T) {
	n := newNewsroom(t)
	block := make(chan struct{})
	defer close(block)
	n.handle("/news/slow-boat-to-nowhere", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	n.set("/feed.xml", "application/rss+xml", `<rss version="2.0"><channel><link>{{host}}/</link><item><title>Slow boat to nowhere</title><link>{{host}}/news/slow-boat-to-nowhere</link><description>`+strings.Repeat("The slow boat left the harbour late again, its engine coughing. ", 5)+`</description></item><item><title>Gone page</title><link>{{host}}/gone/x-y-z</link></item></channel></rss>`)
	// Each failing source on a host of its own: a host that asks for
	// hours is left alone for the rest of the run, its other URLs too.
	downHost, busyHost := newNewsroom(t), newNewsroom(t)
	downHost.handle("/down.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) })
	busyHost.handle("/busy.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7200")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	root, cfg := testSite(t, "  - url: "+n.url("/feed.xml")+"\n    name: feed\n  - url: "+downHost.url("/down.xml")+"\n    name: down\n  - url: "+busyHost.url("/busy.xml")+"\n    name: busy\n")
	opt := testOptions(root, cfg)
	opt.Client.Timeout = 300 * time.Millisecond
	res, err := Fetch(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	feed, down, busy := res.Sources[0], res.Sources[1], res.Sources[2]
	if feed.Count(New) != 1 || !feed.Items[0].FromFeed || feed.Count(Failed) != 1 {
		t.Errorf("slow page: %+v", feed)
	}
	var se *fetch.StatusError
	if !errors.As(down.Err, &se) || se.Code != 500 || !errors.As(busy.Err, &se) || se.Code != 429 {
		t.Errorf("failing sources: %v, %v", down.Err, busy.Err)
	}
	st, _, err := LoadState(root)
	if err != nil {
		t.Fatal(err)
	}
	now := testNow()
	if d := st.Sources[downHost.url("/down.xml")]; d.Failures != 1 || !d.RetryAt.Equal(now.Add(15*time.Minute)) {
		t.Errorf("down: %+v", d)
	}
	if b := st.Sources[busyHost.url("/busy.xml")]; !b.RetryAt.Equal(now.Add(2 * time.Hour)) {
		t.Errorf("busy: retry at %v, want the server's two hours", b.RetryAt)
	}
	// The failed item is kept to retry, with what the feed said of it.
	if it := st.Items[Key(n.url("/gone/x-y-z"))]; it == nil || it.Done || it.Attempts != 1 || it.Item == nil {
		t.Errorf("failed item state %+v", it)
	}

	// Minutes on, the failing sources wait; the failed item is tried
	// again (the feed answers 304), and given up after three runs.
	downHits, _ := downHost.count("/down.xml")
	for run := 2; run <= 3; run++ {
		opt.Now = func() time.Time { return now.Add(time.Duration(run) * 4 * time.Minute) }
		res, err = Fetch(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if res.Sources[1].Waiting.IsZero() || res.Sources[2].Waiting.IsZero() {
			t.Errorf("run %d: failing sources polled again: %+v", run, res.Sources[1:])
		}
		if !res.Sources[0].NotModified || res.Sources[0].Count(Failed) != 1 {
			t.Errorf("run %d: %+v", run, res.Sources[0])
		}
	}
	if h, _ := downHost.count("/down.xml"); h != downHits {
		t.Errorf("a waiting source was asked")
	}
	if h, _ := n.count("/gone/x-y-z"); h != 3 {
		t.Errorf("failed page asked %d times, want 3", h)
	}
	if r := res.Sources[0].Items[0]; r.Reason != ReasonGaveUp {
		t.Errorf("third failure: %+v", r)
	}
}
