package markdown

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/brief-ssg/brief/internal/htmlcheck"
)

// TestScriptURLsDropped renders every URL htmlcheck calls a script URL,
// written in each way Markdown allows and disguised as browsers forgive
// (case, controls inside the scheme, character references), and checks
// that the renderer keeps no link or image to it, while keeping the text.
func TestScriptURLsDropped(t *testing.T) {
	r := New()
	var urls []string
	for _, u := range htmlcheck.ScriptURLs {
		scheme, rest, _ := strings.Cut(u, ":")
		urls = append(urls, u,
			strings.ToUpper(scheme[:1])+scheme[1:]+":"+rest,
			"  "+scheme+":"+rest,
			scheme[:2]+"&#9;"+scheme[2:]+":"+rest,
			"&#"+itoa(int(scheme[0]))+";"+scheme[1:]+":"+rest,
			scheme+"&#58;"+rest,
		)
	}
	urls = append(urls, "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "ftp://x.example/", "file:///etc/passwd", "tel:123")
	for _, u := range urls {
		esc := strings.NewReplacer("(", `\(`, ")", `\)`, " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
		for _, src := range []string{"[shown text](" + esc + ")", "![alt text](" + esc + ")", "<" + u + ">", "[shown text][ref]\n\n[ref]: <" + u + ">"} {
			html, err := r.Render(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			page := `<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'none'"></head><body>` + string(html) + `</body></html>`
			if found, _ := htmlcheck.Check([]byte(page)); len(found) > 0 {
				t.Errorf("%q: htmlcheck finds %v in %s", src, found, html)
			}
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(page))
			if n := doc.Find("a[href], img").Length(); n > 0 {
				t.Errorf("%q: kept a link or image: %s", src, html)
			}
			if strings.HasPrefix(src, "[") && !strings.Contains(string(html), "shown text") || strings.HasPrefix(src, "!") && !strings.Contains(string(html), "alt text") {
				t.Errorf("%q: text lost: %s", src, html)
			}
		}
	}
}

func itoa(i int) string {
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestAllowedURL(t *testing.T) {
	for _, tc := range []struct {
		u  string
		ok bool
	}{
		{"https://example.org/", true}, {"HTTP://example.org/", true}, {"mailto:a@example.org", true},
		{"/about/", true}, {"../x/", true}, {"x/y", true}, {"#fn:1", true}, {"?q=a:b", true}, {"a/b:c", true},
		{"//example.org/x", true},
		{"javascript:x", false}, {" java\tscript:x", false}, {"livescript:x", false}, {"data:image/png;base64,x", false},
		{"vbscript:x", false}, {"ftp://x", false}, {"a:b", false}, {"\x00javascript:x", false},
		{"&#106;avascript:x", false}, {"java&Tab;script&colon;x", false}, {`javascript\:x`, false}, {"&#x6A;avascript:x", false},
	} {
		if got := AllowedURL(tc.u); got != tc.ok {
			t.Errorf("AllowedURL(%q) = %v, want %v", tc.u, got, tc.ok)
		}
	}
}

// TestLinksToOtherSites checks that every link to another site, however
// written (link, autolink, linkified address), carries rel="noopener
// noreferrer", and that links within the site and mailto do not need it.
func TestLinksToOtherSites(t *testing.T) {
	r := New()
	for _, tc := range []struct {
		src string
		rel bool
	}{
		{"[a](https://news.example/a)", true},
		{"<https://news.example/a>", true},
		{"see https://news.example/a now", true},
		{"see www.news.example now", true},
		{"[a](//news.example/a)", true},
		{"[a](/about/)", false},
		{"<mailto:desk@example.org>", false},
		{"write to desk@example.org", false},
	} {
		html, err := r.Render(tc.src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(html), `rel="noopener noreferrer"`); got != tc.rel || !strings.Contains(string(html), "<a ") {
			t.Errorf("%q → %s; want rel: %v", tc.src, html, tc.rel)
		}
	}
}

// TestTableAlignmentClasses checks that alignment is a class, which the
// pages' CSP allows, never a style attribute, which it refuses.
func TestTableAlignmentClasses(t *testing.T) {
	html, err := New().Render("| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<th class="align-left">l</th>`, `<th class="align-center">c</th>`, `<th class="align-right">r</th>`, `<th>n</th>`, `<td class="align-center">2</td>`, `<td>4</td>`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
	if strings.Contains(string(html), "style=") || strings.Contains(string(html), "align=") {
		t.Errorf("inline alignment in\n%s", html)
	}
}
