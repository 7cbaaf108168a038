package content

import (
	"reflect"
	"testing"
	"time"
)

// TestImportedTopicsAreNotTheEditors reads `topics:` lists against the
// hash an import recorded: only a list still as an older import wrote it
// is set aside for the rules to decide; anything an editor wrote or
// touched stays the editor's choice.
func TestImportedTopicsAreNotTheEditors(t *testing.T) {
	hash := func(l ...string) string { return ImportHash(listValue(l)) }
	tests := []struct {
		name         string
		topics       string // the topics line
		hashes       map[string]string
		wantTopics   []string
		wantImported []string
	}{
		{"as an older import wrote it", "topics: [trade]", map[string]string{"topics": hash("trade")}, nil, []string{"trade"}},
		{"two, as written", "topics: [trade, security]", map[string]string{"topics": hash("trade", "security")}, nil, []string{"trade", "security"}},
		{"rewritten as a block list, same values", "topics:\n  - trade", map[string]string{"topics": hash("trade")}, nil, []string{"trade"}},
		{"one added by the editor", "topics: [trade, security]", map[string]string{"topics": hash("trade")}, []string{"trade", "security"}, nil},
		{"reordered by the editor", "topics: [security, trade]", map[string]string{"topics": hash("trade", "security")}, []string{"security", "trade"}, nil},
		{"added where import wrote none", "topics: [trade]", map[string]string{"topics": hash()}, []string{"trade"}, nil},
		{"no topics hash (a newer import)", "topics: [trade]", map[string]string{"title": hash("T")}, []string{"trade"}, nil},
		{"hand-written file", "topics: [trade]", nil, []string{"trade"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFile()
			for _, kv := range []struct {
				k string
				v any
			}{{"title", "T"}, {"date", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, {"import_hashes", tt.hashes}} {
				if err := f.Set(kv.k, kv.v); err != nil {
					t.Fatal(err)
				}
			}
			data, err := f.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			data = append([]byte("---\n"+tt.topics+"\n"), data[len("---\n"):]...)
			a, err := ParseArticle("content/articles/a.md", data, time.UTC)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if !reflect.DeepEqual(a.Topics, tt.wantTopics) || !reflect.DeepEqual(a.ImportedTopics, tt.wantImported) {
				t.Errorf("topics %q, imported topics %q; want %q and %q", a.Topics, a.ImportedTopics, tt.wantTopics, tt.wantImported)
			}
		})
	}
}
