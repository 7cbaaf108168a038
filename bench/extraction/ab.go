package main

import (
	"fmt"
	"io"
	"math"
	"net/url"
	"text/tabwriter"
	"time"

	"golang.org/x/net/html"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/htmlpage"
	"github.com/brief-ssg/brief/internal/extractmetric"
)

// converter is one side of the A/B: it turns the pruned article DOM (which
// it may change) into Markdown.
type converter struct {
	name    string
	convert func(n *html.Node, base *url.URL) (string, error)
}

func converters() []converter {
	return []converter{
		{"brief", func(n *html.Node, base *url.URL) (string, error) {
			md, _ := htmlpage.Render(n, base)
			return md, nil
		}},
		{"html-to-markdown", convertH2M},
	}
}

// runAB converts brief's pruned article DOM (htmlpage.Page.Body, the tree
// Extract renders) of every page with both converters, so that the only
// difference is the converter, and scores the Markdown as published: its
// text (extractmetric.MarkdownText) by the text metric, its structure
// against the page's article markup. Each converter runs three times on
// its own copy of the tree, in alternating order from page to page; a
// page's time is the fastest of the three.
func runAB(out io.Writer, ps []*page) error {
	cs := converters()
	type side struct {
		scores    []extractmetric.Page
		structure extractmetric.StructureScore
		ms        []float64
		bytes     []float64
		total     int
	}
	sides := make([]side, len(cs))
	noBody := 0
	for i, p := range ps {
		opt := article.Options{URL: p.URL}
		var body *html.Node
		var base *url.URL
		pg, err := htmlpage.Parse(p.HTML, opt)
		if err == nil {
			body, base, err = pg.Body(opt)
		}
		if err != nil {
			noBody++
			for j := range sides {
				sides[j].scores = append(sides[j].scores, extractmetric.Score("", p.Want))
				sides[j].structure.Add(extractmetric.ScoreStructure(extractmetric.Structure{}, p.structure()))
			}
			continue
		}
		for o := range cs {
			j := (o + i) % len(cs)
			var md string
			best := math.Inf(1)
			for range 3 {
				n := cloneTree(body)
				start := time.Now()
				md, err = cs[j].convert(n, base)
				best = min(best, float64(time.Since(start).Nanoseconds())/1e6)
				if err != nil {
					return fmt.Errorf("%s on %s: %w", cs[j].name, p.ID, err)
				}
			}
			s := &sides[j]
			s.ms = append(s.ms, best)
			s.bytes = append(s.bytes, float64(len(md)))
			s.total += len(md)
			s.scores = append(s.scores, extractmetric.Score(extractmetric.MarkdownText(md), p.Want))
			s.structure.Add(extractmetric.ScoreStructure(extractmetric.MarkdownStructure(md, p.URL), p.structure()))
		}
	}
	fmt.Fprintf(out, "\nConverter A/B on brief's pruned article DOM (%d pages with a body, %d without count as empty for both); text scored on the Markdown as published:\n", len(ps)-noBody, noBody)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "converter\ttext F1\tprecision\trecall\texact\tms/page (median)\tbytes/page (median)\tbytes (all)\tstructure F1\t")
	var rows []structureRow
	for j, c := range cs {
		s := sides[j]
		sum := extractmetric.Summarize(s.scores)
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.0f\t%d\t%.3f\t\n", c.name, sum.F1, sum.Precision, sum.Recall, sum.Accuracy, median(s.ms), median(s.bytes), s.total, s.structure.F1())
		rows = append(rows, structureRow{c.name, s.structure})
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return printStructure(out, rows)
}
