package safetext

import (
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// Writer passes what is written through Terminal before writing it to the
// underlying writer, so that a command's output cannot carry terminal
// commands whatever it prints: titles and bodies of hostile pages, file
// names, a server's reason phrase. A character split across two writes is
// held back until its last byte comes. It is safe for concurrent use.
type Writer struct {
	mu   sync.Mutex
	w    io.Writer
	tail []byte // the start of a UTF-8 sequence the last write cut
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes p made safe. It reports len(p) when the underlying write
// succeeds, whatever the escaping added.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	data := p
	if len(w.tail) > 0 {
		data = append(w.tail, p...)
		w.tail = nil
	}
	// Hold back an incomplete sequence at the end; anything longer than a
	// rune that still is not one is invalid, and Terminal replaces it.
	if cut := incomplete(data); cut > 0 {
		w.tail = append([]byte(nil), data[len(data)-cut:]...)
		data = data[:len(data)-cut]
	}
	var b strings.Builder
	b.Grow(len(data))
	appendTerminal(&b, data)
	if _, err := io.WriteString(w.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// incomplete returns how many bytes at the end of p start a UTF-8
// sequence that p does not finish.
func incomplete(p []byte) int {
	for n := 1; n < utf8.UTFMax && n <= len(p); n++ {
		c := p[len(p)-n]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(p[len(p)-n:]) {
				return n
			}
			return 0
		}
	}
	return 0
}
