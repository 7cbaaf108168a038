package textdump

import (
	"testing"
	"time"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// TestDateSource: a dump whose one date is a view stamp says so; one with
// a date of publication does not.
func TestDateSource(t *testing.T) {
	body := "The harbour authority said on Monday that the new ferry terminal would open in spring, two years later than planned, after the builder ran into soft ground under the quay.\n\n" +
		"Officials said the delay would add to the cost, which the authority will publish next month together with the revised timetable for the crossings.\n\n" +
		"Passengers will keep using the old terminal until then, the authority said, and the temporary car park will stay open through the winter."
	tests := []struct{ name, dump, want string }{
		{"view stamp only", "Ferry terminal opening delayed to spring - Harbour News\nFerry terminal opening delayed to spring\nView Date:2025-01-11 13:20:09\n" + body + "\n", article.DateViewStamp},
		{"accessed on", "Ferry terminal opening delayed to spring - Harbour News\nFerry terminal opening delayed to spring\nAccessed on 11 January 2025\n" + body + "\n", article.DateViewStamp},
		{"published", "Ferry terminal opening delayed to spring - Harbour News\nFerry terminal opening delayed to spring\nPublished: 2025-01-10 09:00\n" + body + "\n", ""},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(tt.dump), article.Options{Location: time.UTC})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if a.Published.IsZero() {
			t.Fatalf("%s: no date found", tt.name)
		}
		if a.DateSource != tt.want {
			t.Errorf("%s: DateSource = %q, want %q", tt.name, a.DateSource, tt.want)
		}
	}
}
