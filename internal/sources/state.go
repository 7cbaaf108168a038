package sources

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/brief-ssg/brief/internal/site"
)

// StateFile is where brief fetch keeps what it knows between runs,
// relative to the site: hidden, so no build reads it, and small enough to
// commit with the site when a CI job fetches (then every run starts from
// the last one's validators).
const StateFile = ".brief/fetch-state.json"

// stateVersion changes when the file's meaning does; a file of another
// version is set aside and a new one started.
const stateVersion = 1

// forgetAfter is how long an item is remembered after it was last listed:
// feeds drop items within weeks; a sitemap that lists an old page again
// finds it in content/ by its address.
const forgetAfter = 180 * 24 * time.Hour

// maxAttempts bounds the runs that retry an item that failed.
const maxAttempts = 3

// State is the fetch state file.
type State struct {
	Version int `json:"version"`
	// Sources are keyed by the source's URL.
	Sources map[string]*SourceState `json:"sources"`
	// Items are keyed by Key of the item's address.
	Items map[string]*ItemState `json:"items"`
}

// SourceState is what brief fetch knows of one source.
type SourceState struct {
	// Type is the type read last time (feed, sitemap or page).
	Type string `json:"type,omitempty"`
	// ETag and LastModified are the validators of the copy last read,
	// sent with the next request so that an unchanged source answers 304.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Checked is when the source last answered, 200 or 304.
	Checked time.Time `json:"checked,omitzero"`
	// Failures counts the runs in a row that could not read the source;
	// RetryAt is when the next may try (see backoff).
	Failures  int       `json:"failures,omitempty"`
	RetryAt   time.Time `json:"retry_at,omitzero"`
	LastError string    `json:"last_error,omitempty"`
}

// ItemState is what brief fetch knows of one item.
type ItemState struct {
	Source string    `json:"source"`
	Seen   time.Time `json:"seen"`
	// Done is set once the item needs nothing more: imported, found in
	// the site, or left for good (robots.txt, attempts used up).
	Done bool `json:"done,omitempty"`
	// Path is the article it was imported as, or found a duplicate of.
	Path string `json:"path,omitempty"`
	// Attempts counts the runs that failed to import it; Err is the last
	// reason, and Item what the source said of it, to retry it while the
	// source answers 304.
	Attempts int    `json:"attempts,omitempty"`
	Err      string `json:"error,omitempty"`
	Item     *Item  `json:"item,omitempty"`
}

// LoadState reads the state file of the site at root; a missing file is
// an empty state. A file that does not read (damaged, or of another
// version) is renamed aside with a note in the returned warning, and the
// fetch starts afresh: the site's articles still keep it from importing
// anything twice.
func LoadState(root string) (st *State, warning string, err error) {
	st = &State{Version: stateVersion, Sources: map[string]*SourceState{}, Items: map[string]*ItemState{}}
	name := filepath.Join(root, filepath.FromSlash(StateFile))
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return st, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("reading %s: %w", StateFile, err)
	}
	var read State
	if err := json.Unmarshal(data, &read); err != nil || read.Version != stateVersion {
		aside := name + ".bad-" + time.Now().UTC().Format("20060102T150405")
		if rerr := os.Rename(name, aside); rerr != nil {
			return nil, "", fmt.Errorf("%s does not read (%v) and cannot be set aside: %w", StateFile, err, rerr)
		}
		why := "of another version"
		if err != nil {
			why = err.Error()
		}
		return st, fmt.Sprintf("%s did not read (%s); kept as %s, starting afresh", StateFile, why, filepath.Base(aside)), nil
	}
	if read.Sources != nil {
		st.Sources = read.Sources
	}
	if read.Items != nil {
		st.Items = read.Items
	}
	for k, v := range st.Sources {
		if v == nil {
			delete(st.Sources, k)
		}
	}
	for k, v := range st.Items {
		if v == nil {
			delete(st.Items, k)
		}
	}
	return st, "", nil
}

// forget drops the items not listed for forgetAfter.
func (st *State) forget(now time.Time) {
	for k, it := range st.Items {
		if now.Sub(it.Seen) > forgetAfter {
			delete(st.Items, k)
		}
	}
}

// Save writes the state file atomically: a synced temporary file renamed
// over the old one, then the folder synced, so that a fetch killed at any
// moment leaves the last state whole.
func (st *State) Save(root string) error {
	data, err := json.MarshalIndent(st, "", "\t")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	name := filepath.Join(root, filepath.FromSlash(StateFile))
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("saving the fetch state: %w", err)
	}
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	f, err := os.CreateTemp(dir, stateTempPattern)
	if err != nil {
		return fmt.Errorf("saving the fetch state: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("saving the fetch state: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// stateTempPattern names the temporary files Save writes.
const stateTempPattern = ".fetch-state-*.tmp"

// sweepStateTemps removes the temporary state files a killed fetch left:
// only a fetch holding the lock writes one, so with the lock held, any
// there is stale.
func sweepStateTemps(root string) {
	matches, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(path.Dir(StateFile)), stateTempPattern))
	for _, m := range matches {
		if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() {
			os.Remove(m)
		}
	}
}

// backoff is how long a source that failed failures runs in a row is
// left alone: 15 minutes, doubling each failure, at most a day (or what
// the server asked, when longer).
func backoff(failures int, asked time.Duration) time.Duration {
	d := 15 * time.Minute
	for i := 1; i < failures && d < 24*time.Hour; i++ {
		d *= 2
	}
	return max(min(d, 24*time.Hour), asked)
}

// pending lists the items of a source to try again, in address order.
func (st *State) pending(source string) []*ItemState {
	var out []*ItemState
	keys := make([]string, 0, len(st.Items))
	for k := range st.Items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		it := st.Items[k]
		if it.Source == source && !it.Done && it.Item != nil {
			out = append(out, it)
		}
	}
	return out
}

// Typed returns srcs with the type each was last read as filled in where
// site.yaml gives none, so that an export says what a source is.
func (st *State) Typed(srcs []site.Source) []site.Source {
	out := slices.Clone(srcs)
	for i := range out {
		if ss := st.Sources[out[i].URL]; out[i].Type == "" && ss != nil {
			out[i].Type = ss.Type
		}
	}
	return out
}
