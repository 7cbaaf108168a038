package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/archive/warctest"
)

// shardPage is an article page of the harbour site, of its own words.
func shardPage(i int) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour report number %d</title>
<meta property="article:published_time" content="2024-05-%02dT08:00:00Z"></head><body><article><h1>Harbour report number %d</h1>
<p>Report %d: the harbour master counted %d boats in the inner basin this morning, and %d more waiting outside for the tide.</p>
<p>The fish market opened at %d o'clock; buyers from %d towns came for the first catch of the season.</p>
</article></body></html>`, i, i+1, i, i, 10+i, 3*i, 4+i%5, 2+i)
}

// TestShardedImportCommands runs the shard workflow of the README with
// the commands: learn each WARC's blocks, import each into a copy of the
// site with all the blocks, merge the copies.
func TestShardedImportCommands(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := brief(t, dir, "init", "site"); code != 0 {
		t.Fatal(errOut)
	}
	for s := range 2 {
		var recs []warctest.Record
		for i := range 3 {
			recs = append(recs, warctest.HTMLPage(fmt.Sprintf("https://harbour.example/report/%d", 3*s+i), shardPage(3*s+i)))
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("part-%d.warc.gz", s)), warctest.WARC(true, recs...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := brief(t, dir, args...)
		if code != 0 {
			t.Fatalf("brief %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
		return out
	}
	for s := range 2 {
		out := run("import", "--source", "site", "--learn", fmt.Sprintf("part-%d.blocks", s), fmt.Sprintf("part-%d.warc.gz", s))
		if !strings.Contains(out, "learnt the blocks") {
			t.Errorf("--learn said %q", out)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "site", "content", "articles")); len(entries) != 1 {
		t.Errorf("--learn wrote into the site: %d articles, want the sample alone", len(entries))
	}
	for s := range 2 {
		shard := fmt.Sprintf("shard-%d", s)
		if err := os.CopyFS(filepath.Join(dir, shard), os.DirFS(filepath.Join(dir, "site"))); err != nil {
			t.Fatal(err)
		}
		out := run("import", "--source", shard, "--blocks", "part-0.blocks", "--blocks", "part-1.blocks", fmt.Sprintf("part-%d.warc.gz", s))
		if !strings.Contains(out, "imported 3, skipped 0 as duplicates, failed 0") {
			t.Errorf("shard %d: %s", s, out)
		}
	}
	out := run("merge", "--source", "site", "shard-0", "shard-1")
	if !strings.Contains(out, "merged 6, skipped 0 as duplicates, failed 0") {
		t.Errorf("merge said:\n%s", out)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "site", "content", "articles")); len(entries) != 7 {
		t.Errorf("%d articles after the merge, want 7", len(entries))
	}
	if code, _, errOut := brief(t, dir, "import", "--source", "site", "--blocks", "part-0.warc.gz", "part-0.warc.gz"); code == 0 || !strings.Contains(errOut, "not a file of learnt blocks") {
		t.Errorf("--blocks with an archive: exit %d, %q", code, errOut)
	}
	if code, _, _ := brief(t, dir, "merge", "--source", "site"); code != 2 {
		t.Errorf("merge without shards: exit %d, want 2", code)
	}
}

// TestMergeRefusedShard: a shard holding an article import did not write
// stops the merge with the reason, and no summary of zeros.
func TestMergeRefusedShard(t *testing.T) {
	root, shard := t.TempDir(), t.TempDir()
	for _, dir := range []string{root, shard} {
		os.MkdirAll(filepath.Join(dir, "content", "articles"), 0o755)
		os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: T\nbase_url: https://t.example/\n"), 0o644)
	}
	os.WriteFile(filepath.Join(shard, "content", "articles", "by-hand.md"), []byte("---\ntitle: Written by hand\ndate: 2025-01-01\n---\nMine.\n"), 0o644)
	code, out, errOut := brief(t, root, "merge", shard)
	if code != 1 || strings.Contains(out, "merged 0") || !strings.Contains(errOut, "was not written by brief import") || !strings.Contains(errOut, "stopped") {
		t.Errorf("merge of a hand-written shard: %d %q %q", code, out, errOut)
	}
}
