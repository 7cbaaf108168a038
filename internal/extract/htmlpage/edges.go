package htmlpage

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/brief-ssg/brief/internal/extract/article"
)

// creditPattern matches the sign-offs that close a story: reporting,
// editing and translation credits and source lines, in a few languages.
var creditPattern = regexp.MustCompile(`(?i)^\(?\s*(additional |with )?(reporting|reported|editing|edited|writing|written|compiled|translated|translation|contributed|contributing|source|sources|via|mit material|con información|avec|reportage|redaktion|bearbeitung)\b`)

// isCredit reports a short, unlinked closing line that credits the
// story's reporters or sources ("Additional reporting: …", "(Reporting
// by …; Editing by …)"): part of the article however short.
func isCredit(b *textBlock) bool {
	return b.linkWords == 0 && b.words <= 30 && creditPattern.MatchString(b.text)
}

// isDatedLabel reports a short line at the story's edge that carries a
// date with an agency or a label ("Northfield Press Agency March 2,
// 2021", "Originally posted: Tuesday, March 2, 2021"): a dateline, not a
// sentence.
func isDatedLabel(b *textBlock) bool {
	if b.words > 12 || article.EndsSentence(b.text) || !strings.ContainsAny(b.text, "0123456789") || isAttribution(b.text) {
		return false
	}
	_, ok := article.FindDate(b.text, time.UTC)
	return ok
}

// isAttribution reports the "— Name (@handle) date" line under a quoted
// post, which belongs with the quote.
func isAttribution(s string) bool {
	return strings.HasPrefix(s, "—") || strings.HasPrefix(s, "–") || strings.Contains(s, "(@")
}

// callPattern matches what calls to action say: write to us (with an
// address or handle; "contact … at www…" is often a syndicated column's
// own note, which stays), tips,
// subscribe, sign up, follow, share, download the app.
var callPattern = regexp.MustCompile(`(?i)(\b(write to|email|e-mail|contact|reach)\b.*@|\bknow something\b|\bgot a (news )?tip\b|\bsend (us )?(your )?tips?\b|\bsubscribe\b|\bsign up\b|\bnewsletters?\b|\bfollow (us|him|her|them|me)\b|\bshare this\b|\bdownload (the|our) app\b|\babonnieren\b|\bsuscríbete\b|\babonnez-vous\b|\binscreva-se\b)`)

// isCall reports a short paragraph that asks the reader to do something
// (write in, subscribe, follow) rather than telling the story.
func isCall(b *textBlock) bool {
	return !b.hint && b.words <= maxCallWords && (callPattern.MatchString(b.text) || clickPattern.MatchString(b.text))
}

// maxCallWords is the longest call to action; longer closing paragraphs
// are story.
const maxCallWords = 40

// trailingCalls returns the calls to action that end the story's text:
// the run of them after its last paragraph that is not one.
func trailingCalls(blocks []*textBlock, lastGood int) []*textBlock {
	if lastGood < 0 {
		return nil
	}
	i := lastGood
	for i >= 0 && (blocks[i].weight <= 0 || isCall(blocks[i])) {
		i--
	}
	if i < 0 {
		return nil // all calls: leave the story to the other tests
	}
	var out []*textBlock
	for j := i + 1; j <= lastGood; j++ {
		if isCall(blocks[j]) {
			out = append(out, blocks[j])
		}
	}
	return out
}

// relatedLists returns headings followed by a list of two or more items
// that each open with a link to elsewhere ("Further reading" with a
// sentence after each link): a related-stories block however much plain
// text the items add.
func relatedLists(blocks []*textBlock) []*textBlock {
	var out []*textBlock
	for i, b := range blocks {
		if !isHeading(b.owner) || b.words > 10 || b.linkWords > 0 {
			continue
		}
		j := i + 1
		var list *html.Node
		for ; j < len(blocks) && blocks[j].owner.DataAtom == atom.Li; j++ {
			l := blocks[j].owner.Parent
			if list == nil {
				list = l
			}
			if l != list || blocks[j].leadLink == 0 || blocks[j].hint {
				break
			}
		}
		if list == nil || j-i-1 < 2 || j < len(blocks) && isWithin(blocks[j].owner, list) {
			continue
		}
		out = append(out, blocks[i:j]...)
	}
	return out
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// isUnmarkedCaption reports a short line set wholly in italics right
// under an image: a photo caption without caption markup.
func isUnmarkedCaption(b *textBlock) bool {
	if b.words > 40 || b.hint || !allItalic(b) {
		return false
	}
	prev := elementSibling(b.owner, -1)
	return prev != nil && findFirst(prev, atom.Img) != nil && article.WordCount(textContent(prev)) == 0
}

// allItalic reports a block whose every word is inside <em> or <i>.
func allItalic(b *textBlock) bool {
	for _, t := range b.nodes {
		if article.WordCount(t.Data) == 0 {
			continue
		}
		italic := false
		for n := t.Parent; n != nil && n != b.owner; n = n.Parent {
			if n.DataAtom == atom.Em || n.DataAtom == atom.I {
				italic = true
				break
			}
		}
		if !italic {
			return false
		}
	}
	return true
}

// storyList reports a promo unit that is a list introduced by the story
// (the block before it ends with a colon): steps that happen to say "sign
// up for" are instructions, not a sign-up box.
func storyList(u *html.Node, blocks []*textBlock, i int) bool {
	if u.DataAtom != atom.Ul && u.DataAtom != atom.Ol {
		return false
	}
	for j := i - 1; j >= 0; j-- {
		if !isWithin(blocks[j].owner, u) {
			return strings.HasSuffix(strings.TrimSpace(blocks[j].text), ":")
		}
	}
	return false
}

// clickPattern matches the verbs of a link that sends the reader away.
var clickPattern = regexp.MustCompile(`(?i)\b(click(ing)?|tap(ping)?) here\b|\bclique aqui\b|\bhaga clic aquí\b|\bcliquez ici\b|\bhier klicken\b`)

// isLinkedPromo reports a line that is all link and either shouts in
// capitals or says "click here" ("GET … ON THE GO BY CLICKING HERE"): an
// in-story promotion, wherever it sits between the paragraphs.
func isLinkedPromo(b *textBlock) bool {
	if b.hint || b.words < 3 || b.linkWords < b.words {
		return false
	}
	return clickPattern.MatchString(b.text) || b.words >= 4 && shouts(b.text)
}

// shouts reports text whose letters are all capitals.
func shouts(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper > 0
}

// controlLabel matches lines that are the text of a page's controls:
// gallery counters ("Image 2 of 5"), "View all (23)", a lone "Video" or
// "Close", in a few languages.
var controlLabel = regexp.MustCompile(`(?i)^(video|vídeo|close|schließen|fermer|cerrar|fechar|chiudi|view all( \(\d+\))?|(image|photo|slide|picture|foto|bild|imagen|immagine|imagem) \d+ (of|/|de|di|von|sur|van) \d+)$`)

// isControlLabel reports a block that is nothing but a control's text.
func isControlLabel(b *textBlock) bool {
	return b.words <= 6 && !b.hint && controlLabel.MatchString(b.text)
}
