package markdown

import "testing"

func TestCut(t *testing.T) {
	const three = "First paragraph has five words.\n\nSecond one has four.\n\nThird, the last one here.\n"
	for _, tc := range []struct {
		name       string
		src        string
		words, par int
		want       string
		cut        bool
	}{
		{"whole text fits", three, 100, 0, three, false},
		{"two paragraphs", three, 0, 2, "First paragraph has five words.\n\nSecond one has four.\n", true},
		{"words end between blocks", three, 9, 0, "First paragraph has five words.\n\nSecond one has four.\n", true},
		{"the shorter bound wins", three, 6, 3, "First paragraph has five words.\n", true},
		{"a long first paragraph is cut", "One two three four five six.\n\nMore.\n", 3, 0, "One two three…\n", true},
		{"never inside a link", "One [two three four](https://x.example/a b) five six.\n", 2, 0, "One [two three four](https://x.example/a b)…\n", true},
		{"a heading comes along, pictures do not", "# Title\n\n![a picture](/media/a.jpg)\n\nText of the body here.\n\nMore text.\n", 0, 1, "# Title\n\nText of the body here.\n", true},
		{"a picture alone is a cut", "Text.\n\n![a picture](/media/a.jpg)\n", 0, 0, "Text.\n", true},
		{"fenced code keeps its blank lines", "Intro.\n\n```\na\n\nb\n```\n\nEnd.\n", 0, 2, "Intro.\n\n```\na\n\nb\n```\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, cut := Cut(tc.src, tc.words, tc.par)
			if got != tc.want || cut != tc.cut {
				t.Errorf("Cut = %q, %t; want %q, %t", got, cut, tc.want, tc.cut)
			}
		})
	}
}

func TestImageHook(t *testing.T) {
	r := New()
	out, err := r.Render("![a \"quoted\" alt](/media/a.jpg)\n\n![remote](https://x.example/b.jpg)\n", Options{
		Image: func(dest string) *Image {
			if dest != "/media/a.jpg" {
				return nil
			}
			return &Image{Src: "../../media/a.jpg", Srcset: `../../img/a-480.jpg 480w, ../../media/a.jpg 1000w`, Sizes: "100vw", Width: 1000, Height: 600}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><img src="../../media/a.jpg" alt="a &ldquo;quoted&rdquo; alt" srcset="../../img/a-480.jpg 480w, ../../media/a.jpg 1000w" sizes="100vw" width="1000" height="600" loading="lazy" decoding="async"></p>
<p><img src="https://x.example/b.jpg" alt="remote" loading="lazy" decoding="async"></p>
`
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
