package articletest

import (
	"strings"
	"testing"
)

func TestParseCases(t *testing.T) {
	src := `# A comment before the cases.

case: two paragraphs
base: https://news.example/a/b
//- - - - html - - - -//
<p>One.</p><p>Two.</p>
//- - - - dump - - - -//
One.
Two.
//- - - - markdown - - - -//
One␣␣
Two.

Three.
//= = = = = = = =//

case: html only
//- - - html - - -//
<hr>
//- - - markdown - - -//
---
//= = = =//
`
	cases, err := ParseCases("cases.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 {
		t.Fatalf("%d cases, want 2", len(cases))
	}
	c := cases[0]
	if c.Name != "two paragraphs" || c.Line != 3 || c.Base != "https://news.example/a/b" || c.Pos() != "cases.txt:3" {
		t.Errorf("header read as %+v", c)
	}
	if c.Input["html"] != "<p>One.</p><p>Two.</p>" || c.Input["dump"] != "One.\nTwo." {
		t.Errorf("inputs read as %q", c.Input)
	}
	if c.Markdown != "One  \nTwo.\n\nThree." {
		t.Errorf("markdown read as %q", c.Markdown)
	}
	if _, ok := cases[1].Input["dump"]; ok || cases[1].Markdown != "---" {
		t.Errorf("second case read as %+v", cases[1])
	}
}

func TestParseCasesErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"no name", "case:\n", "cases.txt:1: a case starts with"},
		{"text outside a case", "hello\n", "cases.txt:1: a case starts with"},
		{"unknown key", "case: x\nlang: go\n", "cases.txt:2: unknown key"},
		{"unknown section", "case: x\n//- - pdf - -//\n", "cases.txt:2: unknown section \"pdf\""},
		{"no input", "case: x\n//- - markdown - -//\nA\n//= =//\n", "cases.txt:4: case \"x\" has no input section"},
		{"no markdown", "case: x\n//- - html - -//\nA\n//= =//\n", "cases.txt:4: case \"x\" has no markdown section"},
		{"two inputs of a kind", "case: x\n//- - html - -//\nA\n//- - html - -//\nB\n", "cases.txt:4: case \"x\" has two html sections"},
		{"not closed", "case: x\n//- - html - -//\nA\n", "cases.txt:3: case \"x\" is not closed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCases("cases.txt", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	got := Diff("a\nb  \nc\nx", "a\nc\nd")
	want := "  a\n- b␣␣\n  c\n- x\n+ d\n"
	if got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
}
