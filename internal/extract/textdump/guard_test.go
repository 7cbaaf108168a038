package textdump

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/extract/articletest"
)

// TestGuardsNeverHideAMatch checks that a guarded regexp answers as its
// regexp alone: on lines made to match each alternative in every case
// (including the long s and Kelvin sign that (?i) folds to ASCII), on
// near misses, and on every line of the text dumps at hand.
func TestGuardsNeverHideAMatch(t *testing.T) {
	guards := map[string]guardedRegexp{"captionCredit": captionCredit, "junkAnywhere": junkAnywhere}
	lines := []string{
		"Protesters gather outside. (AP Photo/Jane Doe)", "AP PHOTO", "Getty Images", "GETTY IMAGEſ",
		"A street (Photo by Jane Doe)", "Photo: Reuters", "photo by staff", "Credit: NASA", "CREDIT:",
		"Image: handout", "Image credit: city", "Smith (pictured) spoke", "FILE PHOTO: a ferry",
		"ſhutterſtock", "SHUTTERSTOCK", "Pool/AFP via Getty", "/afp", "EPA-EFE/Jane Doe", "epa",
		"REUTERS/Jane Doe", "Reuters /Jane", "© 2024 The Paper", "(C) 2023 The Paper", "(c) 20",
		"Copyright 2024", "COPYRIGHT  2024", "All Rights Reserved.", "ALL RIGHTS RESERVED",
		"We use cookies", "COOKIES", "Coo\u212Aie policy", "coo\u212Aie", "Photographer", "The department said",
		"A separate imagery", "creditors", "", "plain prose with nothing to see",
	}
	for _, dir := range []string{"testdata", filepath.Join(articletest.BenchDir(), "text")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, strings.Split(string(data), "\n")...)
		}
	}
	for name, g := range guards {
		hits := 0
		for _, l := range lines {
			want := g.re.MatchString(l)
			if got := g.MatchString(l); got != want {
				t.Errorf("%s.MatchString(%q) = %v, its regexp says %v", name, l, got, want)
			}
			if want {
				hits++
			}
		}
		if hits < 10 {
			t.Errorf("%s: only %d lines matched; the test lines no longer exercise it", name, hits)
		}
	}
}
