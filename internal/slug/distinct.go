package slug

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// symbolWords spell out the symbols that tell common names apart ("C#",
// "C++", "AT&T", "@home"); Make drops them, Key spells them.
var symbolWords = map[rune]string{
	'#': "sharp", '+': "plus", '&': "and", '@': "at",
}

// Key is the identity of a name: its slug with the symbols Make drops
// spelled out, so that "C", "C#" and "C++" have three keys ("c", "c-sharp",
// "c-plus-plus") while "Trade" and "trade", or "U.S." and "US", share one.
// Symbols without a word of their own (♯, €, ©…) are written as their code
// point ("u266f"), which is ugly but keeps the names apart. Key equals Make
// for a name without such symbols.
func Key(s string) string {
	var b strings.Builder
	spelt := false
	for _, r := range s {
		w, ok := symbolWords[r]
		if !ok && unicode.IsSymbol(r) {
			w, ok = fmt.Sprintf("u%04x", r), true
		}
		if ok {
			b.WriteString(" " + w + " ")
			spelt = true
			continue
		}
		b.WriteRune(r)
	}
	if !spelt {
		return Make(s)
	}
	return Make(b.String())
}

// Distinct gives each of names, which must have distinct Keys and a
// non-empty Make, its own slug: its Make when no other name shares it; when
// several do, the one whose Key is that slug keeps it and the others get
// their Key ("c", "c-sharp", "c-plus-plus"). A slug still taken after that
// (a name "C sharp" next to "C#") gets the lowest free suffix "-2", "-3"…,
// in the order of the keys, so the result never depends on input order.
func Distinct(names []string) []string {
	out := make([]string, len(names))
	groups := map[string][]int{}
	for i, n := range names {
		groups[Make(n)] = append(groups[Make(n)], i)
	}
	used := map[string]bool{}
	var rest []int
	for plain, idx := range groups {
		if len(idx) == 1 {
			out[idx[0]] = plain
			used[plain] = true
			continue
		}
		for _, i := range idx {
			if Key(names[i]) == plain {
				out[i] = plain
				used[plain] = true
			} else {
				rest = append(rest, i)
			}
		}
	}
	sort.Slice(rest, func(a, b int) bool { return Key(names[rest[a]]) < Key(names[rest[b]]) })
	for _, i := range rest {
		k := Key(names[i])
		s := k
		for n := 2; used[s]; n++ {
			s = fmt.Sprintf("%s-%d", k, n)
		}
		out[i] = s
		used[s] = true
	}
	return out
}
