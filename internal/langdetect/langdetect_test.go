package langdetect

import "testing"

// Short articles written for this test, one per script and family.
var (
	english    = "The city council voted on Tuesday to extend the night bus service to the northern suburbs, after residents complained that the last train left too early for shift workers."
	russian    = "Городской совет во вторник проголосовал за продление ночных автобусных маршрутов в северные районы после жалоб жителей на слишком ранний последний поезд."
	german     = "Der Stadtrat hat am Dienstag beschlossen, die Nachtbusse bis in die nördlichen Vororte fahren zu lassen, nachdem sich Anwohner über den frühen letzten Zug beschwert hatten."
	portuguese = "A câmara municipal aprovou na terça-feira a extensão do serviço de autocarros noturnos aos subúrbios do norte, depois de os moradores se queixarem do último comboio."
	japanese   = "市議会は火曜日、夜間バスの運行を北部の郊外まで延長することを決めた。住民からは最終電車が早すぎるという苦情が出ていた。"
	korean     = "시의회는 화요일 심야 버스 운행을 북부 교외까지 연장하기로 결정했다. 주민들은 마지막 열차가 너무 일찍 떠난다고 불평해 왔다."
)

func TestChoose(t *testing.T) {
	tests := []struct {
		name, declared, text, want string
	}{
		{"declared and agreeing keeps the region", "en-GB", english, "en-GB"},
		{"og:locale spelling", "pt_BR", portuguese, "pt-BR"},
		{"template declares another language", "de", english, "en"},
		{"nothing declared", "", russian, "ru"},
		{"nothing declared, German", "", german, "de"},
		{"Japanese", "ja", japanese, "ja"},
		{"Korean undeclared", "", korean, "ko"},
		{"declared language wins on text too short to judge", "fr", "Oui", "fr"},
		{"short text, nothing declared", "", "Hello", ""},
		{"no letters", "", "12 34 — 56", ""},
		{"a declared value that is no tag", "not a tag!", english, "en"},
	}
	for _, tt := range tests {
		if got := Choose(tt.declared, "", tt.text); got != tt.want {
			t.Errorf("%s: Choose(%q, …) = %q, want %q", tt.name, tt.declared, got, tt.want)
		}
	}
}

func TestDetectReadsASample(t *testing.T) {
	long := english
	for len(long) < 100*sampleBytes {
		long += " " + english
	}
	if got, ok := Detect(long); got != "en" || !ok {
		t.Fatalf("Detect(long English) = %q, %v", got, ok)
	}
}

func BenchmarkDetect(b *testing.B) {
	text := english + " " + german + " " + english + " " + english + " " + english + " " + english + " " + english + " " + english + " " + english
	for b.Loop() {
		Detect(text)
	}
}
