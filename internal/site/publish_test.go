package site

import (
	"strings"
	"testing"
)

func TestDeploySection(t *testing.T) {
	cfg, err := Parse("site.yaml", []byte(`title: T
base_url: https://h.example/
deploy:
  bucket: briefing
  prefix: /us-china
  endpoint: http://127.0.0.1:9000
  max_deletes: 0
  cache:
    - match: "media/*"
      cache_control: "public, max-age=60"
host:
  headers: true
`))
	if err != nil {
		t.Fatal(err)
	}
	d := cfg.Deploy
	if !d.Set || d.Bucket != "briefing" || d.Prefix != "us-china/" || d.EndpointURL.Host != "127.0.0.1:9000" {
		t.Errorf("deploy = %+v; want bucket briefing, prefix us-china/, the endpoint parsed", d)
	}
	if d.Deletes() != 0 {
		t.Errorf("max_deletes: 0 gave %d deletes; 0 must mean none", d.Deletes())
	}
	if cc, ok := d.CacheControl("media/a.png"); !ok || cc != "public, max-age=60" {
		t.Errorf("cache rule for media/a.png = %q, %t", cc, ok)
	}
	if _, ok := d.CacheControl("media/x/a.png"); ok {
		t.Error("media/* matched a file in a subfolder; * stays within a folder")
	}
	if !cfg.Host.Headers || cfg.Host.FrameAncestors != DefaultFrameAncestors {
		t.Errorf("host = %+v; want headers on and frame-ancestors 'none'", cfg.Host)
	}

	plain, err := Parse("site.yaml", []byte("title: T\nbase_url: https://h.example/\n"))
	if err != nil {
		t.Fatal(err)
	}
	if plain.Deploy.Set || plain.Deploy.Deletes() != DefaultMaxDeletes || plain.Deploy.EndpointURL.String() != DefaultEndpoint {
		t.Errorf("without a deploy section: %+v; want unset with the defaults", plain.Deploy)
	}
}

func TestDeploySectionErrors(t *testing.T) {
	base := "title: T\nbase_url: https://h.example/\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"no bucket", "deploy:\n  prefix: x\n", "bucket is missing"},
		{"bucket with a folder", "deploy:\n  bucket: b/x\n", "site.yaml:4: deploy: bucket \"b/x\""},
		{"endpoint not a URL", "deploy:\n  bucket: b\n  endpoint: s3.amazonaws.com\n", "site.yaml:5: deploy: endpoint"},
		{"endpoint with a path", "deploy:\n  bucket: b\n  endpoint: https://s3.example/b\n", "the service's address alone"},
		{"negative deletes", "deploy:\n  bucket: b\n  max_deletes: -1\n", "max_deletes is -1"},
		{"prefix climbing", "deploy:\n  bucket: b\n  prefix: a/../b\n", "must not hold"},
		{"bad pattern", "deploy:\n  bucket: b\n  cache:\n    - match: \"[\"\n      cache_control: x\n", "cache rule 1: match"},
		{"header injection", "deploy:\n  bucket: b\n  cache:\n    - match: \"*\"\n      cache_control: \"a\\r\\nX-Evil: 1\"\n", "one header value"},
		{"unknown key", "deploy:\n  bukket: b\n", `unknown key "bukket"`},
		{"frame ancestors with a directive", "host:\n  headers: true\n  frame_ancestors: \"'none'; script-src *\"\n", "site.yaml:5: host: frame_ancestors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("site.yaml", []byte(base+tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v; want it to contain %q", err, tt.want)
			}
		})
	}
}
