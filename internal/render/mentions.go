package render

import (
	"html/template"
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
	return t.anySource(kind, func(src string) bool { return mentions(src, name) })
}

// ReadsSite reports whether the templates that render pages of kind
// could read the field of the page's Site called field. It errs towards
// yes: besides ".Site.field", any use of ".Site" that is not a chain
// naming another of its fields (".Site" handed to a template or kept in a
// variable) counts.
//
// Input keys use it to leave the site's list of topics out of the keys of
// pages that do not show it, so that adding a topic does not make every
// page's key change.
func (t *Templates) ReadsSite(kind, field string) bool {
	return t.anySource(kind, func(src string) bool { return readsSite(src, field) })
}

// SiteTopicsMention reports whether the templates that render pages of
// kind could read a field or method called name of a topic in the site's
// list of topics (Site.Topics). It errs towards yes, like Mentions, but
// looks only where such a topic can go: the templates that could read
// the site's topics (ReadsSite) and those they invoke. With the theme,
// that is the navigation, which shows each topic's title and link: a
// topic page or a tag page shows its own count, and an article added to
// a topic then changes no other topic's or tag's pages.
func (t *Templates) SiteTopicsMention(kind, name string) bool {
	set, ok := t.sets[kind]
	if !ok {
		return true
	}
	return t.closure(set, set.Name(), map[string]bool{}, func(src string) bool {
		return readsSite(src, "Topics")
	}, func(tmplName string) bool {
		return t.closure(set, tmplName, map[string]bool{}, func(src string) bool { return mentions(src, name) }, nil)
	})
}

// anySource reports whether found holds for the source of a template that
// renders pages of kind: the kind's own file or one it invokes, directly,
// through others or through a shared partial's function. An unknown kind
// gives true.
func (t *Templates) anySource(kind string, found func(src string) bool) bool {
	set, ok := t.sets[kind]
	if !ok {
		return true
	}
	return t.closure(set, set.Name(), map[string]bool{}, found, nil)
}

// closure reports whether a template of set, tmplName or one it invokes
// (directly, through others or through a shared partial's function), has
// a source for which found holds and, when then is not nil, for whose
// template then holds too. seen lists the templates already looked at.
func (t *Templates) closure(set *template.Template, tmplName string, seen map[string]bool, found func(src string) bool, then func(tmplName string) bool) bool {
	if seen[tmplName] {
		return false
	}
	seen[tmplName] = true
	tt := set.Lookup(tmplName)
	if tt == nil || tt.Tree == nil || tt.Tree.Root == nil {
		return false
	}
	if found(tt.Tree.Root.String()) && (then == nil || then(tmplName)) {
		return true
	}
	hit := false
	walkCalls(tt.Tree.Root, func(called string) {
		hit = hit || t.closure(set, called, seen, found, then)
	}, func(fn string) {
		// A shared partial's function renders the template of its name.
		if _, ok := t.shared[fn]; ok {
			hit = hit || t.closure(set, fn, seen, found, then)
		}
	})
	return hit
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

// readsSite reports whether src could read the field of a Site called
// field: it holds ".Site.field", or ".Site" not followed by ".Name".
func readsSite(src, field string) bool {
	for rest := src; ; {
		i := strings.Index(rest, ".Site")
		if i < 0 {
			return false
		}
		rest = rest[i+len(".Site"):]
		switch {
		case rest != "" && isIdentChar(rest[0]):
			continue // another name, such as .SiteTitle
		case rest == "" || rest[0] != '.':
			return true // the whole Site, used as a value
		}
		name := rest[1:]
		n := 0
		for n < len(name) && isIdentChar(name[n]) {
			n++
		}
		if name[:n] == field || n == 0 {
			return true
		}
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
