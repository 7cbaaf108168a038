package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/content"
)

// helperEnv switches the test binary into running brief itself, so that a
// test can start `brief import` as a real process and kill it.
const helperEnv = "BRIEF_TEST_RUN_BRIEF"

// TestHelperBrief is not a test: run with helperEnv set, it runs brief with
// the arguments after "--" and exits with brief's code.
func TestHelperBrief(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("runs brief for TestImportSurvivesKill")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	ctx, stop := signalContext()
	code := run(ctx, &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin}, args)
	stop()
	os.Exit(code)
}

// briefProcess prepares `brief args...` as a child process.
func briefProcess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperBrief$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), helperEnv+"=1")
	return cmd
}

// killPages is the size of the batch: large enough that writing it takes
// far longer than the poll that decides when to kill.
const killPages = 400

func killTestPage(i int) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour report number %d</title>
<meta property="article:published_time" content="2024-05-%02dT08:00:00Z"></head><body><article><h1>Harbour report number %d</h1>
<p>The harbour master counted %d boats at the northern quay this morning, and said the new moorings would be ready before the sailing club's regatta in the second week of June.</p>
<p>Report %d also notes that the fuel dock was closed for two hours while a leaking valve was replaced, and that the ferry to the island left eleven minutes late because of it.</p>
<p>Fishermen at the market asked again for a second crane; the harbour board said it would look at the costs at its next meeting, which is open to the public.</p>
</article></body></html>
`, i, 1+i%28, i, i*7%300, i)
}

// TestImportSurvivesKill starts `brief import` on a large batch, kills it
// with SIGKILL while it writes, and checks what an editor would find: every
// article either absent or complete, no temporary file the build would
// read, the editor's own files untouched. A last, uninterrupted run must
// then import every page exactly once.
func TestImportSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills brief processes")
	}
	root := t.TempDir()
	inputs := filepath.Join(t.TempDir(), "pages")
	if err := os.MkdirAll(inputs, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range killPages {
		if err := os.WriteFile(filepath.Join(inputs, fmt.Sprintf("page-%03d.html", i)), []byte(killTestPage(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	editor := map[string]string{
		"site.yaml": "title: Harbour watch\nbase_url: https://harbour.example/\n",
		// The slug the first page's title asks for is the editor's.
		"content/articles/harbour-report-number-0.md": "---\ntitle: My own harbour report\ndate: 2024-01-01T09:00:00Z\n---\nWritten by hand.\n",
		"content/articles/notes.txt":                  "ideas for next week\n",
		"content/pages/about.md":                      "---\ntitle: About\n---\nThe editor's page.\n",
	}
	for rel, data := range editor {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	killed := 0
	for round, at := range []int{1, killPages / 4, killPages / 2} {
		n, err := killBrief(t, root, at, "import", "--source", root, inputs)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if n >= killPages {
			t.Logf("round %d: import finished before the kill", round)
		} else {
			killed++
			t.Logf("round %d: killed with %d articles written", round, n)
		}
		checkAfterKill(t, root, editor)
	}
	if killed == 0 {
		t.Fatal("no import was killed mid-way; the test checked nothing")
	}

	out, err := briefProcess("import", "--source", root, inputs).CombinedOutput()
	if err != nil {
		t.Fatalf("the import after the kills: %v\n%s", err, lastLines(out, 10))
	}
	if n := importedFrom(t, root); n != killPages {
		t.Errorf("%d pages imported in the end, want each of the %d exactly once\n%s", n, killPages, lastLines(out, 5))
	}
	checkAfterKill(t, root, editor)
}

// killBrief runs brief with args (an import or a fetch into the site in
// root, of killPages pages) and kills it once at least `at` new files
// exist in content/articles. It returns how many imported articles there
// were then.
func killBrief(t *testing.T, root string, at int, args ...string) (int, error) {
	t.Helper()
	dir := filepath.Join(root, "content", "articles")
	before, _ := os.ReadDir(dir)
	cmd := briefProcess(args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case err := <-done:
			// Finished on its own: nothing left to kill.
			if err != nil {
				return 0, fmt.Errorf("brief %s: %v\n%s", args[0], err, lastLines(out.Bytes(), 10))
			}
			return killPages, nil
		case <-deadline:
			cmd.Process.Kill()
			<-done
			return 0, fmt.Errorf("brief %s neither wrote nor finished in 2 minutes", args[0])
		default:
		}
		entries, _ := os.ReadDir(dir)
		if len(entries)-len(before) >= at {
			cmd.Process.Kill() // SIGKILL: no deferred cleanup runs
			err := <-done
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
					return importedFrom(t, root), nil
				}
			}
			if err == nil {
				return killPages, nil // finished between the count and the kill
			}
			return 0, fmt.Errorf("brief %s: %v\n%s", args[0], err, lastLines(out.Bytes(), 10))
		}
		time.Sleep(time.Millisecond)
	}
}

// checkAfterKill checks content/ as an interrupted import leaves it.
func checkAfterKill(t *testing.T, root string, editor map[string]string) {
	t.Helper()
	for rel, want := range editor {
		got, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil || string(got) != want {
			t.Errorf("the editor's %s changed or vanished: %v", rel, err)
		}
	}
	seen := map[string]string{}
	err := filepath.WalkDir(filepath.Join(root, content.Dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if _, mine := editor[rel]; mine {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil // hidden: content.Load never reads it
		}
		if !strings.HasSuffix(rel, ".md") {
			t.Errorf("%s: a stray file the editor did not write", rel)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		a, err := content.ParseArticle(rel, data, time.UTC)
		if err != nil {
			t.Errorf("%s is not a complete article: %v", rel, err)
			return nil
		}
		if prev, dup := seen[a.ScrapedFrom]; dup {
			t.Errorf("%s and %s were both imported from %s", prev, rel, a.ScrapedFrom)
		}
		seen[a.ScrapedFrom] = rel
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// What the build reads: every file must load.
	if _, err := content.Load(context.Background(), os.DirFS(root), time.UTC); err != nil {
		t.Errorf("content/ does not load after the kill: %v", err)
	}
}

// importedFrom counts the articles that name a scraped page.
func importedFrom(t *testing.T, root string) int {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, "content", "articles"))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0
		}
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, "content", "articles", e.Name()))
		if err == nil && bytes.Contains(data, []byte("\nscraped_from: ")) {
			n++
		}
	}
	return n
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
