package article

import (
	"strings"
	"time"
)

// monthLists holds, for each month in order, its names and usual
// abbreviations in the languages brief meets in news pages, lower-cased,
// including the genitive forms that Slavic, Baltic-adjacent and Greek
// dates use ("5 марта", "5 marca"). A table is used rather than a
// general date parser: go-dateparser, the well-kept port of Python's
// dateparser, costs several times a whole page's extraction budget per
// value (figures in bench/extraction/README.md), and it does not find
// dates inside labelled lines ("Gepubliceerd op …").
//
// Languages: English, German, French, Spanish, Portuguese, Italian,
// Indonesian, Dutch, Swedish, Danish, Norwegian, Polish, Czech, Russian,
// Ukrainian, Turkish, Romanian, Finnish, Hungarian and Greek. Names that
// mean different months in different languages (Croatian "listopad" is
// October, Czech November) are left out.
var monthLists = [12][]string{
	{"january", "jan", "januar", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen", "januari", "jänner",
		"stycznia", "styczeń", "ledna", "leden", "января", "январь", "янв", "січня", "січень", "ocak", "ianuarie", "ian",
		"tammikuuta", "tammikuu", "január", "ιανουαρίου", "ιανουάριος", "ιαν"},
	{"february", "feb", "februar", "février", "févr", "fevr", "febrero", "fevereiro", "fev", "febbraio", "februari", "pebruari",
		"lutego", "luty", "února", "únor", "февраля", "февраль", "фев", "лютого", "лютий", "şubat", "februarie",
		"helmikuuta", "helmikuu", "február", "φεβρουαρίου", "φεβρουάριος", "φεβ"},
	{"march", "mar", "märz", "mars", "marzo", "março", "maret", "maart", "mrt", "marts",
		"marca", "marzec", "března", "březen", "марта", "март", "мар", "березня", "березень", "mart", "martie",
		"maaliskuuta", "maaliskuu", "március", "μαρτίου", "μάρτιος", "μαρ"},
	{"april", "apr", "avril", "avr", "abril", "abr", "aprile",
		"kwietnia", "kwiecień", "dubna", "duben", "апреля", "апрель", "апр", "квітня", "квітень", "nisan", "aprilie",
		"huhtikuuta", "huhtikuu", "április", "απριλίου", "απρίλιος", "απρ"},
	{"may", "mai", "mayo", "maio", "maggio", "mag", "mei", "maj",
		"maja", "května", "květen", "мая", "май", "травня", "травень", "mayıs",
		"toukokuuta", "toukokuu", "május", "μαΐου", "μάιος", "μαΐ"},
	{"june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu",
		"czerwca", "czerwiec", "června", "červen", "июня", "июнь", "июн", "червня", "червень", "haziran", "iunie",
		"kesäkuuta", "kesäkuu", "június", "ιουνίου", "ιούνιος", "ιουν"},
	{"july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug",
		"lipca", "lipiec", "července", "červenec", "июля", "июль", "июл", "липня", "липень", "temmuz", "iulie",
		"heinäkuuta", "heinäkuu", "július", "ιουλίου", "ιούλιος", "ιουλ"},
	{"august", "aug", "août", "aout", "agosto", "ago", "agustus", "agu", "augustus", "augusti",
		"sierpnia", "sierpień", "srpna", "srpen", "августа", "август", "авг", "серпня", "серпень", "ağustos",
		"elokuuta", "elokuu", "augusztus", "αυγούστου", "αύγουστος", "αυγ"},
	{"september", "sep", "sept", "septembre", "septiembre", "setembro", "set", "settembre",
		"września", "wrzesień", "září", "сентября", "сентябрь", "сен", "вересня", "вересень", "eylül", "septembrie",
		"syyskuuta", "syyskuu", "szeptember", "σεπτεμβρίου", "σεπτέμβριος", "σεπ"},
	{"october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott",
		"października", "październik", "října", "říjen", "октября", "октябрь", "окт", "жовтня", "жовтень", "ekim", "octombrie",
		"lokakuuta", "lokakuu", "október", "οκτωβρίου", "οκτώβριος", "οκτ"},
	{"november", "nov", "novembre", "noviembre", "novembro", "nopember",
		"listopada", "listopadu", "ноября", "ноябрь", "ноя", "листопада", "листопад", "kasım", "noiembrie",
		"marraskuuta", "marraskuu", "νοεμβρίου", "νοέμβριος", "νοε"},
	{"december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dezembro", "dicembre", "desember", "des",
		"grudnia", "grudzień", "prosince", "prosinec", "декабря", "декабрь", "дек", "грудня", "грудень", "aralık", "decembrie",
		"joulukuuta", "joulukuu", "δεκεμβρίου", "δεκέμβριος", "δεκ"},
}

// monthNames maps every name of monthLists to its month.
var monthNames = func() map[string]time.Month {
	m := map[string]time.Month{}
	for i, list := range monthLists {
		for _, n := range list {
			m[n] = time.Month(i + 1)
		}
	}
	return m
}()

// monthOf looks a month's name up, as written or lower-cased.
func monthOf(w string) (time.Month, bool) {
	mo, ok := monthNames[strings.ToLower(w)]
	return mo, ok
}
