// Package email turns an edition's HTML into an email that survives mail
// clients and sends it: CSS inlined into style attributes, a check of the
// rules mail clients impose, a multipart/alternative message with a
// plain-text part, and SMTP delivery with STARTTLS and authentication.
//
// Inlining is github.com/vanng822/go-premailer's; messages are built and
// sent with github.com/wneessen/go-mail.
package email

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vanng822/go-premailer/premailer"
	mail "github.com/wneessen/go-mail"
)

// Inline moves the rules of html's <style> blocks into the style
// attributes of the elements they select (and the attributes Outlook
// reads, such as bgcolor and width), since many clients drop <style>.
// Rules that cannot be inlined, @media ones, stay in a <style> block.
func Inline(html []byte) ([]byte, error) {
	p, err := premailer.NewPremailerFromBytes(html, premailer.NewOptions())
	if err != nil {
		return nil, fmt.Errorf("email: inlining CSS: %w", err)
	}
	out, err := p.Transform()
	if err != nil {
		return nil, fmt.Errorf("email: inlining CSS: %w", err)
	}
	return []byte(out), nil
}

// Message is an edition as one email.
type Message struct {
	From    string // "Name <address>"
	ReplyTo string // "" for none
	To      []string
	Subject string
	// ListUnsubscribe are mailto: or https: URLs for the List-Unsubscribe
	// header; none leaves the header out.
	ListUnsubscribe []string
	// Date is the message's Date header; ID its Message-ID without the
	// angle brackets. A build gives both, so that the same edition always
	// gives the same bytes; left zero, sending stamps its own.
	Date time.Time
	ID   string
	HTML []byte
	Text []byte
}

// msg builds the go-mail message. Its MIME boundary comes from the
// content, for the same reason as Date and ID.
func (m *Message) msg() (*mail.Msg, error) {
	sum := sha256.New()
	for _, part := range [][]byte{[]byte(m.Subject), m.HTML, m.Text} {
		sum.Write(part)
		sum.Write([]byte{0})
	}
	boundary := "brief-" + hex.EncodeToString(sum.Sum(nil))[:32]
	g := mail.NewMsg(mail.WithBoundary(boundary), mail.WithCharset(mail.CharsetUTF8),
		mail.WithEncoding(mail.EncodingQP), mail.WithNoDefaultUserAgent())
	if err := g.From(m.From); err != nil {
		return nil, fmt.Errorf("email: from %q: %w", m.From, err)
	}
	if len(m.To) > 0 {
		if err := g.To(m.To...); err != nil {
			return nil, fmt.Errorf("email: to: %w", err)
		}
	}
	if m.ReplyTo != "" {
		if err := g.ReplyTo(m.ReplyTo); err != nil {
			return nil, fmt.Errorf("email: reply-to %q: %w", m.ReplyTo, err)
		}
	}
	g.Subject(m.Subject)
	// Left zero, go-mail stamps the time of sending and a random ID.
	if !m.Date.IsZero() {
		g.SetDateWithValue(m.Date)
	}
	if m.ID != "" {
		g.SetMessageIDWithValue(m.ID)
	}
	if len(m.ListUnsubscribe) > 0 {
		uris := make([]string, len(m.ListUnsubscribe))
		for i, u := range m.ListUnsubscribe {
			uris[i] = "<" + u + ">"
		}
		g.SetListUnsubscribe(uris...)
	}
	// Text first: a multipart/alternative lists the plainest part first
	// and clients show the last one they can.
	g.SetBodyString(mail.TypeTextPlain, string(m.Text))
	g.AddAlternativeString(mail.TypeTextHTML, string(m.HTML))
	return g, nil
}

// WriteEML writes m as an RFC 5322 message (a .eml file): headers, then
// a multipart/alternative body of a text/plain and a text/html part, both
// UTF-8 in quoted-printable.
func WriteEML(w io.Writer, m *Message) error {
	g, err := m.msg()
	if err != nil {
		return err
	}
	if _, err := g.WriteTo(w); err != nil {
		return fmt.Errorf("email: writing the message: %w", err)
	}
	return nil
}

// EML is WriteEML into bytes.
func EML(m *Message) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteEML(&b, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Server is an SMTP server to submit messages to.
type Server struct {
	Host     string
	Port     int // 587 when 0
	Username string
	Password string
	// TLS configures STARTTLS, which is required; nil trusts the
	// system's roots for Host.
	TLS *tls.Config
	// Timeout bounds connecting and each command; 0 means 30 s.
	Timeout time.Duration
}

// ErrNoCertificate is ServerFor's error for a CA file without a PEM
// certificate.
var ErrNoCertificate = errors.New("the file holds no PEM certificate")

// Settings are site.yaml's editions: email: smtp: settings, converted
// from site.SMTP (email sits beside site in the package layers).
type Settings struct {
	Host        string
	Port        int
	Username    string
	PasswordEnv string
}

// ServerFor is the SMTP server smtp names. With a username, the password
// is read through getenv from the variable smtp.PasswordEnv names and must
// be set. caPEM, when not nil, holds certificates trusted besides the
// system's for STARTTLS (a private relay's own CA); one without any gives
// ErrNoCertificate. The other errors say which setting to fix.
func ServerFor(smtp Settings, getenv func(string) string, caPEM []byte) (Server, error) {
	srv := Server{Host: smtp.Host, Port: smtp.Port, Username: smtp.Username}
	if smtp.Host == "" {
		return Server{}, errors.New("site.yaml names no SMTP server: set editions: email: smtp: host (and port, username)")
	}
	if srv.Username != "" {
		env := smtp.PasswordEnv
		if srv.Password = getenv(env); srv.Password == "" {
			return Server{}, fmt.Errorf("the SMTP password is not set: export %s=… (the variable site.yaml's editions: email: smtp: password_env names)", env)
		}
	}
	if caPEM != nil {
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(caPEM) {
			return Server{}, ErrNoCertificate
		}
		srv.TLS = &tls.Config{ServerName: smtp.Host, RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return srv, nil
}

// Send submits m to each address in to, one message per recipient, so
// that no reader sees the others' addresses, over one connection that
// must be upgraded with STARTTLS before authenticating (AUTH PLAIN when
// Username is set). It stops at the first failure; the error says how
// many were sent.
func Send(ctx context.Context, srv Server, m *Message, to []string) (int, error) {
	if srv.Host == "" {
		return 0, errors.New("email: no SMTP host: set editions: email: smtp: host in site.yaml")
	}
	if len(to) == 0 {
		return 0, errors.New("email: no recipients")
	}
	msgs := make([]*mail.Msg, len(to))
	for i, addr := range to {
		one := *m
		one.To = []string{addr}
		g, err := one.msg()
		if err != nil {
			return 0, err
		}
		msgs[i] = g
	}
	port, timeout := srv.Port, srv.Timeout
	if port == 0 {
		port = 587
	}
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	tlsConf := srv.TLS
	if tlsConf == nil {
		tlsConf = &tls.Config{ServerName: srv.Host, MinVersion: tls.VersionTLS12}
	}
	opts := []mail.Option{
		mail.WithPort(port), mail.WithTLSPolicy(mail.TLSMandatory), mail.WithTLSConfig(tlsConf),
		mail.WithTimeout(timeout),
	}
	if srv.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(srv.Username), mail.WithPassword(srv.Password))
	}
	c, err := mail.NewClient(srv.Host, opts...)
	if err != nil {
		return 0, fmt.Errorf("email: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msgs...); err != nil {
		sent := 0
		for _, g := range msgs {
			if g.IsDelivered() {
				sent++
			}
		}
		return sent, fmt.Errorf("email: sending through %s:%d: %w", srv.Host, port, err)
	}
	return len(msgs), nil
}

// Recipients reads a list of addresses, one a line; blank lines and
// lines starting with # are skipped. name is used in errors.
func Recipients(name string, data []byte) ([]string, error) {
	var out []string
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := CheckAddress(line); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, i+1, err)
		}
		out = append(out, line)
	}
	return out, nil
}
