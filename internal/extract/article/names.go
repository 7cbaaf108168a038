package article

import (
	"regexp"
	"strings"
	"unicode"
)

// bylinePrefixes open a byline ("By Jane Doe", "Von Jana Ostwald", "Text:
// …"), lower-cased, longest first where one starts another.
var bylinePrefixes = []string{
	"written by", "words by", "reporting by", "posted by", "publicado por:", "publicado por ", "escrito por ", "publié par ", "text von", "text und fotos:",
	"by:", "by ", "von ", "par ", "por ", "door ", "av ", "di ", "af ", "oleh ", "от ",
	"text:", "texte:", "texto:", "tekst:", "testo:", "autor:", "autorin:", "auteur:", "author:", "autore:",
	"автор:", "текст:", "yazar:", "kirjoittanut", "napisał", "napisała",
}

// valuePrefixes are the byline words that metadata values carry ("By Jane
// Doe" in a meta tag); the short ones of other languages ("di", "av") are
// only read on visible bylines, where a name cannot start with them.
var valuePrefixes = []string{
	"by:", "by ", "von ", "par ", "por ",
	"analysis by ", "opinion by ", "commentary by ", "review by ", "story by ", "reported by ", "interview by ",
}

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

// BylineNames reads the people's names of a visible byline, a line of a
// text dump or an HTML element's text: "By Jane Doe and John Roe · 5 March
// 2024" gives both, and so do bylines whose label follows the date
// ("11/19/2019 by Jane Doe", "05/10/2018 - Publicado por: Jane Doe -
// Categoria: …"). Names are cleaned as CleanAuthors cleans metadata
// values, so roles, outlets, handles and publishers (a one-word account
// named after the site, as publishers gives it) are left out. A line that
// is not a byline gives nil.
func BylineNames(s string, publishers ...string) []string {
	s = CollapseSpace(s)
	rest, ok := afterBylineLabel(s)
	if !ok {
		return nil
	}
	rest = strings.TrimLeft(rest, ": ")
	rest = bylineEnd.ReplaceAllString(" "+rest, "")
	return CleanAuthors([]string{rest}, publishers...)
}

// NameLine reads a line that names the authors without a label, as
// bylines set apart from the headline often do: "Jane Doe", "Jane Doe and
// John Roe Associated Press", "Jane Doe News reporter @janedoe", "Jane Doe
// Published 5:02 PM EST Nov 19, 2019". Every name must be a full one (two
// words or more), since a lone word on a line is as often a section or a
// label; a line holding anything else gives nil. The caller decides
// whether the line stands where a byline does.
func NameLine(s string, publishers ...string) []string {
	s = CollapseSpace(s)
	if s == "" || WordCount(s) > 16 || strings.ContainsAny(s, "?!\"“”«»") {
		return nil
	}
	if _, ok := afterBylineLabel(s); ok {
		return nil
	}
	s = leadingDate.ReplaceAllString(s, "")
	// Names written without case (Han, kana, Hangul) cannot be told from
	// a section or a phrase without a label.
	if !strings.ContainsFunc(s, unicode.IsUpper) {
		return nil
	}
	// What the line holds past the names must be a dateline: a headline
	// cut at its first digit ("Native Ad Platform my6sense Names …") is
	// no byline.
	if loc := bylineEnd.FindStringIndex(" " + s); loc != nil {
		rest := (" " + s)[loc[0]:]
		if _, ok := FindDate(rest, nil); !ok && !clock.MatchString(rest) {
			return nil
		}
		s = (" " + s)[:loc[0]]
	}
	if WordCount(s) > 10 {
		return nil
	}
	s = strings.TrimSpace(publishedLabel.ReplaceAllString(s, ""))
	names := CleanAuthors([]string{s}, publishers...)
	for _, n := range names {
		words := strings.Fields(n)
		if len(words) < 2 {
			return nil
		}
		// Without a label, only a name's particles may be lower-case:
		// "Trade talks stall" is no name.
		for _, w := range words {
			if r := []rune(w)[0]; unicode.IsLower(r) && !nameParticles[w] || !unicode.IsLetter(r) {
				return nil
			}
		}
	}
	return names
}

// nameParticles are the lower-case words that stand inside names.
var nameParticles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "del": true, "della": true,
	"la": true, "le": true, "du": true, "dos": true, "das": true, "bin": true, "binti": true, "al": true, "el": true, "y": true, "ter": true,
}

// leadingDate is a date that opens a name line ("November 20, 2019 Jane
// Doe", "13/06/2014 | Jane Doe").
var leadingDate = regexp.MustCompile(`^(?:\p{L}{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\.?\s+\p{L}{3,9}\.?\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*[|·•–—-]?\s*`)

// publishedLabel is a date label left at the end of a name line once its
// date is cut ("Jane Doe Published").
var publishedLabel = regexp.MustCompile(`(?i)\s+(published|updated|posted)\s*:?\s*$`)

// afterBylineLabel returns what follows a byline label that opens s, or
// one that follows a date or a separator at its start.
func afterBylineLabel(s string) (string, bool) {
	s = strings.TrimLeft(s, "|·•-–— ")
	lower := strings.ToLower(s)
	for _, p := range bylinePrefixes {
		if strings.HasPrefix(lower, p) {
			return strings.TrimSpace(s[len(p):]), true
		}
	}
	for _, p := range midBylineLabels {
		i := strings.Index(lower, p)
		if i <= 0 {
			continue
		}
		// Only a dateline may stand before the label: "Photo by …" and
		// "stand by me" have words there.
		before := s[:i]
		if strings.ContainsAny(before, "0123456789") && WordCount(before) <= 8 {
			return strings.TrimSpace(s[i+len(p):]), true
		}
	}
	return "", false
}

// midBylineLabels are the byline labels that may follow a date on the
// same line, lower-cased, with the spaces that set them apart.
var midBylineLabels = []string{" by: ", " by ", " publicado por: ", " publicado por ", " publié par ", " von "}

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
			name = cutCredit(cutPublisher(strings.Trim(name, " .,:;·-–—"), publishers))
			name = properCase(trimTrailingLabels(name))
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
	v = unglue(CollapseSpace(v))
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
	if s == "" || len(s) > 80 || notNames[strings.ToLower(s)] || strings.ContainsAny(s, "@/\\:=#_*0123456789()[]{}<>\"") {
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
		if notNameWords[lw] || creditWords[lw] || strings.Contains(lw, ".com") || strings.HasPrefix(lw, "www.") {
			return false
		}
		// "Editor-at-large" is a role as "Editor" is.
		for _, part := range strings.Split(lw, "-") {
			if len(part) > 2 && notNameWords[part] {
				return false
			}
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
	single := !strings.ContainsRune(name, ' ')
	for _, p := range publishers {
		pk := Fold(p)
		if pk == "" {
			continue
		}
		if k == pk || len(k) > 3 && strings.Contains(pk, k) && len(k)*2 > len(pk) {
			return true
		}
		// A one-word account named after the site ("Vortex" on Vortex
		// Cannon Entertainment's vortexcannon.org) is the site posting.
		if single && len(k) >= 4 && strings.HasPrefix(pk, k) {
			return true
		}
	}
	return false
}

// unglue puts back the space that a scraped byline lost between a name and
// what followed it in its own element: "Jane DoeView More Articles", "Jane
// DoeFOXBusiness". Only a capital after three lower-case letters counts,
// so that "McCoy", "MacKenzie", "DiCaprio" and "LeBron" stay whole.
func unglue(s string) string {
	var b strings.Builder
	lowerRun := 0
	for _, r := range s {
		if unicode.IsUpper(r) && lowerRun >= 3 {
			b.WriteByte(' ')
		}
		if unicode.IsLower(r) {
			lowerRun++
		} else {
			lowerRun = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// creditWords are the words that, after a name, start its credit: roles
// and their qualifiers ("Senior Contributor", "AP National Political
// Writer"), beyond notNameWords.
var creditWords = map[string]bool{
	"senior": true, "chief": true, "contributing": true, "associate": true, "deputy": true, "managing": true,
	"executive": true, "special": true, "national": true, "political": true, "sports": true, "science": true,
	"health": true, "business": true, "investigative": true, "foreign": true, "editorial": true, "reports": true,
	"usa": true, "cnn": true, "bbc": true, "nbc": true, "abc": true, "cbs": true, "view": true, "sport": true, "review": true, "reviews": true,
	// words of buttons and teasers that a line of capitals may hold
	"your": true, "our": true, "find": true, "next": true, "latest": true, "get": true,
}

// cutPublisher cuts a publisher's name that follows a person's in a
// byline ("Ana Kell Harbour Evening Post").
func cutPublisher(name string, publishers []string) string {
	lower := strings.ToLower(name)
	if len(lower) != len(name) {
		// Lower-casing changed the bytes: offsets would not match.
		return name
	}
	for _, p := range publishers {
		p = strings.ToLower(CollapseSpace(p))
		if p == "" || !strings.HasSuffix(lower, " "+p) {
			continue
		}
		if rest := strings.TrimSpace(name[:len(name)-len(p)]); len(strings.Fields(rest)) >= 2 {
			return rest
		}
	}
	return name
}

// orgSuffixes end the names of organisations.
var orgSuffixes = map[string]bool{
	"agency": true, "corporation": true, "corp": true, "inc": true, "ltd": true, "llc": true, "gmbh": true, "plc": true,
	"company": true, "group": true, "foundation": true, "institute": true, "university": true, "department": true,
	"ministry": true, "network": true, "association": true, "society": true, "council": true, "office": true,
	"center": true, "centre": true,
}

// cutCredit cuts what follows a name of two words or more without a comma:
// a role or an outlet ("Tom Rhys Associated Press", "Ana Kell Senior
// Contributor", "Jo Park USA TODAY"), a glued interface label ("Ana Kell
// View More Articles"), a name printed twice ("Sean Mart Sean Mart"). A
// credit that names a desk and no role ("Horse World Editorial Staff")
// leaves nothing, since what stands before it is the outlet, not a person.
func cutCredit(name string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return ""
	}
	if n := len(words); n >= 4 && n%2 == 0 && strings.Join(words[:n/2], " ") == strings.Join(words[n/2:], " ") {
		return strings.Join(words[:n/2], " ")
	}
	caps := allCaps(words[0])
	for i := 2; i < len(words); i++ {
		w := strings.ToLower(strings.Trim(words[i], ".,'’"))
		outlet := !caps && allCaps(words[i]) && len(words[i]) >= 2 || brandCase(words[i])
		if !notNameWords[w] && !creditWords[w] && !outlet {
			continue
		}
		if orgSuffixes[w] {
			// "European Space Agency": the words before name the
			// organisation, not a person.
			return ""
		}
		desk, role := false, false
		for _, c := range words[i:] {
			switch strings.ToLower(strings.Trim(c, ".,'’")) {
			case "staff", "editorial", "desk", "team", "reports", "newsroom":
				desk = true
			case "writer", "reporter", "correspondent", "columnist", "contributor", "editor", "producer":
				role = true
			}
		}
		if desk && !role {
			return ""
		}
		return strings.Join(words[:i], " ")
	}
	return name
}

// brandCase reports a word written as brands are, not names: capitals in
// a row followed by lower case ("FOXBusiness", "WWDnews").
func brandCase(w string) bool {
	prevUpper, run := false, false
	for _, r := range w {
		up := unicode.IsUpper(r)
		if up && prevUpper {
			run = true
		}
		if run && unicode.IsLower(r) {
			return true
		}
		prevUpper = up
	}
	return false
}

// allCaps reports a word of capitals only (with at least one letter).
func allCaps(w string) bool {
	letters := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// properCase writes a name that a page prints in capitals ("MARY CLARE
// JALONICK") as names are written; a name in mixed case is kept.
func properCase(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return name
	}
	for _, w := range words {
		if !allCaps(w) {
			return name
		}
	}
	for i, w := range words {
		r := []rune(strings.ToLower(w))
		for j := range r {
			// "O'BRIEN", "JEAN-PAUL": a letter after an apostrophe or
			// hyphen starts a part of the name.
			if j == 0 || r[j-1] == '\'' || r[j-1] == '’' || r[j-1] == '-' {
				r[j] = unicode.ToUpper(r[j])
			}
		}
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
