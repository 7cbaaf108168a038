package buildbench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/build"
)

// BenchmarkRebuild measures, in one run and on one corpus, what an editor
// waits for after a change, as ratios to a full build, which is how the
// targets are set (the machine's speed varies too much for seconds to
// mean anything). Each round builds the corpus from scratch into a new
// folder (the full build), then, into one folder kept across rounds as
// `brief build` keeps public/: a rebuild after editing one article's
// body, after adding one article, after adding a topic to site.yaml
// whose rule takes 44% of the corpus's articles, and after adding one
// that takes none; each edit is undone (and built) before the next. Medians of
// BRIEF_BENCH_RUNS rounds (default 3):
//
//	BRIEF_BENCH_CORPUS=/tmp/corpus-10k go test ./bench/build -run '^$' \
//	    -bench Rebuild -benchtime 1x
func BenchmarkRebuild(b *testing.B) {
	src := copyCorpus(b, corpusDir(b))
	runs := 3
	if s := os.Getenv("BRIEF_BENCH_RUNS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("BRIEF_BENCH_RUNS: %q", s)
		}
		runs = n
	}
	ctx := context.Background()
	opt := build.Options{Tool: "bench", Workers: workers(b)}
	out := b.TempDir()
	dest := filepath.Join(out, "public")
	toDir := func(dest string) time.Duration {
		b.Helper()
		start := time.Now()
		res, err := build.ToDir(ctx, src, dest, opt)
		if err != nil {
			b.Fatal(err)
		}
		if res.Skipped {
			b.Fatal("build skipped")
		}
		return time.Since(start)
	}
	articles, err := filepath.Glob(filepath.Join(src, "content", "articles", "*.md"))
	if err != nil || len(articles) == 0 {
		b.Fatalf("no articles in %s (%v)", src, err)
	}
	slices.Sort(articles)
	// The kept folder's first builds, so that a kept tree exists.
	toDir(dest)
	last := articles[len(articles)-1]
	orig := read(b, last)
	writeFile(b, last, orig+"\nWarming up.\n")
	toDir(dest)
	writeFile(b, last, orig)
	toDir(dest)
	siteYAML := filepath.Join(src, "site.yaml")
	var full, edit, add, topic, narrow []time.Duration
	b.ResetTimer()
	for r := range runs {
		full = append(full, toDir(filepath.Join(out, "full-"+strconv.Itoa(r))))
		os.RemoveAll(filepath.Join(out, "full-"+strconv.Itoa(r)))

		one := articles[(r*7919)%len(articles)]
		orig := read(b, one)
		writeFile(b, one, orig+"\nOne more line, edit "+strconv.Itoa(r)+".\n")
		edit = append(edit, toDir(dest))
		writeFile(b, one, orig)
		toDir(dest)

		added := filepath.Join(src, "content", "articles", "zz-bench-added-"+strconv.Itoa(r)+".md")
		writeFile(b, added, strings.Replace(orig, "\n---\n", "\nslug: zz-bench-added-"+strconv.Itoa(r)+"\n---\n", 1))
		add = append(add, toDir(dest))
		os.Remove(added)
		toDir(dest)

		cfg := read(b, siteYAML)
		writeFile(b, siteYAML, withAddedTopic(cfg, r))
		topic = append(topic, toDir(dest))
		writeFile(b, siteYAML, cfg)
		toDir(dest)

		// A topic taking no article: what a new topic costs apart from
		// the pages of the articles it takes (its rules are still run on
		// every article).
		writeFile(b, siteYAML, strings.Replace(cfg, "topics:\n", "topics:\n  - slug: bench-narrow-"+strconv.Itoa(r)+"\n    title: Narrow topic "+strconv.Itoa(r)+"\n    match:\n      any: [\"lighthouse keepers\"]\n", 1))
		narrow = append(narrow, toDir(dest))
		writeFile(b, siteYAML, cfg)
		toDir(dest)
	}
	b.StopTimer()
	f := median(full)
	ratio := func(d []time.Duration) float64 { return float64(median(d)) / float64(f) }
	b.ReportMetric(f.Seconds(), "full-s")
	b.ReportMetric(ratio(edit), "edit/full")
	b.ReportMetric(ratio(add), "add/full")
	b.ReportMetric(ratio(topic), "topic/full")
	b.ReportMetric(ratio(narrow), "narrow-topic/full")
	fmt.Printf("\n%d articles, medians of %d (seconds; ratio to the full build):\n", len(articles), runs)
	fmt.Printf("| full build | one article edited | one article added | one topic added | one topic added, taking none |\n|---:|---:|---:|---:|---:|\n")
	fmt.Printf("| %.2f | %.3f (%.3f×) | %.3f (%.3f×) | %.3f (%.3f×) | %.3f (%.3f×) |\n\n", f.Seconds(),
		median(edit).Seconds(), ratio(edit), median(add).Seconds(), ratio(add), median(topic).Seconds(), ratio(topic),
		median(narrow).Seconds(), ratio(narrow))
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// copyCorpus copies the corpus at dir into a temporary folder, which the
// benchmark edits.
func copyCorpus(b *testing.B, dir string) string {
	b.Helper()
	dst := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		b.Fatal(err)
	}
	// Files copied just now are too recent for the cache to vouch for by
	// their times (see build.Cache); an editor's files are older.
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dst, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		b.Fatal(err)
	}
	return dst
}

func read(b *testing.B, p string) string {
	b.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func writeFile(b *testing.B, p, s string) {
	b.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkEditRebuild is only the rebuild after one article's body was
// edited, b.N times, for a profile of it:
//
//	BRIEF_BENCH_CORPUS=/tmp/corpus-10k go test ./bench/build -run '^$' \
//	    -bench EditRebuild -benchtime 5x -cpuprofile cpu.prof
func BenchmarkEditRebuild(b *testing.B) {
	src := copyCorpus(b, corpusDir(b))
	ctx := context.Background()
	opt := build.Options{Tool: "bench", Workers: workers(b)}
	dest := filepath.Join(b.TempDir(), "public")
	articles, err := filepath.Glob(filepath.Join(src, "content", "articles", "*.md"))
	if err != nil || len(articles) == 0 {
		b.Fatalf("no articles in %s (%v)", src, err)
	}
	one := articles[len(articles)/2]
	orig := read(b, one)
	i := 0
	rebuild := func() {
		i++
		writeFile(b, one, orig+"\nEdit "+strconv.Itoa(i)+".\n")
		if _, err := build.ToDir(ctx, src, dest, opt); err != nil {
			b.Fatal(err)
		}
	}
	rebuild()
	rebuild()
	b.ResetTimer()
	for range b.N {
		rebuild()
	}
}

// BenchmarkTopicRebuild is only the rebuild after a topic taking 44% of
// the articles was added to site.yaml, b.N times (each followed by an
// untimed build with it removed again), for a profile of it:
//
//	BRIEF_BENCH_CORPUS=/tmp/corpus-10k go test ./bench/build -run '^$' \
//	    -bench TopicRebuild -benchtime 3x -cpuprofile cpu.prof
func BenchmarkTopicRebuild(b *testing.B) {
	src := copyCorpus(b, corpusDir(b))
	ctx := context.Background()
	opt := build.Options{Tool: "bench", Workers: workers(b)}
	dest := filepath.Join(b.TempDir(), "public")
	siteYAML := filepath.Join(src, "site.yaml")
	cfg := read(b, siteYAML)
	toDir := func() {
		if _, err := build.ToDir(ctx, src, dest, opt); err != nil {
			b.Fatal(err)
		}
	}
	toDir()
	toDir()
	b.ResetTimer()
	for i := range b.N {
		writeFile(b, siteYAML, withAddedTopic(cfg, i))
		toDir()
		b.StopTimer()
		writeFile(b, siteYAML, cfg)
		toDir()
		b.StartTimer()
	}
}

// withAddedTopic is site.yaml's text cfg with a topic put first whose rule
// takes 44% of the corpus's articles; n makes its slug new.
func withAddedTopic(cfg string, n int) string {
	return strings.Replace(cfg, "topics:\n", "topics:\n  - slug: bench-added-"+strconv.Itoa(n)+"\n    title: Added topic "+strconv.Itoa(n)+"\n    match:\n      any: [budget, harbour]\n", 1)
}
