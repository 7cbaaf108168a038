package textdump

import (
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// TestBreadcrumbFirstLine: a dump whose first line is the page's
// breadcrumb rather than its <title> takes its title from the headline
// below, and names no source from the trail's last crumb.
func TestBreadcrumbFirstLine(t *testing.T) {
	story := []string{
		"Regulator clears the merger of two mobile carriers after a year of review",
		"The national telecom regulator approved the merger of the country's second and third mobile carriers on Tuesday, ending a review that lasted more than a year and drew thousands of public comments.",
		"The combined company must sell part of its spectrum to a smaller rival and keep its prices frozen for three years, conditions the regulator said would protect customers in rural areas.",
		"Consumer groups said the conditions did not go far enough, while the carriers said they would start merging their networks within weeks and finish by the end of next year.",
	}
	tests := []struct {
		name, crumbs string
		wantSource   string
	}{
		{"angle brackets", "Home > News > Telecom", ""},
		{"single guillemets", "Home › Business › Telecom", ""},
		{"slashes", "News / Business / Telecom", ""},
		{"two crumbs", "Home > Telecom", ""},
		{"guillemets", "Startseite » Wirtschaft » Telekom", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dump := tt.crumbs + "\n" + strings.Join(story, "\n") + "\n"
			a, err := Extract([]byte(dump), article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != story[0] {
				t.Errorf("title %q, want the headline %q", a.Title, story[0])
			}
			if a.Source != tt.wantSource {
				t.Errorf("source %q, want %q", a.Source, tt.wantSource)
			}
			if strings.Contains(a.Markdown, story[0]) {
				t.Errorf("the headline is left in the body:\n%s", a.Markdown)
			}
		})
	}
	// A trail straight over the story: no headline to take, and the first
	// paragraph stays in the body.
	a, err := Extract([]byte("Home > News > Telecom\n"+strings.Join(story[1:], "\n")+"\n"), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Title, ">") || !strings.Contains(a.Markdown, story[1]) {
		t.Errorf("trail over the story: title %q, body:\n%s", a.Title, a.Markdown)
	}
	// Titles that merely hold a separator stay titles.
	for _, title := range []string{
		"Carriers merge / Regulator approves | Daily Wire",
		"AT&T / T-Mobile merger approved after a long review - Daily Wire",
	} {
		a, err := Extract([]byte(title+"\n"+strings.Join(story[1:], "\n")+"\n"), article.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(title, a.Title) || a.Source != "Daily Wire" {
			t.Errorf("%q: title %q, source %q", title, a.Title, a.Source)
		}
	}
}
