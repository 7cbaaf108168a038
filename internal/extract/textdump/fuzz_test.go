package textdump

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// The fuzzer runs as an ordinary test over its seeds (the inline ones, the
// dumps in testdata and the corpus in testdata/fuzz/FuzzText/, where
// crashers found once are kept). To search for new failures:
//
//	go test ./internal/extract/textdump -run '^$' -fuzz '^FuzzText$' -fuzztime 60s

// fuzzMaxBytes keeps each fuzz input cheap; the size limit itself is
// tested elsewhere.
const fuzzMaxBytes = 256 << 10

func FuzzText(f *testing.F) {
	articletest.AddFiles(f, "testdata/*.txt")
	articletest.AddFiles(f, "../../importer/testdata/*.txt")
	articletest.AddFiles(f, "../../importer/testdata/hostile/*.txt")
	for _, s := range []string{
		"",
		"Title | Site\n" + strings.Repeat("A sentence of an article that goes on for a while, as prose does. ", 5) + "\n",
		"T\n# " + strings.Repeat("heading-looking prose line that is long enough to count. ", 4) + "\n- " + strings.Repeat("item ", 30) + "\n",
		"x\n[a](javascript:alert(1)) " + strings.Repeat("and then the article carries on with words. ", 5) + "\n<script>alert(1)</script>\n",
		"\xff\xfe\x00binary",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Extract(data, article.Options{URL: "https://news.example/story", MaxBytes: fuzzMaxBytes})
		if err != nil {
			return
		}
		articletest.CheckArticle(t, a)
		// Text is made of the dump's own lines: the extractor chooses
		// lines and strips list markers, and adds no syntax of its own.
		lines, err := splitLines(data)
		if err != nil {
			t.Fatalf("Extract succeeded on a dump splitLines refuses: %v", err)
		}
		own := map[string]bool{}
		for _, l := range lines {
			own[l.text] = true
		}
		for _, l := range strings.Split(a.Text, "\n") {
			if l != "" && !own[l] {
				t.Fatalf("Text line %q is not a line of the dump", l)
			}
		}
	})
}
