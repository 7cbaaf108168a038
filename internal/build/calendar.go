package build

import (
	"fmt"
	"time"

	"github.com/brief-ssg/brief/internal/render"
)

// The archive by month and year: an index of every year and its months
// at archive/, a page per year at archive/2023/ and per month at
// archive/2023/06/ (split by per_page like every list), all in the
// site's time zone. A month's page names its neighbours and the months
// of its year, so that an analyst can walk the record month by month or
// jump across it; it depends on its own articles and its year's counts
// only, so a new article renders its month's pages, its year's months and
// the index, not the whole archive.

// calendarIndex is where the archive's index is published.
const calendarIndex = "archive/"

// calendarPages returns the archive's index, then each year's page and
// each month's pages, newest first.
func (m *Model) calendarPages() []*render.Page {
	type month struct {
		year    *render.Year
		idx     int // in year.Months
		entries []*entry
	}
	var years []*render.Year // newest first, as m.Articles
	var months []*month      // newest first
	loc := m.Config.Location
	for _, e := range m.Articles {
		d := e.view.Date
		if n := len(years); n == 0 || years[n-1].Year != d.Year() {
			y := &render.Year{Year: d.Year(), URL: fmt.Sprintf("%s%04d/", calendarIndex, d.Year()), Months: make([]render.Month, 12)}
			for i := range y.Months {
				y.Months[i] = render.Month{
					Date: time.Date(y.Year, time.Month(i+1), 1, 0, 0, 0, 0, loc),
					URL:  fmt.Sprintf("%s%02d/", y.URL, i+1),
				}
			}
			years = append(years, y)
		}
		y := years[len(years)-1]
		y.Count++
		i := int(d.Month()) - 1
		y.Months[i].Count++
		if n := len(months); n == 0 || months[n-1].year != y || months[n-1].idx != i {
			months = append(months, &month{year: y, idx: i})
		}
		mo := months[len(months)-1]
		mo.entries = append(mo.entries, e)
	}
	pages := []*render.Page{{Kind: "years", Path: calendarIndex, Title: "Archive by month", Calendar: &render.Calendar{Years: years}}}
	yearLink := func(y *render.Year) *render.Link {
		return &render.Link{Title: fmt.Sprint(y.Year), URL: y.URL}
	}
	for i, y := range years {
		c := &render.Calendar{Year: y}
		if i+1 < len(years) {
			c.Prev = yearLink(years[i+1])
		}
		if i > 0 {
			c.Next = yearLink(years[i-1])
		}
		pages = append(pages, &render.Page{Kind: "year", Path: y.URL, Title: fmt.Sprint(y.Year), Calendar: c})
	}
	monthLink := func(mo *month) *render.Link {
		v := mo.year.Months[mo.idx]
		return &render.Link{Title: v.Date.Format("January 2006"), URL: v.URL}
	}
	for i, mo := range months {
		v := &mo.year.Months[mo.idx]
		c := &render.Calendar{Year: mo.year, Month: v}
		if i+1 < len(months) {
			c.Prev = monthLink(months[i+1])
		}
		if i > 0 {
			c.Next = monthLink(months[i-1])
		}
		for _, p := range m.lists("month", v.URL, v.Date.Format("January 2006"), collapse(mo.entries)) {
			p.Calendar = c
			pages = append(pages, p)
		}
	}
	return pages
}
