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
		// glued to what followed the name in its own element
		{[]string{"Oskar BlomView More Articles"}, nil, []string{"Oskar Blom"}},
		{[]string{"Oskar BlomHARBOURNews"}, nil, []string{"Oskar Blom"}},
		{[]string{"Dara McKee", "Lena DiMarco"}, nil, []string{"Dara McKee", "Lena DiMarco"}},
		// roles and outlets after the name without a comma
		{[]string{"Tom Rhys Associated Press"}, nil, []string{"Tom Rhys"}},
		{[]string{"Ana Kell Senior Contributor"}, nil, []string{"Ana Kell"}},
		{[]string{"Jo Park and Li Chen USA TODAY"}, nil, []string{"Jo Park", "Li Chen"}},
		{[]string{"Ivo Marsh, Ap National Political Writer"}, nil, []string{"Ivo Marsh"}},
		{[]string{"Ivo Marsh; CNN Editor-at-large"}, nil, []string{"Ivo Marsh"}},
		{[]string{"Analysis by Ivo Marsh"}, nil, []string{"Ivo Marsh"}},
		// a desk credit names no one
		{[]string{"Horse World Editorial StaffPublish"}, nil, nil},
		{[]string{"Nia Sole Staff Writer"}, nil, []string{"Nia Sole"}},
		// printed twice, printed in capitals
		{[]string{"Sean Mart Sean Mart"}, nil, []string{"Sean Mart"}},
		{[]string{"By MARY ANN O'NEILL, JEAN-LUC ROY and ERIC TANNER"}, nil, []string{"Mary Ann O'Neill", "Jean-Luc Roy", "Eric Tanner"}},
		// a one-word account named after the site
		{[]string{"Vortex"}, []string{"vortexcannon.example"}, nil},
		{[]string{"Catherine"}, []string{"The GiveWell Blog"}, []string{"Catherine"}},
	}
	for _, tc := range tests {
		if got := CleanAuthors(tc.in, tc.publishers...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("CleanAuthors(%q, %q) = %q, want %q", tc.in, tc.publishers, got, tc.want)
		}
	}
}

func TestBylineNames(t *testing.T) {
	tests := []struct {
		in         string
		publishers []string
		want       []string
	}{
		{"Von Jana Ostwald · 17.04.2023, 08:15 Uhr", nil, []string{"Jana Ostwald"}},
		{"by Petra Lindqvist,", nil, []string{"Petra Lindqvist"}},
		{"Text: Aino Lehtonen | Fotos: Mika Salo", nil, []string{"Aino Lehtonen"}},
		{"Door Sanne de Vries en Joost Bakker op 5 maart 2024", nil, []string{"Sanne de Vries", "Joost Bakker"}},
		{"By the end of the year the ferry will run daily", nil, nil},
		{"Posted 5 March 2024", nil, nil},
		{"Von Moritz Bach publiziert am 3. März 2024", nil, []string{"Moritz Bach"}},
		{"By Vortex", []string{"Vortex Cannon Games"}, nil},
		{"By Ilse Varga", nil, []string{"Ilse Varga"}},
		{"September 10, 2018 | by Ilse", nil, []string{"Ilse"}},
		{"11/19/2019 by Ilse Varga", nil, []string{"Ilse Varga"}},
		{"5:45 AM PST 11/19/2019 by Ilse Varga", nil, []string{"Ilse Varga"}},
		{"05/10/2018 - Publicado por: Ilse Varga - Categoria: Saúde", nil, []string{"Ilse Varga"}},
		{"Photo by Ilse Varga", nil, nil},
		{"By Ilse Varga and Tomas Ek Monday, November 18, 2019, 04:05 pm PT", nil, []string{"Ilse Varga", "Tomas Ek"}},
		{"By Ilse VargaHARBOURNews", nil, []string{"Ilse Varga"}},
		{"By Ilse Varga , Tomas Ek on Monday, November 18th, 2019 at 11:08 a.m.", nil, []string{"Ilse Varga", "Tomas Ek"}},
	}
	for _, tc := range tests {
		if got := BylineNames(tc.in, tc.publishers...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("BylineNames(%q, %q) = %q, want %q", tc.in, tc.publishers, got, tc.want)
		}
	}
}

func TestNameLine(t *testing.T) {
	tests := []struct {
		in         string
		publishers []string
		want       []string
	}{
		{"Ines Harrow", nil, []string{"Ines Harrow"}},
		{"Ines Harrow and Bram Okafor Associated Press", nil, []string{"Ines Harrow", "Bram Okafor"}},
		{"Ines Harrow News reporter @iharrow", nil, []string{"Ines Harrow"}},
		{"Ines Harrow Published 9:14 AM EST Jun 6, 2022", nil, []string{"Ines Harrow"}},
		{"Ines Harrow Valley Gazette", []string{"Valley Gazette"}, []string{"Ines Harrow"}},
		{"Ines Harrow, Ap Sports Writer", nil, []string{"Ines Harrow"}},
		{"Ines Harrow Senior Contributor", nil, []string{"Ines Harrow"}},
		{"Trade talks stall", nil, nil},
		{"Health", nil, nil},
		{"Name *", nil, nil},
		{"By Ines Harrow", nil, nil}, // a labelled byline is BylineNames'
		{"Carla van der Berg", nil, []string{"Carla van der Berg"}},
		{"November 20, 2022 Ines Harrow", nil, []string{"Ines Harrow"}},
		{"FIND YOUR NEXT CAR", nil, nil},
		{"Harbour Sport", nil, nil},
		{"ライトハウス 事務所", nil, nil},
		{"Native Ad Platform my6sense Names Mobile Marketing Pioneer", nil, nil},
	}
	for _, tc := range tests {
		if got := NameLine(tc.in, tc.publishers...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("NameLine(%q, %q) = %q, want %q", tc.in, tc.publishers, got, tc.want)
		}
	}
}
