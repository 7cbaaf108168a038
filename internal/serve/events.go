package serve

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/brief-ssg/brief/internal/diag"
)

// event is one server-sent event for the reload clients.
type event struct {
	name string // hello, reload, css, failed, fixed
	data []byte // JSON
}

// problem is one build error as the overlay shows it.
type problem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// problems flattens a build error into file, line and message, whatever
// wrapping the build put around each *diag.Error.
func problems(err error) []problem {
	var errs []error
	var list *diag.List
	if errors.As(err, &list) {
		errs = list.Errors()
	} else {
		errs = []error{err}
	}
	out := make([]problem, 0, len(errs))
	for _, e := range errs {
		var d *diag.Error
		if !errors.As(e, &d) {
			out = append(out, problem{Message: e.Error()})
			continue
		}
		msg := d.Error()
		prefix := d.Path + ": "
		if d.Line > 0 {
			prefix = d.Path + ":" + strconv.Itoa(d.Line) + ": "
		}
		out = append(out, problem{File: d.Path, Line: d.Line, Message: strings.TrimPrefix(msg, prefix)})
	}
	return out
}

// hub fans events out to the connected clients and remembers the state a
// newly connected client needs: the current build and its errors.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	build   uint64
	errs    []problem // non-nil while the latest build failed
}

func newHub() *hub { return &hub{clients: map[chan event]struct{}{}} }

// subscribe registers a client and returns its channel with the hello
// event already in it.
func (h *hub) subscribe() chan event {
	ch := make(chan event, 16)
	h.mu.Lock()
	defer h.mu.Unlock()
	ch <- event{"hello", mustJSON(map[string]any{"build": h.build, "errors": h.errs})}
	h.clients[ch] = struct{}{}
	return ch
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	delete(h.clients, ch)
	h.mu.Unlock()
}

// publish records the new state and sends ev to every client. A client
// too slow to take it is dropped; its browser reconnects and the hello
// event brings it up to date.
func (h *hub) publish(ev event, build uint64, errs []problem) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.build, h.errs = build, errs
	for ch := range h.clients {
		select {
		case ch <- ev:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// connected counts the clients listening.
func (h *hub) connected() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// state returns the current build number and errors.
func (h *hub) state() (uint64, []problem) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.build, h.errs
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps and slices of plain values are marshalled
	}
	return b
}
