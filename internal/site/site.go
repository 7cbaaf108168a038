// Package site reads site.yaml, the one file that says what a briefing is
// called, where it is published and which topics it follows.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // a fresh machine may lack /usr/share/zoneinfo

	"go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/safetext"
	"github.com/brief-ssg/brief/internal/slug"
	"github.com/brief-ssg/brief/internal/topics"
)

// FileName is the configuration file at the root of every site.
const FileName = "site.yaml"

// Config is site.yaml, decoded and checked.
type Config struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"base_url"`
	Language    string `yaml:"language"`
	Timezone    string `yaml:"timezone"`
	// Author is the editor named in feeds.
	Author string `yaml:"author"`
	// PerPage bounds how many articles one topic or tag page lists.
	PerPage int `yaml:"per_page"`
	// FeedItems bounds how many articles a feed carries.
	FeedItems int `yaml:"feed_items"`
	// Generated opts in to a build-time stamp in the page footer; off by
	// default so that builds are byte-identical.
	Generated bool    `yaml:"generated"`
	Topics    []Topic `yaml:"topics"`
	// Tags cleans the tags of every article (see Tags).
	Tags Tags `yaml:"tags"`
	// Stories tunes how articles group into stories (see Stories).
	Stories Stories `yaml:"stories"`
	// Sources are the outlets brief fetch follows (see Source).
	Sources []Source `yaml:"sources"`
	// Fetch says how politely brief fetch reads them (see Fetch).
	Fetch Fetch `yaml:"fetch"`
	// Deploy is where `brief deploy` uploads the site (see Deploy).
	Deploy Deploy `yaml:"deploy"`
	// Host asks the build for static hosts' configuration files (see Host).
	Host Host `yaml:"host"`
	// Publish says how much of each article the site republishes (see
	// Publish); Images, whether import stores images (see Images).
	Publish Publish `yaml:"publish"`
	Images  Images  `yaml:"images"`
	// Editions publishes daily and weekly issues (see Editions).
	Editions Editions `yaml:"editions"`
	// Search turns the search index off or leaves bodies out of it.
	Search Search `yaml:"search"`

	// Location is Timezone resolved; dates without an offset are read in it.
	Location *time.Location `yaml:"-"`
	// Base is BaseURL parsed; its Path always ends in "/".
	Base *url.URL `yaml:"-"`
}

// Topic is a subject the briefing follows.
type Topic struct {
	Slug        string       `yaml:"slug"`
	Title       string       `yaml:"title"`
	Description string       `yaml:"description"`
	Match       topics.Rules `yaml:"match"`

	// Line is where the topic starts in site.yaml, for error messages.
	Line int `yaml:"-"`
}

// Defaults applied when site.yaml leaves a field out.
const (
	DefaultPerPage   = 30
	DefaultFeedItems = 30
)

// ErrNotFound is returned, wrapped, by Load for a folder without site.yaml.
var ErrNotFound = errors.New("not found: is this a brief site? Run `brief init DIR` to start one, or pass --source")

// Options adjust how Load reads a site's configuration.
type Options struct {
	// BaseURL, when set, replaces site.yaml's base_url: previews and
	// staging hosts publish the same site elsewhere.
	BaseURL string
}

// Load reads site.yaml at the root of fsys, decodes and checks it. Every
// command reads the configuration through it, so that build, serve,
// import and extract agree on what a site says. Errors name site.yaml and
// the line at fault; a missing file is ErrNotFound.
func Load(fsys fs.FS, opt Options) (*Config, error) {
	data, err := ReadFile(fsys)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, diag.Errorf(FileName, 0, "%w", ErrNotFound)
	}
	if err != nil {
		return nil, diag.Errorf(FileName, 0, "%w", err)
	}
	cfg, err := Parse(FileName, data)
	if err != nil {
		return nil, err
	}
	if opt.BaseURL != "" {
		base, err := parseBaseURL(opt.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("--base-url: %w", err)
		}
		cfg.Base = base
	}
	return cfg, nil
}

// MaxSize bounds site.yaml: a site's settings and topics fit in a few
// KiB, and a file read whole and decoded must not cost gigabytes.
const MaxSize = 1 << 20

var errTooLarge = fmt.Errorf("the file is over the %d MiB limit for site.yaml; it holds settings and topics, a few KiB: move anything else out of it", MaxSize>>20)

// ReadFile reads site.yaml at the root of fsys, returning an error for a
// file over MaxSize without reading it all. Whatever reads site.yaml
// reads it through it.
func ReadFile(fsys fs.FS) ([]byte, error) {
	f, err := fsys.Open(FileName)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, errTooLarge
	}
	return data, nil
}

// siteLimits bound site.yaml's YAML before it is decoded (see
// diag.CheckShape): topics are a list, so only a mapping's keys need a
// tight bound.
var siteLimits = diag.Limits{MaxDepth: 16, MaxNodes: 200_000, MaxKeys: 1000}

// siteProse are keys whose values are text an editor writes.
var siteProse = map[string]bool{"title": true, "description": true, "author": true}

// Parse decodes and checks site.yaml. path names the file in errors. Every
// problem found is reported, each with its line.
func Parse(path string, data []byte) (*Config, error) {
	if len(data) > MaxSize {
		return nil, diag.Errorf(path, 0, "%w", errTooLarge)
	}
	// Parsed into a tree first, which is linear in the input, to refuse
	// aliases (a 1 MB string aliased 1,000 times decoded for minutes)
	// and explain syntax mistakes before the typed decoder runs.
	doc, err := diag.ParseYAML(path, 0, data, func(k string) bool { return siteProse[k] })
	if err != nil {
		return nil, err
	}
	if err := diag.CheckShape(path, 0, doc, "site.yaml", siteLimits); err != nil {
		return nil, err
	}
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, diag.FromYAML(path, 0, err, Config{}, Topic{}, topics.Rules{}, Tags{}, Stories{}, Source{}, Fetch{}, Deploy{}, CacheRule{}, Host{}, Images{}, Editions{}, Email{}, SMTP{}, Search{})
	}
	// Topic lines come from the tree: the typed decoder does not say
	// where each list item started.
	for i, line := range listLines(doc, "topics") {
		if i < len(cfg.Topics) {
			cfg.Topics[i].Line = line
		}
	}
	cfg.clean()
	if err := cfg.check(path, doc); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// clean makes the one-line fields what pages and feeds may show, as
// content does for front matter.
func (c *Config) clean() {
	for _, f := range []*string{&c.Title, &c.Description, &c.Author} {
		*f = safetext.Line(*f)
	}
	for i := range c.Topics {
		c.Topics[i].Title = safetext.Line(c.Topics[i].Title)
		c.Topics[i].Description = safetext.Line(c.Topics[i].Description)
	}
}

func (c *Config) check(path string, doc *yaml.Node) error {
	var errs diag.List
	bad := func(line int, format string, args ...any) {
		errs.Add(diag.Errorf(path, line, format, args...))
	}
	if strings.TrimSpace(c.Title) == "" {
		bad(0, "title is missing: add a line such as `title: My briefing`")
	}
	if c.Language == "" {
		c.Language = "en"
	} else if !languageTag.MatchString(c.Language) {
		bad(0, "language %q is not a language tag such as en, en-GB or zh-Hans", c.Language)
	}
	if c.Timezone == "" {
		c.Timezone = "UTC"
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		bad(0, "timezone %q is not an IANA time zone name (for example Asia/Shanghai or America/New_York)", c.Timezone)
		loc = time.UTC
	}
	c.Location = loc
	base, err := parseBaseURL(c.BaseURL)
	switch {
	case c.BaseURL == "":
		bad(0, "base_url is missing: feeds and the sitemap need absolute links; set it to where the site will be published, such as https://example.org/briefing/")
	case err != nil:
		bad(0, "base_url: %v", err)
	}
	if base == nil {
		base, _ = url.Parse("https://example.invalid/")
	}
	c.Base = base
	if c.PerPage == 0 {
		c.PerPage = DefaultPerPage
	}
	if c.PerPage < 1 {
		bad(0, "per_page must be at least 1")
		c.PerPage = DefaultPerPage
	}
	if c.FeedItems == 0 {
		c.FeedItems = DefaultFeedItems
	}
	if c.FeedItems < 1 {
		bad(0, "feed_items must be at least 1")
		c.FeedItems = DefaultFeedItems
	}
	c.Tags.check(doc, bad)
	c.Stories.check(doc, bad)
	c.Deploy.check(doc, bad)
	c.Host.check(doc, bad)
	c.Publish.check(doc, bad)
	c.Editions.check(doc, bad)
	var slugs slug.Set
	for i := range c.Topics {
		t := &c.Topics[i]
		if strings.TrimSpace(t.Title) == "" {
			bad(t.Line, "topic %d has no title", i+1)
		}
		if t.Slug == "" {
			t.Slug = slug.Make(t.Title)
		} else if s := slug.Make(t.Slug); s != t.Slug {
			bad(t.Line, "topic slug %q is not a slug; use %q", t.Slug, s)
		}
		if t.Slug == "" {
			continue
		}
		if prev, ok := slugs.Claim(t.Slug, t.Title); !ok {
			hint := ""
			if k := slug.Key(t.Title); k != t.Slug {
				hint = fmt.Sprintf(" (slug: %s)", k)
			}
			bad(t.Line, "topic %q has slug %q, already used by topic %q; give one of them another slug%s", t.Title, t.Slug, prev, hint)
		}
		if err := t.Match.Check(); err != nil {
			bad(t.Line, "topic %q: %v", t.Slug, err)
		}
	}
	c.checkSources(doc, bad)
	c.Fetch.check(doc, bad)
	return errs.Err()
}

// languageTag is the shape of a BCP 47 tag, which feeds and <html lang>
// need; it does not check the registry.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// Topic returns the topic with the given slug.
func (c *Config) Topic(slug string) (*Topic, bool) {
	for i := range c.Topics {
		if c.Topics[i].Slug == slug {
			return &c.Topics[i], true
		}
	}
	return nil, false
}

// HasRules reports whether any topic has match rules: without them, only
// the articles that list a topic are filed under it.
func (c *Config) HasRules() bool {
	for _, t := range c.Topics {
		if !t.Match.IsZero() {
			return true
		}
	}
	return false
}

// RuleTopics returns the slugs of the topics whose match rules select d,
// in site.yaml order.
func (c *Config) RuleTopics(d topics.Doc) []string {
	var out []string
	var ix *topics.Index
	for _, t := range c.Topics {
		if t.Match.IsZero() {
			continue
		}
		if ix == nil {
			ix = topics.NewIndex(d)
		}
		if t.Match.Match(ix) {
			out = append(out, t.Slug)
		}
	}
	return out
}

// parseBaseURL checks a base URL: absolute http(s), possibly with a
// sub-path. The returned URL's path always ends in "/".
func parseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL", s)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q must be an absolute http(s) URL such as https://example.org/briefing/", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not have a query or fragment", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, nil
}
