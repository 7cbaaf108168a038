package textdump

import (
	"regexp"
	"strings"
)

// pointerLabel opens a line that points to another story: "Related: …",
// "Read more: …", "More: …". Whatever the headline's length, the line is
// a link, not a sentence of the article.
var pointerLabel = regexp.MustCompile(`^(?i:related( stories| articles| content| coverage)?|read more|see more|more|read also|also read|see also|read next|further reading|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|leer más|lee también|leia também|leggi anche)\s*:`)

// linkArrow opens a line written as a link to elsewhere: "» Club night",
// "› Sport", "→ About us".
var linkArrow = regexp.MustCompile(`^[»›→▸►]`)

// introducesMedia reports a short line that announces the story's own
// pictures or video below it ("See more pictures below:"), which reads
// like a "See more" button but closes the story.
func introducesMedia(s string, words int) bool {
	return words >= 3 && strings.HasSuffix(s, ":") && (containsFold(s, "below") || containsFold(s, "unten") || containsFold(s, "ci-dessous") || containsFold(s, "abajo"))
}
