package articletest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A case file holds converter cases in the manner of goldmark's
// _test/*.txt: one construct per case, its input for each converter it
// applies to, and the Markdown expected from every one of them.
//
//	case: two paragraphs
//	base: https://news.example/world/story
//	//- - - - - - - - - html - - - - - - - - -//
//	<p>One.</p><p>Two.</p>
//	//- - - - - - - - - dump - - - - - - - - -//
//	One.
//	Two.
//	//- - - - - - - - - markdown - - - - - - - -//
//	One.
//
//	Two.
//	//= = = = = = = = = = = = = = = = = = = = = = = = = = = = = = = =//
//
// A case opens with "key: value" lines: case (its name, required) and base
// (the URL the page was at, which relative links resolve against). Then
// come its sections, each opened by a "//- ... -//" line naming it: the
// inputs ("html", the inside of a page's <body>, and "dump", the lines of
// a text dump after its title line), of which a case has one or both,
// and "markdown", the expected output. A "//= ... =//" line closes the
// case. Outside cases, blank lines and lines starting with "#" are
// comments. In sections, "␣" stands for a space, for the trailing spaces
// of a Markdown hard line break that editors would strip.

// Inputs are the converters a case may apply to.
var Inputs = []string{"html", "dump"}

// Case is one converter case.
type Case struct {
	Name string
	File string // where it was read from
	Line int    // of its "case:" line, counting from 1
	Base string // the page's URL, or ""
	// Input holds the input for each converter the case applies to, by
	// the names in Inputs.
	Input    map[string]string
	Markdown string // expected, with no trailing newline
}

// Pos is where the case stands in its file, "file:line", for messages.
func (c Case) Pos() string { return fmt.Sprintf("%s:%d", c.File, c.Line) }

// ReadCases reads every case of a case file. Errors name the file and line.
func ReadCases(name string) ([]Case, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return ParseCases(name, data)
}

// ParseCases reads the cases of a case file's content; name is used in
// errors and in the cases' File.
func ParseCases(name string, data []byte) ([]Case, error) {
	p := &caseParser{name: name}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		p.n++
		if err := p.line(sc.Text()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if p.cur != nil {
		return nil, p.errorf("case %q is not closed by a //= = =// line", p.cur.Name)
	}
	return p.cases, nil
}

// caseParser reads a case file one line at a time.
type caseParser struct {
	name  string
	n     int // the line being read
	cases []Case
	cur   *Case    // the case being read, if any
	sect  string   // the section being read; "" while reading keys
	body  []string // the section's lines so far
	hasMD bool     // cur has a markdown section
}

func (p *caseParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.name, p.n, fmt.Sprintf(format, args...))
}

func (p *caseParser) line(l string) error {
	switch {
	case p.cur == nil:
		if t := strings.TrimSpace(l); t == "" || strings.HasPrefix(t, "#") {
			return nil
		}
		key, val, _ := strings.Cut(l, ":")
		if strings.TrimSpace(key) != "case" || strings.TrimSpace(val) == "" {
			return p.errorf("a case starts with \"case: NAME\", not %q", l)
		}
		p.cur = &Case{Name: strings.TrimSpace(val), File: p.name, Line: p.n, Input: map[string]string{}}
		p.sect, p.hasMD = "", false
	case strings.HasPrefix(l, "//="):
		p.endSection()
		if len(p.cur.Input) == 0 {
			return p.errorf("case %q has no input section (%s)", p.cur.Name, strings.Join(Inputs, ", "))
		}
		if !p.hasMD {
			return p.errorf("case %q has no markdown section", p.cur.Name)
		}
		p.cases = append(p.cases, *p.cur)
		p.cur = nil
	case strings.HasPrefix(l, "//-"):
		p.endSection()
		p.sect = strings.Trim(l, "/- ")
		_, seen := p.cur.Input[p.sect]
		switch {
		case p.sect != "markdown" && !slices.Contains(Inputs, p.sect):
			return p.errorf("unknown section %q (want markdown or one of %s)", p.sect, strings.Join(Inputs, ", "))
		case seen || p.sect == "markdown" && p.hasMD:
			return p.errorf("case %q has two %s sections", p.cur.Name, p.sect)
		}
	case p.sect == "":
		key, val, _ := strings.Cut(l, ":")
		switch strings.TrimSpace(key) {
		case "base":
			p.cur.Base = strings.TrimSpace(val)
		case "":
		default:
			return p.errorf("unknown key in case %q: %q", p.cur.Name, l)
		}
	default:
		p.body = append(p.body, l)
	}
	return nil
}

// endSection files the lines read since the last section line.
func (p *caseParser) endSection() {
	body := strings.ReplaceAll(strings.Join(p.body, "\n"), "␣", " ")
	p.body = nil
	switch p.sect {
	case "":
	case "markdown":
		p.cur.Markdown, p.hasMD = body, true
	default:
		p.cur.Input[p.sect] = body
	}
}

// RunCases runs, each as a subtest named after it, the cases of the case
// files matching pattern that have an input for converter (one of
// Inputs). convert turns the case's input into Markdown; a case fails,
// with its file, line and name, when the Markdown is not the expected one
// (shown as a diff) or when CheckMarkdown refuses it. It is an error for
// no case to apply.
func RunCases(t *testing.T, pattern, converter string, convert func(c Case, input string) (string, error)) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, f := range files {
		cases, err := ReadCases(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			in, ok := c.Input[converter]
			if !ok {
				continue
			}
			ran++
			t.Run(c.Name, func(t *testing.T) {
				got, err := convert(c, in)
				if err != nil {
					t.Fatalf("%s: %s: %v", c.Pos(), c.Name, err)
				}
				got = strings.TrimRight(got, "\n")
				if got != c.Markdown {
					t.Fatalf("%s: %s: the Markdown differs (- want, + got):\n%s", c.Pos(), c.Name, Diff(c.Markdown, got))
				}
				CheckMarkdown(t, got)
			})
		}
	}
	if ran == 0 {
		t.Fatalf("no case in %s has a %s input", pattern, converter)
	}
}

// Diff compares two texts line by line: lines only in want start with
// "- ", lines only in got with "+ ", common lines with two spaces.
// Trailing spaces show as "␣".
func Diff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:]; the texts compared are a few lines long.
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	show := func(prefix, l string) {
		t := strings.TrimRight(l, " ")
		out.WriteString(prefix + t + strings.Repeat("␣", len(l)-len(t)) + "\n")
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			show("  ", a[i])
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			show("- ", a[i])
			i++
		default:
			show("+ ", b[j])
			j++
		}
	}
	return out.String()
}
