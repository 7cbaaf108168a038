package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Fingerprint hashes everything a build reads from src (site.yaml,
// content/, templates/, static/) together with the options that change
// its output and tool, which names the program doing the build (its
// version, or a hash of its executable). Two builds with the same
// fingerprint write byte-identical sites, unless the first one was
// Volatile or a held-back article's date (Result.NextRelease) has come:
// that is what lets `brief build` skip a build when nothing changed.
func Fingerprint(src fs.FS, opt Options, tool string) (string, error) {
	var paths []string
	for _, root := range []string{"site.yaml", "content", "templates", "static"} {
		err := fs.WalkDir(src, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					return nil
				}
				return err
			}
			if d.Type().IsRegular() {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("fingerprint: %w", err)
		}
	}
	// Hash each file on a pool of workers; reading a large content/ folder
	// is most of the cost. The per-file sums are combined in walk order,
	// which fs.WalkDir keeps lexical.
	sums := make([][sha256.Size]byte, len(paths))
	errs := make([]error, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				data, err := fs.ReadFile(src, paths[i])
				sums[i], errs[i] = sha256.Sum256(data), err
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "brief build\x00%s\x00drafts=%t future=%t base=%s\x00", tool, opt.Drafts, opt.Future, opt.BaseURL)
	for i, p := range paths {
		fmt.Fprintf(h, "%s\x00%x\x00", p, sums[i])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Stamp is what a build records in its output so that the next one can
// tell whether it would write the same site.
type Stamp struct {
	Inputs      string    // Fingerprint of the build
	Pages       int       // for the summary of a skipped build
	NextRelease time.Time // Result.NextRelease
}

// NewStamp describes a finished build of the inputs with fingerprint fp;
// a Volatile build gets none, so it is never skipped.
func NewStamp(fp string, res *Result) string {
	if res.Volatile || fp == "" {
		return ""
	}
	s := "inputs=" + fp + " pages=" + strconv.Itoa(res.Pages)
	if !res.NextRelease.IsZero() {
		s += " next-release=" + strconv.FormatInt(res.NextRelease.Unix(), 10)
	}
	return s
}

// UpToDate reports whether stamp (as NewStamp wrote it) says the output
// already is what a build of inputs fp would write at now, and if so the
// number of pages it holds.
func UpToDate(stamp, fp string, now time.Time) (pages int, ok bool) {
	if stamp == "" || fp == "" {
		return 0, false
	}
	var st Stamp
	for _, field := range strings.Fields(stamp) {
		k, v, _ := strings.Cut(field, "=")
		switch k {
		case "inputs":
			st.Inputs = v
		case "pages":
			st.Pages, _ = strconv.Atoi(v)
		case "next-release":
			sec, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return 0, false
			}
			st.NextRelease = time.Unix(sec, 0)
		}
	}
	if st.Inputs != fp {
		return 0, false
	}
	if !st.NextRelease.IsZero() && !now.Before(st.NextRelease) {
		return 0, false // a held-back article is due now
	}
	return st.Pages, true
}
