// Package safetext is the one place where brief decides which characters
// of untrusted text may be stored, published or printed. Scraped pages,
// editors' files and servers' replies all reach it: a title carrying
// U+202E reads backwards, a zero-width space makes two tags look alike, and
// an ESC byte printed to a terminal can retitle the window, write the
// clipboard (OSC 52) or hide what follows.
//
// Line cleans one-line fields (titles, summaries, names, tags) whatever
// their origin; Text cleans multi-line text (Markdown notes and bodies,
// file names); Writer makes anything printed to a terminal inert.
package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns s as a one-line field is stored and shown: text that is not
// UTF-8 is replaced, runs of whitespace (newlines included) become one
// space with none at either end, and these are dropped:
//
//   - control characters (C0, DEL, C1): they have no glyph, and in a
//     terminal they are commands;
//   - bidirectional embeddings, overrides and isolates and the direction
//     marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): a
//     one-line field has one direction, and an override makes it read
//     differently from what it says;
//   - invisible characters that only hide or pad (zero-width space
//     U+200B, word joiner U+2060, invisible operators U+2061–U+2064, the
//     byte order mark U+FEFF, interlinear annotations U+FFF9–U+FFFB,
//     Mongolian vowel separator U+180E), and tag characters
//     (U+E0000–U+E007F) except in the tag sequences of flag emoji.
//
// The zero-width joiner U+200D and non-joiner U+200C are kept between two
// visible characters, where emoji sequences (👩‍💻) and the spelling of
// Persian and Indic scripts need them, and dropped elsewhere (at either
// end, beside a space or another invisible character), where they can
// only disguise a value.
func Line(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	var prev rune // last rune kept, 0 at the start and after a space
	rs := []rune(stripEscapes(strings.ToValidUTF8(s, "\uFFFD")))
	for i, r := range rs {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			prev = 0
			continue
		case isJoiner(r):
			if prev == 0 || prev == '\u200c' || prev == '\u200d' || i+1 >= len(rs) || !visible(rs[i+1]) {
				continue
			}
		case isTag(r):
			if !(prev == '\U0001F3F4' || isTag(prev)) || r == '\U000E0001' {
				continue
			}
		case Hidden(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// Hidden reports whether r is dropped from every one-line field (see
// Line), joiners and tag characters aside, which depend on their
// neighbours.
func Hidden(r rune) bool {
	switch {
	case isControl(r),
		r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069',
		r == '\u200e', r == '\u200f', r == '\u061c',
		r == '\u200b', r >= '\u2060' && r <= '\u2064', r == '\ufeff',
		r >= '\ufff9' && r <= '\ufffb', r == '\u180e':
		return true
	}
	return false
}

func isJoiner(r rune) bool { return r == '\u200c' || r == '\u200d' }

func isTag(r rune) bool { return r >= '\U000E0000' && r <= '\U000E007F' }

// visible reports whether r may stand beside a kept joiner.
func visible(r rune) bool {
	return !unicode.IsSpace(r) && !Hidden(r) && !isJoiner(r) && !isTag(r)
}

// isControl is C0, DEL and C1: unicode.IsControl, named for what it means
// here.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

// Text returns multi-line text (Markdown, a file name) as it is stored:
// text that is not UTF-8 is replaced, CR LF becomes LF, and control
// characters other than tab and newline are dropped. Everything else,
// bidirectional marks included, is kept: a body may mix scripts, and
// Markdown renders as HTML, where such characters cannot escape the
// element they are in.
func Text(s string) string {
	s = stripEscapes(strings.ToValidUTF8(s, "\uFFFD"))
	if !strings.ContainsFunc(s, func(r rune) bool { return isControl(r) && r != '\n' && r != '\t' }) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if isControl(r) && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, s)
}

// stripEscapes removes whole terminal escape sequences, not only their
// ESC, so that "Harbour\x1b]0;pwned\x07 reopens" reads "Harbour reopens"
// rather than "Harbour]0;pwned reopens": CSI (ESC [ or U+009B, up to its
// final byte), string commands (OSC, DCS, PM, APC, SOS: ESC ] P ^ _ X or
// U+009D U+0090 U+009E U+009F, up to BEL or ST) and two-character
// escapes. An unterminated sequence loses only its introducer, so a stray
// ESC cannot swallow the rest of a title.
func stripEscapes(s string) string {
	if !strings.ContainsAny(s, "\x1b\u009b\u009d\u0090\u009e\u009f") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		kind := byte(0) // '[' for CSI, ']' for a string command
		switch {
		case r == 0x1b && i+1 < len(s):
			switch c := s[i+1]; {
			case c == '[':
				kind, n = '[', 2
			case strings.IndexByte("]P^_X", c) >= 0:
				kind, n = ']', 2
			case c >= 0x20 && c < 0x7f:
				i += 2 // a two-character escape
				continue
			}
		case r == 0x9b:
			kind = '['
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f:
			kind = ']'
		}
		if kind == 0 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		if end := sequenceEnd(s[i+n:], kind); end >= 0 {
			i += n + end
		} else {
			i += n
		}
	}
	return b.String()
}

// sequenceEnd returns the length of the rest of an escape sequence of the
// given kind at the start of s, terminator included, or -1 when s does not
// hold a well-formed one.
func sequenceEnd(s string, kind byte) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if kind == '[' {
			switch {
			case c >= 0x40 && c <= 0x7e:
				return i + 1
			case c < 0x20 || c > 0x3f:
				return -1
			}
			continue
		}
		switch {
		case c == 0x07:
			return i + 1
		case c == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
	}
	return -1
}

// Terminal returns s made safe to print to a terminal: newline and tab
// are kept as layout, every other control character is written out as a
// visible \u escape (\u001b for ESC), and bytes that are not UTF-8 become
// U+FFFD. The \u form keeps JSON output valid (the JSON encoder escapes C0
// itself but leaves DEL and C1 raw) and shows the editor what the input
// held.
func Terminal(s string) string {
	var b strings.Builder
	appendTerminal(&b, []byte(s))
	return b.String()
}

func appendTerminal(b *strings.Builder, p []byte) {
	for len(p) > 0 {
		r, n := utf8.DecodeRune(p)
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case isControl(r):
			b.WriteString(`\u00`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xf])
		default:
			b.Write(p[:n])
		}
		p = p[n:]
	}
}

const hex = "0123456789abcdef"
