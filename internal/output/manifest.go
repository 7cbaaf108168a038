package output

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ManifestFile lists, in every build folder, each file of the build with
// the input key it was made from (zero when written without one) and its
// size: what the next build carries files over by (Dir.Carry), and what
// tells it which files a kept tree holds without listing the tree.
const ManifestFile = ".brief-inputs"

// manifestHeader starts a manifest; a file in another format is not one.
const manifestHeader = "brief inputs v2\n"

// Entry is one file's line in a manifest.
type Entry struct {
	Key  uint64 // input key; 0 for a file written without one
	Size int64
}

// Manifest maps the files of a build folder to their entries. The zero
// value is empty and ready to use; a Manifest is not safe for concurrent
// use.
type Manifest struct {
	entries map[string]Entry
}

// ParseManifest reads a manifest as Bytes writes it. A manifest in
// another format, or with a line it cannot read, is an error: a manifest
// describes every file of its folder, so a partial one is of no use.
func ParseManifest(data []byte) (*Manifest, error) {
	rest, ok := bytes.CutPrefix(data, []byte(manifestHeader))
	if !ok {
		return nil, errors.New("output: not a manifest of this brief")
	}
	m := &Manifest{entries: map[string]Entry{}}
	for n, line := range strings.Split(string(rest), "\n") {
		if line == "" {
			continue
		}
		// "key size name", the key in hex; names may hold spaces.
		k, rest, ok1 := strings.Cut(line, " ")
		sz, name, ok2 := strings.Cut(rest, " ")
		key, err1 := strconv.ParseUint(k, 16, 64)
		size, err2 := strconv.ParseInt(sz, 10, 64)
		if !ok1 || !ok2 || err1 != nil || err2 != nil || size < 0 || CheckName(name) != nil {
			return nil, fmt.Errorf("output: manifest line %d: %q", n+2, line)
		}
		if _, dup := m.entries[name]; dup {
			return nil, fmt.Errorf("output: manifest line %d: %s listed twice", n+2, name)
		}
		m.entries[name] = Entry{key, size}
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		return nil, errors.New("output: manifest is cut short")
	}
	return m, nil
}

// Bytes writes the manifest, sorted by name, so that the same build
// writes the same bytes.
func (m *Manifest) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, n := range m.Names() {
		e := m.entries[n]
		fmt.Fprintf(&b, "%016x %d %s\n", e.Key, e.Size, n)
	}
	return b.Bytes()
}

// Get returns name's entry.
func (m *Manifest) Get(name string) (Entry, bool) {
	if m == nil {
		return Entry{}, false
	}
	e, ok := m.entries[name]
	return e, ok
}

// Set records name's entry. Names that a manifest line cannot hold (with
// a newline) are refused.
func (m *Manifest) Set(name string, e Entry) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if strings.ContainsRune(name, '\n') {
		return fmt.Errorf("output: %q cannot be listed in a manifest", name)
	}
	if m.entries == nil {
		m.entries = map[string]Entry{}
	}
	m.entries[name] = e
	return nil
}

// Len is the number of files listed.
func (m *Manifest) Len() int {
	if m == nil {
		return 0
	}
	return len(m.entries)
}

// Names lists the files, sorted.
func (m *Manifest) Names() []string {
	if m == nil {
		return nil
	}
	names := make([]string, 0, len(m.entries))
	for n := range m.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
