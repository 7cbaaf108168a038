package content

import (
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"
)

// writtenFront is front matter as brief's own writer (brief import, brief
// new) writes it, for the fast path to take.
func writtenFront(t testing.TB, set map[string]any) []byte {
	t.Helper()
	f := NewFile()
	for k, v := range set {
		if err := f.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	f.SetBody("Body.\n")
	data, err := f.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text, _, _, err := Split(data)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// TestFastFrontTakesWhatBriefWrites checks that front matter as brief
// writes it goes through the fast path (else it silently costs yaml.v3's
// time again) and decodes as yaml.v3 decodes it.
func TestFastFrontTakesWhatBriefWrites(t *testing.T) {
	when := time.Date(2025, 1, 11, 13, 20, 0, 0, time.FixedZone("", 8*3600))
	cases := []map[string]any{
		{"title": "Accra backs domestic regions", "date": when, "source": "The Evening Chronicle",
			"source_url": "https://www.example/climate/2023/07/15/a-3270", "author": []string{"Rosa Bergström"},
			"topics": []string{"climate"}, "tags": []string{"Jakarta", "Railways"}, "summary": "A warning, with a comma."},
		{"title": "Europe’s plan: what it means", "date": Day{when}, "author": []string{"A. Writer", "Another, Jr"},
			"tags": []string{"AT&T", "渔业"}, "image": "/images/a.png", "draft": true, "imported": when,
			"scraped_from": "https://news.example/a?b=c", "fingerprint": "abc123",
			"import_hashes": map[string]string{"title": "1f2e3d", "body": "9a8b7c"}},
		{"title": "He said \"no\"", "date": when, "summary": "It's the 'last' word"},
	}
	for i, set := range cases {
		text := writtenFront(t, set)
		fast, fastLines, ok := fastFront(text)
		if !ok {
			t.Errorf("case %d: the fast path refused what brief writes:\n%s", i, text)
			continue
		}
		slow, slowLines, err := decodeFrontYAML("a.md", text)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !reflect.DeepEqual(fast, slow) || !maps.Equal(fastLines, slowLines) {
			t.Errorf("case %d:\n%s\nfast %+v %v\nyaml %+v %v", i, text, fast, fastLines, slow, slowLines)
		}
	}
}

// FuzzFastFrontMatchesYAML checks that whatever front matter the fast
// path accepts, yaml.v3 (with Front's unmarshalers and decodeFront's
// checks) accepts too and decodes to the same values and key lines.
//
//	go test ./internal/content -run '^$' -fuzz FuzzFastFrontMatchesYAML -fuzztime 60s
func FuzzFastFrontMatchesYAML(f *testing.F) {
	for _, s := range []string{
		"title: \"A\"\ndate: 2025-01-11T13:20:00+08:00\ntags: [\"x\", \"y\"]\n",
		"title: Plain title, with commas\ntags: China, trade\ntopics: \"a，b\"\nauthor: \"Doe, Jane\"\n",
		"title: \"\"\ntags: []\nauthor: []\ntopics: \"\"\n",
		"draft: true\nlead: false\npublish: excerpt\nlanguage: pt-BR\nstory: s1\nslug: a-b\n",
		"import_hashes:\n  title: abc\n  body: 123\nfingerprint: 0x1F\n",
		"date: 2025-01-11\nupdated: \"2025-01-12 10:00\"\nimported:  2025\n",
		"title: a: b\n", "title: -x\n", "title: 'q'\n", "title: x \n", "title: null\n", "title: ~\n",
		"title: \"a\" b\n", "tags: [\"a\",\"b\"]\n", "tags: [a, b]\n", "title: yes\nsummary: 1e3\nnote: true\n",
		"title: x\n  continued\n", "title: x\n\n\nsummary: y\n", "import_hashes:\n  null: x\n", "import_hashes:\n  a: null\n",
		"title: AT&T *and* !this\n", "title: He said \"hi\"\n", "title: [a]\n", "title: {a: b}\n", "title: |\n  x\n",
		"title: x\ntitle: y\n", "unknown: x\n", "Title: x\n", "title:x\n", "draft: yes\n", "draft: True\n",
		"summary: 50% of it\n", "source_url: https://a.example/?q=1&r=[2]\n", "title: é ü ß 中文\n", "title: \u0085x\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fast, fastLines, ok := fastFront([]byte(text))
		if !ok {
			return
		}
		slow, slowLines, err := decodeFrontYAML("a.md", []byte(text))
		if err != nil {
			t.Fatalf("the fast path took front matter yaml.v3 refuses:\n%s\n%v", text, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("front matter\n%s\nfast path %#v\nyaml.v3   %#v", text, fast, slow)
		}
		if !maps.Equal(fastLines, slowLines) {
			t.Errorf("front matter\n%s\nkey lines: fast path %v, yaml.v3 %v", text, fastLines, slowLines)
		}
		if strings.Contains(text, "#") {
			t.Errorf("the fast path took a #, which it leaves to yaml.v3:\n%s", text)
		}
	})
}
