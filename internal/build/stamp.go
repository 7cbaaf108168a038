package build

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Stamp is what a build records in its output (in the marker file, which
// is swapped in with the files it describes) so that the next one can
// tell whether it would write the same site.
type Stamp struct {
	Inputs      string    // the inputs' fingerprint: hex SHA-256
	Pages       int       // for the summary of a skipped build
	NextRelease time.Time // Result.NextRelease; zero when none
	// Articles is how many articles the build published, so that the
	// next one can notice it would drop most of them; -1 when unknown
	// (a stamp written before brief recorded it).
	Articles int
}

// NewStamp describes a finished build of the inputs with fingerprint fp.
// A Volatile build, or one without a fingerprint, gets none (ok false),
// so that it is never skipped.
func NewStamp(fp string, res *Result) (s Stamp, ok bool) {
	if res.Volatile || fp == "" {
		return Stamp{}, false
	}
	return Stamp{Inputs: fp, Pages: res.Pages, NextRelease: res.NextRelease, Articles: res.Articles}, true
}

// String is the stamp's one-line form, which ParseStamp reads back:
// "inputs=HEX pages=N", then " next-release=UNIX" when there is one.
func (s Stamp) String() string {
	out := "inputs=" + s.Inputs + " pages=" + strconv.Itoa(s.Pages)
	if s.Articles >= 0 {
		out += " articles=" + strconv.Itoa(s.Articles)
	}
	if !s.NextRelease.IsZero() {
		out += " next-release=" + strconv.FormatInt(s.NextRelease.Unix(), 10)
	}
	return out
}

// ParseStamp reads a stamp written by String. Fields it does not know are
// skipped, so that a later brief may add some; a missing or malformed
// inputs or pages field is an error.
func ParseStamp(line string) (Stamp, error) {
	s := Stamp{Articles: -1}
	var haveInputs, havePages bool
	for _, field := range strings.Fields(line) {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			return Stamp{}, fmt.Errorf("stamp: %q is not key=value", field)
		}
		switch k {
		case "inputs":
			if v == "" || strings.Trim(v, "0123456789abcdef") != "" {
				return Stamp{}, fmt.Errorf("stamp: inputs %q is not a hex fingerprint", v)
			}
			s.Inputs, haveInputs = v, true
		case "pages":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return Stamp{}, fmt.Errorf("stamp: pages %q is not a count", v)
			}
			s.Pages, havePages = n, true
		case "articles":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return Stamp{}, fmt.Errorf("stamp: articles %q is not a count", v)
			}
			s.Articles = n
		case "next-release":
			sec, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return Stamp{}, fmt.Errorf("stamp: next-release %q is not a Unix time", v)
			}
			s.NextRelease = time.Unix(sec, 0)
		}
	}
	if !haveInputs || !havePages {
		return Stamp{}, errors.New("stamp: inputs or pages missing")
	}
	return s, nil
}

// Current reports whether the build the stamp describes is what a build
// of the inputs with fingerprint fp would write at now: the same inputs,
// and no held-back article due since.
func (s Stamp) Current(fp string, now time.Time) bool {
	if s.Inputs == "" || s.Inputs != fp {
		return false
	}
	return s.NextRelease.IsZero() || now.Before(s.NextRelease)
}
