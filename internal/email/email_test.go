package email_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/email"
	"github.com/brief-ssg/brief/internal/smtptest"
)

func TestCheck(t *testing.T) {
	page := func(body string) string {
		return "<!DOCTYPE html>\n<html><head><style>td{color:#000}</style></head>\n<body>\n" + body + "\n</body></html>"
	}
	tests := []struct {
		name string
		html string
		want []string // "" for a pass; else each error's text, line included
	}{
		{"a clean email", page(`<a href="https://example.org/x/">x</a> <a href="mailto:a@example.org">m</a> <a href="#notes">n</a>
<img src="https://example.org/a.png" width="600" alt="A chart">`), nil},
		{"a script", page("<p>x</p>\n<script>alert(1)</script>"), []string{"e.html:5: <script> in an email"}},
		{"a form and an iframe", page(`<form action="https://example.org/f"><input></form>
<iframe src="https://example.org/"></iframe>`), []string{"e.html:4: <form> in an email", "e.html:5: <iframe> in an email"}},
		{"an event handler", page(`<p onclick="x()">x</p>`), []string{"e.html:4: <p onclick> in an email: event handlers are scripts"}},
		{"a relative link", page(`<a href="../articles/x/">x</a>`), []string{`e.html:4: <a href="../articles/x/">: a relative URL`}},
		{"a root-relative image", page(`<img src="/images/a.png" width="10" alt="">`), []string{`e.html:4: <img src="/images/a.png">: a relative URL`}},
		{"a javascript: link", page(`<a href="javascript:x()">x</a>`), []string{"the javascript: scheme does not belong in an email"}},
		{"a relative url() in a style", page(`<td style="background:url('bg.png')">x</td>`), []string{"e.html:4: <td> style url(bg.png): a relative URL"}},
		{"an image without width or alt", page(`<p>x</p>

<img src="https://example.org/a.png">`), []string{`e.html:6: <img src="https://example.org/a.png"> has no alt`, `e.html:6: <img src="https://example.org/a.png"> has no width`}},
		{"a style block over 16 KB", page("") + "<style>\n" + strings.Repeat("td{color:#123456}\n", 1000) + "</style>", []string{"e.html:5: a <style> block of 18001 bytes, over the 16384-byte limit"}},
		{"over 100 KB", page("<p>" + strings.Repeat("word ", 21000) + "</p>"), []string{"e.html: the email is 105", "Gmail clips"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := email.Check("e.html", []byte(tt.html))
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Check: %v, want no problem", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check passed; want %q", tt.want)
			}
			var list *diag.List
			if !errors.As(err, &list) {
				t.Fatalf("Check returned %T, want a *diag.List", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check:\n%v\nwant %q", err, w)
				}
			}
		})
	}
}

func TestInline(t *testing.T) {
	in := `<!DOCTYPE html><html><head><style>
.box { color: #1b1a18; background-color: #ffffff; }
@media (prefers-color-scheme: dark) { .box { color: #eeeeee !important; } }
</style></head><body><table><tr><td class="box">x</td></tr></table></body></html>`
	out, err := email.Inline([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{`style="color:#1b1a18;background-color:#ffffff"`, "@media (prefers-color-scheme: dark)", "color: #eeeeee !important"} {
		if !strings.Contains(s, want) {
			t.Errorf("inlined:\n%s\nwant %q", s, want)
		}
	}
	if strings.Contains(s, ".box { color: #1b1a18") {
		t.Errorf("the inlinable rule stayed in <style>:\n%s", s)
	}
}

// message is an edition-like message with non-ASCII text in the subject,
// the name and both parts.
func message() *email.Message {
	return &email.Message{
		From: `"Across the Pacific – a briefing" <briefing@example.org>`, ReplyTo: "editor@example.org",
		Subject:         "Across the Pacific · Week of June 12, 2023: Blinken in Beijing",
		ListUnsubscribe: []string{"mailto:leave@example.org?subject=unsubscribe", "https://example.org/leave"},
		Date:            time.Date(2023, 6, 18, 21, 0, 0, 0, time.FixedZone("EDT", -4*3600)),
		ID:              "edition-week-2023-06-12@example.org",
		HTML:            []byte("<!DOCTYPE html><html><body><p>Blinken’s visit — the first in five years. " + strings.Repeat("More text. ", 40) + "</p></body></html>"),
		Text:            []byte("Blinken’s visit — the first in five years.\n" + strings.Repeat("More text. ", 40) + "\n"),
	}
}

// parsed is a message read back with the standard library's parsers.
type parsed struct {
	header mail.Header
	parts  map[string][]byte // by media type, decoded
	types  []string          // in order
}

func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v\n%s", err, raw)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	p := parsed{header: msg.Header, parts: map[string][]byte{}}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := r.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		pt, pp, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		if pp["charset"] != "UTF-8" && pp["charset"] != "utf-8" {
			t.Errorf("%s part: charset %q, want UTF-8", pt, pp["charset"])
		}
		if cte := part.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
			t.Errorf("%s part: Content-Transfer-Encoding %q, want quoted-printable", pt, cte)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(part))
		if err != nil {
			t.Fatal(err)
		}
		p.parts[pt] = body
		p.types = append(p.types, pt)
	}
	return p
}

// checkParsed compares a parsed message with what was sent.
func checkParsed(t *testing.T, p parsed, m *email.Message) {
	t.Helper()
	if strings.Join(p.types, ",") != "text/plain,text/html" {
		t.Errorf("parts %v, want text/plain then text/html", p.types)
	}
	// Text travels with CRLF line ends, as RFC 5322 has it.
	if !bytes.Equal(bytes.ReplaceAll(p.parts["text/plain"], []byte("\r\n"), []byte("\n")), m.Text) {
		t.Errorf("text part:\n%q\nwant\n%q", p.parts["text/plain"], m.Text)
	}
	if !bytes.Equal(p.parts["text/html"], m.HTML) {
		t.Errorf("HTML part:\n%q\nwant\n%q", p.parts["text/html"], m.HTML)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(p.header.Get("Subject"))
	if err != nil || subject != m.Subject {
		t.Errorf("Subject %q (%v), want %q", subject, err, m.Subject)
	}
	from, err := p.header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Address != "briefing@example.org" || from[0].Name != "Across the Pacific – a briefing" {
		t.Errorf("From %v (%v)", from, err)
	}
	if rt, err := p.header.AddressList("Reply-To"); err != nil || len(rt) != 1 || rt[0].Address != "editor@example.org" {
		t.Errorf("Reply-To %v (%v)", rt, err)
	}
	if got, want := p.header.Get("List-Unsubscribe"), "<mailto:leave@example.org?subject=unsubscribe>, <https://example.org/leave>"; got != want {
		t.Errorf("List-Unsubscribe %q, want %q", got, want)
	}
	if p.header.Get("MIME-Version") != "1.0" {
		t.Errorf("MIME-Version %q", p.header.Get("MIME-Version"))
	}
}

// TestEMLParsesBack writes an edition's .eml and reads it with net/mail
// and mime/multipart, as any mail tool would.
func TestEMLParsesBack(t *testing.T) {
	m := message()
	raw, err := email.EML(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, raw)
	checkParsed(t, p, m)
	if d, err := p.header.Date(); err != nil || !d.Equal(m.Date) {
		t.Errorf("Date %v (%v), want %v", d, err, m.Date)
	}
	if got := p.header.Get("Message-ID"); got != "<"+m.ID+">" {
		t.Errorf("Message-ID %q", got)
	}
	if p.header.Get("To") != "" {
		t.Errorf("To %q in a message written for no one", p.header.Get("To"))
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 {
			t.Errorf("a line of %d bytes: RFC 5322 allows 998", len(line))
		}
	}
	again, err := email.EML(message())
	if err != nil || !bytes.Equal(raw, again) {
		t.Errorf("the same message wrote different bytes (%v)", err)
	}
}

// TestSendRoundTrip sends through a real SMTP server on loopback that
// requires STARTTLS before AUTH PLAIN, and parses what it received.
func TestSendRoundTrip(t *testing.T) {
	srv := smtptest.Start(t, "editor", "s3cret")
	m := message()
	m.Date, m.ID = time.Time{}, "" // as brief send leaves them, for the mail library to stamp
	to := []string{"reader.one@example.net", "Reader Two <reader.two@example.net>"}
	server := email.Server{Host: srv.Host, Port: srv.Port, Username: "editor", Password: "s3cret",
		TLS: &tls.Config{RootCAs: srv.Roots, ServerName: srv.Host, MinVersion: tls.VersionTLS12}}
	n, err := email.Send(context.Background(), server, m, to)
	if err != nil || n != 2 {
		t.Fatalf("Send = %d, %v; want 2 sent", n, err)
	}
	got := srv.Wait(t, 2)
	if len(got) != 2 {
		t.Fatalf("the server holds %d messages, want 2", len(got))
	}
	wantTo := []string{"reader.one@example.net", "reader.two@example.net"}
	for i, rm := range got {
		if !rm.TLS || rm.User != "editor" {
			t.Errorf("message %d: TLS %t, user %q; want STARTTLS and AUTH as editor", i, rm.TLS, rm.User)
		}
		if rm.From != "briefing@example.org" || len(rm.To) != 1 || rm.To[0] != wantTo[i] {
			t.Errorf("message %d: envelope from %q to %v, want briefing@example.org to %s", i, rm.From, rm.To, wantTo[i])
		}
		p := parse(t, rm.Data)
		checkParsed(t, p, m)
		if addrs, err := p.header.AddressList("To"); err != nil || len(addrs) != 1 || addrs[0].Address != wantTo[i] {
			t.Errorf("message %d: To %v (%v): each reader sees only their own address", i, addrs, err)
		}
		if d, err := p.header.Date(); err != nil || time.Since(d) > time.Hour || time.Since(d) < -time.Hour {
			t.Errorf("message %d: Date %v (%v), want the time of sending", i, d, err)
		}
		if id := p.header.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, ">") {
			t.Errorf("message %d: Message-ID %q", i, id)
		}
		// The parts decode to what was sent; the encoded message is
		// larger, by the headers and quoted-printable escapes, but not
		// wildly so.
		min := len(m.HTML) + len(m.Text)
		if len(rm.Data) < min || len(rm.Data) > 2*min+2048 {
			t.Errorf("message %d is %d bytes; its parts are %d", i, len(rm.Data), min)
		}
		t.Logf("message %d: %d bytes on the wire for %d bytes of HTML and %d of text", i, len(rm.Data), len(m.HTML), len(m.Text))
	}
	if got[0].Data != nil && bytes.Equal(got[0].Data, got[1].Data) {
		t.Errorf("both recipients got the same bytes; each message names its own recipient")
	}
}

// TestSendRefuses checks the failures a user meets: a wrong password,
// and a server whose certificate the client does not trust (STARTTLS is
// mandatory, so nothing goes out in the clear).
func TestSendRefuses(t *testing.T) {
	srv := smtptest.Start(t, "editor", "s3cret")
	trust := &tls.Config{RootCAs: srv.Roots, ServerName: srv.Host, MinVersion: tls.VersionTLS12}
	tests := []struct {
		name string
		srv  email.Server
		want string
	}{
		{"wrong password", email.Server{Host: srv.Host, Port: srv.Port, Username: "editor", Password: "nope", TLS: trust, Timeout: 10 * time.Second}, "auth"},
		{"untrusted certificate", email.Server{Host: srv.Host, Port: srv.Port, Username: "editor", Password: "s3cret", Timeout: 10 * time.Second}, "certificate"},
		{"no host", email.Server{}, "no smtp host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := email.Send(context.Background(), tt.srv, message(), []string{"reader@example.net"})
			if err == nil || n != 0 || !strings.Contains(strings.ToLower(err.Error()), tt.want) {
				t.Errorf("Send = %d, %v; want 0 and an error about %q", n, err, tt.want)
			}
		})
	}
	if len(srv.Messages()) != 0 {
		t.Errorf("the server accepted %d messages", len(srv.Messages()))
	}
}

func TestRecipients(t *testing.T) {
	got, err := email.Recipients("list.txt", []byte("# readers\na@example.org\n\n  B <b@example.org>  \n"))
	if err != nil || strings.Join(got, "|") != "a@example.org|B <b@example.org>" {
		t.Errorf("Recipients = %q, %v", got, err)
	}
	if _, err := email.Recipients("list.txt", []byte("a@example.org\nnot an address\n")); err == nil || !strings.Contains(err.Error(), "list.txt:2:") {
		t.Errorf("Recipients of a bad line: %v, want list.txt:2:", err)
	}
}

func TestFitImages(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p><img src="https://e.org/a.png" alt="A"></p>`, `<p><img src="https://e.org/a.png" alt="A" width="544" style="max-width:100%;height:auto"></p>`},
		{`<img src="https://e.org/a.png">`, `<img src="https://e.org/a.png" alt="" width="544" style="max-width:100%;height:auto">`},
		{`<img src="https://e.org/a.png" width="120" alt="">`, `<img src="https://e.org/a.png" width="120" alt="">`},
		{`<p>No image &amp; text</p>`, `<p>No image &amp; text</p>`},
	}
	for _, tt := range tests {
		got := email.FitImages(tt.in, 544)
		if got != tt.want {
			t.Errorf("FitImages(%s) =\n%s\nwant\n%s", tt.in, got, tt.want)
		}
		if err := email.Check("f.html", []byte(got)); err != nil {
			t.Errorf("the fitted fragment fails the check: %v", err)
		}
	}
}

// TestServerFor: site.yaml's SMTP settings, the password from the
// environment and a private CA make a server Send reaches over STARTTLS;
// each missing piece is an error naming what to set.
func TestServerFor(t *testing.T) {
	srv := smtptest.Start(t, "editor", "s3cret")
	env := map[string]string{"BRIEF_SMTP_PASSWORD": "s3cret", "RELAY_PASS": "s3cret"}
	getenv := func(k string) string { return env[k] }
	smtp := email.Settings{Host: srv.Host, Port: srv.Port, Username: "editor", PasswordEnv: "BRIEF_SMTP_PASSWORD"}
	tests := []struct {
		name    string
		smtp    email.Settings
		ca      []byte
		wantErr string // "" sends
	}{
		{"default password variable and the relay's CA", smtp, srv.CAPEM, ""},
		{"named password variable", email.Settings{Host: srv.Host, Port: srv.Port, Username: "editor", PasswordEnv: "RELAY_PASS"}, srv.CAPEM, ""},
		{"no host", email.Settings{Username: "editor"}, nil, "set editions: email: smtp: host"},
		{"password variable unset", email.Settings{Host: srv.Host, Port: srv.Port, Username: "editor", PasswordEnv: "NOT_SET"}, nil, "export NOT_SET="},
		{"CA file without a certificate", smtp, []byte("not a certificate\n"), email.ErrNoCertificate.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := email.ServerFor(tt.smtp, getenv, tt.ca)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ServerFor: %v, want an error saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n, err := email.Send(context.Background(), s, message(), []string{"reader@example.net"}); err != nil || n != 1 {
				t.Fatalf("Send = %d, %v; want it sent over STARTTLS trusting the given CA", n, err)
			}
		})
	}
	if !errors.Is(func() error { _, err := email.ServerFor(smtp, getenv, []byte("x")); return err }(), email.ErrNoCertificate) {
		t.Error("a CA file without a certificate is not ErrNoCertificate")
	}
}
