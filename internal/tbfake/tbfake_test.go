package tbfake

import (
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name            string
		fn              func(testing.TB)
		failed, skipped bool
		text            string
	}{
		{"passes", func(tb testing.TB) { tb.Log("fine") }, false, false, "fine"},
		{"errors and goes on", func(tb testing.TB) { tb.Errorf("one %d", 1); tb.Error("two") }, true, false, "one 1\ntwo"},
		{"fatal stops", func(tb testing.TB) { tb.Fatalf("stop"); tb.Error("not reached") }, true, false, "stop"},
		{"fail now stops", func(tb testing.TB) { tb.FailNow(); tb.Error("not reached") }, true, false, ""},
		{"skip stops", func(tb testing.TB) { tb.Skipf("no %s", "tool"); tb.Error("not reached") }, false, true, "no tool"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Run(t, tt.fn)
			if o.Failed != tt.failed || o.Skipped != tt.skipped || strings.TrimSpace(o.Text()) != tt.text {
				t.Errorf("got failed=%v skipped=%v %q; want %v %v %q", o.Failed, o.Skipped, o.Text(), tt.failed, tt.skipped, tt.text)
			}
		})
	}
}
