package main

// half selects pages by their position in the id-sorted list.
type half struct {
	label string
	keep  func(i int) bool
}

// halves is all pages, and with split the even and odd positions too: the
// two must agree, or a change fits some pages rather than a kind.
func halves(split bool) []half {
	hs := []half{{"all", func(int) bool { return true }}}
	if split {
		hs = append(hs,
			half{"even", func(i int) bool { return i%2 == 0 }},
			half{"odd", func(i int) bool { return i%2 == 1 }})
	}
	return hs
}
