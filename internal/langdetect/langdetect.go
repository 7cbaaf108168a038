// Package langdetect says which language an article is written in: the
// language its page declares when the text agrees, else the one the text
// shows.
//
// Detection uses github.com/abadojack/whatlanggo (trigram profiles of 84
// languages, a few MB in the binary). github.com/pemistahl/lingua-go was
// measured too: as accurate on the benchmark pages, but its embedded
// models grow the binary several-fold and it is far slower per page
// (figures in bench/extraction/README.md).
package langdetect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/language"
)

// sampleBytes is how much of an article is read: the title and the start
// of the body. On the benchmark pages 1000 bytes gave the same answers as
// 2000 and as the whole text (which misread long English pages as
// Yoruba).
const sampleBytes = 1500

// minLetters is the least text detection is trusted on without a
// declared language to confirm it: a headline alone is too short.
const minLetters = 40

// Choose returns the language tag of an article whose page declares
// declared (<html lang>, og:locale, JSON-LD inLanguage; "" for none),
// with the given title and plain text. It is the declared tag, in
// canonical form, when the text agrees with it or says nothing reliable;
// the detected language when the text reliably says another (pages
// declare their template's language, not the article's); "" when neither
// is known.
func Choose(declared, title, text string) string {
	decl := canonical(declared)
	det, sure := Detect(title + "\n" + text)
	switch {
	case det == "":
		return decl
	case decl != "" && base(decl) == det:
		return decl
	case decl != "" && !sure:
		return decl
	case sure:
		return det
	}
	return decl
}

// Detect returns the language of text as a BCP 47 primary tag ("en",
// "ru", "zh"; a three-letter code where the language has no two-letter
// one), and whether the detection is reliable. It reads at most
// sampleBytes of text; "" means no letters to go on.
func Detect(text string) (tag string, reliable bool) {
	if len(text) > sampleBytes {
		cut := sampleBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters == 0 {
		return "", false
	}
	info := whatlanggo.Detect(text)
	tag = info.Lang.Iso6391()
	if tag == "" {
		tag = info.Lang.Iso6393()
	}
	return tag, info.IsReliable() && letters >= minLetters
}

// canonical returns a declared language in canonical form ("en_us" →
// "en-US"), or "" when it is not a language tag.
func canonical(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if s == "" {
		return ""
	}
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		return ""
	}
	return t.String()
}

// base is a tag's primary language subtag.
func base(tag string) string {
	b, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(b)
}
