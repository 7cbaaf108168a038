package diag

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	yamlLine    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlUnknown = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
)

// FromYAML turns an error from go.yaml.in/yaml/v3 into diag errors for path.
// lineOffset is added to every line number, for YAML embedded in a larger
// file such as front matter. The yaml package words unknown keys after Go
// types; into names the types being decoded so that the message can list the
// keys an editor may use instead.
func FromYAML(path string, lineOffset int, err error, into ...any) error {
	var list List
	var te *yaml.TypeError
	var msgs []string
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	for _, m := range msgs {
		// The parser gives no line for a fault on the first line, and
		// the line where the enclosing block started, counted from 0,
		// for its own ("did not find expected ..."); the decoder's type
		// errors and the scanner's lines are right.
		line := 1
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			line, _ = strconv.Atoi(sub[1])
			m = sub[2]
			if strings.HasPrefix(m, "did not find expected") {
				line++
			}
		}
		line += lineOffset
		if te == nil {
			m += yamlSyntaxAdvice
		}
		if sub := yamlUnknown.FindStringSubmatch(m); sub != nil {
			m = fmt.Sprintf("unknown key %q", sub[1])
			if keys := knownKeys(sub[2], into); len(keys) > 0 {
				m += " (known keys: " + strings.Join(keys, ", ") + ")"
			}
		} else {
			m = humanizeYAML(m)
		}
		list.Add(&Error{Path: path, Line: line, Msg: m})
	}
	return list.Err()
}

// yamlSyntaxAdvice follows a parser message that ParseYAML could not
// explain better.
const yamlSyntaxAdvice = ` (YAML could not read the file here or a line or two above: a value that contains ": " or " #", or starts with a quote, [, {, #, *, &, !, @ or a backquote, must be quoted: title: "Breaking: news")`

// humanizeYAML rewords the decoder's Go-flavoured messages ("cannot
// unmarshal !!seq into string") in terms of the file.
func humanizeYAML(m string) string {
	r := strings.NewReplacer(
		"cannot unmarshal !!seq", "got a list",
		"cannot unmarshal !!map", "got a mapping",
		"cannot unmarshal !!str", "got text",
		"cannot unmarshal !!int", "got a number",
		"cannot unmarshal !!bool", "got true/false",
		"cannot unmarshal !!float", "got a number",
		" into []string", " where a list of text is expected",
		" into string", " where text is expected",
		" into bool", " where true or false is expected",
		" into int", " where a whole number is expected",
	)
	m = r.Replace(m)
	if i := strings.Index(m, " into "); i > 0 && strings.HasPrefix(m, "got ") {
		m = m[:i] + " where a different kind of value is expected"
	}
	return m
}

func knownKeys(typeName string, into []any) []string {
	for _, v := range into {
		t := reflect.TypeOf(v)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.String() != typeName {
			continue
		}
		var keys []string
		for i := range t.NumField() {
			tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			if tag != "" && tag != "-" {
				keys = append(keys, tag)
			}
		}
		sort.Strings(keys)
		return keys
	}
	return nil
}
