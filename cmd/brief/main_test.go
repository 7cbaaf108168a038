package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// brief runs one command line in process and returns its exit code and
// output.
func brief(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), &env{stdout: &out, stderr: &errOut, stdin: strings.NewReader(""), dir: dir}, args)
	return code, out.String(), errOut.String()
}

func TestHelp(t *testing.T) {
	code, out, _ := brief(t, "", "--help")
	if code != 0 || !strings.Contains(out, "build") || !strings.Contains(out, "init") {
		t.Errorf("--help: code %d, output %q", code, out)
	}
	for _, cmd := range []string{"build", "init", "theme", "version"} {
		code, out, _ := brief(t, "", cmd, "--help")
		if code != 0 || !strings.Contains(out, "Usage: brief "+cmd) {
			t.Errorf("%s --help: code %d, output %q", cmd, code, out)
		}
	}
	if code, _, errOut := brief(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: code %d, %q", code, errOut)
	}
	if code, _, errOut := brief(t, "", "build", "--nope"); code != 2 || !strings.Contains(errOut, "-nope") || !strings.Contains(errOut, "brief build --help") {
		t.Errorf("bad flag: code %d, %q", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := brief(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "brief ") || !strings.Contains(out, "go1.") {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestInitThenBuild is a newcomer's first minutes: create a site, build it,
// break it, see every problem, fix nothing and keep the published site.
func TestInitThenBuild(t *testing.T) {
	tmp := t.TempDir()
	code, out, errOut := brief(t, tmp, "init", "--title", "China Watch", "--topic", "U.S.–China relations", "--timezone", "Asia/Shanghai", "site")
	if code != 0 {
		t.Fatalf("init: %d %s", code, errOut)
	}
	if !strings.Contains(out, "created site") {
		t.Errorf("init output %q", out)
	}
	site := filepath.Join(tmp, "site")
	if _, err := os.Stat(filepath.Join(site, "content/topics/us-china-relations.md")); err != nil {
		t.Errorf("topic intro not created: %v", err)
	}
	if code, _, errOut := brief(t, tmp, "init", "site"); code == 0 || !strings.Contains(errOut, "not empty") {
		t.Errorf("init over an existing site: %d %q", code, errOut)
	}

	code, out, errOut = brief(t, tmp, "build", "--source", "site")
	if code != 0 {
		t.Fatalf("build: %d %s", code, errOut)
	}
	if !regexp.MustCompile(`^built \d+ pages \(1 article, 1 topic, 1 tag\) in \S+ → `).MatchString(out) {
		t.Errorf("summary %q", out)
	}
	index := filepath.Join(site, "public", "index.html")
	before, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}

	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(site, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/articles/one.md", "---\ntitle: One\ndate: yesterday\n---\n")
	write("content/articles/two.md", "---\ntitle: Two\ndate: 2025-01-01\ncolour: red\n---\n")
	code, _, errOut = brief(t, tmp, "build", "--source", "site")
	if code != 1 {
		t.Errorf("broken build exited %d", code)
	}
	for _, w := range []string{"content/articles/one.md:3:", `content/articles/two.md:4: unknown key "colour"`, "build failed: 2 problems", "was not changed"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	after, _ := os.ReadFile(index)
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed public/")
	}
}

func TestBuildRefusesToReplaceEditorsFiles(t *testing.T) {
	tmp := t.TempDir()
	if code, _, errOut := brief(t, tmp, "init", "site"); code != 0 {
		t.Fatal(errOut)
	}
	precious := filepath.Join(tmp, "notes")
	if err := os.MkdirAll(precious, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(precious, "draft.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dest, want string }{
		{"notes", "not built by brief"},
		{"site", "holds the site itself"},
		{".", "holds the site itself"},
		{"site/content/out", "inside the site's content/"},
	}
	for _, tt := range tests {
		code, _, errOut := brief(t, tmp, "build", "--source", "site", "--dest", tt.dest)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("--dest %s: code %d, %q; want refusal %q", tt.dest, code, errOut, tt.want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(precious, "draft.txt")); err != nil || string(b) != "mine" {
		t.Error("the editor's file was touched")
	}
	if _, err := os.Stat(filepath.Join(tmp, "site", "site.yaml")); err != nil {
		t.Error("the site was touched")
	}
}
