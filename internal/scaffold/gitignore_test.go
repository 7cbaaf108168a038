package scaffold

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGitignore asks git itself what a new site's .gitignore keeps out:
// what brief writes beside public/ and brief fetch's lock, but not the
// fetch state, which a site fetched from CI must carry between runs.
func TestGitignore(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git to ask")
	}
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Create(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(git, "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	for path, ignored := range map[string]bool{
		"public/index.html":            true,
		".public-cache":                true,
		".public-build-123/index.html": true,
		".brief/fetch-state.json.lock": true,
		".brief/fetch-state.json":      false,
		"content/articles/welcome.md":  false,
	} {
		// check-ignore exits 0 for an ignored path, 1 for one kept.
		err := exec.Command(git, "-C", dir, "check-ignore", "-q", "--no-index", path).Run()
		if got := err == nil; got != ignored {
			t.Errorf("%s: ignored %v, want %v (%v)", path, got, ignored, err)
		}
	}
}
