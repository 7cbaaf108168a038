// Package tbfake runs test helpers against a recording testing.TB, so that
// a helper's own tests can check that a wrong expectation fails it (an
// assertion that cannot fail checks nothing) and that a missing tool skips.
package tbfake

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Outcome is what a helper did to the test it was given.
type Outcome struct {
	Failed, Skipped bool
	// Messages are the texts of every Error, Fatal, Skip and Log call, in
	// order.
	Messages []string
}

// Text joins the messages, one a line.
func (o Outcome) Text() string { return strings.Join(o.Messages, "\n") }

// Run calls fn with a testing.TB that records failures and skips instead of
// reporting them to t. Fatal, FailNow and Skip end fn's goroutine, as they
// do in a real test. Everything else (TempDir, Cleanup, Context, Name)
// is t's.
func Run(t testing.TB, fn func(testing.TB)) Outcome {
	t.Helper()
	f := &fake{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.out
}

// fake embeds the real TB for the methods it does not record; testing.TB
// has an unexported method, so embedding is the only way to implement it.
type fake struct {
	testing.TB
	mu  sync.Mutex
	out Outcome
}

func (f *fake) record(failed, skipped bool, msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.out.Failed = f.out.Failed || failed
	f.out.Skipped = f.out.Skipped || skipped
	if msg != "" {
		f.out.Messages = append(f.out.Messages, msg)
	}
}

func (f *fake) Helper()                         {}
func (f *fake) Log(args ...any)                 { f.record(false, false, fmt.Sprintln(args...)) }
func (f *fake) Logf(format string, args ...any) { f.record(false, false, fmt.Sprintf(format, args...)) }
func (f *fake) Error(args ...any)               { f.record(true, false, fmt.Sprintln(args...)) }
func (f *fake) Errorf(format string, args ...any) {
	f.record(true, false, fmt.Sprintf(format, args...))
}
func (f *fake) Fail()                             { f.record(true, false, "") }
func (f *fake) FailNow()                          { f.record(true, false, ""); runtime.Goexit() }
func (f *fake) Fatal(args ...any)                 { f.Error(args...); runtime.Goexit() }
func (f *fake) Fatalf(format string, args ...any) { f.Errorf(format, args...); runtime.Goexit() }
func (f *fake) Skip(args ...any)                  { f.record(false, true, fmt.Sprintln(args...)); runtime.Goexit() }
func (f *fake) Skipf(format string, args ...any) {
	f.record(false, true, fmt.Sprintf(format, args...))
	runtime.Goexit()
}
func (f *fake) SkipNow() { f.record(false, true, ""); runtime.Goexit() }

func (f *fake) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.out.Failed
}

func (f *fake) Skipped() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.out.Skipped
}
