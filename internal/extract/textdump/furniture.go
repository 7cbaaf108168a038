package textdump

import (
	"regexp"
	"strings"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// markCreditedCaptions marks as a caption the short line right above a
// credit line of its own ("Photo: Jane Doe / Agency"): dumps put a
// picture's caption and its credit on two lines, and only the credit says
// what the caption is.
func markCreditedCaptions(info []lineInfo) {
	for i := 1; i < len(info); i++ {
		if info[i].words > 10 || !creditLine.MatchString(info[i].text) {
			continue
		}
		prev := &info[i-1]
		if prev.junk || prev.item || prev.words > 35 || sentences(prev.text) > 1 {
			continue
		}
		prev.junk, prev.para, prev.caption = true, false, true
		info[i].junk, info[i].para, info[i].caption = true, false, true
	}
}

// creditLine is a picture's credit on a line of its own: "Photo: Jane
// Doe / Agency", "(Image credit: Agency)", "Picture by Jane Doe".
var creditLine = regexp.MustCompile(`^\(?(?i:(photo(graph)?|picture|image|foto|bild|crédit photo)s?( credit)?\s*(:|by\b)|credit:|©)`)

// sentences counts the sentence ends inside s, and its last one.
func sentences(s string) int {
	n := strings.Count(s, ". ") + strings.Count(s, "! ") + strings.Count(s, "? ")
	if article.EndsSentence(s) {
		n++
	}
	return n
}

// markArrowTeasers marks the paragraph right under an arrow-marked link
// ("» Club night") as that link's summary: a teaser of another page.
func markArrowTeasers(info []lineInfo) {
	for i := 0; i+1 < len(info); i++ {
		if info[i].words <= 12 && linkArrow.MatchString(info[i].text) && info[i+1].para {
			info[i+1].junk, info[i+1].para = true, false
		}
	}
}

// aboutHeading is the heading of an author box: "About Jane Doe", "About
// the author".
var aboutHeading = regexp.MustCompile(`^(?i:about|über|sobre|à propos de|a proposito di|over)\s+(.+?)\s*:?$`)

// aboutTheAuthor names the author without naming them.
var aboutTheAuthor = regexp.MustCompile(`^(?i:the (author|writer|reporter|columnist)s?|(den|die|der) (autor|autorin)|l['’]auteur|el autor|la autora|o autor|a autora|l['’]autore|de auteur)$`)

// markAuthorBoxes makes the heading of an author box a barrier: an
// "About the author" heading, or "About <Name>" over a bio that starts
// with that name. The bio reads as one more paragraph; the heading says
// the article has ended.
func markAuthorBoxes(info []lineInfo, barrier []bool) {
	for i, li := range info {
		if li.words > 6 || li.para {
			continue
		}
		m := aboutHeading.FindStringSubmatch(li.text)
		if m == nil {
			continue
		}
		name := m[1]
		bio := i+1 < len(info) && strings.HasPrefix(info[i+1].text, name+" ") && article.WordCount(name) >= 2 && startsUpper(name)
		if !bio && !aboutTheAuthor.MatchString(name) {
			continue
		}
		barrier[i] = true
		info[i].junk, info[i].para = true, false
	}
}

// markTableRows marks the rows of a table written out one row a line:
// three or more short lines in a row, each with figures, with the same
// number of fields (give or take one). They are unpunctuated fragments by
// shape, but a table of results is the article on some pages.
func markTableRows(info []lineInfo) {
	fields := func(li lineInfo) int {
		if li.junk || li.para || li.item || li.words > 15 || numbers(li.text) < 2 {
			return 0
		}
		return len(strings.Fields(li.text))
	}
	for i := 0; i < len(info); {
		n := fields(info[i])
		if n < 3 {
			i++
			continue
		}
		j := i + 1
		for j < len(info) {
			m := fields(info[j])
			if m < 3 || m > n+1 || m < n-1 {
				break
			}
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				info[k].row = true
			}
		}
		i = j
	}
}

// numbers counts the fields of s that are figures: "7", "3-1", "12.5%".
func numbers(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if f[0] >= '0' && f[0] <= '9' {
			n++
		}
	}
	return n
}

// emailAddress finds an address to write to.
var emailAddress = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.-]+`)

// invitation asks readers to write in, send tips or letters.
var invitation = regexp.MustCompile(`(?i)\b(write to|writing to|write us|email us|e-mail us|tell us|send (us|your)|get in touch|contact us|tip(s|-offs?)?\b|letters?\b|schreiben sie|écrivez|escríbanos)`)

// isStandingNote reports a site's standing note written as a sentence:
// an invitation to write in, with the address to write to. After the
// story it is furniture, however well it reads.
func isStandingNote(s string) bool {
	return article.WordCount(s) <= 60 && emailAddress.MatchString(s) && invitation.MatchString(s)
}
