package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestBuildProgressLine checks the progress line a terminal gets: one line
// rewritten in place, throttled, always showing the last count, and erased
// before the summary.
func TestBuildProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := &progressLine{w: &b}
	for i := 1; i <= 1000; i++ {
		p.update(i, 1000)
	}
	p.clear()
	out := b.String()
	if strings.Contains(out, "\n") {
		t.Errorf("progress wrote a newline: %q", out)
	}
	if n := strings.Count(out, "\r"); n > 5 {
		t.Errorf("%d redraws for a fast build; want a few", n)
	}
	if !strings.Contains(out, "1000/1000 files (100%)") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress = %q", out)
	}
	var none *progressLine
	none.clear() // no terminal: nothing drawn, nothing to erase
}

// TestBuildNoProgressWithoutTerminal checks that brief build prints only
// its summary when stderr is not a terminal (a file here).
func TestBuildNoProgressWithoutTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Fatal("a regular file taken for a terminal")
	}
}
