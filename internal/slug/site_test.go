package slug_test

import (
	"path"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/sitetest"
)

// TestSiteFoldersCopyToWindows builds a site whose article, page, tag and
// topic names are device names Windows reserves: no folder of the output
// may carry one, whatever its case.
func TestSiteFoldersCopyToWindows(t *testing.T) {
	s := sitetest.New(t, `
-- site.yaml --
title: T
base_url: https://example.org/
topics:
  - title: Com1
-- content/articles/con.md --
---
title: Con
date: 2025-01-01
tags: [PRN, lpt9]
topics: [com1_]
---
Body.
-- content/articles/aux.md --
---
title: Aux
date: 2025-01-02
---
Body.
-- content/pages/nul.md --
---
title: Nul
---
Body.
`).Build()
	s.AssertFileExists("articles/con_/index.html", "articles/aux_/index.html", "nul_/index.html",
		"tags/prn_/index.html", "tags/lpt9_/index.html", "topics/com1_/index.html")
	for _, name := range s.Names() {
		for _, seg := range strings.Split(path.Dir(name), "/") {
			switch strings.ToLower(seg) {
			case "con", "prn", "aux", "nul", "com1", "lpt9":
				t.Errorf("%s: folder %q cannot be created on Windows", name, seg)
			}
		}
	}
}
