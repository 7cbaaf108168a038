package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/output"
)

// TestIncrementalMatchesBuild edits a copy of the example site step by
// step and checks after each step that the incremental build holds exactly
// the files, byte for byte, that a full build of the same files writes, and
// that it rendered less than everything where it could.
func TestIncrementalMatchesBuild(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"site.yaml", "content", "static"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join("..", "..", name))); err != nil && name != "site.yaml" {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "site.yaml", string(data))
	opt := Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	inc := NewIncremental(os.DirFS(dir), opt)
	ctx := context.Background()

	article := "content/articles/yellen-beijing-visit.md"
	steps := []struct {
		name    string
		edit    func()
		changed []string
		partial bool // fewer files rendered than the site has
	}{
		{"first build", func() {}, nil, false},
		{"nothing changed", func() {}, nil, true},
		{"note added", func() {
			edit(t, dir, article, "summary:", "note: \"Watch the *minerals* story.\"\nsummary:")
		}, []string{article}, true},
		{"title changed", func() {
			edit(t, dir, article, "Yellen ends Beijing visit", "Yellen closes Beijing trip")
		}, []string{article}, true},
		{"article added in a new folder", func() {
			write(t, dir, "content/articles/2024/new-one.md", "---\ntitle: A new one on Taiwan\ndate: 2023-12-01T10:00:00-05:00\ntags: [Taiwan, Fresh tag]\n---\nBody about Taiwan and China.\n")
		}, []string{"content/articles/2024"}, true},
		{"article removed", func() {
			if err := os.Remove(filepath.Join(dir, article)); err != nil {
				t.Fatal(err)
			}
		}, []string{article}, true},
		{"template overridden", func() {
			base, _ := os.ReadFile(filepath.Join("..", "theme", "templates", "article.html"))
			write(t, dir, "templates/article.html", strings.Replace(string(base), "<h1>", "<h1 class=\"x\">", 1))
		}, []string{"templates/article.html"}, false},
		{"static file added", func() {
			write(t, dir, "static/extra.css", "body{}\n")
		}, []string{"static/extra.css"}, true},
		{"site.yaml changed", func() {
			edit(t, dir, "site.yaml", "per_page: 10", "per_page: 3")
		}, []string{"site.yaml"}, false},
	}
	for _, st := range steps {
		st.edit()
		inc.Changed(st.changed...)
		u, err := inc.Build(ctx)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		mem := output.NewMemory()
		if _, err := Build(ctx, os.DirFS(dir), mem, opt); err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		names := mem.Names()
		if len(names) != len(u.Files) {
			t.Errorf("%s: incremental has %d files, full build %d", st.name, len(u.Files), len(names))
		}
		for _, n := range names {
			want, _ := mem.File(n)
			if got, ok := u.Files[n]; !ok || !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs from a full build (present: %v)", st.name, n, ok)
			}
		}
		if st.partial && u.Rendered >= len(names) {
			t.Errorf("%s: rendered %d of %d files; want fewer", st.name, u.Rendered, len(names))
		}
		t.Logf("%s: rendered %d of %d, %d changed, %d removed", st.name, u.Rendered, len(names), len(u.Changed), len(u.Removed))
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	write(t, dir, name, strings.Replace(string(data), old, new, 1))
}
