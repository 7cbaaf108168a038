package htmlpage

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minDataRows is how many rows make a table data rather than a layout
// cell or two.
const minDataRows = 3

// neutraliseDataCells stops the short cells of data tables counting as
// furniture: a standings table or a timetable is made of short labels and
// numbers, and a table inside the article is content, however short its
// cells. Linked cells (tables used for menus) still weigh as links.
func neutraliseDataCells(blocks []*textBlock) {
	rows := map[*html.Node]int{}
	for _, b := range blocks {
		if b.weight >= 0 || 2*b.linkWords > b.words {
			continue
		}
		if a := b.owner.DataAtom; a != atom.Td && a != atom.Th {
			continue
		}
		t := b.owner.Parent
		for t != nil && t.DataAtom != atom.Table {
			t = t.Parent
		}
		if t == nil {
			continue
		}
		n, seen := rows[t]
		if !seen {
			walk(t, func(c *html.Node) bool {
				if c.Type == html.ElementNode && c.DataAtom == atom.Tr {
					n++
				}
				return c == t || c.DataAtom != atom.Table // nested tables count their own rows
			})
			rows[t] = n
		}
		if n >= minDataRows {
			b.weight = 0
		}
	}
}

// minPlainItems is how many unlinked items make a list of facts rather
// than a stray label.
const minPlainItems = 3

// neutralisePlainLists does for lists what neutraliseDataCells does for
// tables: a list whose items are short and carry no links ("England
// (Group A): 10th appearance") states facts; menus, tag lists and share
// bars are made of links.
func neutralisePlainLists(blocks []*textBlock) {
	type listStat struct{ items, linked int }
	lists := map[*html.Node]*listStat{}
	for _, b := range blocks {
		if b.owner.DataAtom != atom.Li || b.owner.Parent == nil {
			continue
		}
		s := lists[b.owner.Parent]
		if s == nil {
			s = &listStat{}
			lists[b.owner.Parent] = s
		}
		s.items++
		if b.linkWords > 0 {
			s.linked++
		}
	}
	for _, b := range blocks {
		if b.weight >= 0 || b.owner.DataAtom != atom.Li || b.owner.Parent == nil {
			continue
		}
		if s := lists[b.owner.Parent]; s.items >= minPlainItems && s.linked == 0 {
			b.weight = 0
		}
	}
}
