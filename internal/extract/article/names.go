package article

import (
	"regexp"
	"strings"
	"unicode"
)

// bylinePrefixes open a byline ("By Jane Doe", "Von Jana Ostwald", "Text:
// …"), lower-cased, longest first where one starts another.
var bylinePrefixes = []string{
	"written by", "words by", "reporting by", "posted by", "text von", "text und fotos:",
	"by:", "by ", "von ", "par ", "por ", "door ", "av ", "di ", "af ", "oleh ", "от ",
	"text:", "texte:", "texto:", "tekst:", "testo:", "autor:", "autorin:", "auteur:", "author:", "autore:",
	"автор:", "текст:", "yazar:", "kirjoittanut", "napisał", "napisała",
}

// valuePrefixes are the byline words that metadata values carry ("By Jane
// Doe" in a meta tag); the short ones of other languages ("di", "av") are
// only read on visible bylines, where a name cannot start with them.
var valuePrefixes = []string{"by:", "by ", "von ", "par ", "por "}

// bylineEnd cuts a byline where its names end: at a separator, a date, or
// a word that introduces the time or the place ("on", "am", "le").
var bylineEnd = regexp.MustCompile(`(?i)(\s[·•|–—]\s|\s-\s|\d|\s(on|at|am|le|el|il|em|op|den|updated|published|posted|in)\s).*$`)

// nameSeparators split a byline into names.
var nameSeparators = regexp.MustCompile(`\s*(?:,|;|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+|\s+en\s+|\s+och\s+|\s+og\s+|\s+i\s+|\s+и\s+|&|\|)\s*`)

// notNames are lower-cased values that metadata gives as an author and
// that name nobody: CMS accounts, interface phrases and bylines that
// credit a desk. A value holding one of notNameWords is refused too.
var notNames = map[string]bool{
	"admin": true, "administrator": true, "administrador": true, "root": true, "webmaster": true, "editor": true,
	"editors": true, "editorial": true, "staff": true, "staff writer": true, "guest": true, "user": true,
	"anonymous": true, "unknown": true, "redaktion": true, "rédaction": true, "redacción": true, "redazione": true,
	"redactie": true, "редакция": true, "newsroom": true, "news desk": true, "web desk": true, "desk": true,
	"guest author": true, "gast": true, "gastautor": true, "invité": true, "invitado": true, "ospite": true, "гость": true,
	"team": true, "the editors": true, "editorial board": true, "editorial staff": true, "wire": true, "wires": true,
}

// notNameWords are words that no person's name holds but bylines' furniture
// and organisations do; a name holding one is refused. Roles ("writer",
// "correspondent") are refused as whole values, so "Jane Doe, Staff
// Writer" keeps Jane Doe.
var notNameWords = map[string]bool{
	// interface phrases
	"email": true, "e-mail": true, "mail": true, "follow": true, "contact": true, "profile": true, "twitter": true,
	"facebook": true, "instagram": true, "linkedin": true, "view": true, "posts": true, "articles": true, "more": true,
	"read": true, "share": true, "subscribe": true, "bio": true, "see": true, "all": true, "the": true, "author": true,
	"authors": true, "autor": true, "auteur": true, "click": true, "here": true,
	// roles
	"writer": true, "reporter": true, "correspondent": true, "columnist": true, "contributor": true, "editor": true,
	"producer": true, "photographer": true, "staff": true, "journalist": true, "analyst": true, "intern": true,
	"redakteur": true, "redakteurin": true, "korrespondent": true, "korrespondentin": true, "journaliste": true,
	"periodista": true, "redactor": true, "redactora": true, "corrispondente": true, "giornalista": true,
	// organisations
	"corporation": true, "corp": true, "inc": true, "ltd": true, "llc": true, "gmbh": true, "plc": true, "company": true,
	"news": true, "press": true, "agency": true, "media": true, "group": true, "associated": true, "newspaper": true,
	"newspapers": true, "magazine": true, "radio": true, "television": true, "tv": true, "broadcasting": true,
	"network": true, "service": true, "services": true, "desk": true, "team": true, "wire": true, "online": true,
	"digital": true, "times": true, "post": true, "daily": true, "herald": true, "tribune": true, "gazette": true,
	"journal": true, "reuters": true, "bloomberg": true, "afp": true, "dpa": true, "ap": true, "upi": true,
	"university": true, "institute": true, "foundation": true, "department": true, "ministry": true,
	"zeitung": true, "presse": true, "agentur": true, "redaktion": true, "nachrichten": true,
	"departamento": true, "secretaria": true, "secretaría": true, "assessoria": true, "prefeitura": true,
	"ministério": true, "ministerio": true, "coordenadoria": true, "coordinación": true, "gobierno": true,
	"governo": true, "ayuntamiento": true, "comunicação": true, "comunicación": true, "redação": true,
}

// BylineNames reads the people's names of a visible byline: "By Jane Doe
// and John Roe · 5 March 2024" gives both; a line that is not a byline
// gives nil.
func BylineNames(s string) []string {
	s = CollapseSpace(s)
	lower := strings.ToLower(s)
	found := false
	for _, p := range bylinePrefixes {
		if strings.HasPrefix(lower, p) {
			s, found = strings.TrimSpace(s[len(p):]), true
			break
		}
	}
	if !found {
		return nil
	}
	s = strings.TrimLeft(s, ": ")
	s = bylineEnd.ReplaceAllString(" "+s, "")
	// A visible line names people in full; one word is a handle or a
	// first name the page abbreviates.
	var out []string
	for _, n := range CleanAuthors([]string{s}) {
		if len(strings.Fields(n)) >= 2 {
			out = append(out, n)
		}
	}
	return out
}

// CleanAuthors turns the author values of metadata into people's names in
// reading order: a value is split into names ("A, B and C"), a leading
// "By" is dropped, "Last, First" is turned round, and what names nobody
// (emails, CMS accounts, interface phrases, roles, organisations, URLs)
// is left out, as is any name equal to one of publishers.
func CleanAuthors(values []string, publishers ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		for _, name := range splitNames(v) {
			name = trimTrailingLabels(strings.Trim(name, " .,:;·-–—"))
			if !isPersonName(name) || namesPublisher(name, publishers) {
				continue
			}
			if k := Fold(name); !seen[k] {
				seen[k] = true
				out = append(out, name)
			}
		}
	}
	return out
}

// splitNames splits one author value into names.
func splitNames(v string) []string {
	v = CollapseSpace(v)
	lower := strings.ToLower(v)
	for _, p := range valuePrefixes {
		if strings.HasPrefix(lower, p) {
			v = strings.TrimSpace(v[len(p):])
			break
		}
	}
	// "Roe, Jane": two single words around one comma are one name written
	// surname first; "Roe, Doe" would be two surnames, which bylines do not
	// give alone.
	if parts := strings.Split(v, ","); len(parts) == 2 {
		last, firstName := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
		if isNameWord(last) && isNameWord(firstName) {
			return []string{firstName + " " + last}
		}
	}
	// A role or outlet after a dash or bar ("Jane Doe - Staff Writer") is a
	// part of its own, and a handle glued to a name ("Jane Doe@janedoe")
	// ends it.
	var out []string
	for _, part := range nameSeparators.Split(roleSeparators.Replace(v), -1) {
		if i := strings.IndexByte(part, '@'); i > 0 {
			part = part[:i]
		}
		out = append(out, part)
	}
	return out
}

// roleSeparators turn the dashes and bars between a name and a role into
// commas.
var roleSeparators = strings.NewReplacer(" - ", ",", " – ", ",", " — ", ",", " | ", ",", " · ", ",", " • ", ",")

// trimTrailingLabels drops the lower-case words, and while two words
// remain the date labels and month names, that a byline runs into
// ("Moritz Bachmann publiziert", "Carrie Arnold November"), so that
// "Theresa May" stays whole.
func trimTrailingLabels(s string) string {
	words := strings.Fields(s)
	for len(words) > 1 {
		w := words[len(words)-1]
		last := strings.ToLower(strings.Trim(w, ".,:"))
		_, month := monthNames[last]
		// A name does not end in a lower-case word ("Megan Rowe meganr"
		// ends in a handle); particles stand inside it ("Sanne de Vries").
		lower := unicode.IsLower([]rune(w)[0])
		if lower && notNameWords[last] {
			// "Science X staff" credits a desk; it is not "Science X".
			return ""
		}
		if !lower && (len(words) <= 2 || !month && !dateLabels[last] && !bylineTrailers[last]) {
			break
		}
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// bylineTrailers are the verbs that follow a name in a byline ("Jana
// Ostwald publiziert am …") beyond dateLabels.
var bylineTrailers = map[string]bool{"publiziert": true, "schreibt": true, "writes": true, "reports": true, "berichtet": true}

// isNameWord reports one capitalised word of letters (and hyphens or
// apostrophes) that is not a word of notNameWords: a given name or a
// surname.
func isNameWord(w string) bool {
	if w == "" || notNameWords[strings.ToLower(w)] || notNames[strings.ToLower(w)] {
		return false
	}
	for i, r := range w {
		switch {
		case i == 0 && !unicode.IsUpper(r):
			return false
		case !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’':
			return false
		}
	}
	return true
}

// isPersonName reports a value that can be a person's name: one to five
// words, capitalised as names are, with letters, no digits, no @ or link,
// and no word of notNameWords.
func isPersonName(s string) bool {
	if s == "" || len(s) > 80 || notNames[strings.ToLower(s)] || strings.ContainsAny(s, "@/\\:=#_0123456789()[]{}<>\"") {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 5 {
		return false
	}
	// A lone short word in capitals is an outlet or a credential ("CNN",
	// "MS"), not a name.
	if len(words) == 1 && len(s) <= 5 && strings.ToUpper(s) == s && strings.ToLower(s) != s {
		return false
	}
	// A lone month or date word is what is left of a dateline.
	if _, month := monthNames[strings.ToLower(s)]; len(words) == 1 && (month || dateLabels[strings.ToLower(s)]) {
		return false
	}
	// A name opens with a capital ("subscribing I" is a sentence's start).
	if unicode.IsLower([]rune(words[0])[0]) {
		return false
	}
	capital := 0
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,'’"))
		if notNameWords[lw] || strings.Contains(lw, ".com") || strings.HasPrefix(lw, "www.") {
			return false
		}
		r := []rune(w)[0]
		if unicode.IsUpper(r) || !unicode.IsLower(r) && unicode.IsLetter(r) {
			capital++
		}
	}
	// Particles ("van", "de", "bin") may be lower-case; names are not all
	// lower-case words. Scripts without case count as capitalised.
	return capital > 0 && (len(words) == 1 && capital == 1 || capital*2 >= len(words))
}

func namesPublisher(name string, publishers []string) bool {
	k := Fold(name)
	for _, p := range publishers {
		if pk := Fold(p); pk != "" && (k == pk || len(k) > 3 && strings.Contains(pk, k) && len(k)*2 > len(pk)) {
			return true
		}
	}
	return false
}
