package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/email"
	"github.com/brief-ssg/brief/internal/site"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

func runSend(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "send", "send EDITION (--to ADDR... | --to-file FILE) [--source DIR] [--tls-ca FILE]\n\n"+
		"Sends an edition's email (2023-06-14 for a day, week-2023-06-12 for the\n"+
		"week that starts that day) to each address, one message per recipient,\n"+
		"through the SMTP server of site.yaml's editions: email: smtp:, upgraded\n"+
		"with STARTTLS and, when a username is set, authenticated with the\n"+
		"password in the environment variable it names (BRIEF_SMTP_PASSWORD by\n"+
		"default). The email is made from the site as it is now, as `brief build`\n"+
		"would write it.")
	source := fs.String("source", ".", "the site's folder (the one with site.yaml)")
	var to listFlag
	fs.Var(&to, "to", "a recipient's address (repeat for more)")
	toFile := fs.String("to-file", "", "a file of addresses, one a line (# starts a comment)")
	caFile := fs.String("tls-ca", "", "a PEM file of certificates to trust for the server besides the system's (a private server's own CA)")
	// The edition may come before or after the flags.
	var rest []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(rest) != 1 {
		return fmt.Errorf("brief send: name one edition, such as 2023-06-14 or week-2023-06-12 (see `brief send --help`): %w", errUsage)
	}
	id := rest[0]
	if *toFile != "" {
		data, err := os.ReadFile(e.path(*toFile))
		if err != nil {
			return fmt.Errorf("brief send: --to-file: %w", err)
		}
		list, err := email.Recipients(*toFile, data)
		if err != nil {
			return fmt.Errorf("brief send: %w", err)
		}
		to = append(to, list...)
	}
	for _, a := range to {
		if err := email.CheckAddress(a); err != nil {
			return fmt.Errorf("brief send: --to: %v: %w", err, errUsage)
		}
	}
	if len(to) == 0 {
		return fmt.Errorf("brief send: no recipients: give --to ADDR or --to-file FILE: %w", errUsage)
	}
	msg, cfg, err := build.EditionMessage(ctx, os.DirFS(e.path(*source)), build.Options{Log: e.log}, id)
	if err != nil {
		return fmt.Errorf("brief send: %w", err)
	}
	smtp := cfg.Editions.Email.SMTP
	var caPEM []byte
	if *caFile != "" {
		if caPEM, err = os.ReadFile(e.path(*caFile)); err != nil {
			return fmt.Errorf("brief send: --tls-ca: %w", err)
		}
	}
	if smtp.PasswordEnv == "" {
		smtp.PasswordEnv = site.DefaultPasswordEnv
	}
	srv, err := email.ServerFor(email.Settings(smtp), os.Getenv, caPEM)
	if err != nil {
		if errors.Is(err, email.ErrNoCertificate) {
			return fmt.Errorf("brief send: --tls-ca %s: %w", *caFile, err)
		}
		return fmt.Errorf("brief send: %w", err)
	}
	sent, err := email.Send(ctx, srv, msg, to)
	if err != nil {
		return fmt.Errorf("brief send: sent %d of %d: %w", sent, len(to), err)
	}
	fmt.Fprintf(e.stdout, "sent %s (%q, %d bytes of HTML) to %d %s through %s:%d\n", id, msg.Subject, len(msg.HTML), sent, plural(sent, "recipient", "recipients"), smtp.Host, smtp.Port)
	return nil
}
