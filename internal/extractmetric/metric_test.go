package extractmetric

import (
	"math"
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Café — naïve_test 42, 東京!", []string{"Café", "naïve_test", "42", "東京"}},
		{"  \n\t", nil},
		{"it's a co-op", []string{"it", "s", "a", "co", "op"}},
		{"½ Ⅻ x²", []string{"½", "Ⅻ", "x²"}},
		// Letters, digits and underscore only: a combining mark (as in a
		// decomposed "ï") is not a word character of \w+.
		{"nai\u0308ve", []string{"nai", "ve"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// undefined marks a ratio left out of the mean.
const undefined = -1.0

func TestScore(t *testing.T) {
	tests := []struct {
		name       string
		got, want  string
		tp, fp, fn int
		p, r       float64
		exact      bool
	}{
		{"identical", "a b c d e f", "a b c d e f", 3, 0, 0, 1, 1, true},
		{"punctuation and spacing do not count", "a, b. c\nd (e) f!", "a b c d e f", 3, 0, 0, 1, 1, true},
		{"last word lost", "a b c d e", "a b c d e f", 2, 0, 1, 1, 2.0 / 3, false},
		{"boilerplate added", "menu a b c d", "a b c d", 1, 1, 0, 0.5, 1, false},
		{"multiplicity", "x y z w", "x y z w x y z w", 1, 0, 4, 1, 0.2, false},
		{"short texts are one shingle", "Hello world", "Hello world", 1, 0, 0, 1, 1, true},
		{"words keep their case", "hello world", "Hello world", 0, 1, 1, 0, 0, false},
		{"same shingles, other order", "c d e f a b c d", "a b c d e f", 2, 3, 1, 0.4, 2.0 / 3, false},
		{"nothing extracted", "", "a b c d e", 0, 0, 2, undefined, 0, false},
		{"nothing to extract", "a b c d e", "", 0, 2, 0, 0, undefined, false},
		{"both empty", "", "", 0, 0, 0, 1, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(tt.got, tt.want)
			if s.TP != tt.tp || s.FP != tt.fp || s.FN != tt.fn || s.Exact != tt.exact {
				t.Errorf("Score = %+v, want tp %d fp %d fn %d exact %v", s, tt.tp, tt.fp, tt.fn, tt.exact)
			}
			check := func(what string, v float64, ok bool, want float64) {
				t.Helper()
				if want == undefined {
					if ok {
						t.Errorf("%s = %v, want it left out", what, v)
					}
					return
				}
				if !ok || math.Abs(v-want) > 1e-12 {
					t.Errorf("%s = %v (defined %v), want %v", what, v, ok, want)
				}
			}
			p, okP := s.Precision()
			check("precision", p, okP, tt.p)
			r, okR := s.Recall()
			check("recall", r, okR, tt.r)
		})
	}
}

func TestSummarize(t *testing.T) {
	pages := []Page{
		Score("a b c d e f", "a b c d e f"), // P 1, R 1, exact
		Score("a b c d e", "a b c d e f"),   // P 1, R 2/3
		Score("", "a b c d e"),              // P left out, R 0
		Score("a b c d e", ""),              // P 0, R left out
	}
	s := Summarize(pages)
	P, R := 2.0/3, 5.0/9 // means of {1, 1, 0} and {1, 2/3, 0}
	want := Summary{Precision: P, Recall: R, F1: 2 * P * R / (P + R), Accuracy: 0.25, Pages: 4}
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"precision", s.Precision, want.Precision},
		{"recall", s.Recall, want.Recall},
		{"F1", s.F1, want.F1},
		{"accuracy", s.Accuracy, want.Accuracy},
	} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if s.Pages != 4 || math.Abs(s.F1-20.0/33) > 1e-12 {
		t.Errorf("%+v, want F1 20/33 over 4 pages", s)
	}
	if z := Summarize(nil); z != (Summary{}) {
		t.Errorf("no pages: %+v", z)
	}
	if got := s.String(); got != "F1 0.606  P 0.667  R 0.556  accuracy 0.250  (4 pages)" {
		t.Errorf("String = %q", got)
	}
}

func TestPageF1(t *testing.T) {
	for _, c := range []struct {
		p    Page
		want float64
	}{
		{Score("a b c d e f", "a b c d e f"), 1},
		{Score("menu a b c d", "a b c d"), 2 * 0.5 / 1.5},
		{Score("", "a b c d"), 0},
	} {
		if got := c.p.F1(); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%+v: F1 %v, want %v", c.p, got, c.want)
		}
	}
}
