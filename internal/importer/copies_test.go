package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wireParagraphs is one wire story, as an agency sends it to every paper.
var wireParagraphs = []string{
	"Dock workers at the port of Almere walked out on Monday morning after talks on night-shift pay broke down, leaving eleven container ships waiting at anchor outside the harbour mouth.",
	"The union said its members had worked without a new agreement for fourteen months and that the port authority's last offer, a raise of two per cent over three years, did not cover the rise in rents near the docks.",
	"The port authority said the offer was the best it could make while the new quay was being built, and that it had asked the regional mediator to call both sides back to the table before the weekend.",
	"Shipping lines began sending vessels to neighbouring ports, where cranes were already working at full stretch, and freight agents warned that fresh produce could be short in supermarkets by Thursday.",
	"The strike is the first at the port in nineteen years. The last one, in the winter of the great storm, lasted six days and ended with a deal that tied night pay to the price of heating oil.",
	"City councillors from three parties asked the mayor to offer the town hall for the talks, saying that a long stoppage would hurt the small hauliers and the cafes that depend on the dock workers' custom.",
	"A spokeswoman for the mediator said the first meeting could take place on Wednesday, and that both sides had agreed not to speak to the press until it was over.",
	"Union leaders said pickets would stay at the gates around the clock, and that the workers would vote on any new offer in a meeting open to every member of the branch.",
}

// wirePage is the wire story as a paper's page: its own headline, URL and
// intro, and the first n paragraphs.
func wirePage(title, canonical string, n int) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><title>` + title + `</title>
<link rel="canonical" href="` + canonical + `">
<meta property="article:published_time" content="2024-05-06T11:00:00+02:00">
</head><body><article><h1>` + title + `</h1>
`)
	for _, p := range wireParagraphs[:n] {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// TestImportNearCopies imports a syndicated copy of an article the editor
// already has (same wire text, a new headline, the last paragraph
// trimmed) and an unrelated page: the copy is reported with the share of
// the article it repeats and, with SkipCopies, not written; the other page
// is imported as usual; the editor's file is never touched.
func TestImportNearCopies(t *testing.T) {
	const original = "content/articles/dock-workers-strike.md"
	originalText := "---\ntitle: Dock workers strike at Almere\ndate: 2024-05-06T09:00:00+02:00\nsource: Wire\n---\n" +
		strings.Join(wireParagraphs, "\n\n") + "\n"
	dir := t.TempDir()
	copyPage := writeInput(t, dir, "copy.html", wirePage("Ships wait at anchor as port walkout begins", "https://coast-herald.example/news/port-walkout", len(wireParagraphs)-1))
	other := writeInput(t, dir, "library.html", libraryPage("https://gazette.example/news/library", "ten in the evening"))

	tests := []struct {
		name       string
		skipCopies bool
		want       Outcome
	}{
		{"reported", false, Imported},
		{"skipped", true, Copied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, cfg := newSite(t)
			writeInput(t, root, original, originalText)
			opt := options(root, cfg)
			opt.SkipCopies = tt.skipCopies
			res, err := Import(context.Background(), []string{copyPage, other}, opt)
			if err != nil {
				t.Fatal(err)
			}
			cp, lib := res.Reports[0], res.Reports[1]
			if cp.Outcome != tt.want || cp.CopyOf != original || cp.CopyShare < 0.8 || cp.CopyShare > 0.95 {
				t.Errorf("copy: outcome %v, copy of %q (%.2f), want %v, %s, 80–95%%", cp.Outcome, cp.CopyOf, cp.CopyShare, tt.want, original)
			}
			if lib.Outcome != Imported || lib.CopyOf != "" || lib.Path == "" {
				t.Errorf("unrelated page: %+v", lib)
			}
			files, err := filepath.Glob(filepath.Join(root, ArticlesDir, "*.md"))
			if err != nil {
				t.Fatal(err)
			}
			wantFiles := 3
			if tt.skipCopies {
				wantFiles = 2
				if cp.Path != "" {
					t.Errorf("a skipped copy has a path: %s", cp.Path)
				}
			} else if _, err := os.Stat(filepath.Join(root, cp.Path)); err != nil {
				t.Errorf("copy not written: %v", err)
			}
			if len(files) != wantFiles {
				t.Errorf("%d articles in content/articles, want %d: %v", len(files), wantFiles, files)
			}
			data, err := os.ReadFile(filepath.Join(root, original))
			if err != nil || string(data) != originalText {
				t.Errorf("the editor's article changed (%v):\n%s", err, data)
			}
		})
	}
}

// TestImportNearCopyInOneRun: of two syndications of one story imported
// together, the second is a near-copy of the first, now in the site.
func TestImportNearCopyInOneRun(t *testing.T) {
	root, cfg := newSite(t)
	dir := t.TempDir()
	inputs := []string{
		writeInput(t, dir, "a.html", wirePage("Port walkout leaves ships at anchor", "https://coast-herald.example/news/walkout", len(wireParagraphs))),
		writeInput(t, dir, "b.html", wirePage("Almere dockers down tools", "https://valley-post.example/almere-dockers", len(wireParagraphs)-1)),
	}
	opt := options(root, cfg)
	opt.SkipCopies = true
	res, err := Import(context.Background(), inputs, opt)
	if err != nil {
		t.Fatal(err)
	}
	a, b := res.Reports[0], res.Reports[1]
	if a.Outcome != Imported || b.Outcome != Copied || b.CopyOf != a.Path {
		t.Errorf("first %v %s, second %v copy of %q; want imported, then a copy of the first", a.Outcome, a.Path, b.Outcome, b.CopyOf)
	}
}
