package textdump

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// kindCase is a dump whose body text is known: input.txt and expected.txt
// in one folder.
type kindCase struct {
	name, dir string
}

// kindCases lists the folders under root holding input.txt and
// expected.txt.
func kindCases(t *testing.T, root string) []kindCase {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	var out []kindCase
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if _, err := os.Stat(filepath.Join(dir, "input.txt")); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "expected.txt")); err != nil {
			continue
		}
		out = append(out, kindCase{name: e.Name(), dir: dir})
	}
	return out
}

// caseWord is a word as the shared cases' runner counts them (Python's
// Unicode \w): spacing and punctuation do not matter.
var caseWord = regexp.MustCompile(`[\p{L}\p{N}\p{Mn}_]+`)

func runKindCases(t *testing.T, cases []kindCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(c.dir, "input.txt"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(c.dir, "expected.txt"))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if a, err := Extract(in, article.Options{}); err == nil {
				got = a.Text
			} else {
				t.Logf("extract: %v", err)
			}
			g := strings.Join(caseWord.FindAllString(got, -1), " ")
			w := strings.Join(caseWord.FindAllString(string(want), -1), " ")
			if g != w {
				t.Errorf("body differs\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

// TestSharedTextCases runs the text-dump cases of the shared collection
// (../shared/cases/extract beside the repository), when it is there.
func TestSharedTextCases(t *testing.T) {
	root := filepath.Join("..", "..", "..", "..", "shared", "cases", "extract")
	cases := kindCases(t, root)
	if len(cases) == 0 {
		t.Skipf("no text-dump cases in %s", root)
	}
	runKindCases(t, cases)
}

// TestTextKinds runs this package's own examples of the same kinds of
// fault, written independently of the shared cases: testdata/kinds.
func TestTextKinds(t *testing.T) {
	cases := kindCases(t, filepath.Join("testdata", "kinds"))
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/kinds")
	}
	runKindCases(t, cases)
}
