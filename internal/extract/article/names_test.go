package article

import (
	"reflect"
	"testing"
)

func TestCleanAuthors(t *testing.T) {
	tests := []struct {
		in         []string
		publishers []string
		want       []string
	}{
		{[]string{"admin"}, nil, nil},
		{[]string{"Tova Renwick, Email The Author"}, nil, []string{"Tova Renwick"}},
		{[]string{"Roe, Jane"}, nil, []string{"Jane Roe"}},
		{[]string{"Ekdahl, Maja"}, nil, []string{"Maja Ekdahl"}},
		{[]string{"Staff, Reuters"}, nil, nil},
		{[]string{"Australian Broadcasting Corporation"}, []string{"Australian Broadcasting Corporation"}, nil},
		{[]string{"Harbour Evening Post"}, []string{"Harbour Evening Post"}, nil},
		{[]string{"By Ada Byrne and Li Wei"}, nil, []string{"Ada Byrne", "Li Wei"}},
		{[]string{"Marta Quist, Staff Writer"}, nil, []string{"Marta Quist"}},
		{[]string{"AP Auto Writer"}, nil, nil},
		{[]string{"Vogel, Timo", "Timo Vogel"}, nil, []string{"Timo Vogel"}},
		{[]string{"jdoe@example.com", "https://example.com/staff/jdoe"}, nil, nil},
		{[]string{"Ludwig van Beek"}, nil, []string{"Ludwig van Beek"}},
		{[]string{"Редакция", "Анна Петрова"}, nil, []string{"Анна Петрова"}},
		{[]string{"the end of the year"}, nil, nil},
		{[]string{"Sandee Lark, CNN"}, nil, []string{"Sandee Lark"}},
		{[]string{"Rachel Lind, MS, RD"}, nil, []string{"Rachel Lind"}},
		{[]string{"Carla Arne November"}, nil, []string{"Carla Arne"}},
		{[]string{"Theresa May"}, nil, []string{"Theresa May"}},
		{[]string{"Гость"}, nil, nil},
		{[]string{"Mira Kolb mirak"}, nil, []string{"Mira Kolb"}},
		{[]string{"Harbour Wire staff"}, nil, nil},
		{[]string{"subscribing I"}, nil, nil},
		{[]string{"Yara Sokol - Staff Writer"}, nil, []string{"Yara Sokol"}},
		{[]string{"Chris Pell@PellWrites Nov"}, nil, []string{"Chris Pell"}},
		{[]string{"Jeff Fenn — November"}, nil, []string{"Jeff Fenn"}},
	}
	for _, tc := range tests {
		if got := CleanAuthors(tc.in, tc.publishers...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("CleanAuthors(%q, %q) = %q, want %q", tc.in, tc.publishers, got, tc.want)
		}
	}
}

func TestBylineNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Von Jana Ostwald · 17.04.2023, 08:15 Uhr", []string{"Jana Ostwald"}},
		{"by Petra Lindqvist,", []string{"Petra Lindqvist"}},
		{"Text: Aino Lehtonen | Fotos: Mika Salo", []string{"Aino Lehtonen"}},
		{"Door Sanne de Vries en Joost Bakker op 5 maart 2024", []string{"Sanne de Vries", "Joost Bakker"}},
		{"By the end of the year the ferry will run daily", nil},
		{"Posted 5 March 2024", nil},
		{"Von Moritz Bach publiziert am 3. März 2024", []string{"Moritz Bach"}},
		{"By Vortex", nil},
	}
	for _, tc := range tests {
		if got := BylineNames(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("BylineNames(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
