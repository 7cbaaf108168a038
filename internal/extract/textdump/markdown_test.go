package textdump

import (
	"testing"

	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// TestConverterCases runs the converter cases that apply to dumps (one
// construct each, shared with the HTML converter) through the renderer:
// every line of the case's dump is kept and rendered, as the lines the
// extractor chose are.
func TestConverterCases(t *testing.T) {
	articletest.RunCases(t, "../testdata/markdown/*.txt", "dump", func(_ articletest.Case, in string) (string, error) {
		lines, err := splitLines([]byte(in))
		if err != nil {
			return "", err
		}
		kept := make([]lineInfo, len(lines))
		for i, l := range lines {
			kept[i].line = l
		}
		md, _ := renderBody(kept)
		return md, nil
	})
}
