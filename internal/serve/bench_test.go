package serve

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/bench/corpus"
)

// BenchmarkReload measures what an editor waits for: the time from writing
// a changed note to an article's file to the reload event reaching the
// browser, through the watcher, the debounce (Options.Quiet, 10ms by
// default), the incremental rebuild and the event stream.
//
//	go test ./internal/serve -run '^$' -bench Reload -benchtime 10x
func BenchmarkReload(b *testing.B) {
	b.Run("example", func(b *testing.B) {
		benchReload(b, example(b, "").Dir(), article)
	})
	b.Run("10k", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "site")
		if err := corpus.WriteDir(dir, corpus.Options{Articles: 10000}); err != nil {
			b.Fatal(err)
		}
		benchReload(b, dir, withoutNote(b, dir))
	})
	// The same without the search index, which a reload builds again
	// whole (internal/search): what the rest of a reload costs.
	b.Run("10k-nosearch", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "site")
		if err := corpus.WriteDir(dir, corpus.Options{Articles: 10000}); err != nil {
			b.Fatal(err)
		}
		f, err := os.OpenFile(filepath.Join(dir, "site.yaml"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		_, err = f.WriteString("\nsearch:\n  enabled: false\n")
		if err := errors.Join(err, f.Close()); err != nil {
			b.Fatal(err)
		}
		benchReload(b, dir, withoutNote(b, dir))
	})
}

// withoutNote names an article of the corpus in dir that has no note yet,
// so that the benchmark can add one.
func withoutNote(b *testing.B, dir string) string {
	names, err := filepath.Glob(filepath.Join(dir, "content", "articles", "*.md"))
	if err != nil {
		b.Fatal(err)
	}
	slices.Sort(names)
	for _, p := range names {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if front, _, _ := strings.Cut(string(data), "\n---\n"); !strings.Contains(front, "\nnote:") {
			rel, _ := filepath.Rel(dir, p)
			return filepath.ToSlash(rel)
		}
	}
	b.Fatal("every article has a note")
	return ""
}

func benchReload(b *testing.B, dir, name string) {
	s := start(b, dir, func(o *Options) { o.Quiet = 0 })
	ev := listen(b, s)
	ev.next(b, "hello")
	p := filepath.Join(dir, filepath.FromSlash(name))
	orig, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		i++
		t0 := time.Now()
		note := fmt.Sprintf("note: \"Edit number %d: why this *matters*.\"\n", i)
		data := strings.Replace(string(orig), "\n---\n", "\n"+strings.TrimSuffix(note, "\n")+"\n---\n", 1)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
		got := ev.next(b, "reload")
		files, _ := got.data["files"].([]any)
		if len(files) == 0 {
			b.Fatalf("reload event names no files: %v", got.data)
		}
		took = append(took, time.Since(t0))
	}
	// The median besides the mean: one reload that waited for the
	// machine (others build on it too) moves the mean a lot.
	slices.Sort(took)
	b.ReportMetric(float64(took[(len(took)-1)/2].Microseconds())/1000, "median-ms")
}
