package articletest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// BenchPage is one page of the shared extraction benchmark
// (shared/bench/extraction beside the repository): the same page saved as
// HTML and as a text dump, with the reference text of its article.
type BenchPage struct {
	ID, URL string
	HTML    []byte // gunzipped
	Dump    []byte
	Want    string // the reference text
}

// BenchDir is where the shared extraction benchmark lies: beside the
// repository, which holds this file at internal/extract/articletest.
func BenchDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "bench", "extraction")
}

// LoadBench reads the benchmark's pages, sorted by id, skipping tb when
// the benchmark is not there.
func LoadBench(tb testing.TB) []BenchPage {
	tb.Helper()
	dir := BenchDir()
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("benchmark data not found at %s", dir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		tb.Fatalf("ground-truth.json: %v", err)
	}
	var pages []BenchPage
	for id, g := range truth {
		gz, err := os.ReadFile(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			tb.Fatal(err)
		}
		html, err := io.ReadAll(zr)
		if err != nil {
			tb.Fatal(err)
		}
		dump, err := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, BenchPage{ID: id, URL: g.URL, HTML: html, Dump: dump, Want: g.ArticleBody})
	}
	slices.SortFunc(pages, func(a, b BenchPage) int { return strings.Compare(a.ID, b.ID) })
	return pages
}
