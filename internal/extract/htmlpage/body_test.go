package htmlpage

import (
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// TestBodyRendersAsExtract checks that the pruned article DOM that Body
// hands to other converters is what Extract renders: Render(Body()) gives
// Extract's Markdown and text, on the fixture and on every benchmark page.
func TestBodyRendersAsExtract(t *testing.T) {
	type input struct {
		name, url string
		data      []byte
	}
	check := func(t *testing.T, in input) {
		opt := article.Options{URL: in.url}
		a, err := Extract(in.data, opt)
		if err != nil {
			return
		}
		p, err := Parse(in.data, opt)
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		n, base, err := p.Body(opt)
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		if n.Parent != nil {
			t.Errorf("%s: Body is not detached", in.name)
		}
		md, text := Render(n, base)
		if md != a.Markdown {
			t.Errorf("%s: Render(Body) Markdown differs from Extract's:\n%s\n---\n%s", in.name, md, a.Markdown)
		}
		if text != a.Text {
			t.Errorf("%s: Render(Body) text differs from Extract's", in.name)
		}
	}
	t.Run("fixture", func(t *testing.T) {
		check(t, input{"story.html", "https://courier.example/news/ferry-returns", readFixture(t, "story.html")})
	})
	t.Run("benchmark", func(t *testing.T) {
		for _, pg := range articletest.LoadBench(t) {
			check(t, input{pg.ID, pg.URL, pg.HTML})
		}
	})
}
