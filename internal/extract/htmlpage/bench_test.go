package htmlpage

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// benchDir is the shared extraction benchmark, next to the repository.
const benchDir = "../../../../shared/bench/extraction"

type benchPage struct {
	id, url string
	html    []byte
	want    string
}

func loadBenchPages(tb testing.TB) []benchPage {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(benchDir, "ground-truth.json"))
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("benchmark data not found at %s; skipping the quality floor", benchDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		tb.Fatal(err)
	}
	var pages []benchPage
	for id, g := range gt {
		gz, err := os.ReadFile(filepath.Join(benchDir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, benchPage{id: id, url: g.URL, html: body, want: g.ArticleBody})
	}
	slices.SortFunc(pages, func(a, b benchPage) int { return strings.Compare(a.id, b.id) })
	return pages
}

// shingleScore is the benchmark README's per-page metric: precision and
// recall of word 4-gram multisets, and whether the word sequences match.
func shingleScore(got, want string) (p, r float64, exact bool) {
	gw, ww := article.Words(got), article.Words(want)
	count := func(ws []string) map[string]int {
		m := map[string]int{}
		for i := range max(1, len(ws)-3) {
			m[strings.Join(ws[i:min(i+4, len(ws))], " ")]++
		}
		return m
	}
	g, w := count(gw), count(ww)
	var tp, fp, fn int
	for k, c := range g {
		tp += min(c, w[k])
		fp += c - min(c, w[k])
	}
	for k, c := range w {
		fn += c - min(c, g[k])
	}
	if fp == 0 && fn == 0 {
		return 1, 1, slices.Equal(gw, ww)
	}
	return float64(tp) / float64(tp+fp), float64(tp) / float64(tp+fn), slices.Equal(gw, ww)
}

// TestBenchmarkFloor guards against regressions on the shared benchmark:
// every page must extract without panicking, and the scores must stay
// above floors a little below what the extractor reaches (F1 0.977,
// exact 0.42 when this was written).
func TestBenchmarkFloor(t *testing.T) {
	pages := loadBenchPages(t)
	var sp, sr float64
	exact := 0
	for _, pg := range pages {
		a, err := Extract(pg.html, article.Options{URL: pg.url})
		text := ""
		if err == nil {
			text = a.Text
		} else if !errors.Is(err, article.ErrNoArticle) {
			t.Errorf("%s: %v", pg.id, err)
		}
		p, r, ex := shingleScore(text, pg.want)
		sp += p
		sr += r
		if ex {
			exact++
		}
	}
	n := float64(len(pages))
	P, R := sp/n, sr/n
	f1 := 2 * P * R / (P + R)
	acc := float64(exact) / n
	t.Logf("%d pages: F1 %.3f, precision %.3f, recall %.3f, exact %.3f", len(pages), f1, P, R, acc)
	if f1 < 0.965 {
		t.Errorf("F1 %.3f fell below the 0.965 floor", f1)
	}
	if acc < 0.38 {
		t.Errorf("exact-match accuracy %.3f fell below the 0.38 floor", acc)
	}
}

// BenchmarkHTML times the whole pipeline (decode, parse, score, render
// Markdown and text) over the benchmark pages, or the fixture without them.
func BenchmarkHTML(b *testing.B) {
	var inputs [][]byte
	if _, err := os.Stat(filepath.Join(benchDir, "ground-truth.json")); err == nil {
		for _, pg := range loadBenchPages(b) {
			inputs = append(inputs, pg.html)
		}
	} else {
		inputs = append(inputs, readFixture(b, "story.html"))
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Extract(inputs[i%len(inputs)], article.Options{})
	}
}
