// Package buildbench profiles `brief build` on a generated corpus. The
// wall-time, memory and Hugo comparison live in run.sh; this benchmark is
// what pprof runs on:
//
//	go test ./bench/build -run '^$' -bench Build -benchtime 3x \
//	    -cpuprofile cpu.prof -memprofile mem.prof
//
// BRIEF_BENCH_N sets the corpus size (default 1000); BRIEF_BENCH_CORPUS
// names a folder holding one already (briefcorpus -n N -dest DIR), which
// saves generating it on every run.
package buildbench

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/brief-ssg/brief/bench/corpus"
	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/output"
)

func corpusDir(b *testing.B) string {
	if dir := os.Getenv("BRIEF_BENCH_CORPUS"); dir != "" {
		return dir
	}
	n := 1000
	if s := os.Getenv("BRIEF_BENCH_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("BRIEF_BENCH_N: %v", err)
		}
		n = v
	}
	dir := filepath.Join(b.TempDir(), "site")
	if err := corpus.WriteDir(dir, corpus.Options{Articles: n}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkBuild is a full build into a fresh folder, as `brief build`
// does it on a clean checkout.
func BenchmarkBuild(b *testing.B) {
	src := corpusDir(b)
	out := b.TempDir()
	pages := 0
	stop := watchPeak(b)
	defer stop()
	b.ResetTimer()
	for i := range b.N {
		dest := filepath.Join(out, "public-"+strconv.Itoa(i))
		dir, err := output.OpenDir(dest, output.DirOptions{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := build.Build(context.Background(), os.DirFS(src), dir, build.Options{Workers: workers(b), Tool: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if err := dir.Commit(); err != nil {
			b.Fatal(err)
		}
		pages += res.Pages
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkMemory renders into memory, leaving the file system out of the
// profile.
func BenchmarkMemory(b *testing.B) {
	src := corpusDir(b)
	b.ResetTimer()
	for range b.N {
		if _, err := build.Build(context.Background(), os.DirFS(src), output.NewMemory(), build.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// workers reads BRIEF_BENCH_WORKERS (0, the default, lets the build
// choose).
func workers(b *testing.B) int {
	s := os.Getenv("BRIEF_BENCH_WORKERS")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		b.Fatalf("BRIEF_BENCH_WORKERS: %v", err)
	}
	return n
}
