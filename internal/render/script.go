package render

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
)

// localLinks makes a site opened straight from disk (file://) navigable:
// browsers show a folder listing for "topics/x/" there instead of its
// index.html, so the script points such links at the file. Served over
// HTTP it does nothing, and without JavaScript every page still works.
const localLinks = `if(location.protocol==="file:"){document.querySelectorAll("a[href]").forEach(function(a){var h=a.getAttribute("href");if(/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(h))return;var i=h.search(/[?#]/),p=i<0?h:h.slice(0,i),r=i<0?"":h.slice(i);if(p.slice(-1)==="/")a.setAttribute("href",p+"index.html"+r);});}`

// LocalLinksScript returns the file:// navigation script with its CSP hash.
func LocalLinksScript() Script { return NewScript(localLinks) }

// NewScript wraps an inline script of brief's own with the hash a
// Content-Security-Policy needs to allow exactly that script.
func NewScript(src string) Script {
	sum := sha256.Sum256([]byte(src))
	return Script{Source: template.JS(src), Hash: "sha256-" + base64.StdEncoding.EncodeToString(sum[:])}
}
