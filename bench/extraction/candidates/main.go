// Command candidates prints, for each benchmark page, every metadata
// candidate a labeller needs side by side: the <title>, the <h1>s, OpenGraph
// and other meta tags, JSON-LD headline/dates/authors/publisher, <time>
// elements, byline-like elements and the dump's lines around the headline.
// It does not decide anything: the labels in ../metadata.json were chosen by
// reading these blocks (and the page where they disagree), see METADATA.md.
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
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

func main() {
	data := flag.String("data", "../../../shared/bench/extraction", "benchmark data directory")
	from := flag.Int("from", 0, "first page index (ids sorted)")
	n := flag.Int("n", 1000, "number of pages")
	prefill := flag.String("prefill", "", "also write first-draft labels (to be reviewed) to this JSON file")
	flag.Parse()
	raw, err := os.ReadFile(filepath.Join(*data, "ground-truth.json"))
	if err != nil {
		fail(err)
	}
	var gt map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		fail(err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	drafts := map[string]any{}
	for i := *from; i < min(len(ids), *from+*n); i++ {
		id := ids[i]
		page, err := readGz(filepath.Join(*data, "html", id+".html.gz"))
		if err != nil {
			fail(err)
		}
		dump, _ := os.ReadFile(filepath.Join(*data, "text", id+".txt"))
		fmt.Printf("=== %d %s %s\n", i, id[:12], gt[id].URL)
		g := describe(os.Stdout, page, string(dump))
		drafts[id] = struct {
			Index int    `json:"index"`
			URL   string `json:"url"`
			guess
		}{i, gt[id].URL, g}
	}
	if *prefill != "" {
		b, _ := json.MarshalIndent(drafts, "", "  ")
		if err := os.WriteFile(*prefill, b, 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "candidates:", err)
	os.Exit(1)
}

func readGz(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

var (
	metaKey   = regexp.MustCompile(`(?i)(date|time|publish|author|byl|creator|site_name|application-name|^title$|og:title|twitter:title|headline|sailthru|parsely)`)
	bylineCls = regexp.MustCompile(`(?i)(byline|author|dateline|timestamp|posted|pubdate|publish|article-date|entry-date|meta-date)`)
	space     = regexp.MustCompile(`\s+`)
)

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(space.ReplaceAllString(b.String(), " "))
}

func rawText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, k) {
			return a.Val
		}
	}
	return ""
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// guess is a first draft of a label, for the labeller to confirm or
// overrule: the first h1, JSON-LD before meta tags, og:site_name.
type guess struct {
	Title     string   `json:"title"`
	Published string   `json:"published"`
	Authors   []string `json:"authors"`
	Source    string   `json:"source"`
}

func describe(w io.Writer, page []byte, dump string) guess {
	var g guess
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		fmt.Fprintln(w, "parse:", err)
		return g
	}
	var h1s, times, bylines, metas, itemprops []string
	var lds []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				if len(metas) < 60 {
					metas = append(metas, "<title>="+cut(text(n), 160))
				}
			case "h1":
				if len(h1s) < 4 {
					h1s = append(h1s, cut(text(n), 160))
				}
			case "time":
				if len(times) < 5 {
					times = append(times, attr(n, "datetime")+" «"+cut(text(n), 60)+"»")
				}
			case "meta":
				k := attr(n, "property") + attr(n, "name") + attr(n, "itemprop")
				v := attr(n, "content")
				switch strings.ToLower(k) {
				case "article:published_time", "datepublished":
					if g.Published == "" {
						g.Published = v
					}
				case "og:site_name":
					if g.Source == "" {
						g.Source = v
					}
				case "author":
					if len(g.Authors) == 0 && v != "" {
						g.Authors = []string{v}
					}
				}
				if metaKey.MatchString(k) && len(metas) < 60 {
					metas = append(metas, k+"="+cut(attr(n, "content"), 160))
				}
			case "script":
				if strings.Contains(attr(n, "type"), "ld+json") {
					lds = append(lds, ldSummary(rawText(n), &g)...)
				}
			}
			if ip := attr(n, "itemprop"); ip != "" && n.Data != "meta" && regexp.MustCompile(`(?i)date|author|headline|publisher`).MatchString(ip) && len(itemprops) < 6 {
				v := attr(n, "datetime") + attr(n, "content")
				itemprops = append(itemprops, ip+"="+v+" «"+cut(text(n), 80)+"»")
			}
			if c := attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "rel"); bylineCls.MatchString(c) && len(bylines) < 6 {
				if t := text(n); t != "" && len(t) < 200 && !slices.Contains(bylines, t) {
					bylines = append(bylines, "["+cut(strings.TrimSpace(c), 40)+"] "+t)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(h1s) > 0 {
		g.Title = h1s[0]
	}
	for _, h := range h1s {
		fmt.Fprintln(w, "h1:", h)
	}
	for _, m := range metas {
		fmt.Fprintln(w, "meta:", m)
	}
	for _, l := range lds {
		fmt.Fprintln(w, "ld:", l)
	}
	for _, t := range times {
		fmt.Fprintln(w, "time:", t)
	}
	for _, t := range itemprops {
		fmt.Fprintln(w, "itemprop:", t)
	}
	for _, t := range bylines {
		fmt.Fprintln(w, "byl:", t)
	}
	// The dump around the headline: the visible byline and dateline.
	lines := strings.Split(dump, "\n")
	at := -1
	for i, l := range lines {
		if i > 0 && len(h1s) > 0 && strings.TrimSpace(l) != "" && strings.EqualFold(strings.TrimSpace(l), strings.TrimSpace(h1s[0])) {
			at = i
			break
		}
	}
	if at < 0 && len(lines) > 0 {
		fmt.Fprintln(w, "dump title:", cut(lines[0], 160), "(h1 not found in dump)")
		return g
	}
	for i := max(1, at-4); i < min(len(lines), at+9); i++ {
		fmt.Fprintf(w, "dump%+d: %s\n", i-at, cut(lines[i], 140))
	}
	return g
}

// ldSummary lists headline, dates, authors and publisher of every JSON-LD
// object that has any of them (including @graph members).
func ldSummary(raw string, g *guess) []string {
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return []string{"(bad json-ld)"}
	}
	var out []string
	var visit func(any)
	visit = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e)
			}
		case map[string]any:
			var parts []string
			for _, k := range []string{"@type", "headline", "name", "datePublished", "dateCreated", "dateModified", "author", "creator", "publisher"} {
				if val, ok := x[k]; ok {
					if k == "name" && x["headline"] != nil {
						continue
					}
					parts = append(parts, k+"="+cut(short(val), 120))
				}
			}
			if d, ok := x["datePublished"].(string); ok && g.Published == "" {
				g.Published = d
			}
			if a, ok := x["author"]; ok && len(g.Authors) == 0 {
				for _, s := range strings.Split(strings.Trim(short(a), "[]"), "; ") {
					if s != "" {
						g.Authors = append(g.Authors, s)
					}
				}
			}
			if p, ok := x["publisher"]; ok && g.Source == "" {
				g.Source = short(p)
			}
			if len(parts) > 1 {
				out = append(out, strings.Join(parts, " | "))
			}
			if g, ok := x["@graph"]; ok {
				visit(g)
			}
		}
	}
	visit(v)
	return out
}

func short(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var s []string
		for _, e := range x {
			s = append(s, short(e))
		}
		return "[" + strings.Join(s, "; ") + "]"
	case map[string]any:
		if n, ok := x["name"]; ok {
			return short(n)
		}
		if id, ok := x["@id"]; ok {
			return "@id:" + short(id)
		}
		return "{…}"
	default:
		return fmt.Sprint(x)
	}
}
