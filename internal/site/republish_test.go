package site

import (
	"strings"
	"testing"
)

func TestPublishSettings(t *testing.T) {
	const head = "title: T\nbase_url: https://h.example/\n"
	type art struct{ source, url, own string }
	tests := []struct {
		name string
		yaml string
		art  art
		want Publishing
		err  string
	}{
		{"left out: full", head, art{}, Publishing{PublishFull, DefaultExcerptWords, 0}, ""},
		{"a mode alone", head + "publish: excerpt\n", art{}, Publishing{PublishExcerpt, DefaultExcerptWords, 0}, ""},
		{"paragraphs only", head + "publish:\n  mode: excerpt\n  paragraphs: 2\n", art{}, Publishing{PublishExcerpt, 0, 2}, ""},
		{"by source name, any case", head + "publish:\n  sources:\n    Pacific Ledger: link\n", art{source: "pacific ledger"}, Publishing{PublishLink, DefaultExcerptWords, 0}, ""},
		{"by host, subdomain", head + "publish:\n  sources:\n    ledger.example: excerpt\n", art{url: "https://www.ledger.example/a"}, Publishing{PublishExcerpt, DefaultExcerptWords, 0}, ""},
		{"longest host wins", head + "publish:\n  sources:\n    ledger.example: excerpt\n    news.ledger.example: link\n", art{url: "https://news.ledger.example/a"}, Publishing{PublishLink, DefaultExcerptWords, 0}, ""},
		{"another host", head + "publish:\n  sources:\n    ledger.example: excerpt\n", art{url: "https://notledger.example/a"}, Publishing{PublishFull, DefaultExcerptWords, 0}, ""},
		{"the article's own wins", head + "publish:\n  mode: link\n  sources:\n    L: excerpt\n", art{source: "L", own: "full"}, Publishing{PublishFull, DefaultExcerptWords, 0}, ""},
		{"bad mode", head + "publish: some\n", art{}, Publishing{}, `site.yaml:3: publish: "some" is not a mode`},
		{"bad source mode", head + "publish:\n  sources:\n    L: half\n", art{}, Publishing{}, `site.yaml:4: publish: sources: L: "half" is not a mode`},
		{"unknown key", head + "publish:\n  mdoe: link\n", art{}, Publishing{}, `site.yaml:4: publish: unknown key "mdoe"`},
		{"negative words", head + "publish:\n  words: -3\n", art{}, Publishing{}, "site.yaml:4: publish: words must be at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("site.yaml", []byte(tt.yaml))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.Publishing(tt.art.source, tt.art.url, tt.art.own); got != tt.want {
				t.Errorf("Publishing = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestImagesHotlink(t *testing.T) {
	cfg, err := Parse("site.yaml", []byte("title: T\nbase_url: https://h.example/\nimages:\n  hotlink: true\n"))
	if err != nil || !cfg.Images.Hotlink {
		t.Fatalf("hotlink not read: %+v, %v", cfg, err)
	}
	if _, err := Parse("site.yaml", []byte("title: T\nbase_url: https://h.example/\nimages:\n  hotlinks: true\n")); err == nil || !strings.Contains(err.Error(), `unknown key "hotlinks"`) {
		t.Fatalf("err = %v, want the unknown key named", err)
	}
}
