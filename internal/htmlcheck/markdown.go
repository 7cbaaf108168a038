package htmlcheck

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// permissive renders Markdown the way the least careful publisher would:
// GFM, raw HTML passed through and no filtering of link schemes.
var permissive = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// Markdown checks Markdown that brief writes from scraped pages (imported
// articles, `brief extract` output). brief's own renderer drops raw HTML
// and script URLs, but the Markdown files are the editor's to publish with
// any tool, so they must carry no live markup even when rendered with raw
// HTML allowed: this renders src permissively and runs Check on the result.
func Markdown(src []byte) ([]Finding, error) {
	var buf bytes.Buffer
	buf.WriteString(`<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'none'"></head><body>`)
	if err := permissive.Convert(src, &buf); err != nil {
		return nil, fmt.Errorf("rendering Markdown: %w", err)
	}
	buf.WriteString(`</body></html>`)
	return Check(buf.Bytes())
}
