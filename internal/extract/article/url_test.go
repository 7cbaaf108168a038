package article

import (
	"net/url"
	"testing"
)

func TestCleanURL(t *testing.T) {
	base, _ := url.Parse("https://news.example/world/story.html?page=1")
	tests := []struct{ raw, want string }{
		{"/img/a.jpg", "https://news.example/img/a.jpg"},
		{"other.html", "https://news.example/world/other.html"},
		{"//cdn.example/x.png", "https://cdn.example/x.png"},
		{"https://a.example/p?utm_source=x&id=7&utm_campaign=y", "https://a.example/p?id=7"},
		{"https://a.example/p?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&_hsenc=6&yclid=7&msclkid=8&ref_src=9", "https://a.example/p"},
		{"https://a.example/p?b=2&a=1&UTM_Medium=z#frag", "https://a.example/p?b=2&a=1#frag"},
		{"https://a.example/p?q=a%20b&utm_term=c", "https://a.example/p?q=a%20b"},
		{"mailto:desk@news.example", "mailto:desk@news.example"},
		{"javascript:alert(1)", ""},
		{" JavaScript:alert(1)", ""},
		{"java\tscript:alert(1)", ""},
		{"data:text/html;base64,AAAA", ""},
		{"vbscript:msgbox", ""},
		{"file:///etc/passwd", ""},
		{"", ""},
		{"http://[::1", ""},
	}
	for _, tc := range tests {
		if got := CleanURL(tc.raw, base); got != tc.want {
			t.Errorf("CleanURL(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
	if got := CleanURL("//cdn.example/x.png?utm_source=a", nil); got != "https://cdn.example/x.png" {
		t.Errorf("no base: got %q", got)
	}
	if got := CleanURL("/relative", nil); got != "" {
		t.Errorf("relative without base: got %q, want \"\"", got)
	}
}
