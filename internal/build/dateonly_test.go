package build_test

import (
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestDateWithoutTime: an article dated with a day alone shows that day,
// in the site's zone, and no invented "12:00 AM"; a date with a time of
// day still shows it.
func TestDateWithoutTime(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
timezone: America/New_York
-- content/articles/day.md --
---
title: Day only
date: 2024-05-02
updated: 2024-05-03
---
Body.
-- content/articles/timed.md --
---
title: Timed
date: 2024-05-02T09:30:00-04:00
---
Body.
-- content/articles/midnight.md --
---
title: Midnight
date: 2024-05-02T00:00:00-04:00
---
Body.
`).Build()
	for _, c := range []struct {
		page  string
		wants []string
	}{
		{"articles/day/index.html", []string{`datetime="2024-05-02T00:00:00-04:00">May 2, 2024</time>`, "! 12:00 AM", "! AM EDT"}},
		{"articles/timed/index.html", []string{"May 2, 2024, 9:30 AM EDT"}},
		// Midnight written out is a time the editor chose.
		{"articles/midnight/index.html", []string{"May 2, 2024, 12:00 AM EDT"}},
	} {
		s.AssertFileContent(c.page, c.wants...)
	}
}
