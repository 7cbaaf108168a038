package render

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
)

// localLinks makes a site opened straight from disk (file://) navigable:
// browsers show a folder listing for "topics/x/" there instead of its
// index.html, so the script points such links at the file. Links rooted at
// the site's path (data-base, "/briefing/x/": an editor's root-relative
// links in bodies, and every link of 404.html, which is shown at any depth)
// become relative to the page (data-root, "../../"), stylesheets and
// images included, so that they and 404.html's style work from disk too.
// Served over HTTP it does nothing, and without JavaScript every page
// still works there.
const localLinks = `if(location.protocol==="file:"){var s=document.currentScript,b=s&&s.getAttribute("data-base"),t=s&&s.getAttribute("data-root");document.querySelectorAll("a[href],link[href],img[src]").forEach(function(e){var n=e.hasAttribute("href")?"href":"src",h=e.getAttribute(n),o=h;if(b&&t!==null&&b.charAt(0)==="/"&&h.slice(0,2)!=="//"&&h.indexOf(b)===0)h=t+h.slice(b.length);if(/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(h))return;if(e.tagName==="A"){var i=h.search(/[?#]/),p=i<0?h:h.slice(0,i),r=i<0?"":h.slice(i);if(p.slice(-1)==="/")h=p+"index.html"+r;}if(h!==o)e.setAttribute(n,h);});}`

// LocalLinksScript returns the file:// navigation script with its CSP hash.
func LocalLinksScript() Script { return NewScript(localLinks) }

// NewScript wraps an inline script of brief's own with the hash a
// Content-Security-Policy needs to allow exactly that script.
func NewScript(src string) Script {
	sum := sha256.Sum256([]byte(src))
	return Script{Source: template.JS(src), Hash: "sha256-" + base64.StdEncoding.EncodeToString(sum[:])}
}
