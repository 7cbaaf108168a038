// Package diag holds the error values brief reports to editors: each names
// the file and line at fault, and a List gathers every problem of a build so
// that an editor sees all of them at once instead of fixing one per run.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is a problem in one input file. Line is 1-based; 0 means the problem
// concerns the whole file.
type Error struct {
	Path string
	Line int
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error for path:line with a formatted message. A %w verb
// in format is honoured, so callers can still match the cause with errors.Is.
func Errorf(path string, line int, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Path: path, Line: line, Err: err}
}

// List collects errors. The zero value is ready to use.
type List struct {
	errs []error
}

// Add appends err to the list, flattening nested Lists. A nil err is ignored.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var nested *List
	if errors.As(err, &nested) && nested != l {
		l.errs = append(l.errs, nested.errs...)
		return
	}
	l.errs = append(l.errs, err)
}

// Len reports how many errors were added.
func (l *List) Len() int { return len(l.errs) }

// Errors returns the collected errors sorted by file and line, so that the
// report reads in a stable order whatever order the work ran in.
func (l *List) Errors() []error {
	out := append([]error(nil), l.errs...)
	sort.SliceStable(out, func(i, j int) bool {
		pi, li := position(out[i])
		pj, lj := position(out[j])
		if pi != pj {
			return pi < pj
		}
		return li < lj
	})
	return out
}

// Err returns nil when the list is empty and the list itself otherwise.
func (l *List) Err() error {
	if l == nil || len(l.errs) == 0 {
		return nil
	}
	return l
}

func (l *List) Error() string {
	errs := l.Errors()
	lines := make([]string, len(errs))
	for i, e := range errs {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.Is and errors.As look through every collected error.
func (l *List) Unwrap() []error { return l.errs }

func position(err error) (string, int) {
	var e *Error
	if errors.As(err, &e) {
		return e.Path, e.Line
	}
	return "", 0
}
