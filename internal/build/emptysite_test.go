package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestBrokenInputKeepsPublishedSite: a content folder that is missing, a
// file, or whose articles folder is a file fails the build, and so does a
// build that would drop more than half of the published articles unless
// forced; the published site stays as it was in every refused case.
func TestBrokenInputKeepsPublishedSite(t *testing.T) {
	site := "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n"
	for i := range 4 {
		site += fmt.Sprintf("-- content/articles/a%d.md --\n---\ntitle: Story %d\ndate: 2025-01-0%dT00:00:00Z\n---\nBody.\n", i, i, i+1)
	}
	cases := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		force  bool
		want   []string // in the error; none: the build succeeds
	}{
		{"content missing", func(t *testing.T, dir string) { must(t, os.RemoveAll(filepath.Join(dir, "content"))) },
			false, []string{"content folder is missing", "--source"}},
		{"content a file", func(t *testing.T, dir string) {
			must(t, os.RemoveAll(filepath.Join(dir, "content")))
			must(t, os.WriteFile(filepath.Join(dir, "content"), []byte("x"), 0o644))
		}, false, []string{"content is a file"}},
		{"articles a file", func(t *testing.T, dir string) {
			must(t, os.RemoveAll(filepath.Join(dir, "content", "articles")))
			must(t, os.WriteFile(filepath.Join(dir, "content", "articles"), []byte("x"), 0o644))
		}, false, []string{"content/articles is a file"}},
		{"three of four articles gone", func(t *testing.T, dir string) {
			for i := 1; i < 4; i++ {
				must(t, os.Remove(filepath.Join(dir, "content", "articles", fmt.Sprintf("a%d.md", i))))
			}
		}, false, []string{"publish 1 article where", "has 4", "--force"}},
		{"three of four articles gone, forced", func(t *testing.T, dir string) {
			for i := 1; i < 4; i++ {
				must(t, os.Remove(filepath.Join(dir, "content", "articles", fmt.Sprintf("a%d.md", i))))
			}
		}, true, nil},
		{"two of four gone", func(t *testing.T, dir string) {
			for i := 2; i < 4; i++ {
				must(t, os.Remove(filepath.Join(dir, "content", "articles", fmt.Sprintf("a%d.md", i))))
			}
		}, false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := sitetest.New(t, site, sitetest.OnDisk())
			dest := filepath.Join(t.TempDir(), "public")
			opt := build.Options{Now: sitetest.Now(), Tool: "test"}
			if _, err := build.ToDir(context.Background(), s.Dir(), dest, opt); err != nil {
				t.Fatal(err)
			}
			before, err := os.ReadFile(filepath.Join(dest, "index.html"))
			must(t, err)
			c.break_(t, s.Dir())
			opt.Force = c.force
			res, err := build.ToDir(context.Background(), s.Dir(), dest, opt)
			if c.want == nil {
				if err != nil {
					t.Fatalf("build failed: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("build succeeded with %d articles; want an error", res.Articles)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			after, err := os.ReadFile(filepath.Join(dest, "index.html"))
			must(t, err)
			if string(after) != string(before) {
				t.Errorf("the published index.html changed")
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestDestSymlinkFollowed: --dest given as a symlink builds into the
// link's target and leaves the link a link, on the first build and on the
// next ones that swap builds in.
func TestDestSymlinkFollowed(t *testing.T) {
	s := sitetest.New(t, "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n-- content/articles/a.md --\n---\ntitle: Story\ndate: 2025-01-01T00:00:00Z\n---\nBody.\n", sitetest.OnDisk())
	root := t.TempDir()
	target := filepath.Join(root, "www", "site")
	must(t, os.MkdirAll(target, 0o755))
	link := filepath.Join(root, "public")
	must(t, os.Symlink(target, link))
	for i := range 2 {
		s.EditFiles("content/articles/a.md", fmt.Sprintf("---\ntitle: Story\ndate: 2025-01-01T00:00:00Z\n---\nBody %d.\n", i))
		if _, err := build.ToDir(context.Background(), s.Dir(), link, build.Options{Now: sitetest.Now(), Tool: "test"}); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Lstat(link)
		must(t, err)
		if fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d replaced the symlink --dest with a real folder", i)
		}
		data, err := os.ReadFile(filepath.Join(target, "articles", "a", "index.html"))
		must(t, err)
		if !strings.Contains(string(data), fmt.Sprintf("Body %d.", i)) {
			t.Errorf("build %d is not in the link's target", i)
		}
	}
}
