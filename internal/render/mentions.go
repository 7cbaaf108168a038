package render

import (
	"strings"
	"text/template/parse"
)

// Mentions reports whether the templates that render pages of kind (the
// kind's own file and the templates it invokes, directly or through
// others) could read a field or method called name. It errs towards yes:
// any ".name" in their source counts, wherever it appears.
//
// Incremental rebuilds use it to leave out of a page's fingerprint data its
// templates never look at, such as the newest articles of every topic,
// which only the home page shows but every page is handed.
func (t *Templates) Mentions(kind, name string) bool {
	set, ok := t.sets[kind]
	if !ok {
		return true
	}
	seen := map[string]bool{}
	var visit func(tmplName string) bool
	visit = func(tmplName string) bool {
		if seen[tmplName] {
			return false
		}
		seen[tmplName] = true
		tt := set.Lookup(tmplName)
		if tt == nil || tt.Tree == nil || tt.Tree.Root == nil {
			return false
		}
		if mentions(tt.Tree.Root.String(), name) {
			return true
		}
		found := false
		for _, fn := range []string{"nav", "item", "footer"} {
			// These functions render the template of their name.
			if !found && strings.Contains(tt.Tree.Root.String(), fn) {
				found = visit(fn)
			}
		}
		walk(tt.Tree.Root, func(n *parse.TemplateNode) {
			found = found || visit(n.Name)
		})
		return found
	}
	return visit(set.Name())
}

// mentions reports whether src holds ".name" not followed by more of an
// identifier.
func mentions(src, name string) bool {
	for rest := src; ; {
		i := strings.Index(rest, "."+name)
		if i < 0 {
			return false
		}
		end := i + 1 + len(name)
		if end >= len(rest) || !isIdentChar(rest[end]) {
			return true
		}
		rest = rest[end:]
	}
}

// walk calls f for every {{template}} (and {{block}}) in the tree.
func walk(n parse.Node, f func(*parse.TemplateNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.IfNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.RangeNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.WithNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.TemplateNode:
		f(n)
	}
}

func isIdentChar(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}
