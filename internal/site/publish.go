package site

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Deploy is site.yaml's `deploy:` section: the S3-compatible bucket that
// `brief deploy` uploads public/ to. Credentials never go here: they come
// from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN), so that site.yaml can be committed.
//
//	deploy:
//	  bucket: my-briefing                 # required
//	  prefix: us-china/                   # a folder in the bucket; "" for its root
//	  endpoint: https://s3.amazonaws.com  # any S3-compatible service (R2, MinIO, …)
//	  region: us-east-1
//	  max_deletes: 256                    # refuse a deploy deleting more; 0 never deletes
//	  cache:                              # Cache-Control by file, first match wins
//	    - match: "media/*"
//	      cache_control: "public, max-age=604800"
type Deploy struct {
	Bucket   string `yaml:"bucket"`
	Prefix   string `yaml:"prefix"`
	Endpoint string `yaml:"endpoint"`
	Region   string `yaml:"region"`
	// MaxDeletes is nil when left out, which means DefaultMaxDeletes.
	MaxDeletes *int        `yaml:"max_deletes"`
	Cache      []CacheRule `yaml:"cache"`

	// EndpointURL is Endpoint parsed (DefaultEndpoint when left out).
	EndpointURL *url.URL `yaml:"-"`
	// Set says site.yaml has the section.
	Set bool `yaml:"-"`
}

// CacheRule gives the files whose path (relative to public/, such as
// "articles/x/index.html") matches Match, a path.Match pattern where "*"
// stays within a folder, the Cache-Control header CacheControl.
type CacheRule struct {
	Match        string `yaml:"match"`
	CacheControl string `yaml:"cache_control"`
}

// Defaults of the deploy section.
const (
	DefaultEndpoint   = "https://s3.amazonaws.com"
	DefaultMaxDeletes = 256
)

// Deletes is how many objects one deploy may delete: max_deletes, or
// DefaultMaxDeletes when left out.
func (d *Deploy) Deletes() int {
	if d.MaxDeletes == nil {
		return DefaultMaxDeletes
	}
	return *d.MaxDeletes
}

// CacheControl returns the editor's Cache-Control for the file at p
// (slash-separated, relative to public/) and whether a rule matched.
func (d *Deploy) CacheControl(p string) (string, bool) {
	for _, r := range d.Cache {
		if ok, _ := path.Match(r.Match, p); ok {
			return r.CacheControl, true
		}
	}
	return "", false
}

func (d *Deploy) check(doc *yaml.Node, bad func(line int, format string, args ...any)) {
	d.Set = hasSection(doc, "deploy")
	lines := sectionLines(doc, "deploy")
	if d.Set && strings.TrimSpace(d.Bucket) == "" {
		bad(lines["bucket"], "deploy: bucket is missing: name the S3 bucket to upload to, such as `bucket: my-briefing`")
	}
	if strings.ContainsAny(d.Bucket, "/ ") {
		bad(lines["bucket"], "deploy: bucket %q is a bucket name, without slashes; put a folder in `prefix:`", d.Bucket)
	}
	d.Prefix = strings.Trim(d.Prefix, "/")
	if d.Prefix != "" {
		if strings.Contains("/"+d.Prefix+"/", "/../") || strings.Contains("/"+d.Prefix+"/", "/./") {
			bad(lines["prefix"], "deploy: prefix %q must not hold . or .. folders", d.Prefix)
		}
		d.Prefix += "/"
	}
	endpoint := d.Endpoint
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	u, err := url.Parse(endpoint)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		bad(lines["endpoint"], "deploy: endpoint %q must be an http(s) URL such as https://s3.amazonaws.com", d.Endpoint)
	case u.Path != "" && u.Path != "/" || u.RawQuery != "":
		bad(lines["endpoint"], "deploy: endpoint %q must be the service's address alone; put the bucket in `bucket:` and a folder in `prefix:`", d.Endpoint)
	default:
		d.EndpointURL = u
	}
	if d.MaxDeletes != nil && *d.MaxDeletes < 0 {
		bad(lines["max_deletes"], "deploy: max_deletes is %d; it is how many files one deploy may delete (0: none)", *d.MaxDeletes)
	}
	for i, r := range d.Cache {
		if _, err := path.Match(r.Match, ""); err != nil || r.Match == "" {
			bad(lines["cache"], "deploy: cache rule %d: match %q is not a pattern such as \"media/*\" or \"*.css\"", i+1, r.Match)
		}
		if strings.TrimSpace(r.CacheControl) == "" || strings.ContainsAny(r.CacheControl, "\r\n") {
			bad(lines["cache"], "deploy: cache rule %d: cache_control must be one header value such as \"public, max-age=3600\"", i+1)
		}
	}
}

// Host is site.yaml's `host:` section: configuration files for static
// hosts, written by the build beside the pages.
//
//	host:
//	  headers: true              # write _headers (Netlify, Cloudflare Pages)
//	  frame_ancestors: "'none'"  # who may frame the pages; "'self'" allows the site itself
type Host struct {
	// Headers asks for a _headers file carrying the pages' CSP (with
	// frame-ancestors, which a <meta> CSP cannot carry) and the other
	// security headers as HTTP headers.
	Headers bool `yaml:"headers"`
	// FrameAncestors is the CSP frame-ancestors source list;
	// DefaultFrameAncestors when left out.
	FrameAncestors string `yaml:"frame_ancestors"`
}

// DefaultFrameAncestors keeps every other site from framing the pages.
const DefaultFrameAncestors = "'none'"

func (h *Host) check(doc *yaml.Node, bad func(line int, format string, args ...any)) {
	lines := sectionLines(doc, "host")
	if h.FrameAncestors == "" {
		h.FrameAncestors = DefaultFrameAncestors
	}
	// One value in one header line: a semicolon would start another
	// directive, and a line break another header.
	if strings.ContainsAny(h.FrameAncestors, ";,\r\n") {
		bad(lines["frame_ancestors"], "host: frame_ancestors %q must be one source list such as 'none', 'self' or https://example.org", h.FrameAncestors)
	}
}

// String names the bucket and folder a deploy goes to, as s3://bucket/prefix.
func (d *Deploy) String() string {
	return fmt.Sprintf("s3://%s/%s", d.Bucket, d.Prefix)
}
