package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/site"
)

func TestNewListAndConfig(t *testing.T) {
	tmp := t.TempDir()
	if code, out, errOut := brief(t, tmp, "init", "--timezone", "Asia/Tokyo", "site"); code != 0 || !strings.Contains(out, "brief serve") || !strings.Contains(out, "http://127.0.0.1:1313/") {
		t.Fatalf("init: code %d, out %q (it must say how to preview), err %q", code, out, errOut)
	}
	dir := filepath.Join(tmp, "site")

	// brief new: a draft dated now in the site's zone, named after its title.
	before := time.Now().In(mustZone(t, "Asia/Tokyo")).Truncate(time.Minute)
	code, out, errOut := brief(t, dir, "new", "Ministers meet in Genève: what's next?")
	after := time.Now()
	if code != 0 || !strings.Contains(out, "created content/articles/ministers-meet-in-geneve-whats-next.md as a draft") {
		t.Fatalf("new: code %d, out %q, err %q", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "content/articles/ministers-meet-in-geneve-whats-next.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^date: (\S+)$`).FindStringSubmatch(string(data))
	if m == nil || !strings.Contains(string(data), "draft: true") || !strings.Contains(string(data), "title: 'Ministers meet in Genève: what''s next?'") {
		t.Fatalf("new article:\n%s", data)
	}
	date, err := time.Parse(time.RFC3339, m[1])
	if err != nil || !strings.HasSuffix(m[1], "+09:00") || date.Before(before) || date.After(after) {
		t.Errorf("date %q: want the present, to the minute, in Tokyo time (+09:00)", m[1])
	}

	// Never over an existing file, whatever the case of the title.
	edited := append(data, "My text.\n"...)
	os.WriteFile(filepath.Join(dir, "content/articles/ministers-meet-in-geneve-whats-next.md"), edited, 0o644)
	if code, _, errOut := brief(t, dir, "new", "MINISTERS MEET IN GENEVE, WHAT'S NEXT"); code == 0 || !strings.Contains(errOut, "already exists") || !strings.Contains(errOut, "--slug") {
		t.Errorf("new over a taken name: code %d, err %q", code, errOut)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "content/articles/ministers-meet-in-geneve-whats-next.md")); string(now) != string(edited) {
		t.Error("brief new changed the editor's file")
	}
	if code, out, _ := brief(t, dir, "new", "--slug", "geneva-2", "--publish", "Ministers meet again"); code != 0 || !strings.Contains(out, "content/articles/geneva-2.md; the next `brief build` publishes it") {
		t.Errorf("new --slug --publish: %d %q", code, out)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content/articles/geneva-2.md")); strings.Contains(string(data), "draft") {
		t.Errorf("--publish wrote a draft:\n%s", data)
	}
	for _, bad := range [][]string{{"new"}, {"new", "   "}, {"new", "--slug", "Not A Slug", "T"}, {"new", "!!!"}} {
		if code, _, errOut := brief(t, dir, bad...); code == 0 || errOut == "" {
			t.Errorf("%q: code %d, err %q; want a refusal", bad, code, errOut)
		}
	}

	// brief list shows what is held back.
	os.WriteFile(filepath.Join(dir, "content/articles/later.md"), []byte("---\ntitle: Later\ndate: 2999-01-01T09:00:00+09:00\n---\nx\n"), 0o644)
	code, out, errOut = brief(t, dir, "list")
	if code != 0 || !regexp.MustCompile(`(?m)^future +2999-01-01 09:00  content/articles/later.md  Later$`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^draft +\S+ \S+  content/articles/ministers-meet-in-geneve-whats-next.md  Ministers meet`).MatchString(out) ||
		!strings.Contains(out, "held back: 1 draft, 1 future article") || strings.Contains(out, "geneva-2") {
		t.Errorf("list: code %d, out %q, err %q", code, out, errOut)
	}
	if _, out, _ := brief(t, dir, "list", "--future"); strings.Contains(out, "ministers") || !strings.Contains(out, "later.md") || !strings.Contains(out, "held back: 1 future article; `brief build --future`") {
		t.Errorf("list --future: %q", out)
	}
	if _, out, _ := brief(t, dir, "list", "--drafts"); strings.Contains(out, "later.md") || !strings.Contains(out, "ministers") {
		t.Errorf("list --drafts: %q", out)
	}

	// The reference comes from the binary.
	for _, args := range [][]string{{"help", "site"}, {"config"}} {
		if code, out, _ := brief(t, "", args...); code != 0 || out != site.Reference || !strings.Contains(out, "max_deletes:") {
			t.Errorf("%q: code %d, %d bytes; want the site.yaml reference", args, code, len(out))
		}
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
