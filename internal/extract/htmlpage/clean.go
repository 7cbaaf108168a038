package htmlpage

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropTags never hold article text a reader sees as part of the story.
// <aside> is not among them: it is weighed as furniture in pruneFurniture,
// since some sites put the page's only article in one.
var dropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Map: true, atom.Dialog: true,
	atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true, atom.Option: true,
	atom.Nav: true, atom.Footer: true, atom.Head: true, atom.Link: true,
	atom.Meta: true, atom.Base: true, atom.Label: true, atom.Menu: true, atom.Frameset: true,
}

// dropRoles are ARIA landmarks and widgets outside the main content.
var dropRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"menu": true, "menubar": true, "dialog": true, "alertdialog": true, "search": true,
	"toolbar": true, "tablist": true,
}

// stripChrome removes markup that is never content: scripts, media players,
// forms' controls, navigation landmarks, hidden elements and comments.
func stripChrome(doc *html.Node) {
	var dead []*html.Node
	walk(doc, func(n *html.Node) bool {
		switch n.Type {
		case html.CommentNode:
			dead = append(dead, n)
			return false
		case html.ElementNode:
		default:
			return true
		}
		if dropTags[n.DataAtom] || n.Namespace == "svg" || isHidden(n) || dropRoles[strings.ToLower(attr(n, "role"))] {
			dead = append(dead, n)
			return false
		}
		return true
	})
	for _, n := range dead {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	if st := attr(n, "style"); st != "" {
		st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
		if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
			return true
		}
	}
	return false
}

// boilerWords are class/id words that mark page furniture; a word matches
// when it equals one of these after splitting names on '-', '_' and case
// changes ("relatedPosts" gives "related", "posts").
var boilerWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "breadcrumb": true, "breadcrumbs": true,
	"footer": true, "sidebar": true, "widget": true, "widgets": true, "related": true, "recommended": true,
	"recommendations": true, "recommendation": true, "trending": true, "popular": true, "share": true,
	"sharing": true, "shares": true, "social": true, "sociallinks": true, "follow": true, "comment": true,
	"comments": true, "disqus": true, "newsletter": true, "subscribe": true, "subscription": true,
	"signup": true, "cookie": true, "cookies": true, "consent": true, "gdpr": true, "promo": true,
	"promotion": true, "advert": true, "advertisement": true, "ad": true, "ads": true, "adslot": true,
	"adunit": true, "sponsored": true, "sponsor": true, "outbrain": true, "taboola": true, "byline": true,
	"dateline": true, "timestamp": true, "tags": true, "tag": true, "pagination": true, "pager": true,
	"toolbar": true, "tools": true, "modal": true, "popup": true, "masthead": true, "skip": true,
	"sronly": true, "hidden": true, "copyright": true, "login": true, "paywall": true, "bio": true,
	"author": true, "authors": true, "meta": true, "print": true, "email": true, "rss": true,
	"banner": true, "more": true, "readmore": true, "topics": true, "keywords": true, "prev": true,
	"next": true, "hovercard": true, "tooltip": true, "popover": true, "flyout": true, "jump": true, "toc": true, "subnav": true, "crumbs": true, "rail": true,
}

// boilerPairs are two-word names whose words alone are too common.
var boilerPairs = map[string]bool{
	"screen reader": true, "visually hidden": true, "most read": true, "most popular": true,
	"read next": true, "see also": true, "also read": true, "post meta": true, "entry meta": true,
	"article meta": true, "top stories": true, "more stories": true, "you may": true, "sr only": true,
}

// contentWords mark a wrapper as the article, which outweighs a boilerplate
// word in the same name ("article-body share-enabled").
var contentWords = map[string]bool{
	"article": true, "content": true, "body": true, "entry": true, "post": true, "story": true,
	"main": true, "text": true, "prose": true, "richtext": true,
}

// nameWords splits class and id values into lower-case words.
func nameWords(n *html.Node) []string {
	var words []string
	for _, key := range []string{"class", "id"} {
		v := attr(n, key)
		if v == "" {
			continue
		}
		var cur []rune
		prevLower := false
		flush := func() {
			if len(cur) > 0 {
				words = append(words, strings.ToLower(string(cur)))
				cur = cur[:0]
			}
		}
		for _, r := range v {
			switch {
			case unicode.IsUpper(r) && prevLower:
				flush()
				cur = append(cur, r)
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				cur = append(cur, r)
			default:
				flush()
			}
			prevLower = unicode.IsLower(r)
		}
		flush()
		words = append(words, "|") // never pair words across attributes
	}
	return words
}

// strongBoiler words mark furniture even when the name also has a content
// word ("comments-content", "related-posts", "entry-footer").
var strongBoiler = map[string]bool{
	"comment": true, "comments": true, "disqus": true, "related": true, "recommended": true,
	"recommendations": true, "share": true, "sharing": true, "social": true, "newsletter": true,
	"cookie": true, "consent": true, "outbrain": true, "taboola": true, "advert": true,
	"advertisement": true, "ad": true, "ads": true, "sponsored": true, "byline": true,
	"breadcrumb": true, "breadcrumbs": true, "sidebar": true, "footer": true, "promo": true,
	"subscribe": true, "signup": true, "paywall": true, "sronly": true, "trending": true,
	"gallery": true, "slideshow": true, "carousel": true, "slider": true, "lightbox": true,
}

// boilerClass reports whether n's class or id names page furniture.
func boilerClass(n *html.Node) bool {
	words := nameWords(n)
	weak, good := false, false
	for i, w := range words {
		if strongBoiler[w] {
			return true
		}
		if i > 0 && boilerPairs[words[i-1]+" "+w] {
			return true
		}
		if boilerWords[w] {
			weak = true
		}
		if contentWords[w] {
			good = true
		}
	}
	return weak && !good
}
