// Package archivebench measures brief import on a web archive against the
// same pages saved as a folder of HTML files (see README.md beside it).
package archivebench

import (
	"bufio"
	"errors"
	"fmt"
	"html"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/brief-ssg/brief/bench/corpus"
	"github.com/brief-ssg/brief/internal/archive/warctest"
	"github.com/brief-ssg/brief/internal/content"
)

// errFull stops the corpus once the archive has reached its size.
var errFull = errors.New("archive full")

// Generate writes a crawl of about warcBytes bytes (gzipped, one member a
// record) to dir/crawl.warc.gz, and the same HTML pages as files under
// dir/pages/<host>/, and returns how many pages it wrote. Each page is a
// generated article (bench/corpus) dressed as a news site's page: meta
// tags and JSON-LD, a menu, a "most read" box that changes from page to
// page, a footer, and scripts and styles bringing it to the size of a
// real one. Around each page the crawl records what a crawler records:
// the request, an image (incompressible bytes), a stylesheet and, for
// every fifth page, a revisit.
func Generate(dir string, warcBytes int64) (int, error) {
	if err := os.MkdirAll(filepath.Join(dir, "pages"), 0o755); err != nil {
		return 0, err
	}
	f, err := os.Create(filepath.Join(dir, "crawl.warc.gz"))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	counted := &countingWriter{w: bufio.NewWriterSize(f, 1<<20)}
	w := warctest.NewWriter(counted, true)
	n := 0
	var headlines []string
	err = corpus.Generate(corpus.Options{Articles: 1 << 30}, func(name string, data []byte) error {
		if !strings.HasSuffix(name, ".md") {
			return nil
		}
		if counted.n >= warcBytes {
			return errFull
		}
		a, err := content.ParseArticle(name, data, time.UTC)
		if err != nil {
			return err
		}
		u, err := url.Parse(a.SourceURL)
		if err != nil {
			return err
		}
		page := pageHTML(a, headlines, n)
		headlines = append(headlines, a.Title)
		if len(headlines) > 40 {
			headlines = headlines[1:]
		}
		file := filepath.Join(dir, "pages", u.Host, strings.ReplaceAll(strings.Trim(u.Path, "/"), "/", "-")+".html")
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, page, 0o644); err != nil {
			return err
		}
		r := rand.New(rand.NewPCG(uint64(n), 7))
		img := make([]byte, 16<<10+r.IntN(32<<10))
		for i := range img {
			img[i] = byte(r.Uint32())
		}
		captured := a.Date.Add(time.Duration(r.IntN(48)) * time.Hour).UTC()
		recs := []warctest.Record{
			{Type: "request", URI: a.SourceURL, Date: captured, Block: []byte("GET " + u.Path + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUser-Agent: crawler\r\n\r\n")},
			{Type: "response", URI: a.SourceURL, Date: captured, Block: warctest.Response(200, page, "Content-Type: text/html; charset=utf-8", "Server: bench")},
			{Type: "response", URI: "https://" + u.Host + "/images/" + fmt.Sprint(n) + ".jpg", Date: captured, Block: warctest.Response(200, img, "Content-Type: image/jpeg")},
			{Type: "response", URI: "https://" + u.Host + "/site.css", Date: captured, Block: warctest.Response(200, []byte(styles), "Content-Type: text/css")},
		}
		if n%5 == 4 {
			recs = append(recs, warctest.Record{Type: "revisit", URI: a.SourceURL, Date: captured.Add(time.Hour), Block: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")})
		}
		if err := w.Write(recs...); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil && !errors.Is(err, errFull) {
		return n, err
	}
	if err := counted.w.(*bufio.Writer).Flush(); err != nil {
		return n, err
	}
	return n, f.Close()
}

type countingWriter struct {
	w interface{ Write([]byte) (int, error) }
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

const styles = `body{font:16px/1.5 Georgia,serif;margin:0}nav a{padding:0 .5em}.most-read li{margin:.25em 0}footer{font-size:80%}`

// pageHTML dresses an article as a news page.
func pageHTML(a *content.Article, headlines []string, n int) []byte {
	var b strings.Builder
	esc := html.EscapeString
	author := ""
	if len(a.Authors) > 0 {
		author = a.Authors[0]
	}
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>
<meta name="description" content="%s"><meta property="og:title" content="%s"><meta property="og:url" content="%s">
<link rel="canonical" href="%s"><link rel="stylesheet" href="/site.css">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q,"datePublished":%q,"author":{"@type":"Person","name":%q},"publisher":{"@type":"Organization","name":%q}}</script>
<style>%s</style>
`, esc(a.Title), esc(a.Source), esc(a.Summary), esc(a.Title), esc(a.SourceURL), esc(a.SourceURL), a.Title, a.Date.Format(time.RFC3339), author, a.Source, strings.Repeat(styles, 8))
	// Analytics and ad scripts: most of a real page's bytes.
	r := rand.New(rand.NewPCG(uint64(n), 11))
	b.WriteString("<script>window.__data={")
	for i := range 900 {
		fmt.Fprintf(&b, `"k%d":"%x",`, i, r.Uint64())
	}
	b.WriteString("};</script></head><body>\n<header><a href=\"/\">" + esc(a.Source) + "</a><nav>")
	for _, s := range []string{"World", "Politics", "Business", "Technology", "Science", "Health", "Sport", "Culture", "Opinion", "Video", "Podcasts", "Newsletters"} {
		fmt.Fprintf(&b, `<a href="/%s">%s</a> `, strings.ToLower(s), s)
	}
	b.WriteString("</nav></header>\n<main><article><h1>" + esc(a.Title) + "</h1>\n")
	fmt.Fprintf(&b, `<p class="byline">By %s · <time datetime="%s">%s</time></p>`+"\n", esc(author), a.Date.Format(time.RFC3339), a.Date.Format("2 January 2006"))
	for _, para := range strings.Split(strings.TrimSpace(a.Body), "\n\n") {
		switch {
		case strings.HasPrefix(para, "## "):
			b.WriteString("<h2>" + esc(strings.TrimPrefix(para, "## ")) + "</h2>\n")
		case strings.HasPrefix(para, "- "):
			b.WriteString("<ul>")
			for _, li := range strings.Split(para, "\n") {
				b.WriteString("<li>" + esc(strings.TrimPrefix(li, "- ")) + "</li>")
			}
			b.WriteString("</ul>\n")
		case strings.HasPrefix(para, "> "):
			b.WriteString("<blockquote><p>" + esc(strings.TrimPrefix(para, "> ")) + "</p></blockquote>\n")
		default:
			b.WriteString("<p>" + esc(strings.ReplaceAll(para, "\n", " ")) + "</p>\n")
		}
	}
	b.WriteString("</article>\n<aside class=\"most-read\"><h2>Most read</h2><ol>")
	for i, h := range headlines {
		if i%4 == n%4 {
			fmt.Fprintf(&b, `<li><a href="/read/%d">%s</a></li>`, i, esc(h))
		}
	}
	b.WriteString("</ol></aside></main>\n<footer><p>© " + esc(a.Source) + `. All rights reserved.</p><p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a> <a href="/contact">Contact us</a></p><p>Sign up for our newsletter to get the day's news in your inbox every morning.</p></footer>` + "\n</body></html>\n")
	return []byte(b.String())
}
