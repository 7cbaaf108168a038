package safetext

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Tariffs rise", "Tariffs rise"},
		{"whitespace runs", "  a\n\tb  \r\n c ", "a b c"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba"},
		{"bidi isolates and marks", "\u2067x\u2069\u200ey\u200f\u061c", "xy"},
		{"escape sequences removed whole", "Harbour\x1b]0;pwned\x07 re\x1b[2Jop\x1b[8;1mens\x1b]52;c;ZXZpbA==\x1b\\!", "Harbour reopens!"},
		{"C1 sequences removed whole", "a\u009b31mb\x7fc\u0085\u009d0;t\u009cd", "abc d"},
		{"unterminated sequences lose their introducer only", "a\x1b]0;title b\x1b[ c\x1b", "a0;title b"},
		{"two-character escape", "a\x1bcb\x1b7c", "abc"},
		{"stray controls", "a\x00b\x07c\x1f", "abc"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"zero-width space and BOM", "\ufeffTar\u200biffs\u2060", "Tariffs"},
		{"invisible operators and annotations", "a\u2062b\ufff9c\u180e", "abc"},
		{"ZWJ in an emoji sequence kept", "👩\u200d💻 coder", "👩\u200d💻 coder"},
		{"ZWJ after a variation selector kept", "❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🔥"},
		{"ZWNJ in Persian kept", "می\u200cخواهم", "می\u200cخواهم"},
		{"ZWJ in Devanagari kept", "क्\u200dष", "क्\u200dष"},
		{"joiners at the ends dropped", "\u200dabc\u200c", "abc"},
		{"joiners beside spaces dropped", "a \u200d b\u200c c", "a b c"},
		{"doubled joiners become one", "a\u200d\u200db", "a\u200db"},
		{"flag tag sequence kept", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"},
		{"smuggled tag characters dropped", "ok\U000E0069\U000E0067\U000E006E", "ok"},
		{"only invisible", "\u200b\u202e\u200d", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Line(tc.in); got != tc.want {
				t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := Line(Line(tc.in)); got != Line(tc.in) {
				t.Errorf("Line is not idempotent on %q: %q", tc.in, got)
			}
		})
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"kept", "a\n\tb\u202e", "a\n\tb\u202e"},
		{"CRLF", "a\r\nb", "a\nb"},
		{"controls", "a\x1b[2Jb\x00c\u009b\x01d\re", "abcde"},
		{"invalid UTF-8", "a\x80", "a\uFFFD"},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("%s: Text(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestTerminal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a\nb\tc", "a\nb\tc"},
		{"\x1b]52;c;ZXZpbA==\x07", `\u001b]52;c;ZXZpbA==\u0007`},
		{"a\rb", `a\u000db`},
		{"\u009b2J\x7f", `\u009b2J\u007f`},
		{"\x9b", "\uFFFD"},
		{"Zürich 👩\u200d💻", "Zürich 👩\u200d💻"},
	} {
		if got := Terminal(tc.in); got != tc.want {
			t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestWriterSplitRunes writes a text one byte at a time: a character cut
// between writes must come out whole, and a C1 character (two bytes in
// UTF-8) escaped.
func TestWriterSplitRunes(t *testing.T) {
	in := "Zürich\u009b2J 👩\u200d💻 \x1b[8m"
	var out bytes.Buffer
	w := NewWriter(&out)
	for i := range len(in) {
		if n, err := w.Write([]byte{in[i]}); n != 1 || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if want := Terminal(in); out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestWriterKeepsJSON checks that escaping leaves JSON output valid and
// its values as they were: the encoder leaves DEL and C1 raw, and the
// Writer's \u form is JSON's own.
func TestWriterKeepsJSON(t *testing.T) {
	v := map[string]string{"title": "a\u009b\x7f\x1bb"}
	var out bytes.Buffer
	if err := json.NewEncoder(NewWriter(&out)).Encode(v); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsFunc(out.Bytes(), func(r rune) bool { return isControl(r) && r != '\n' }) {
		t.Errorf("control characters in %q", out.String())
	}
	var back map[string]string
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || back["title"] != v["title"] {
		t.Errorf("read back %q (%v), want %q", back["title"], err, v["title"])
	}
}
