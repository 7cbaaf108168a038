package main

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
	"github.com/brief-ssg/brief/internal/smtptest"
)

// exampleCopy copies the example site's inputs into dir/site.
func exampleCopy(t *testing.T, dir string) string {
	t.Helper()
	site := filepath.Join(dir, "site")
	root := sitetest.RepoRoot(t)
	for _, part := range []string{"site.yaml", "content", "static", "templates"} {
		src := filepath.Join(root, part)
		fi, err := os.Stat(src)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(site, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(site, part), data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(site, part), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// TestSendCommand sends an edition of the example site with `brief send`
// through a real SMTP server on loopback (STARTTLS, AUTH PLAIN) and
// checks that each recipient received the edition `brief build` writes.
func TestSendCommand(t *testing.T) {
	tmp := t.TempDir()
	site := exampleCopy(t, tmp)
	srv := smtptest.Start(t, "briefing@briefings.example.org", "s3cret")
	cfg, err := os.ReadFile(filepath.Join(site, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = bytes.Replace(cfg, []byte("host: smtp.briefings.example.org"), []byte("host: "+srv.Host), 1)
	cfg = bytes.Replace(cfg, []byte("port: 587"), []byte("port: "+strconv.Itoa(srv.Port)), 1)
	files := map[string][]byte{
		"site/site.yaml": cfg,
		"ca.pem":         srv.CAPEM,
		"readers.txt":    []byte("# the list\nreader.two@example.net\nReader Three <reader.three@example.net>\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const edition = "week-2023-11-13"
	args := []string{"send", edition, "--source", "site", "--to", "reader.one@example.net", "--to-file", "readers.txt", "--tls-ca", "ca.pem"}

	// Without the password in the environment, nothing is sent.
	t.Setenv("BRIEF_SMTP_PASSWORD", "")
	if code, _, errOut := brief(t, tmp, args...); code != 1 || !strings.Contains(errOut, "export BRIEF_SMTP_PASSWORD=") {
		t.Errorf("no password: exit %d, %q; want 1 and how to set it", code, errOut)
	}
	if code, _, errOut := brief(t, tmp, "send", "week-2023-11-15", "--source", "site", "--to", "a@example.net"); code != 1 || !strings.Contains(errOut, "the week holding 2023-11-15 is week-2023-11-13") {
		t.Errorf("not a week's first day: exit %d, %q", code, errOut)
	}
	if code, _, errOut := brief(t, tmp, "send", edition, "--source", "site"); code != 2 || !strings.Contains(errOut, "no recipients") {
		t.Errorf("no recipients: exit %d, %q", code, errOut)
	}

	t.Setenv("BRIEF_SMTP_PASSWORD", "s3cret")
	code, out, errOut := brief(t, tmp, args...)
	if code != 0 || !strings.Contains(out, "sent "+edition) || !strings.Contains(out, "to 3 recipients") {
		t.Fatalf("send: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := brief(t, tmp, "build", "--source", "site", "--dest", "public"); code != 0 {
		t.Fatal(errOut)
	}
	built, err := os.ReadFile(filepath.Join(tmp, "public", "editions", edition, "email.html"))
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 3)
	if len(got) != 3 {
		t.Fatalf("the server got %d messages, want 3", len(got))
	}
	for i, rm := range got {
		if !rm.TLS || rm.User != "briefing@briefings.example.org" {
			t.Errorf("message %d: TLS %t, user %q", i, rm.TLS, rm.User)
		}
		msg, err := mail.ReadMessage(bytes.NewReader(rm.Data))
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if !strings.Contains(subject, "Woodside week") {
			t.Errorf("message %d: Subject %q", i, subject)
		}
		if lu := msg.Header.Get("List-Unsubscribe"); !strings.Contains(lu, "<https://briefings.example.org/us-china/unsubscribe/>") {
			t.Errorf("message %d: List-Unsubscribe %q", i, lu)
		}
		_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		r := multipart.NewReader(msg.Body, params["boundary"])
		found := false
		for {
			p, err := r.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(p)
			if strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
				found = bytes.Equal(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")), built)
			}
		}
		if !found {
			t.Errorf("message %d: its HTML part is not the email.html `brief build` writes", i)
		}
		t.Logf("message %d to %v: %d bytes", i, rm.To, len(rm.Data))
	}
}
