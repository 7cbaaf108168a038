// Package sitetest builds whole sites in tests, after Hugo's integration
// tests: a site (site.yaml, content/, templates/, static/) is written as one
// txtar string, built in memory through build.Build, and its output checked
// file by file:
//
//	s := sitetest.New(t, `
//	-- site.yaml --
//	title: T
//	base_url: https://example.org/
//	-- content/articles/tariffs.md --
//	---
//	title: Tariffs rise
//	date: 2025-01-01
//	---
//	Body.
//	`).Build()
//	s.AssertFileContent("articles/tariffs/index.html", "<h1>Tariffs rise</h1>", "! draft")
//	s.AssertNoFile("articles/draft/index.html")
//
// Edits followed by Rebuild run an incremental build, as `brief serve`
// does, and check that it writes exactly what a full build of the edited
// site writes:
//
//	s.ReplaceInFile("content/articles/tariffs.md", "Tariffs rise", "Tariffs fall")
//	s.Rebuild().AssertFileContent("index.html", "Tariffs fall")
//
// Output names are as the build writes them, relative to public/. The
// harness uses build.Build for full builds and build.Incremental for
// rebuilds, in Build, startIncremental and Rebuild only.
package sitetest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/tools/txtar"

	"github.com/brief-ssg/brief/internal/build"
	"github.com/brief-ssg/brief/internal/golden"
	"github.com/brief-ssg/brief/internal/output"
)

// Now is the build time of every harness build whose options leave Now
// zero: after the fixtures' articles, so that builds do not change with the
// day the tests run.
func Now() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }

// An Option changes how New lays out the site.
type Option func(testing.TB, *config)

type config struct {
	opt    build.Options
	onDisk bool
	bases  []string
}

// WithOptions sets the options of every build; a zero Now means Now().
func WithOptions(opt build.Options) Option {
	return func(_ testing.TB, c *config) { c.opt = opt }
}

// OnDisk writes the site into a temporary folder (Dir) and builds it from
// there, for tests of code that reads or watches real files. Edits made
// through the Site are written to that folder.
func OnDisk() Option {
	return func(_ testing.TB, c *config) { c.onDisk = true }
}

// CopyOf starts the site from a copy of the site in dir (its site.yaml,
// content/, static/ and templates/); the txtar files are laid on top,
// replacing files of the same name.
func CopyOf(dir string) Option {
	return func(_ testing.TB, c *config) { c.bases = append(c.bases, dir) }
}

// Example starts the site from a copy of the example site at the
// repository's root.
func Example() Option {
	return func(t testing.TB, c *config) { c.bases = append(c.bases, RepoRoot(t)) }
}

// siteParts are what CopyOf copies: the inputs of a build, never public/.
var siteParts = []string{"site.yaml", "content", "static", "templates"}

// Site is a site under test and its last build.
type Site struct {
	t    testing.TB
	opt  build.Options
	dir  string       // on disk: the site's folder
	mem  fstest.MapFS // in memory: the site's files
	fsys fs.FS

	built    bool
	out      map[string][]byte
	res      *build.Result
	inc      *build.Incremental
	changed  []string // paths edited since the incremental builder last ran
	rendered int
}

// New lays out a site from files, a txtar archive (later files of the same
// name replace earlier ones), on top of the sites named by CopyOf or
// Example. Nothing is built until Build.
func New(t testing.TB, files string, opts ...Option) *Site {
	t.Helper()
	var c config
	for _, o := range opts {
		o(t, &c)
	}
	all := map[string][]byte{}
	for _, base := range c.bases {
		readSite(t, base, all)
	}
	for _, f := range txtar.Parse([]byte(files)).Files {
		all[checkName(t, f.Name)] = f.Data
	}
	s := &Site{t: t, opt: c.opt}
	if s.opt.Now.IsZero() {
		s.opt.Now = Now()
	}
	if c.onDisk {
		s.dir = t.TempDir()
		s.fsys = os.DirFS(s.dir)
		for name, data := range all {
			s.write(name, data)
		}
		return s
	}
	s.mem = fstest.MapFS{}
	s.fsys = s.mem
	for name, data := range all {
		s.write(name, data)
	}
	return s
}

// ReadTxtar returns the text of a txtar fixture, such as
// testdata/site.txtar, for New.
func ReadTxtar(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// RepoRoot is the folder holding the main module's go.mod, found upward
// from the test's working folder.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module github.com/brief-ssg/brief\n")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("sitetest: no go.mod of github.com/brief-ssg/brief above the test's folder")
		}
		dir = parent
	}
}

func readSite(t testing.TB, root string, into map[string][]byte) {
	t.Helper()
	src := os.DirFS(root)
	for _, part := range siteParts {
		err := fs.WalkDir(src, part, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(src, p)
			into[p] = b
			return err
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("sitetest: copying %s: %v", root, err)
		}
	}
}

func checkName(t testing.TB, name string) string {
	t.Helper()
	if !fs.ValidPath(name) || name == "." {
		t.Fatalf("sitetest: %q is not a slash-separated path inside the site", name)
	}
	return name
}

// Dir is the site's folder; only a site made with OnDisk has one.
func (s *Site) Dir() string {
	s.t.Helper()
	if s.dir == "" {
		s.t.Fatal("sitetest: the site is in memory; make it with OnDisk to get a folder")
	}
	return s.dir
}

// FS is the site's source, as the build reads it.
func (s *Site) FS() fs.FS { return s.fsys }

// Options are the options every build of the site uses.
func (s *Site) Options() build.Options { return s.opt }

// ReadFile returns a source file of the site.
func (s *Site) ReadFile(name string) string {
	s.t.Helper()
	b, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		s.t.Fatalf("sitetest: %v", err)
	}
	return string(b)
}

// Build builds the whole site into memory, failing the test on an error.
// It also forgets the incremental builder: the next edit starts one from
// this state.
func (s *Site) Build() *Site {
	s.t.Helper()
	out, res, err := s.full()
	if err != nil {
		s.t.Fatalf("build: %v", err)
	}
	s.out, s.res, s.built = out, res, true
	s.inc, s.changed, s.rendered = nil, nil, len(out)
	return s
}

func (s *Site) full() (map[string][]byte, *build.Result, error) {
	mem := output.NewMemory()
	res, err := build.Build(s.t.Context(), s.fsys, mem, s.opt)
	if err != nil {
		return nil, nil, err
	}
	out := make(map[string][]byte, len(mem.Names()))
	for _, n := range mem.Names() {
		out[n], _ = mem.File(n)
	}
	return out, res, nil
}

// AssertBuildError builds the site and checks that the build fails with an
// error whose text holds each of want ("! text": does not hold text). It
// returns the error for further checks.
func (s *Site) AssertBuildError(want ...string) error {
	s.t.Helper()
	_, _, err := s.full()
	if err == nil {
		s.t.Fatalf("the build succeeded; want it to fail with %q", want)
	}
	for _, w := range want {
		if text, neg := strings.CutPrefix(w, "! "); neg == strings.Contains(err.Error(), text) {
			s.t.Errorf("build error %s %q; the error:\n%v", wantWord(neg), text, err)
		}
	}
	return err
}

func wantWord(neg bool) string {
	if neg {
		return "must not hold"
	}
	return "lacks"
}

// EditFiles writes files of the site, as pairs of name and content. Once
// the site was built, edits are remembered for the next Rebuild.
func (s *Site) EditFiles(nameText ...string) *Site {
	s.t.Helper()
	if len(nameText)%2 != 0 {
		s.t.Fatal("sitetest: EditFiles takes pairs of name and content")
	}
	s.startIncremental()
	for i := 0; i < len(nameText); i += 2 {
		name := checkName(s.t, nameText[i])
		s.write(name, []byte(nameText[i+1]))
		s.changed = append(s.changed, name)
	}
	return s
}

// ReplaceInFile replaces the first old in a file of the site with new,
// failing the test if the file does not hold old.
func (s *Site) ReplaceInFile(name, old, new string) *Site {
	s.t.Helper()
	text := s.ReadFile(name)
	if !strings.Contains(text, old) {
		s.t.Fatalf("sitetest: %s does not contain %q", name, old)
	}
	return s.EditFiles(name, strings.Replace(text, old, new, 1))
}

// RemoveFiles removes files or folders of the site.
func (s *Site) RemoveFiles(names ...string) *Site {
	s.t.Helper()
	s.startIncremental()
	for _, name := range names {
		name = checkName(s.t, name)
		if _, err := fs.Stat(s.fsys, name); err != nil {
			s.t.Fatalf("sitetest: removing %s: %v", name, err)
		}
		if s.dir != "" {
			if err := os.RemoveAll(filepath.Join(s.dir, filepath.FromSlash(name))); err != nil {
				s.t.Fatal(err)
			}
		} else {
			for p := range s.mem {
				if p == name || strings.HasPrefix(p, name+"/") {
					delete(s.mem, p)
				}
			}
		}
		s.changed = append(s.changed, name)
	}
	return s
}

func (s *Site) write(name string, data []byte) {
	if s.dir == "" {
		s.mem[name] = &fstest.MapFile{Data: bytes.Clone(data), Mode: 0o644}
		return
	}
	WriteFile(s.t, s.dir, name, data)
}

// startIncremental brings an incremental builder to the state of the last
// full build before the first edit after it, so that Rebuild measures
// what the edits cost.
func (s *Site) startIncremental() {
	s.t.Helper()
	if !s.built || s.inc != nil {
		return
	}
	s.inc = build.NewIncremental(s.fsys, s.opt)
	if _, err := s.inc.Build(s.t.Context()); err != nil {
		s.t.Fatalf("incremental build before the edits: %v", err)
	}
}

// Rebuild brings the site up to date incrementally with the edits made
// since the last build, then builds the edited site afresh and fails the
// test unless both wrote the same files, byte for byte.
func (s *Site) Rebuild() *Site {
	s.t.Helper()
	s.startIncremental()
	if s.inc == nil {
		s.inc = build.NewIncremental(s.fsys, s.opt)
	}
	changed := s.changed
	s.inc.Changed(changed...)
	s.changed = nil
	u, err := s.inc.Build(s.t.Context())
	if err != nil {
		s.t.Fatalf("incremental rebuild after changing %v: %v", changed, err)
	}
	full, _, err := s.full()
	if err != nil {
		s.t.Fatalf("the incremental rebuild succeeded, a full build of the same files failed: %v", err)
	}
	if d := compareOutputs(u.Files, full); d != "" {
		s.t.Errorf("after changing %v, the incremental rebuild differs from a full build:\n%s", changed, d)
	}
	s.out, s.res, s.rendered, s.built = u.Files, u.Result, u.Rendered, true
	return s
}

// maxFileDiffs bounds the file diffs compareOutputs shows.
const maxFileDiffs = 3

// compareOutputs describes how two builds' files differ, or returns "".
func compareOutputs(inc, full map[string][]byte) string {
	var b strings.Builder
	var onlyInc, onlyFull, differ []string
	for n, data := range inc {
		if f, ok := full[n]; !ok {
			onlyInc = append(onlyInc, n)
		} else if !bytes.Equal(data, f) {
			differ = append(differ, n)
		}
	}
	for n := range full {
		if _, ok := inc[n]; !ok {
			onlyFull = append(onlyFull, n)
		}
	}
	slices.Sort(onlyInc)
	slices.Sort(onlyFull)
	slices.Sort(differ)
	if len(onlyInc) > 0 {
		fmt.Fprintf(&b, "only in the incremental rebuild: %s\n", strings.Join(onlyInc, " "))
	}
	if len(onlyFull) > 0 {
		fmt.Fprintf(&b, "only in the full build: %s\n", strings.Join(onlyFull, " "))
	}
	if len(differ) > 0 {
		fmt.Fprintf(&b, "%d files differ: %s\n", len(differ), strings.Join(differ, " "))
	}
	for _, n := range differ[:min(len(differ), maxFileDiffs)] {
		b.WriteString(golden.Diff("full/"+n, full[n], "incremental/"+n, inc[n]))
	}
	return b.String()
}

// Result is the summary of the last build.
func (s *Site) Result() *build.Result {
	s.t.Helper()
	s.mustBeBuilt()
	return s.res
}

// Rendered counts the files the last build rendered: all of them for a
// full build, those whose inputs changed for a Rebuild.
func (s *Site) Rendered() int {
	s.t.Helper()
	s.mustBeBuilt()
	return s.rendered
}

// Names lists the files of the last build, sorted.
func (s *Site) Names() []string {
	s.t.Helper()
	s.mustBeBuilt()
	names := make([]string, 0, len(s.out))
	for n := range s.out {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// File returns a file of the last build, failing the test if it was not
// written.
func (s *Site) File(name string) []byte {
	s.t.Helper()
	s.mustBeBuilt()
	b, ok := s.out[name]
	if !ok {
		s.t.Fatalf("%s was not built", name)
	}
	return b
}

// Output is the last build as a file system, for serving it over HTTP.
func (s *Site) Output() fs.FS {
	s.t.Helper()
	s.mustBeBuilt()
	m := fstest.MapFS{}
	for n, b := range s.out {
		m[n] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return m
}

// Doc parses a built page for CSS-selector checks.
func (s *Site) Doc(name string) *goquery.Document {
	s.t.Helper()
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(s.File(name)))
	if err != nil {
		s.t.Fatalf("%s: %v", name, err)
	}
	return d
}

func (s *Site) mustBeBuilt() {
	s.t.Helper()
	if !s.built {
		s.t.Fatal("sitetest: the site was not built; call Build first")
	}
}

// maxShown bounds how much of a file a failed content check prints.
const maxShown = 4 << 10

// AssertFileContent checks that a built file holds each of matches. A
// match of several lines is checked line by line, each line trimmed and
// blank ones skipped; a line starting with "! " must not be in the file.
func (s *Site) AssertFileContent(name string, matches ...string) {
	s.t.Helper()
	text := string(s.File(name))
	var problems []string
	for _, m := range matches {
		for line := range strings.SplitSeq(m, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if want, neg := strings.CutPrefix(line, "! "); neg == strings.Contains(text, want) {
				problems = append(problems, fmt.Sprintf("%s %q", wantWord(neg), want))
			}
		}
	}
	if len(problems) > 0 {
		shown := text
		if len(shown) > maxShown {
			shown = shown[:maxShown] + fmt.Sprintf("… (%d more bytes)", len(text)-maxShown)
		}
		s.t.Errorf("%s %s; the file:\n%s", name, strings.Join(problems, ", "), shown)
	}
}

// AssertFileExists checks that the last build wrote each of names.
func (s *Site) AssertFileExists(names ...string) {
	s.t.Helper()
	s.mustBeBuilt()
	for _, n := range names {
		if _, ok := s.out[n]; !ok {
			s.t.Errorf("%s was not built", n)
		}
	}
}

// AssertNoFile checks that the last build wrote none of names.
func (s *Site) AssertNoFile(names ...string) {
	s.t.Helper()
	s.mustBeBuilt()
	for _, n := range names {
		if _, ok := s.out[n]; ok {
			s.t.Errorf("%s was built; it must not be", n)
		}
	}
}

// AssertGolden compares built files with golden files in dir, named after
// the output path with "/" as "_" and ".golden" added (index.html:
// dir/index.html.golden). Run the test with -update to rewrite them.
func (s *Site) AssertGolden(dir string, names ...string) {
	s.t.Helper()
	for _, n := range names {
		golden.Check(s.t, filepath.Join(dir, strings.ReplaceAll(path.Clean(n), "/", "_")+".golden"), s.File(n))
	}
}
