// Package searchbench measures brief's search index against Pagefind on
// the same built sites; see README.md beside this file.
package searchbench

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/brief-ssg/brief/bench/measure"
	"github.com/brief-ssg/brief/internal/browsertest"
	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/search"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// env returns an environment variable or a default.
func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// bench is one benchmark run's tools and scratch folder.
type bench struct {
	t        *testing.T
	repo     string
	work     string
	brief    string // the brief binary
	pagefind string // "" when not installed
	runs     int
	pfMax    int // largest site Pagefind is run on
	browser  context.Context
}

// TestSearchBench is the benchmark (a test, to use the browser helpers).
// It runs only when asked:
//
//	BRIEF_SEARCH_BENCH=1 go test ./bench/search -run SearchBench -v -timeout 0
func TestSearchBench(t *testing.T) {
	if os.Getenv("BRIEF_SEARCH_BENCH") == "" {
		t.Skip("set BRIEF_SEARCH_BENCH=1 to run the search benchmark (minutes; see bench/search/README.md)")
	}
	b := &bench{t: t, repo: sitetest.RepoRoot(t), work: env("WORK", "/tmp/brief-search-bench")}
	b.runs, _ = strconv.Atoi(env("RUNS", "3"))
	b.pfMax, _ = strconv.Atoi(env("PAGEFIND_MAX", "10000"))
	if err := os.MkdirAll(b.work, 0o755); err != nil {
		t.Fatal(err)
	}
	b.brief = filepath.Join(b.work, "brief")
	b.run(b.repo, "go", "build", "-o", b.brief, "./cmd/brief")
	b.run(b.repo, "go", "build", "-o", filepath.Join(b.work, "briefcorpus"), "./cmd/briefcorpus")
	for _, p := range []string{os.Getenv("PAGEFIND"), filepath.Join(b.repo, "node_modules/.bin/pagefind")} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				b.pagefind = p
				break
			}
		}
	}
	if b.pagefind == "" {
		if p, err := exec.LookPath("pagefind"); err == nil {
			b.pagefind = p
		}
	}
	if b.pagefind == "" {
		t.Log("Pagefind not found (npm install pagefind, or PAGEFIND=path): measuring brief alone")
	}
	b.browser = browsertest.NewBrowser(t)

	queries := loadQueries(t)
	var sizes []int
	for _, s := range strings.Split(env("SIZES", "10000,100000"), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
			sizes = append(sizes, n)
		}
	}
	type siteSpec struct {
		name    string
		dir     string
		queries []query
	}
	var sites []siteSpec
	if os.Getenv("GENERATED_ONLY") == "" {
		sites = append(sites, siteSpec{"example", b.example(), exampleQueries}, siteSpec{"extraction 131", b.extraction(), queries})
	}
	for _, n := range sizes {
		sites = append(sites, siteSpec{fmt.Sprintf("generated %dk", n/1000), b.generated(n), generatedQueries})
	}
	var rows []result
	for _, s := range sites {
		r := b.measure(s.name, s.dir, s.queries)
		rows = append(rows, r)
		r.print(os.Stdout)
	}
	fmt.Println()
	printTable(os.Stdout, rows)
}

// TestFirstQuery measures the first queries alone on a site that is
// already built: BRIEF_FIRST_QUERY names its source folder and its
// built folder, "src:dest" (the generated queries are used). At 100k
// articles TestSearchBench's builds take hours on the shared machine;
// this opens the search page of one build, as step 6 does.
func TestFirstQuery(t *testing.T) {
	arg := os.Getenv("BRIEF_FIRST_QUERY")
	if arg == "" {
		t.Skip("set BRIEF_FIRST_QUERY=src:dest to measure first queries on a built site")
	}
	src, dest, ok := strings.Cut(arg, ":")
	if !ok {
		t.Fatalf("BRIEF_FIRST_QUERY=%q: want src:dest", arg)
	}
	b := &bench{t: t, browser: browsertest.NewBrowser(t)}
	base := siteBase(t, src)
	srv := serveSites(dest, t.TempDir(), base)
	defer srv.Close()
	var all, gzs []int
	for _, q := range generatedQueries {
		urls, fetched, gz := b.briefQuery(srv.URL+base, q.Q, dest)
		all, gzs = append(all, fetched), append(gzs, gz)
		fmt.Printf("%q: %s, gzipped %s, %d results shown\n", q.Q, kb(fetched), kb(gz), len(urls))
	}
	fmt.Printf("first query downloads median %s (max %s), gzipped median %s\n", kb(median(all)), kb(slices.Max(all)), kb(median(gzs)))
}

type query struct {
	Q        string   `json:"q"`
	Relevant []string `json:"relevant"`
}

// exampleQueries and generatedQueries are first queries for sites
// without judgements: bytes and timings only.
var (
	exampleQueries   = []query{{Q: "balloon"}, {Q: "export controls"}, {Q: "taiwan strait"}, {Q: "yellen"}, {Q: "climate"}}
	generatedQueries = []query{{Q: "tariffs"}, {Q: "export controls"}, {Q: "semiconductor"}, {Q: "taiwan"}, {Q: "summit talks"}}
)

func loadQueries(t *testing.T) []query {
	data, err := os.ReadFile("queries.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Queries []query `json:"queries"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f.Queries
}

// run runs a command in dir and fails the benchmark if it fails.
func (b *bench) run(dir, name string, args ...string) string {
	b.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// example copies the example site into the work folder.
func (b *bench) example() string {
	dir := filepath.Join(b.work, "example")
	os.RemoveAll(dir)
	for _, name := range []string{"content", "templates", "static"} {
		sub, _ := fs.Sub(os.DirFS(b.repo), name)
		if err := os.CopyFS(filepath.Join(dir, name), sub); err != nil {
			b.t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(b.repo, "site.yaml"))
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), data, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return dir
}

// extraction imports the 131 benchmark pages into a new site.
func (b *bench) extraction() string {
	pages := filepath.Join(b.repo, "..", "shared", "bench", "extraction", "html")
	if _, err := os.Stat(pages); err != nil {
		b.t.Fatalf("the extraction pages are missing: %v", err)
	}
	dir := filepath.Join(b.work, "extraction")
	os.RemoveAll(dir)
	b.run(b.work, b.brief, "init", "--title", "Extraction pages", dir)
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "articles", "*.md"))
	for _, m := range matches { // the sample article init writes
		os.Remove(m)
	}
	cmd := exec.Command(b.brief, "import", "--source", dir, pages)
	cmd.Run() // undated pages are imported as drafts; the build takes them with --drafts
	return dir
}

// generated writes (once) a site of n generated articles.
func (b *bench) generated(n int) string {
	dir := filepath.Join(b.work, fmt.Sprintf("gen-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil {
		os.RemoveAll(dir)
		b.run(b.work, filepath.Join(b.work, "briefcorpus"), "-n", strconv.Itoa(n), "-dest", dir)
	}
	return dir
}

// result is what one site measured.
type result struct {
	name     string
	articles int
	// brief (times are CPU times)
	buildWall, buildOffWall time.Duration // full builds with and without search (median)
	ipCPU                   time.Duration // the index alone, in process (median)
	ipPeak                  uint64        // the heap it adds at its peak
	buildRSS, buildOffRSS   int           // KB
	indexTime               time.Duration // the index's part of a full build (median)
	indexBytes              int
	editWall, editIndex     time.Duration
	editShare               float64
	editFiles, indexFiles   int
	first                   []int // bytes fetched by each first query
	firstGz                 []int
	// Pagefind
	pfRan      bool
	pfWall     time.Duration
	pfRSS      int
	pfPages    int
	pfBytes    int
	pfFirst    []int
	quality    bool
	mrr, ndcg  [2]float64 // brief, Pagefind
	hits, miss [2]int
}

var (
	timeLine  = regexp.MustCompile(`(?m)^([0-9.]+) ([0-9.]+) ([0-9.]+) ([0-9]+)$`)
	indexLine = regexp.MustCompile(`msg="search index" files=(\d+) bytes=(\d+) took=(\S+)`)
	builtLine = regexp.MustCompile(`built \d+ pages \((\d+) articles`)
)

// timed runs a command under GNU time and returns its CPU time (user and
// system: on a shared machine, steadier than the wall time), peak RSS
// (KB) and output.
func (b *bench) timed(dir string, envs []string, name string, args ...string) (time.Duration, int, string) {
	b.t.Helper()
	tf := filepath.Join(b.work, "time.txt")
	cmd := exec.Command("/usr/bin/time", append([]string{"-o", tf, "-f", "%e %U %S %M", name}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), envs...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	tb, _ := os.ReadFile(tf)
	m := timeLine.FindStringSubmatch(string(tb))
	if m == nil {
		b.t.Fatalf("GNU time wrote %q", tb)
	}
	user, _ := strconv.ParseFloat(m[2], 64)
	sys, _ := strconv.ParseFloat(m[3], 64)
	rss, _ := strconv.Atoi(m[4])
	return time.Duration((user + sys) * float64(time.Second)), rss, string(out)
}

func median[T int | time.Duration | float64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// snapshot hashes every file of the index.
func snapshot(dir string) map[string][32]byte {
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "index.html" {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = sha256.Sum256(data)
		}
		return nil
	})
	return out
}

func folderBytes(dir string, keep func(rel string) bool) int {
	total := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if keep(rel) {
				if fi, err := d.Info(); err == nil {
					total += int(fi.Size())
				}
			}
		}
		return nil
	})
	return total
}

func (b *bench) measure(name, src string, queries []query) result {
	b.t.Logf("%s: measuring", name)
	r := result{name: name}
	dest := filepath.Join(b.work, "out", strings.ReplaceAll(name, " ", "-"))
	destOff := dest + "-nosearch"
	os.RemoveAll(dest)
	os.RemoveAll(destOff)
	cfgPath := filepath.Join(src, "site.yaml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		b.t.Fatal(err)
	}
	// A run stopped half-way may have left the variant without search.
	const noSearch = "\nsearch:\n  enabled: false\n"
	cfg = bytes.TrimSuffix(cfg, []byte(noSearch))
	off := append(slices.Clone(cfg), []byte(noSearch)...)
	defer os.WriteFile(cfgPath, cfg, 0o644)
	runs := b.runs
	large := strings.Contains(name, "100k")
	if large {
		runs = 1
	}
	debug := []string{"BRIEF_DEBUG=1"}
	var walls, offWalls, idx []time.Duration
	var rss, offRSS []int
	for range runs {
		os.WriteFile(cfgPath, off, 0o644)
		w, m, _ := b.timed(b.work, nil, b.brief, "build", "--source", src, "--dest", destOff, "--force", "--drafts")
		offWalls, offRSS = append(offWalls, w), append(offRSS, m)
		os.WriteFile(cfgPath, cfg, 0o644)
		w, m, out := b.timed(b.work, debug, b.brief, "build", "--source", src, "--dest", dest, "--force", "--drafts")
		walls, rss = append(walls, w), append(rss, m)
		if mm := indexLine.FindStringSubmatch(out); mm != nil {
			d, _ := time.ParseDuration(mm[3])
			idx = append(idx, d)
		}
		if mm := builtLine.FindStringSubmatch(out); mm != nil {
			r.articles, _ = strconv.Atoi(mm[1])
		}
	}
	os.WriteFile(cfgPath, cfg, 0o644)
	r.buildWall, r.buildOffWall, r.buildRSS, r.buildOffRSS, r.indexTime = median(walls), median(offWalls), median(rss), median(offRSS), median(idx)
	r.ipCPU, r.ipPeak = b.indexAlone(src, runs)
	index := filepath.Join(dest, "search")
	r.indexBytes = folderBytes(index, func(rel string) bool { return rel != "index.html" })

	// One article edited: a sentence added to the body of the article in
	// the middle of the site, then an ordinary (incremental) build.
	b.timed(b.work, nil, b.brief, "build", "--source", src, "--dest", dest, "--drafts") // settles the cache
	before := snapshot(index)
	arts, _ := filepath.Glob(filepath.Join(src, "content", "articles", "*.md"))
	slices.Sort(arts)
	edited := arts[len(arts)/2]
	orig, _ := os.ReadFile(edited)
	os.WriteFile(edited, append(slices.Clone(orig), []byte("\n\nThe editor checked this report against two other sources.\n")...), 0o644)
	w, _, out := b.timed(b.work, debug, b.brief, "build", "--source", src, "--dest", dest, "--drafts")
	r.editWall = w
	if mm := indexLine.FindStringSubmatch(out); mm != nil {
		r.editIndex, _ = time.ParseDuration(mm[3])
	}
	after := snapshot(index)
	changedBytes, total := 0, 0
	for rel, sum := range after {
		fi, _ := os.Stat(filepath.Join(index, rel))
		total += int(fi.Size())
		if before[rel] != sum {
			changedBytes += int(fi.Size())
			r.editFiles++
		}
	}
	r.indexFiles = len(after)
	r.editShare = float64(changedBytes) / float64(max(total, 1))
	// The article as it was: the site's files are the editor's.
	os.WriteFile(edited, orig, 0o644)
	b.timed(b.work, nil, b.brief, "build", "--source", src, "--dest", dest, "--drafts")

	// Pagefind on the same output.
	pfOut := filepath.Join(b.work, "out", strings.ReplaceAll(name, " ", "-")+"-pagefind")
	os.RemoveAll(pfOut)
	if b.pagefind != "" && r.articles <= b.pfMax {
		var pw []time.Duration
		var pr []int
		for i := range max(1, min(runs, 3)) {
			os.RemoveAll(pfOut)
			// Articles only, as brief indexes them: Pagefind's default
			// takes every page (tags, topics, lists), which makes its
			// index larger and its results worse.
			// One index for every language (by default Pagefind splits
			// its index by <html lang> and searches the page's own).
			w, m, out := b.timed(b.work, nil, b.pagefind, "--site", dest, "--output-path", pfOut, "--glob", "articles/*/index.html", "--force-language", "en")
			pw, pr = append(pw, w), append(pr, m)
			if i == 0 {
				if mm := regexp.MustCompile(`Indexed (\d+) pages?`).FindStringSubmatch(out); mm != nil {
					r.pfPages, _ = strconv.Atoi(mm[1])
				}
			}
		}
		r.pfRan, r.pfWall, r.pfRSS = true, median(pw), median(pr)
		r.pfBytes = folderBytes(pfOut, func(rel string) bool {
			return !strings.Contains(rel, "-ui") && !strings.HasPrefix(rel, "pagefind-highlight")
		})
	}

	// Queries in Chromium, each on a fresh page with nothing cached.
	base := siteBase(b.t, src)
	srv := serveSites(dest, pfOut, base)
	defer srv.Close()
	var bq, pq [][]string
	for _, q := range queries {
		urls, fetched, gz := b.briefQuery(srv.URL+base, q.Q, dest)
		r.first, r.firstGz = append(r.first, fetched), append(r.firstGz, gz)
		bq = append(bq, urls)
		if r.pfRan {
			urls, fetched := b.pagefindQuery(srv.URL, q.Q)
			r.pfFirst = append(r.pfFirst, fetched)
			pq = append(pq, urls)
		}
	}
	if len(queries) > 0 && len(queries[0].Relevant) > 0 {
		r.quality = true
		r.mrr[0], r.ndcg[0], r.hits[0], r.miss[0] = score(queries, bq)
		if r.pfRan {
			r.mrr[1], r.ndcg[1], r.hits[1], r.miss[1] = score(queries, pq)
		}
		for i, q := range queries {
			b.t.Logf("%q: brief %v", q.Q, short(bq[i], 3))
			if r.pfRan {
				b.t.Logf("%q: pagefind %v", q.Q, short(pq[i], 3))
			}
		}
	}
	return r
}

// indexAlone loads the site and times the index alone in this process:
// CPU time of search.Build over the documents (bodies read beforehand)
// and the heap it adds at its peak, medians over runs.
func (b *bench) indexAlone(src string, runs int) (time.Duration, uint64) {
	ctx := context.Background()
	m, err := build.Load(ctx, os.DirFS(src), build.Options{Drafts: true})
	if err != nil {
		b.t.Fatal(err)
	}
	docs, err := m.SearchDocuments(ctx, 0)
	if err != nil {
		b.t.Fatal(err)
	}
	var cpus []time.Duration
	var peaks []int
	for range runs {
		cpu, peak := measure.Step(func() {
			_, err = search.Build(ctx, docs, search.Options{Language: m.Config.Language})
		})
		if err != nil {
			b.t.Fatal(err)
		}
		cpus, peaks = append(cpus, cpu), append(peaks, int(peak))
	}
	return median(cpus), uint64(median(peaks))
}

func short(urls []string, n int) []string {
	out := []string{}
	for _, u := range urls[:min(n, len(urls))] {
		out = append(out, slugOf(u))
	}
	return out
}

func siteBase(t *testing.T, src string) string {
	cfg, err := site.Load(os.DirFS(src), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(cfg.Base.Path, "/") + "/"
}

// serveSites serves the brief site under its base path and Pagefind's
// bundle at /pagefind/, with a bare page (/__pf/) that runs Pagefind's
// API, all with caching off so that every query starts cold.
func serveSites(dest, pfOut, base string) *httptest.Server {
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dest))))
	mux.Handle("/pagefind/", http.StripPrefix("/pagefind", http.FileServer(http.Dir(pfOut))))
	mux.HandleFunc("/__pf/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><meta charset="utf-8"><title>pf</title><body></body>`)
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	}))
}

// fetched sums what the page downloaded: the document and every
// resource, apart from the stylesheet and icon every page of the site
// shares. It also returns the resources' paths.
const fetchedJS = `(function(){
  var n = performance.getEntriesByType("navigation")[0];
  var total = n ? n.encodedBodySize : 0, paths = [];
  performance.getEntriesByType("resource").forEach(function (e) {
    if (/style\.css|favicon/.test(e.name)) return;
    total += e.encodedBodySize;
    paths.push(new URL(e.name).pathname);
  });
  return {total: total, paths: paths};
})()`

type fetched struct {
	Total int      `json:"total"`
	Paths []string `json:"paths"`
}

// briefQuery opens brief's search page with the query and returns the
// top ten results' URLs, the bytes fetched, and those bytes gzipped file
// by file (what a host compressing its responses sends).
func (b *bench) briefQuery(siteURL, q, dest string) ([]string, int, int) {
	ctx, cancel := chromedp.NewContext(b.browser)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(siteURL+"search/?q="+url.QueryEscape(q))); err != nil {
		b.t.Fatal(err)
	}
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(function(){var s=document.getElementById("search-status");return s&&s.textContent!==""&&s.textContent!=="Searching…"&&(document.querySelectorAll("#search-results li").length>=Math.min(10,(s.textContent.match(/\d+/)||[0])[0])||/^No results/.test(s.textContent));})()`))
	if err != nil {
		b.t.Fatalf("brief, %q: %v", q, err)
	}
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#search-results h2 a")).slice(0,10).map(function(a){return a.href})`))
	if err != nil {
		b.t.Fatal(err)
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[fetched](fetchedJS))
	if err != nil {
		b.t.Fatal(err)
	}
	gz := gzipSize(filepath.Join(dest, "search", "index.html"))
	u, _ := url.Parse(siteURL)
	for _, p := range f.Paths {
		if rel, ok := strings.CutPrefix(p, u.Path); ok {
			gz += gzipSize(filepath.Join(dest, filepath.FromSlash(rel)))
		}
	}
	return urls, f.Total, gz
}

// pagefindQuery runs the same query through Pagefind's JS API on a bare
// page and loads the top ten results' data, as its UI does.
func (b *bench) pagefindQuery(root, q string) ([]string, int) {
	ctx, cancel := chromedp.NewContext(b.browser)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(root+"/__pf/")); err != nil {
		b.t.Fatal(err)
	}
	js := fmt.Sprintf(`(async function(){
  const pf = await import("/pagefind/pagefind.js");
  await pf.init();
  const s = await pf.search(%q);
  const data = await Promise.all(s.results.slice(0, 10).map(function (r) { return r.data(); }));
  return data.map(function (d) { return d.url; });
})()`, q)
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("pagefind, %q: %v", q, err)
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[fetched](fetchedJS))
	if err != nil {
		b.t.Fatal(err)
	}
	// The bare page is the benchmark's, not Pagefind's.
	doc := len(`<!doctype html><meta charset="utf-8"><title>pf</title><body></body>`)
	return urls, f.Total - doc
}

func gzipSize(p string) int {
	data, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

var slugRe = regexp.MustCompile(`articles/([^/]+)/`)

func slugOf(u string) string {
	m := slugRe.FindStringSubmatch(u)
	if m == nil {
		return u
	}
	s, err := url.PathUnescape(m[1])
	if err != nil {
		return m[1]
	}
	return s
}

// score returns MRR and nDCG@10 (binary relevance) over the queries,
// with how many queries had a relevant result in the top ten and how
// many had none.
func score(queries []query, ranked [][]string) (mrr, ndcg float64, hits, misses int) {
	for i, q := range queries {
		rel := map[string]bool{}
		for _, s := range q.Relevant {
			rel[s] = true
		}
		dcg, rr := 0.0, 0.0
		for k, u := range ranked[i] {
			if k >= 10 {
				break
			}
			if rel[slugOf(u)] {
				dcg += 1 / math.Log2(float64(k+2))
				if rr == 0 {
					rr = 1 / float64(k+1)
				}
			}
		}
		ideal := 0.0
		for k := range min(len(rel), 10) {
			ideal += 1 / math.Log2(float64(k+2))
		}
		mrr += rr
		ndcg += dcg / ideal
		if rr > 0 {
			hits++
		} else {
			misses++
		}
	}
	n := float64(len(queries))
	return mrr / n, ndcg / n, hits, misses
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

func (r result) print(w *os.File) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintf(bw, "\n== %s: %d articles\n", r.name, r.articles)
	fmt.Fprintf(bw, "brief: index %s in %d files, %s/article; full build CPU %.2fs with search, %.2fs without (+%.1f%%); the index step's wall time in the build %v; the index alone %v CPU, +%d MB heap at its peak; build peak RSS %d MB with, %d MB without\n",
		kb(r.indexBytes), r.indexFiles, kb(r.indexBytes/max(r.articles, 1)), r.buildWall.Seconds(), r.buildOffWall.Seconds(), 100*(r.buildWall.Seconds()/max(r.buildOffWall.Seconds(), 1e-9)-1), r.indexTime.Round(time.Millisecond), r.ipCPU.Round(time.Millisecond), r.ipPeak>>20, r.buildRSS/1024, r.buildOffRSS/1024)
	fmt.Fprintf(bw, "brief: one-article edit: build CPU %.2fs, index step %v (wall), %d of %d index files rewritten, %.2f%% of index bytes\n",
		r.editWall.Seconds(), r.editIndex.Round(time.Millisecond), r.editFiles, r.indexFiles, 100*r.editShare)
	fmt.Fprintf(bw, "brief: first query downloads median %s (max %s), gzipped median %s\n", kb(median(r.first)), kb(slices.Max(append([]int{0}, r.first...))), kb(median(r.firstGz)))
	if r.pfRan {
		fmt.Fprintf(bw, "pagefind: %d pages indexed, index %s, %s/article; CPU %.2fs, peak RSS %d MB; first query median %s (max %s)\n",
			r.pfPages, kb(r.pfBytes), kb(r.pfBytes/max(r.articles, 1)), r.pfWall.Seconds(), r.pfRSS/1024, kb(median(r.pfFirst)), kb(slices.Max(append([]int{0}, r.pfFirst...))))
	}
	if r.quality {
		fmt.Fprintf(bw, "relevance (%d queries): brief MRR %.3f nDCG@10 %.3f (no relevant result in the top 10: %d)", r.hits[0]+r.miss[0], r.mrr[0], r.ndcg[0], r.miss[0])
		if r.pfRan {
			fmt.Fprintf(bw, "; pagefind MRR %.3f nDCG@10 %.3f (none in the top 10: %d)", r.mrr[1], r.ndcg[1], r.miss[1])
		}
		fmt.Fprintln(bw)
	}
}

func printTable(w *os.File, rows []result) {
	fmt.Fprintln(w, "| site | articles | engine | index/article | first query | index CPU | peak memory | edit rewrites | MRR | nDCG@10 |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, r := range rows {
		q := func(i int) (string, string) {
			if !r.quality {
				return "", ""
			}
			return fmt.Sprintf("%.3f", r.mrr[i]), fmt.Sprintf("%.3f", r.ndcg[i])
		}
		m, n := q(0)
		fmt.Fprintf(w, "| %s | %d | brief | %s | %s (gz %s) | %.2fs (build %.2fs, %.2fs without) | +%d MB heap (build RSS %d MB, %d MB without) | %.2f%% | %s | %s |\n", r.name, r.articles, kb(r.indexBytes/max(r.articles, 1)),
			kb(median(r.first)), kb(median(r.firstGz)), r.ipCPU.Seconds(), r.buildWall.Seconds(), r.buildOffWall.Seconds(), r.ipPeak>>20, r.buildRSS/1024, r.buildOffRSS/1024, 100*r.editShare, m, n)
		if r.pfRan {
			m, n := q(1)
			fmt.Fprintf(w, "| %s | %d | Pagefind | %s | %s | %.2fs | %d MB RSS | | %s | %s |\n", r.name, r.articles, kb(r.pfBytes/max(r.articles, 1)),
				kb(median(r.pfFirst)), r.pfWall.Seconds(), r.pfRSS/1024, m, n)
		}
	}
}
