package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// esc are terminal commands a hostile page can carry: retitle the window,
// write the clipboard (OSC 52), clear the screen, hide text (SGR 8), and
// the same as a C1 control (CSI, U+009B).
const esc = "\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[8m\u009b8m\r"

// hostilePage carries esc in its title, author, description and body,
// raw and as character references.
var hostilePage = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Harbour` + esc + ` reopens</title>
<meta name="author" content="Jane` + esc + ` Doe">
<meta name="description" content="Ships &#27;]0;pwned&#7; return">
</head><body><article><h1>Harbour` + esc + ` reopens</h1>
<p class="byline">By Jane` + esc + ` Doe</p>
<p>The harbour reopened on Monday after three weeks of repairs to the main quay,` + esc + ` officials said, and the first ferries arrived before noon.</p>
<p>Fishing boats had moored along the river&#27;[2J while the work went on, and traders said business had fallen by half.</p>
<p>The port authority said the new quay can take larger ships and that a second berth will open next spring.</p>
</article></body></html>`

// controls finds what may not reach a terminal: every C0 control but
// newline and tab, DEL and C1.
func controls(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r != '\n' && r != '\t' && (r < 0x20 || r >= 0x7f && r <= 0x9f)
	})
}

// TestExtractPrintsNoTerminalCommands runs `brief extract` on a hostile
// page in every format: no control character of the page reaches the
// output, and the JSON stays valid.
func TestExtractPrintsNoTerminalCommands(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte(hostilePage), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dump.txt"), []byte(strings.ReplaceAll(dumpPage, "the rail operator said", "the rail operator"+esc+" said")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"md", "json", "text"} {
		for in, want := range map[string]string{"page.html": "officials said", "dump.txt": "rail operator"} {
			code, out, errOut := brief(t, dir, "extract", "--format", format, in)
			if code != 0 {
				t.Fatalf("%s %s: exit %d: %s", format, in, code, errOut)
			}
			if !strings.Contains(out, want) {
				t.Errorf("%s %s: article missing:\n%s", format, in, out)
			}
			if controls(out) || controls(errOut) {
				t.Errorf("%s %s: control characters in the output:\n%q\n%q", format, in, out, errOut)
			}
			if format == "json" {
				var v map[string]any
				if err := json.Unmarshal([]byte(out), &v); err != nil {
					t.Errorf("%s: invalid JSON: %v", in, err)
				}
			}
		}
	}
}

// TestImportPrintsNoTerminalCommands imports from a server whose reason
// phrase carries terminal commands.
func TestImportPrintsNoTerminalCommands(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 404 Not Found" + esc[:len(esc)-1] + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		buf.Flush()
	}))
	defer srv.Close()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: T\nbase_url: https://example.org/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := brief(t, dir, "import", srv.URL+"/story")
	if code == 0 || !strings.Contains(out+errOut, "404 Not Found") {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errOut)
	}
	if controls(out) || controls(errOut) {
		t.Errorf("control characters in the output:\n%q\n%q", out, errOut)
	}
}
