package main

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/bench/corpus"
	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestBuildInterrupted starts `brief build --force` of a generated
// 1,000-article site as a real process and sends it SIGINT (Ctrl-C) once
// its staging folder holds 200 article pages: brief says the build was
// interrupted and exits 1, public/ is as it was, and the next build leaves
// no staging folder behind.
func TestBuildInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,000-article site in brief processes")
	}
	src := t.TempDir()
	if err := corpus.WriteDir(src, corpus.Options{Articles: 1000}); err != nil {
		t.Fatal(err)
	}
	if out, err := briefProcess("build", "--source", src).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, lastLines(out, 10))
	}
	public := filepath.Join(src, "public")
	before := sitetest.ReadFiles(t, public)

	cmd := briefProcess("build", "--source", src, "--force")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.After(2 * time.Minute)
	var err error
wait:
	for {
		select {
		case err = <-done:
			t.Skipf("the build finished before it was interrupted (%v); the machine is too fast for this test", err)
		case <-deadline:
			cmd.Process.Kill()
			<-done
			t.Fatal("brief build neither staged 200 pages nor finished in 2 minutes")
		default:
		}
		stages, _ := filepath.Glob(filepath.Join(src, ".public-build-*", "articles"))
		for _, s := range stages {
			if entries, _ := os.ReadDir(s); len(entries) >= 200 {
				if err := cmd.Process.Signal(os.Interrupt); err != nil {
					t.Fatal(err)
				}
				err = <-done
				break wait
			}
		}
		time.Sleep(time.Millisecond)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("interrupted build: %v, want exit status 1\n%s", err, lastLines(out.Bytes(), 10))
	}
	if !strings.Contains(out.String(), "build interrupted; "+public+" was not changed") {
		t.Errorf("interrupted build said:\n%s", lastLines(out.Bytes(), 10))
	}
	if !maps.EqualFunc(before, sitetest.ReadFiles(t, public), bytes.Equal) {
		t.Error("the interrupted build changed public/")
	}
	if out, err := briefProcess("build", "--source", src).CombinedOutput(); err != nil {
		t.Fatalf("build after the interrupt: %v\n%s", err, lastLines(out, 10))
	}
	if left, _ := filepath.Glob(filepath.Join(src, ".public-build-*")); len(left) > 0 {
		t.Errorf("staging folders left after the next build: %v", left)
	}
}
