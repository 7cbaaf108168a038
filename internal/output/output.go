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
// Implementations are safe for concurrent use.
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

// Memory keeps files in memory.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a copy of data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[name]; ok {
		return fmt.Errorf("output: %s written twice", name)
	}
	m.files[name] = append([]byte(nil), data...)
	return nil
}

// File returns the content of name.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
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
