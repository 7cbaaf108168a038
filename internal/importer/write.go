package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/content"
)

// trackedFields are the fields import writes and --update may refresh.
// Each gets a hash in import_hashes when written; a field whose value no
// longer matches its hash belongs to the editor from then on.
var trackedFields = []string{"title", "date", "source", "source_url", "author", "tags", "topics", "summary", "image", "body"}

// values gives each tracked field of a parsed article in one canonical
// form, so that re-reading a file reproduces the hashes import recorded.
// Dates compare as instants: rewriting one in another notation is not an
// edit.
func values(a *content.Article) map[string]string {
	date := ""
	if !a.Date.IsZero() {
		date = a.Date.UTC().Format(time.RFC3339)
	}
	return map[string]string{
		"title": a.Title, "date": date, "source": a.Source, "source_url": a.SourceURL,
		"author": strings.Join(a.Authors, "\x1f"), "tags": strings.Join(a.Tags, "\x1f"),
		"topics": strings.Join(a.Topics, "\x1f"), "summary": a.Summary, "image": a.Image,
		"body": normBody(a.Body),
	}
}

func normBody(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

func hashValue(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:6])
}

// fieldValue is what a doc writes for a tracked front matter field; nil
// means the key is left out.
func (d *doc) fieldValue(key string) any {
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	list := func(l []string) any {
		if len(l) == 0 {
			return nil
		}
		return l
	}
	switch key {
	case "title":
		return d.title
	case "date":
		return d.date.Format(time.RFC3339)
	case "source":
		return str(d.source)
	case "source_url":
		return str(d.sourceURL)
	case "author":
		return list(d.authors)
	case "tags":
		return list(d.tags)
	case "topics":
		return list(d.topics)
	case "summary":
		return str(d.summary)
	case "image":
		return str(d.image)
	}
	return nil
}

// render writes the article file: front matter in a fixed, readable
// order, then the body. The hashes are taken from the file as
// content.ParseArticle reads it back, so that a fresh import never looks
// edited.
func (d *doc) render(rel string, loc *time.Location) ([]byte, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range trackedFields[:len(trackedFields)-1] {
		if err := setKey(m, k, d.fieldValue(k)); err != nil {
			return nil, err
		}
	}
	for _, kv := range []struct {
		k string
		v any
	}{
		{"imported", d.imported.Format(time.RFC3339)},
		{"scraped_from", d.scrapedFrom},
		{"fingerprint", d.fingerprint},
	} {
		if err := setKey(m, kv.k, kv.v); err != nil {
			return nil, err
		}
	}
	draft, err := assemble(m, []byte("\n"+d.body))
	if err != nil {
		return nil, err
	}
	a, err := content.ParseArticle(rel, draft, loc)
	if err != nil {
		return nil, fmt.Errorf("the imported article would not read back: %w", err)
	}
	hashes := map[string]string{}
	for k, v := range values(a) {
		hashes[k] = hashValue(v)
	}
	if err := setKey(m, "import_hashes", hashes); err != nil {
		return nil, err
	}
	return assemble(m, []byte("\n"+d.body))
}

// assemble joins front matter and body into a content file.
func assemble(front *yaml.Node, body []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(front); err != nil {
		return nil, fmt.Errorf("writing front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("writing front matter: %w", err)
	}
	buf.WriteString("---\n")
	buf.Write(body)
	return buf.Bytes(), nil
}

// setKey sets key in a mapping node, in place when present, else at the
// end; a nil value removes the key.
func setKey(m *yaml.Node, key string, v any) error {
	at := -1
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			at = i
			break
		}
	}
	if v == nil {
		if at >= 0 {
			m.Content = append(m.Content[:at], m.Content[at+2:]...)
		}
		return nil
	}
	val := &yaml.Node{}
	if err := val.Encode(v); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	if val.Kind == yaml.SequenceNode {
		// Tags and authors read best on one line: tags: [China, Taiwan].
		val.Style = yaml.FlowStyle
	}
	if at >= 0 {
		m.Content[at+1] = val
		return nil
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, val)
	return nil
}

// looseFront decodes front matter without the checks of ParseArticle, for
// files the build would reject.
func looseFront(data []byte) (*content.Front, bool) {
	y, _, _, err := content.Split(data)
	if err != nil {
		return nil, false
	}
	var f content.Front
	if err := yaml.Unmarshal(y, &f); err != nil {
		return nil, false
	}
	return &f, true
}

// writeNew writes a new article atomically and never over another file:
// the bytes go to a temporary file in the same folder, synced, which is
// then linked to its name, an operation that fails if the name is taken.
// The new name is durable once the folder is synced (dirSyncs).
func writeNew(root, rel string, data []byte) (string, error) {
	tmp, err := writeTemp(filepath.Dir(filepath.Join(root, filepath.FromSlash(rel))), data)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	return linkNew(tmp, root, rel)
}

// linkNew gives a synced temporary file its name, rel, unless the name is
// taken. The caller removes tmp.
func linkNew(tmp, root, rel string) (string, error) {
	final := filepath.Join(root, filepath.FromSlash(rel))
	err := os.Link(tmp, final)
	switch {
	case err == nil:
		return rel, nil
	case errors.Is(err, fs.ErrExist):
		return "", fmt.Errorf("%s: appeared while importing; not overwritten", rel)
	}
	// Some file systems have no hard links; check and rename instead.
	if _, statErr := os.Lstat(final); statErr == nil {
		return "", fmt.Errorf("%s: appeared while importing; not overwritten", rel)
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", fmt.Errorf("%s: %w", rel, err)
	}
	return rel, nil
}

// replaceFile swaps a file's content atomically, provided it still holds
// what was read, so that an editor's save in between is not lost. The swap
// is durable once the folder is synced (dirSyncs).
func replaceFile(root, rel string, old, data []byte) error {
	final := filepath.Join(root, filepath.FromSlash(rel))
	info, err := os.Stat(final)
	if err != nil {
		return err
	}
	tmp, err := writeTemp(filepath.Dir(final), data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Chmod(tmp, info.Mode().Perm()); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	now, err := os.ReadFile(final)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, old) {
		return fmt.Errorf("%s: changed while importing; not overwritten", rel)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	return nil
}

// dirSyncs are the folders an import gave new names, to be synced before
// the import reports them. Syncing each folder once at the end of the run
// rather than after every file saves a journal commit per article, and
// loses nothing: a file's bytes are synced before it gets its name, so a
// crash before its folder is synced can lose only whole files (or leave
// the old content of a replaced one), never part of one, and only files
// the import had not reported yet, since reports are returned after sync.
// A folder that fails to sync fails the reports of the files put in it.
type dirSyncs struct {
	root string
	dirs map[string]bool // slash-separated, relative to root
}

// add records that rel, a file relative to root, got its name.
func (s *dirSyncs) add(root, rel string) {
	if s.dirs == nil {
		s.root, s.dirs = root, map[string]bool{}
	}
	s.dirs[path.Dir(rel)] = true
}

// sync syncs every folder recorded, and turns the reports of files whose
// folder would not sync into failures.
func (s *dirSyncs) sync(reports []Report) {
	failed := map[string]error{}
	for _, dir := range slices.Sorted(maps.Keys(s.dirs)) {
		if err := syncDir(filepath.Join(s.root, filepath.FromSlash(dir))); err != nil {
			failed[dir] = err
		}
	}
	if len(failed) == 0 {
		return
	}
	for i := range reports {
		r := &reports[i]
		if r.Outcome != Imported && r.Outcome != Updated {
			continue
		}
		if err := failed[path.Dir(r.Path)]; err != nil {
			r.Outcome, r.Err = Failed, err
		}
	}
}

// syncDir makes a new name in dir durable: without it a crash right after
// the rename can lose the file even though its bytes were synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// staleTemp is how old a leftover temporary file must be before import
// removes it: older than any import still running could keep one.
const staleTemp = time.Hour

// removeStaleTemps deletes temporary files that an import killed mid-write
// left in dir. They are hidden, so no build reads them, but they would
// pile up.
func removeStaleTemps(dir string, now time.Time) {
	matches, _ := filepath.Glob(filepath.Join(dir, ".import-*.tmp"))
	for _, m := range matches {
		if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > staleTemp {
			os.Remove(m)
		}
	}
}

// writeTemp writes data to a hidden temporary file in dir (content.Load
// skips hidden files, so a leftover never becomes an article).
func writeTemp(dir string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, ".import-*.tmp")
	if err != nil {
		return "", err
	}
	name := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("writing %s: %w", dir, err)
	}
	return name, nil
}
