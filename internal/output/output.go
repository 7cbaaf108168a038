// Package output is where a build writes its files: a folder that is swapped
// in whole when the build succeeds, or memory for tests and the preview
// server.
package output

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

// Writer receives the files of a built site. Names are slash-separated paths
// relative to the site's root, such as "topics/trade/index.html".
// Implementations are safe for concurrent use and do not keep data once
// WriteFile (or WriteKeyed) has returned: the build reuses the buffer.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Keyed is a Writer that can carry a file over from the previous build
// when the file's inputs are unchanged, identified by a key the builder
// computes from them (the same inputs always give the same key).
type Keyed interface {
	Writer
	// Carry takes name from the previous build if that build wrote it
	// from inputs with the same key, and reports whether it did; if not,
	// the caller renders the file and writes it with WriteKeyed.
	Carry(name string, key uint64) (bool, error)
	// WriteKeyed writes data to name, recording the key of its inputs.
	WriteKeyed(name string, key uint64, data []byte) error
}

// CheckName refuses names that could land outside the output: absolute
// paths, "..", empty segments, NUL bytes and backslashes.
func CheckName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\x00\\") ||
		path.Clean(name) != name || name == "." || name == ".." || strings.HasPrefix(name, "../") {
		return fmt.Errorf("output: unsafe file name %q", name)
	}
	return nil
}

// Memory keeps files in memory. A Memory made by another's Next carries
// files over from it by input key (Keyed), as the preview server's
// rebuilds do.
type Memory struct {
	mu      sync.RWMutex
	files   map[string][]byte
	keys    map[string]uint64
	carried map[string]bool
	prev    *Memory
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{files: map[string][]byte{}, keys: map[string]uint64{}, carried: map[string]bool{}}
}

// Next returns an empty Memory for the next build, which carries over
// from m the files written with the same key. m must not be written to
// any more.
func (m *Memory) Next() *Memory {
	n := NewMemory()
	m.mu.Lock()
	n.prev, m.prev = m, nil
	m.mu.Unlock()
	return n
}

// WriteFile stores a copy of data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	return m.put(name, 0, append([]byte(nil), data...), false)
}

// WriteKeyed is WriteFile for a file made from inputs with the given key.
func (m *Memory) WriteKeyed(name string, key uint64, data []byte) error {
	return m.put(name, key, append([]byte(nil), data...), false)
}

// Carry takes name from the Memory m was made from (Next) when it was
// written there with the same key.
func (m *Memory) Carry(name string, key uint64) (bool, error) {
	if m.prev == nil {
		return false, nil
	}
	m.prev.mu.RLock()
	data, ok := m.prev.files[name]
	k := m.prev.keys[name]
	m.prev.mu.RUnlock()
	if !ok || k != key || key == 0 {
		return false, nil
	}
	return true, m.put(name, key, data, true)
}

func (m *Memory) put(name string, key uint64, data []byte, carried bool) error {
	if err := CheckName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[name]; ok {
		return fmt.Errorf("output: %s written twice", name)
	}
	m.files[name] = data
	if key != 0 {
		m.keys[name] = key
	}
	if carried {
		m.carried[name] = true
	}
	return nil
}

// File returns the content of name.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Carried reports whether name was carried over rather than written.
func (m *Memory) Carried(name string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.carried[name]
}

// Files returns every file by name. The map is a copy; the bytes are
// shared and must not be modified.
func (m *Memory) Files() map[string][]byte {
	m.mu.RLock()
	defer m.mu.RUnlock()
	files := make(map[string][]byte, len(m.files))
	for n, b := range m.files {
		files[n] = b
	}
	return files
}

// Names lists the stored files in sorted order.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
