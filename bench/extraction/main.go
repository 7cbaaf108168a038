// Command extraction measures article extractors on the shared benchmark
// pages: brief's HTML and text-dump extractors against go-trafilatura and
// go-readability, with the metric defined in the data's README.
//
// It is a module of its own so that the comparison libraries never become
// dependencies of brief itself.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/brief-ssg/brief/internal/extractmetric"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "extraction:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("extraction", flag.ContinueOnError)
	data := fs.String("data", "../../../shared/bench/extraction", "benchmark data directory")
	split := fs.Bool("split", false, "also report the even and odd halves of the pages (ids sorted)")
	only := fs.String("only", "", "comma-separated extractor names to run (default all)")
	pages := fs.String("pages", "", "print per-page scores of this extractor, worst first")
	dump := fs.String("dump", "", "write each extractor's output to DIR/<extractor>/<id>.txt")
	procs := fs.Int("procs", 1, "GOMAXPROCS while measuring (timings are per core)")
	metaOnly := fs.Bool("meta", false, "score metadata (title, published, authors, source) against metadata.json instead of bodies")
	metaPages := fs.String("metapages", "", "with -meta, print every wrong field of this extractor")
	labels := fs.String("labels", "metadata.json", "the labelled metadata set")
	ab := fs.Bool("ab", true, "also run the converter A/B (brief's converter against html-to-markdown on brief's pruned DOM) and the hostile-construct check")
	if err := fs.Parse(args); err != nil {
		return err
	}
	runtime.GOMAXPROCS(*procs)

	ps, err := load(*data)
	if err != nil {
		return err
	}
	if *metaOnly {
		ls, err := loadLabels(*labels)
		if err != nil {
			return err
		}
		var names []string
		if *only != "" {
			names = strings.Split(*only, ",")
		}
		return runMeta(out, ps, ls, names, *split, *metaPages)
	}
	var xs []extractor
	for _, x := range extractors() {
		if *only == "" || slices.Contains(strings.Split(*only, ","), x.name) {
			xs = append(xs, x)
		}
	}

	type result struct {
		name      string
		scores    []extractmetric.Page
		ms        []float64
		structure extractmetric.StructureScore
		hasMD     bool
	}
	var results []result
	for _, x := range xs {
		r := result{name: x.name}
		for _, p := range ps {
			start := time.Now()
			got, _ := x.run(p)
			r.ms = append(r.ms, float64(time.Since(start).Microseconds())/1000)
			r.scores = append(r.scores, extractmetric.Score(got.text, p.Want))
			if got.node != nil {
				got.md, _ = convertH2M(got.node, p.base())
			}
			if got.md != "" || x.name != "whole-dump" {
				r.hasMD = r.hasMD || got.md != ""
				r.structure.Add(extractmetric.ScoreStructure(extractmetric.MarkdownStructure(got.md, p.URL), p.structure()))
			}
			if *dump != "" {
				dir := filepath.Join(*dump, x.name)
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dir, p.ID+".txt"), []byte(got.text), 0o644); err != nil {
					return err
				}
				if got.md != "" {
					if err := os.WriteFile(filepath.Join(dir, p.ID+".md"), []byte(got.md), 0o644); err != nil {
						return err
					}
				}
			}
		}
		results = append(results, r)
		if x.name == *pages {
			printPages(out, ps, r.scores)
		}
	}

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pages\textractor\tF1\tprecision\trecall\texact\tms/page (median)\t")
	for _, h := range halves(*split) {
		for _, r := range results {
			var sc []extractmetric.Page
			var ms []float64
			for i := range r.scores {
				if h.keep(i) {
					sc = append(sc, r.scores[i])
					ms = append(ms, r.ms[i])
				}
			}
			s := extractmetric.Summarize(sc)
			fmt.Fprintf(tw, "%s (%d)\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t\n",
				h.label, s.Pages, r.name, s.F1, s.Precision, s.Recall, s.Accuracy, median(ms))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(out, "\nMarkdown structure against the page's article markup (recall/precision per construct, all pages; trafilatura and readability: their extracted DOM through html-to-markdown):")
	var rows []structureRow
	for _, r := range results {
		if r.hasMD {
			rows = append(rows, structureRow{r.name, r.structure})
		}
	}
	if err := printStructure(out, rows); err != nil {
		return err
	}
	if *ab {
		if err := runAB(out, ps); err != nil {
			return err
		}
		return printHostile(out)
	}
	return nil
}

type structureRow struct {
	name string
	s    extractmetric.StructureScore
}

func printStructure(out io.Writer, rows []structureRow) error {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "output\t")
	for k := range extractmetric.NumKinds {
		fmt.Fprintf(tw, "%s R/P\t", k)
	}
	fmt.Fprintln(tw, "all R\tall P\tstructure F1\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t", r.name)
		for k := range extractmetric.NumKinds {
			fmt.Fprintf(tw, "%.3f/%.3f\t", r.s.Recall(k), r.s.Precision(k))
		}
		tp, want, got := r.s.Totals()
		fmt.Fprintf(tw, "%.3f\t%.3f\t%.3f\t\n", float64(tp)/float64(max(want, 1)), float64(tp)/float64(max(got, 1)), r.s.F1())
	}
	if len(rows) > 0 {
		fmt.Fprint(tw, "(reference count)\t")
		for k := range extractmetric.NumKinds {
			fmt.Fprintf(tw, "%d\t", rows[0].s.Want[k])
		}
		_, want, _ := rows[0].s.Totals()
		fmt.Fprintf(tw, "%d\t\t\t\n", want)
	}
	return tw.Flush()
}

func printPages(out io.Writer, ps []*page, scores []extractmetric.Page) {
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]].F1() < scores[idx[b]].F1() })
	for _, i := range idx {
		s := scores[i]
		p, _ := s.Precision()
		r, _ := s.Recall()
		fmt.Fprintf(out, "%.3f P=%.3f R=%.3f exact=%-5v %s %s\n", s.F1(), p, r, s.Exact, ps[i].ID[:12], ps[i].URL)
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// load reads the reference texts and the pages, sorted by id so that the
// even/odd split is stable.
func load(dir string) ([]*page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("reading ground truth: %w", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return nil, fmt.Errorf("parsing ground truth: %w", err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var ps []*page
	for _, id := range ids {
		gz, err := os.ReadFile(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		dump, err := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
		if err != nil {
			return nil, err
		}
		ps = append(ps, &page{ID: id, URL: gt[id].URL, HTML: body, Dump: dump, Want: gt[id].ArticleBody})
	}
	return ps, nil
}
