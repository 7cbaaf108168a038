package related

import (
	"strings"
	"unicode"
)

// Names returns the proper names in text (a headline, a summary), in
// lower case, without repeats, in order: runs of capitalised words
// ("Xi Jinping", "the Taiwan Strait" gives "taiwan strait") and
// acronyms ("U.S.", "PLA"). A capitalised word that only opens a
// sentence, and the capitalised function words of headlines set in
// title case, are not names. A text set wholly in title case gives only
// its runs of two or more words and its acronyms, since every word is
// capitalised there. Each line is read on its own (a headline, then a
// summary): a line break ends a name and opens a sentence.
func Names(text string) []string {
	var out []string
	seen := map[string]bool{}
	for line := range strings.Lines(text) {
		out = lineNames(line, seen, out)
	}
	return out
}

// lineNames appends to out the names of one line that are not in seen.
func lineNames(line string, seen map[string]bool, out []string) []string {
	words := strings.Fields(line)
	titled := 0
	for _, w := range words {
		if isCapital(trim(w)) {
			titled++
		}
	}
	titleCase := len(words) >= 4 && titled*10 >= len(words)*7
	var run []string
	runStart := false
	flush := func() {
		if len(run) == 0 {
			return
		}
		keep := len(run) > 1 || isAcronym(run[0]) || !runStart && !titleCase
		if keep {
			name := strings.ToLower(strings.Join(run, " "))
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
		run = run[:0]
	}
	sentenceStart := true
	for _, raw := range words {
		w := trim(raw)
		switch {
		case w == "":
		case isCapital(w) && !stop[strings.ToLower(w)]:
			if len(run) == 0 {
				runStart = sentenceStart
			}
			run = append(run, w)
		default:
			flush()
		}
		// A word ending a sentence or a clause ends a name too.
		end := strings.TrimRight(raw, `"'’”)]`)
		if strings.HasSuffix(end, ",") || strings.HasSuffix(end, ";") || strings.HasSuffix(end, ":") || endsSentence(end) {
			flush()
		}
		sentenceStart = endsSentence(end) || w == "" && sentenceStart
	}
	flush()
	return out
}

// endsSentence reports whether a word ends a sentence: a full stop,
// question or exclamation mark that is not an acronym's ("U.S.").
func endsSentence(w string) bool {
	if strings.HasSuffix(w, "?") || strings.HasSuffix(w, "!") {
		return true
	}
	return strings.HasSuffix(w, ".") && !isAcronym(strings.TrimSuffix(w, "."))
}

// trim drops the punctuation around a word and an English possessive.
func trim(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' })
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	w = strings.TrimRight(w, ".")
	if strings.Count(w, ".") > 0 && !isAcronym(w) {
		return ""
	}
	return w
}

func isCapital(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// isAcronym reports whether w is set in capitals and digits, dotted or
// not, two characters or more: "PLA", "U.S", "G7".
func isAcronym(w string) bool {
	upper, n := 0, 0
	for _, r := range w {
		n++
		switch {
		case unicode.IsUpper(r):
			upper++
		case r == '.' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return upper > 0 && n >= 2
}

// stop are words that headlines in title case capitalise without their
// being names.
var stop = wordSet(`a an and as at but by for from in into is it its of on or over the to top
	up with after before about amid against be been new says said will than that this what why how who
	he she they we you i not no more most first last year week day`)

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}
