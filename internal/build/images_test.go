package build_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/images"
	"github.com/brief-ssg/brief/internal/site"
	"github.com/brief-ssg/brief/internal/sitetest"
)

const imageSite = `
-- site.yaml --
title: Pictures
base_url: https://host.example/b/
timezone: UTC
-- content/articles/crane.md --
---
title: Harbour crane arrives
date: 2025-01-10T09:00:00Z
source: Port Weekly
source_url: https://port.example/crane
image: /media/lead.png
---
The crane arrived on a barge.

![The crane on its barge](/media/body.png)

It will be assembled in a fortnight.
`

func testPNG(t testing.TB, w, h int, shade uint8) string {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), shade, uint8(y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// imageSiteWith is imageSite with its two pictures: a lead 1000 pixels
// wide (copies at 480 and 800) and a body picture 600 wide (one copy).
func imageSiteWith(t *testing.T, files string) *sitetest.Site {
	return sitetest.New(t, imageSite+files).EditFiles(
		"static/media/lead.png", testPNG(t, 1000, 500, 10),
		"static/media/body.png", testPNG(t, 600, 300, 200),
	)
}

func TestResponsiveImages(t *testing.T) {
	s := imageSiteWith(t, "").Build()
	page := "articles/crane/index.html"
	doc := s.Doc(page)
	lead := doc.Find("figure.lead-image img")
	if lead.Length() != 1 {
		t.Fatalf("no lead picture on the article's page")
	}
	srcset, _ := lead.Attr("srcset")
	if w, _ := lead.Attr("width"); w != "1000" {
		t.Errorf("lead width %q, want 1000", w)
	}
	if h, _ := lead.Attr("height"); h != "500" {
		t.Errorf("lead height %q, want 500", h)
	}
	if !strings.Contains(srcset, "-480.png 480w, ../../img/") || !strings.Contains(srcset, "-800.png 800w, ../../media/lead.png 1000w") {
		t.Errorf("lead srcset %q", srcset)
	}
	body := doc.Find(".prose img")
	if body.Length() != 1 {
		t.Fatalf("%d pictures in the body, want 1", body.Length())
	}
	for attr, want := range map[string]string{"width": "600", "height": "300", "loading": "lazy", "src": "../../media/body.png"} {
		if got, _ := body.Attr(attr); got != want {
			t.Errorf("body picture %s=%q, want %q", attr, got, want)
		}
	}
	bodySet, _ := body.Attr("srcset")
	if strings.Count(bodySet, "w,")+1 != 2 || !strings.HasSuffix(bodySet, "../../media/body.png 600w") {
		t.Errorf("body srcset %q: want one copy and the picture", bodySet)
	}
	// Every copy named in a srcset is published, at its width.
	for _, set := range []string{srcset, bodySet} {
		for _, c := range strings.Split(set, ", ") {
			name, w, _ := strings.Cut(c, " ")
			name = strings.TrimPrefix(name, "../../")
			data := s.File(name)
			if data == nil {
				t.Errorf("%s named in srcset is not published", name)
				continue
			}
			in, err := images.Probe(data)
			if err != nil || strconv.Itoa(in.Width)+"w" != w {
				t.Errorf("%s: %+v, %v; want %s", name, in, err, w)
			}
		}
	}
	// No page loads a picture from elsewhere: the CSP says so.
	s.AssertFileContent(page, "img-src 'self';", "! https:;")
	// Feeds give absolute addresses.
	s.AssertFileContent("feed.xml", `img src="https://host.example/b/media/body.png"`, `srcset="https://host.example/b/img/`)
}

// A changed picture gets new copies, and the pages naming it change; a
// rebuild matches a fresh build (Rebuild checks it).
func TestChangedImageRebuilds(t *testing.T) {
	s := imageSiteWith(t, "").Build()
	old := string(s.File("articles/crane/index.html"))
	s.EditFiles("static/media/body.png", testPNG(t, 700, 350, 90)).Rebuild()
	now := string(s.File("articles/crane/index.html"))
	if old == now {
		t.Fatal("the article's page did not change with its picture")
	}
	if !strings.Contains(now, `width="700" height="350"`) {
		t.Errorf("the new size is not on the page")
	}
}

func TestHotlinkedImageAllowsHTTPS(t *testing.T) {
	s := imageSiteWith(t, `
-- content/articles/remote.md --
---
title: Remote picture
date: 2025-01-09T09:00:00Z
---
![A picture elsewhere](https://pictures.example/a.jpg)
`).Build()
	for _, page := range []string{"index.html", "articles/crane/index.html", "articles/remote/index.html"} {
		s.AssertFileContent(page, "img-src 'self' https:;")
	}
	s.AssertFileContent("articles/remote/index.html", `<img src="https://pictures.example/a.jpg" alt="A picture elsewhere" loading="lazy" decoding="async">`)
}

// TestUnreadableSiteImageIsShownAsItIs: a file of static/ named like a
// picture that brief cannot read as one (here SVG text in a .png) is no
// reason to refuse the site: it is published as the editor left it,
// with no sized copies and no srcset, and the build says why.
func TestUnreadableSiteImageIsShownAsItIs(t *testing.T) {
	var log bytes.Buffer
	s := sitetest.New(t, imageSite, sitetest.WithOptions(build.Options{Now: sitetest.Now(), Log: slog.New(slog.NewTextHandler(&log, nil))})).EditFiles(
		"static/media/lead.png", "<svg onload=alert(1)></svg>",
		"static/media/body.png", testPNG(t, 600, 300, 1),
	).Build()
	s.AssertFileContent("media/lead.png", "<svg")
	s.AssertNoLiveMarkup()
	for _, want := range []string{"media/lead.png", "SVG", "published as it is"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the build's warnings do not say %q:\n%s", want, log.String())
		}
	}
}

const publishSite = `
-- site.yaml --
title: Modes
base_url: https://host.example/
timezone: UTC
publish:
  words: 8
  sources:
    Ledger: link
-- content/articles/full.md --
---
title: Full text
date: 2025-01-10T09:00:00Z
source: Gazette
source_url: https://gazette.example/full
---
Every word of this report is published here.

Its second paragraph too.
-- content/articles/excerpt.md --
---
title: Excerpt only
date: 2025-01-09T09:00:00Z
source: Gazette
source_url: https://gazette.example/excerpt
publish: excerpt
---
The opening paragraph of the report is short.

The second paragraph must stay at the publisher.
-- content/articles/linked.md --
---
title: Link only
date: 2025-01-08T09:00:00Z
source: Ledger
source_url: https://ledger.example/linked
summary: What the report says, in the editor's words.
note: Worth reading for the numbers.
---
Not one sentence of this text may be shown.
-- content/articles/own.md --
---
title: The editor's own
date: 2025-01-07T09:00:00Z
---
Written for this briefing.
`

func TestPublishModes(t *testing.T) {
	s := sitetest.New(t, publishSite).Build()
	s.AssertFileContent("articles/full/index.html", "Every word of this report", "Its second paragraph too.",
		`<p class="credit">Originally published by <span class="credit-source">Gazette</span> on <time datetime="2025-01-10T09:00:00Z">January 10, 2025</time>: <a href="https://gazette.example/full" rel="noopener noreferrer">https://gazette.example/full</a></p>`,
		"! Continue reading")
	s.AssertFileContent("articles/excerpt/index.html", "An excerpt", "The opening paragraph of the report is short.",
		"! The second paragraph", `Continue reading at Gazette`, "Originally published by")
	s.AssertFileContent("articles/linked/index.html", "! Not one sentence", "This briefing does not republish the text of Ledger’s report",
		"What the report says, in the editor", "Worth reading for the numbers", "Originally published by")
	s.AssertFileContent("articles/own/index.html", "Written for this briefing.", "! Originally published")
	for _, feed := range []string{"feed.xml", "rss.xml", "feed.json"} {
		s.AssertFileContent(feed, "Every word of this report", "The opening paragraph of the report is short.",
			"! The second paragraph", "! Not one sentence", "What the report says",
			"Originally published by Gazette on January 10, 2025", "Originally published by Ledger on January 8, 2025",
			"Continue reading at Gazette")
	}
}

func TestPublishedMarkdown(t *testing.T) {
	cfg, err := site.Parse("site.yaml", []byte("title: T\nbase_url: https://h.example/\npublish:\n  paragraphs: 1\n  sources:\n    ledger.example: excerpt\n"))
	if err != nil {
		t.Fatal(err)
	}
	body := "First.\n\n![x](/a.png)\n\nSecond.\n"
	for _, tc := range []struct {
		a    content.Article
		want string
		mode string
	}{
		{content.Article{}, body, "full"},
		{content.Article{SourceURL: "https://www.ledger.example/x"}, "First.\n", "excerpt"},
		{content.Article{SourceURL: "https://www.ledger.example/x", Publish: "link"}, "", "link"},
	} {
		md, mode, _ := build.PublishedMarkdown(cfg, &tc.a, body)
		if md != tc.want || mode != tc.mode {
			t.Errorf("%+v: %q, %s; want %q, %s", tc.a, md, mode, tc.want, tc.mode)
		}
	}
}

// A lead image that names no file of static/ is not shown as a broken
// picture; an SVG of the editor's is shown as it is, without a size.
func TestLeadImageOfNoFile(t *testing.T) {
	s := imageSiteWith(t, `
-- content/articles/missing.md --
---
title: Missing picture
date: 2025-01-09T09:00:00Z
image: /media/nowhere.png
---
Text.
-- content/articles/drawn.md --
---
title: Drawn picture
date: 2025-01-08T09:00:00Z
image: /media/drawn.svg
---
Text.
-- static/media/drawn.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>
`).Build()
	s.AssertFileContent("articles/missing/index.html", "! lead-image", `! <img src="../../media/nowhere.png"`)
	s.AssertFileContent("articles/drawn/index.html", `<figure class="lead-image"><img src="../../media/drawn.svg" alt=""></figure>`)
}
