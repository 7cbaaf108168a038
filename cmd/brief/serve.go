package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/brief-ssg/brief/internal/serve"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future] [--allow-host NAME]...\n\nBuilds the site into memory and serves it for preview, rebuilding and\nreloading the browser as files change. Stop it with Ctrl-C. Requests must\nname a loopback host (localhost, 127.0.0.1) or the bound address, which\nkeeps web pages from reading the preview through DNS rebinding; allow other\nnames with --allow-host.")
	source := fs.String("source", ".", "the site's folder (holding site.yaml)")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; anything but loopback shares the preview with the network")
	port := fs.Int("port", 1313, "the port to listen on; the next free one is used when it is taken")
	drafts := fs.Bool("drafts", false, "include articles and pages marked draft: true")
	future := fs.Bool("future", false, "include articles dated in the future")
	var allow hostList
	fs.Var(&allow, "allow-host", "a host name requests may use besides loopback ones and the bound address (repeat for more; * allows any)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("brief serve: unexpected argument %q (use --source DIR): %w", fs.Arg(0), errUsage)
	}
	if *port < 0 || *port > 65535 {
		return fmt.Errorf("brief serve: --port %d is not a port number: %w", *port, errUsage)
	}
	s, err := serve.New(serve.Options{
		Source: e.path(*source), Bind: *bind, Port: *port, Drafts: *drafts, Future: *future,
		Stdout: e.stdout, Stderr: e.stderr, Log: e.log, AllowHosts: allow,
	})
	if err != nil {
		return err
	}
	return s.Run(ctx)
}

// hostList collects repeated --allow-host flags.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n != "" {
			*h = append(*h, n)
		}
	}
	return nil
}
