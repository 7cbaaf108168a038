package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/content"
)

// trackedFields are the fields import writes and --update may refresh, in
// the order they are written. Each gets a hash in import_hashes when
// written (see content.Article.ImportValues); a field whose value no
// longer matches its hash belongs to the editor from then on.
var trackedFields = []string{"title", "date", "source", "source_url", "author", "tags", "summary", "image", "language", "body"}

// fieldValue is what a doc writes for a tracked front matter field; the
// writer leaves empty values out.
func (d *doc) fieldValue(key string) any {
	switch key {
	case "title":
		return d.title
	case "date":
		if d.dayOnly() {
			return content.Day{Date: d.date}
		}
		return d.date
	case "source":
		return d.source
	case "source_url":
		return d.sourceURL
	case "author":
		return d.authors
	case "tags":
		return d.tags
	case "summary":
		return d.summary
	case "image":
		return d.image
	case "language":
		return d.language
	}
	return nil
}

// file is the article as a content file: the tracked fields, scraped_from
// and the body; written adds what only an import records (imported,
// fingerprint).
func (d *doc) file(written bool) (*content.File, error) {
	f := content.NewFile()
	for _, k := range trackedFields[:len(trackedFields)-1] {
		if err := f.Set(k, d.fieldValue(k)); err != nil {
			return nil, err
		}
	}
	if err := f.Set("topics", d.topics); err != nil {
		return nil, err
	}
	// Where the date came from follows the date; draft is set for a
	// page without one and is the editor's from then on.
	if err := f.Set("date_from", d.dateFrom); err != nil {
		return nil, err
	}
	if err := f.Set("draft", d.draft); err != nil {
		return nil, err
	}
	if err := f.Set("scraped_from", d.scrapedFrom); err != nil {
		return nil, err
	}
	if written {
		if err := f.Set("imported", d.imported); err != nil {
			return nil, err
		}
		if err := f.Set("fingerprint", d.fingerprint); err != nil {
			return nil, err
		}
	}
	f.SetBody(d.body)
	return f, nil
}

// render writes the article file. The hashes are taken from the file as
// content.ParseArticle reads it back, so that a fresh import never looks
// edited.
func (d *doc) render(rel string, loc *time.Location) ([]byte, error) {
	f, err := d.file(true)
	if err != nil {
		return nil, err
	}
	draft, err := f.Bytes()
	if err != nil {
		return nil, err
	}
	a, err := content.ParseArticle(rel, draft, loc)
	if err != nil {
		return nil, fmt.Errorf("the imported article would not read back: %w", err)
	}
	hashes := map[string]string{}
	for k, v := range a.ImportValues() {
		hashes[k] = content.ImportHash(v)
	}
	if err := f.Set("import_hashes", hashes); err != nil {
		return nil, err
	}
	return f.Bytes()
}

// looseFront reads the keys that identify an imported article
// (source_url, fingerprint, scraped_from, slug) from front matter the
// build rejects, whatever is wrong with the other keys: a wrong kind of
// value (`tags: {a: b}`), or YAML that does not parse at all, in which case
// each top-level line is read on its own.
func looseFront(data []byte) (*content.Front, bool) {
	y, _, _, err := content.Split(data)
	if err != nil {
		return nil, false
	}
	f := &content.Front{}
	set := func(key string, v *yaml.Node) {
		if v.Kind != yaml.ScalarNode {
			return
		}
		switch key {
		case "source_url":
			f.SourceURL = v.Value
		case "fingerprint":
			f.Fingerprint = v.Value
		case "scraped_from":
			f.ScrapedFrom = v.Value
		case "slug":
			f.Slug = v.Value
		}
	}
	var doc yaml.Node
	if yaml.Unmarshal(y, &doc) == nil {
		if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return nil, false
		}
		m := doc.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			set(m.Content[i].Value, m.Content[i+1])
		}
		return f, true
	}
	found := false
	for _, l := range strings.Split(string(y), "\n") {
		var one yaml.Node
		if l == "" || l[0] == ' ' || l[0] == '\t' || yaml.Unmarshal([]byte(l), &one) != nil ||
			len(one.Content) == 0 || one.Content[0].Kind != yaml.MappingNode || len(one.Content[0].Content) != 2 {
			continue
		}
		set(one.Content[0].Content[0].Value, one.Content[0].Content[1])
		found = true
	}
	return f, found
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
// removes it when it cannot tell whether its writer still runs: older
// than any import still running could keep one.
const staleTemp = time.Hour

// tempPrefix opens the name of every temporary file import writes,
// followed by the writer's process id: ".import-<pid>-<random>.tmp".
const tempPrefix = ".import-"

// removeStaleTemps deletes temporary files that an import killed mid-write
// left in dir: those whose writer's process is gone (a killed import or
// fetch), and, whatever their writer, those older than staleTemp. They
// are hidden, so no build reads them, but they would pile up.
func removeStaleTemps(dir string, now time.Time) {
	matches, _ := filepath.Glob(filepath.Join(dir, tempPrefix+"*.tmp"))
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if now.Sub(fi.ModTime()) > staleTemp || writerGone(filepath.Base(m)) {
			os.Remove(m)
		}
	}
}

// writerGone reports whether the temporary file name was written by a
// process that no longer runs; false when the name gives no process id,
// or gives this process's (another import in it may own the file).
func writerGone(name string) bool {
	rest := strings.TrimPrefix(name, tempPrefix)
	id, _, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(id)
	if !ok || err != nil || pid <= 0 || pid == os.Getpid() {
		return false
	}
	return processGone(pid)
}

// SweepTemps removes from the site at root the temporary files that an
// import or fetch killed mid-write left (see removeStaleTemps) in the
// folders import writes into: the articles folder and the folders of
// stored images. Import runs it at its start; brief fetch too, since it
// may import nothing.
func SweepTemps(root string, now time.Time) {
	removeStaleTemps(filepath.Join(root, ArticlesDir), now)
	media, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(MediaDir), "*"))
	for _, d := range media {
		removeStaleTemps(d, now)
	}
}

// writeTemp writes data to a hidden temporary file in dir (content.Load
// skips hidden files, so a leftover never becomes an article).
func writeTemp(dir string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, tempPrefix+strconv.Itoa(os.Getpid())+"-*.tmp")
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

// dayOnly says the date is written as the day alone. A page that prints
// only a day gives midnight in the zone it is read in, the site's; an
// invented "12:00 AM" would be shown for it otherwise. A page that states
// midnight loses nothing a reader needs.
func (d *doc) dayOnly() bool {
	h, m, s := d.date.Clock()
	return !d.dateGuessed && !d.date.IsZero() && h == 0 && m == 0 && s == 0 && d.date.Nanosecond() == 0
}
