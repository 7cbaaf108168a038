package site

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AddSources adds the sources to the site.yaml of the site in root (see
// AppendSources), atomically: the new file is written beside it, synced
// and renamed over it, and only if site.yaml still holds what was read,
// so that an editor's save in between is never lost.
func AddSources(root string, add []Source) error {
	name := filepath.Join(root, FileName)
	data, err := ReadFile(os.DirFS(root))
	if err != nil {
		return err
	}
	out, err := AppendSources(FileName, data, add)
	if err != nil {
		return err
	}
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(root, ".site-*.yaml.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(out)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), info.Mode().Perm())
	}
	if err == nil {
		if now, rerr := ReadFile(os.DirFS(root)); rerr != nil || !bytes.Equal(now, data) {
			err = fmt.Errorf("%s changed while brief was adding to it; nothing written, run it again", FileName)
		}
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// AppendSources returns site.yaml with the sources added at the end of
// its `sources:` list (which it starts at the end of the file if there is
// none), leaving every other byte as it was: the editor's comments,
// order and spacing stay. The result is checked as Parse checks a
// site.yaml; an error means nothing should be written.
func AppendSources(path string, data []byte, add []Source) ([]byte, error) {
	if len(add) == 0 {
		return data, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s does not read: %w", path, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s is not a mapping of settings", path)
	}
	// A file written with Windows line ends keeps them in what is added.
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += eol
	}
	m := doc.Content[0]
	var key, val *yaml.Node
	next := 0 // line of the top-level key after sources, 0 for none
	for i := 0; i+1 < len(m.Content); i += 2 {
		if key != nil && next == 0 {
			next = m.Content[i].Line
		}
		if m.Content[i].Value == "sources" {
			key, val = m.Content[i], m.Content[i+1]
		}
	}
	var at, indent int // insert before line index at, items indented so
	switch {
	case key == nil:
		lines = append(lines, "sources:"+eol)
		at, indent = len(lines), 2
	case val.Kind == yaml.ScalarNode && val.Tag == "!!null":
		at, indent = key.Line, 2
	case val.Kind == yaml.SequenceNode && len(val.Content) == 0 && val.Line == key.Line && strings.Contains(lineAt(lines, key.Line)[val.Column-1:], "[]"):
		// "sources: []   # none yet": the empty list goes, the comment
		// stays, and the items follow.
		l := lineAt(lines, key.Line)
		lines[key.Line-1] = strings.TrimRight(l[:val.Column-1], " ") + strings.Replace(l[val.Column-1:], "[]", "", 1)
		at, indent = key.Line, 2
	case val.Kind == yaml.SequenceNode && val.Style&yaml.FlowStyle == 0 && len(val.Content) > 0:
		// An item's node starts at its first key, two columns after
		// its dash; new items take the dash's indent.
		indent = val.Content[0].Column - 3
		if l := lineAt(lines, val.Content[0].Line); indent < 0 || len(l) < indent+2 || l[indent:indent+2] != "- " || strings.TrimSpace(l[:indent]) != "" {
			return nil, fmt.Errorf("%s: sources: is written in a form brief cannot add to; add the sources by hand", path)
		}
		at = len(lines)
		if next > 0 {
			at = next - 1
		}
		// Blank and column-0 comment lines before the next key are its.
		for at > val.Content[len(val.Content)-1].Line {
			l := lines[at-1]
			if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
				at--
				continue
			}
			break
		}
	default:
		return nil, fmt.Errorf("%s: sources: is written on one line; write it as a list (one `- url: …` a line) to let brief add to it", path)
	}
	block, err := sourceBlock(add, indent)
	if err != nil {
		return nil, err
	}
	if eol != "\n" {
		block = strings.ReplaceAll(block, "\n", eol)
	}
	out := append(append(append([]string{}, lines[:at]...), block), lines[at:]...)
	result := []byte(strings.Join(out, ""))
	cfg, err := Parse(path, result)
	if err != nil {
		return nil, fmt.Errorf("the sources would make %s wrong, so it was left alone: %w", path, err)
	}
	before := 0
	if key != nil && val.Kind == yaml.SequenceNode {
		before = len(val.Content)
	}
	if len(cfg.Sources) != before+len(add) {
		return nil, errors.New("adding the sources did not give the list expected; add them by hand")
	}
	return result, nil
}

func lineAt(lines []string, line int) string {
	if line < 1 || line > len(lines) {
		return ""
	}
	return lines[line-1]
}

// sourceBlock writes sources as YAML list items indented by indent
// spaces, only the fields that are set.
func sourceBlock(srcs []Source, indent int) (string, error) {
	type entry struct {
		Name     string   `yaml:"name,omitempty"`
		URL      string   `yaml:"url"`
		Type     string   `yaml:"type,omitempty"`
		Topics   []string `yaml:"topics,omitempty,flow"`
		Category string   `yaml:"category,omitempty"`
	}
	list := make([]entry, len(srcs))
	for i, s := range srcs {
		list[i] = entry{s.Name, s.URL, s.Type, s.Topics, s.Category}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(list); err != nil {
		return "", err
	}
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	for _, l := range strings.SplitAfter(buf.String(), "\n") {
		if l != "" {
			b.WriteString(pad + l)
		}
	}
	return b.String(), nil
}
