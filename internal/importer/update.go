package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/brief-ssg/brief/internal/content"
)

// update refreshes an article imported before with a new extraction of its
// page. A field is refreshed only when it still holds what import wrote
// (its value matches its recorded hash) and the page now says something
// else; fields the editor changed, and every key import does not write
// (note, draft, exclude_topics, …), stay as they are.
func update(rep Report, prev *entry, d *doc, opt Options, loc *time.Location, syncs *dirSyncs) Report {
	full := filepath.Join(opt.Root, filepath.FromSlash(prev.path))
	old, err := os.ReadFile(full)
	if err != nil {
		rep.Outcome, rep.Err = Failed, err
		return rep
	}
	cur, err := content.ParseArticle(prev.path, old, loc)
	if err != nil {
		rep.Outcome, rep.Err = Failed, fmt.Errorf("cannot update %s: %w", prev.path, err)
		return rep
	}
	if len(cur.ImportHashes) == 0 {
		rep.Outcome = Duplicate
		rep.Note = "not written by brief import; left as it is"
		return rep
	}
	fresh, err := d.render(prev.path, loc)
	if err != nil {
		rep.Outcome, rep.Err = Failed, err
		return rep
	}
	next, err := content.ParseArticle(prev.path, fresh, loc)
	if err != nil {
		rep.Outcome, rep.Err = Failed, err
		return rep
	}
	curVals, nextVals := values(cur), values(next)
	for _, f := range trackedFields {
		have, want := hashValue(curVals[f]), hashValue(nextVals[f])
		if have == want {
			continue
		}
		if rec := cur.ImportHashes[f]; rec == "" || rec != have {
			rep.Kept = append(rep.Kept, f)
			continue
		}
		rep.Changed = append(rep.Changed, f)
	}
	if len(rep.Changed) == 0 {
		rep.Outcome = Duplicate
		return rep
	}

	yamlText, body, _, err := content.Split(old)
	if err != nil {
		rep.Outcome, rep.Err = Failed, err
		return rep
	}
	var root yaml.Node
	if err := yaml.Unmarshal(yamlText, &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		rep.Outcome, rep.Err = Failed, fmt.Errorf("cannot update %s: its front matter is not a mapping", prev.path)
		return rep
	}
	m := root.Content[0]
	hashes := map[string]string{}
	for k, v := range cur.ImportHashes {
		hashes[k] = v
	}
	for _, f := range rep.Changed {
		hashes[f] = hashValue(nextVals[f])
		if f == "body" {
			body = []byte("\n" + d.body)
			if err := setKey(m, "fingerprint", d.fingerprint); err != nil {
				rep.Outcome, rep.Err = Failed, err
				return rep
			}
			continue
		}
		if err := setKey(m, f, d.fieldValue(f)); err != nil {
			rep.Outcome, rep.Err = Failed, err
			return rep
		}
	}
	if err := setKey(m, "import_hashes", hashes); err != nil {
		rep.Outcome, rep.Err = Failed, err
		return rep
	}
	data, err := assemble(m, body)
	if err == nil {
		_, err = content.ParseArticle(prev.path, data, loc)
	}
	if err != nil {
		rep.Outcome, rep.Err = Failed, fmt.Errorf("cannot update %s: %w", prev.path, err)
		return rep
	}
	if !opt.DryRun {
		if err := replaceFile(opt.Root, prev.path, old, data); err != nil {
			rep.Outcome, rep.Err = Failed, err
			return rep
		}
		syncs.add(opt.Root, prev.path)
	}
	prev.fingerprint = d.fingerprint
	rep.Outcome = Updated
	return rep
}
