package textdump

// restoreRepeats gives back the repeated lines that belong to the article
// run info[start:end]: a line is furniture when the page repeats it
// outside the article (a menu entry, a teaser headline), but the same
// question put to two people, or the same subheading over two parts of a
// story, repeats inside it. A line is restored when every copy lies in the
// run and introduces a paragraph, as questions and subheadings do.
func restoreRepeats(info []lineInfo, start, end int) {
	count := map[string]int{}
	inside := map[string]int{}
	for i, li := range info {
		if !li.repeat {
			continue
		}
		count[li.text]++
		if i >= start && i < end && i+1 < len(info) && info[i+1].para {
			inside[li.text]++
		}
	}
	for i := start; i < end; i++ {
		if li := &info[i]; li.repeat && inside[li.text] == count[li.text] {
			li.junk, li.repeat = false, false
		}
	}
}
