package site

import (
	"reflect"
	"strings"
	"testing"

	"github.com/brief-ssg/brief/internal/topics"
)

// TestReferenceNamesEveryKey keeps the reference whole: a key added to
// site.yaml's types without a line in reference.md fails here.
func TestReferenceNamesEveryKey(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, where string)
	walk = func(typ reflect.Type, where string) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if key == "" || key == "-" {
				continue
			}
			if !strings.Contains(Reference, key+":") {
				t.Errorf("reference.md does not document %s%s (write a `%s:` line for it)", where, key, key)
			}
			walk(f.Type, where+key+".")
		}
	}
	walk(reflect.TypeFor[Config](), "")
	if !seen[reflect.TypeFor[topics.Rules]()] {
		t.Error("the walk did not reach the topics' match rules; it checks nothing below the top level")
	}
}
