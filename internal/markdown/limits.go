package markdown

import (
	"fmt"
	"strings"
)

// Structure limits, checked before goldmark parses a text: some small
// inputs cost its parser time or memory out of all proportion to their
// size ("- " repeated 100,000 times on one line, 100,000 unclosed "[a](",
// thousands of nested list lines), and a build, or `brief serve` on every
// save, must not stall on one file. No article an editor writes comes near
// them.
const (
	// MaxNesting bounds list and quote markers opening one line ("- - -",
	// "> > >"), and so the nesting they make.
	MaxNesting = 32
	// MaxIndent bounds the indentation (in columns) of a list item, which
	// is how nesting grows over many lines.
	MaxIndent = 128
	// MaxLinkOpeners bounds "[" and "](" in one paragraph.
	MaxLinkOpeners = 2000
)

// LimitError is a text over a structure limit; Line is 1-based, within
// the text given to Render.
type LimitError struct {
	Line int
	What string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s; simplify this part of the text (brief bounds the work per file so that one file cannot stall a build)", e.What)
}

// CheckLimits reports the first place where src goes over a structure
// limit, or nil. It costs one pass over the text.
func CheckLimits(src string) error {
	para, openers := 1, 0
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		if strings.TrimSpace(line) == "" {
			para, openers = n+1, 0
			continue
		}
		if indent, depth := markers(line); depth > MaxNesting {
			return &LimitError{n, fmt.Sprintf("%d list or quote markers open this line (at most %d)", depth, MaxNesting)}
		} else if depth > 0 && indent > MaxIndent {
			return &LimitError{n, fmt.Sprintf("a list item indented %d columns, nested too deep (at most %d columns)", indent, MaxIndent)}
		}
		openers += strings.Count(line, "[") + strings.Count(line, "](")
		if openers > MaxLinkOpeners {
			return &LimitError{para, fmt.Sprintf("more than %d link brackets in one paragraph", MaxLinkOpeners)}
		}
	}
	return nil
}

// markers measures the start of a line: the indentation (tabs count 4)
// before its first list or quote marker, and how many such markers follow
// one another ("- > * 1. x" has 4).
func markers(line string) (indent, depth int) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		if line[i] == '\t' {
			indent += 4
		} else {
			indent++
		}
		i++
	}
	for i < len(line) {
		j := i
		switch c := line[i]; {
		case c == '-' || c == '*' || c == '+' || c == '>':
			j++
		case c >= '0' && c <= '9':
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || (line[j] != '.' && line[j] != ')') {
				return indent, depth
			}
			j++
		default:
			return indent, depth
		}
		if j < len(line) && line[j] != ' ' && line[j] != '\t' && line[i] != '>' {
			return indent, depth
		}
		depth++
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		i = j
	}
	return indent, depth
}
