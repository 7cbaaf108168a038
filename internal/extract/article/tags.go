package article

import (
	"strings"
	"unicode"
)

// MaxTags is how many tags an article keeps: news pages list up to a
// hundred keywords for search engines, and a tag index built from them
// helps no reader. The first ones, which CMSs order by weight, are kept.
const MaxTags = 12

// maxTagWords bounds a tag's length; longer values are phrases or lists
// that lost their delimiters.
const maxTagWords = 5

// CleanTags turns the tag values of metadata into an article's tags: each
// value is split on its delimiters (",", ";", "|"), so that one
// semicolon-separated string becomes its items; machine codes (values with
// "@", "_", "=", a "key:value" colon or a path) are dropped; variants that
// differ only in case, spacing or punctuation ("iOS 9", "ios9") are merged
// into the first spelling seen, or the first that has capitals; at most
// MaxTags are kept.
func CleanTags(values []string) []string {
	var out []string
	index := map[string]int{}
	for _, v := range values {
		for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '，' || r == '、' }) {
			t = strings.Trim(CollapseSpace(t), " #.·-–—\"'")
			if !isTag(t) {
				continue
			}
			k := Fold(t)
			if i, ok := index[k]; ok {
				if strings.ToLower(out[i]) == out[i] && strings.ToLower(t) != t {
					out[i] = t
				}
				continue
			}
			if len(out) == MaxTags {
				return out
			}
			index[k] = len(out)
			out = append(out, t)
		}
	}
	return out
}

// isTag reports a value that can be shown as a tag: words a reader would
// use, not a CMS's code.
func isTag(t string) bool {
	if t == "" || Fold(t) == "" || len(strings.Fields(t)) > maxTagWords || len(t) > 60 {
		return false
	}
	if strings.ContainsAny(t, "@_={}<>\\") || strings.Contains(t, "://") {
		return false
	}
	// "Section:culture" and "type:news" are codes; "Star Wars: Episode
	// IX" is a title.
	if i := strings.IndexByte(t, ':'); i >= 0 {
		key := t[:i]
		oneWord := !strings.ContainsRune(key, ' ')
		if i+1 == len(t) || t[i+1] != ' ' || oneWord && (len(strings.Fields(t)) <= 3 || strings.ContainsRune(key, '.') || strings.ToLower(key) == key) {
			return false
		}
	}
	if t[0] == '/' {
		return false
	}
	// A path ("culture/wide_angle"), unlike "Currencies / Exchange", has
	// no spaces around its slash.
	if i := strings.IndexByte(t, '/'); i > 0 && i+1 < len(t) && t[i-1] != ' ' && t[i+1] != ' ' && !unicode.IsDigit(rune(t[i-1])) {
		return false
	}
	return true
}
