package htmlpage

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// sharedBodyCases are the HTML body cases of the shared collection
// (shared/cases/extract beside the repository) this package answers for;
// each names its kind in its case.md.
var sharedBodyCases = []string{
	"01-data-table-refused",
	"02-quoted-posts-dropped",
	"03-summary-box-beside-body-kept",
	"04-dateline-lines-kept",
	"05-contact-and-signup-lines-kept",
	"06-link-under-long-headline-kept",
	"07-unmarked-caption-kept",
	"08-further-reading-list-kept",
	"09-short-closing-credit-dropped",
	"10-sentence-with-hovercard-dropped",
	"11-list-items-starting-sign-up-dropped",
	"12-header-inside-article-dropped",
	"13-tag-links-removed-mid-sentence",
	"28-article-in-aside-cookie-text-returned",
	"29-other-articles-appended",
	"30-paywall-class-paragraphs-dropped",
}

// caseWord is a word as the shared cases' runner compares them (\w+).
var caseWord = regexp.MustCompile(`[\p{L}\p{M}\p{N}_]+`)

// TestSharedBodyCases extracts each shared case's page and compares its
// text with the case's expected.txt word by word, as the cases' runner
// does.
func TestSharedBodyCases(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "cases", "extract")
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		t.Skipf("shared cases not found at %s", dir)
	}
	for _, name := range sharedBodyCases {
		t.Run(name, func(t *testing.T) {
			input, err := os.ReadFile(filepath.Join(dir, name, "input.html"))
			if errors.Is(err, os.ErrNotExist) {
				t.Skipf("case %s not present", name)
			}
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, name, "expected.txt"))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(input, article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, exp := caseWord.FindAllString(a.Text, -1), caseWord.FindAllString(string(want), -1); !slices.Equal(got, exp) {
				t.Errorf("text differs from expected.txt:\n got: %s\nwant: %s", a.Text, want)
			}
		})
	}
}
