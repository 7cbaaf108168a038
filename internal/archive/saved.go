package archive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// singleFileMark opens the comment SingleFile writes at the top of the
// pages it saves, followed by "url: …" and "saved date: …" lines.
var singleFileMark = []byte("Page saved with SingleFile")

// singleFileHead is how far into a page the comment is looked for: it
// follows the doctype and the <html> tag.
const singleFileHead = 64 << 10

// SingleFile reads the address and date that a page saved by the SingleFile
// browser extension records in its opening comment. ok is false for
// other pages; url is "" unless it is an http(s) address, and saved is
// zero when the date does not read.
func SingleFile(page []byte) (url string, saved time.Time, ok bool) {
	head := page[:min(len(page), singleFileHead)]
	i := bytes.Index(head, singleFileMark)
	if i < 0 {
		return "", time.Time{}, false
	}
	comment := head[i:]
	if end := bytes.Index(comment, []byte("-->")); end >= 0 {
		comment = comment[:end]
	}
	for _, line := range strings.Split(string(comment), "\n") {
		line = strings.TrimSpace(line)
		if v, found := strings.CutPrefix(line, "url:"); found {
			v = strings.TrimSpace(v)
			if strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://") {
				url = v
			}
		} else if v, found := strings.CutPrefix(line, "saved date:"); found {
			saved = jsDate(strings.TrimSpace(v))
		}
	}
	return url, saved, true
}

// jsDate reads a date as JavaScript's Date.toString writes it, which is
// what SingleFile records: "Thu Jan 11 2024 15:04:05 GMT+0100 (Central
// European Standard Time)".
func jsDate(s string) time.Time {
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	for _, layout := range []string{"Mon Jan 02 2006 15:04:05 GMT-0700", "Mon Jan 2 2006 15:04:05 GMT-0700", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// Snapshot is an ArchiveBox snapshot folder (archive/<timestamp>/): the
// page it archived, from its index.json, and the best copy of it.
type Snapshot struct {
	// URL is the address archived.
	URL string
	// Captured is when ArchiveBox archived it (the snapshot's timestamp).
	Captured time.Time
	// HTML is the file holding the best copy of the page, inside the
	// folder: the SingleFile page, else wget's copy, else the DOM Chromium
	// rendered, else the readability extract.
	HTML string
}

// ErrNoSnapshot is returned by ReadSnapshot for a folder that is not an
// ArchiveBox snapshot.
var ErrNoSnapshot = errors.New("not an ArchiveBox snapshot")

// snapshotIndex is what brief reads of a snapshot's index.json.
type snapshotIndex struct {
	URL       string `json:"url"`
	Timestamp string `json:"timestamp"`
	Canonical map[string]any
	History   map[string][]struct {
		Output any    `json:"output"`
		Status string `json:"status"`
	} `json:"history"`
}

// ReadSnapshot reads the ArchiveBox snapshot in dir. It returns
// ErrNoSnapshot when dir has no index.json naming a url and a timestamp,
// and an error saying so when the snapshot holds no HTML copy.
func ReadSnapshot(dir string) (*Snapshot, error) {
	f, err := os.Open(filepath.Join(dir, "index.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoSnapshot
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 16<<20))
	if err != nil {
		return nil, err
	}
	var ix snapshotIndex
	if json.Unmarshal(data, &ix) != nil || ix.URL == "" || ix.Timestamp == "" {
		return nil, ErrNoSnapshot
	}
	s := &Snapshot{URL: ix.URL}
	if secs, err := strconv.ParseFloat(ix.Timestamp, 64); err == nil && secs > 0 && secs < 1e11 {
		s.Captured = time.Unix(int64(secs), 0).UTC()
	}
	for _, c := range snapshotCopies(&ix) {
		if !filepath.IsLocal(c) {
			continue // an index.json must not point outside its folder
		}
		p := filepath.Join(dir, filepath.FromSlash(c))
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() && info.Size() > 0 {
			s.HTML = p
			return s, nil
		}
	}
	return nil, fmt.Errorf("%s: an ArchiveBox snapshot of %s with no HTML copy (singlefile.html, wget's copy, output.html)", dir, ix.URL)
}

// snapshotCopies lists the files that may hold the page, best first.
// ArchiveBox names them in index.json (canonical paths, and each
// extractor's output in history); the usual names are tried as well for
// indexes that lack them.
func snapshotCopies(ix *snapshotIndex) []string {
	var out []string
	str := func(v any) string { s, _ := v.(string); return s }
	latest := func(method string) string {
		h := ix.History[method]
		for i := len(h) - 1; i >= 0; i-- {
			if h[i].Status == "succeeded" && strings.HasSuffix(strings.ToLower(str(h[i].Output)), ".html") {
				return str(h[i].Output)
			}
		}
		return ""
	}
	for _, m := range []struct{ method, canonical, usual string }{
		{"singlefile", "singlefile_path", "singlefile.html"},
		{"wget", "wget_path", ""},
		{"dom", "dom_path", "output.html"},
		{"readability", "readability_path", "readability/content.html"},
	} {
		for _, c := range []string{latest(m.method), str(ix.Canonical[m.canonical]), m.usual} {
			if c != "" && strings.HasSuffix(strings.ToLower(c), ".html") {
				out = append(out, c)
			}
		}
	}
	return out
}
