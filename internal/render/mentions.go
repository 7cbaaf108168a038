package render

import (
	"strings"
	"text/template/parse"
)

// Mentions reports whether the templates that render pages of kind (the
// kind's own file and the templates it invokes, directly, through others
// or through a shared partial's function) could read a field or method
// called name. It errs towards yes: any ".name" in their source counts,
// wherever it appears.
//
// Input keys use it to leave out of a page's key data its templates never
// look at, such as the newest articles of every topic, which only the home
// page shows but every page is handed.
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
		walkCalls(tt.Tree.Root, func(called string) {
			found = found || visit(called)
		}, func(fn string) {
			// A shared partial's function renders the template of its name.
			if _, ok := t.shared[fn]; ok {
				found = found || visit(fn)
			}
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

// walkCalls calls tmpl for every {{template}} (and {{block}}) in the tree
// and fn for every function named in its pipelines.
func walkCalls(n parse.Node, tmpl, fn func(string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkCalls(c, tmpl, fn)
		}
	case *parse.ActionNode:
		walkCalls(n.Pipe, tmpl, fn)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, tmpl, fn)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, tmpl, fn)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, tmpl, fn)
	case *parse.TemplateNode:
		tmpl(n.Name)
		walkCalls(n.Pipe, tmpl, fn)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkCalls(c, tmpl, fn)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkCalls(a, tmpl, fn)
		}
	case *parse.ChainNode:
		walkCalls(n.Node, tmpl, fn)
	case *parse.IdentifierNode:
		fn(n.Ident)
	}
}

func walkBranch(b *parse.BranchNode, tmpl, fn func(string)) {
	walkCalls(b.Pipe, tmpl, fn)
	walkCalls(b.List, tmpl, fn)
	walkCalls(b.ElseList, tmpl, fn)
}

func isIdentChar(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}
