package importer

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/brief-ssg/brief/internal/content"
	"github.com/brief-ssg/brief/internal/topics"
)

// update refreshes an article imported before with a new extraction of its
// page. A field is refreshed only when it still holds what import wrote
// (its value matches its recorded hash) and the page now says something
// else; fields the editor changed, and every key import does not write
// (note, draft, topics, exclude_topics, …), stay as they are; so does the
// date of a page that gives none (import dated it with its own time). The one
// exception is a `topics:` list an earlier import wrote and nobody edited
// since (content.Article.ImportedTopics): it is removed, so that the
// file says what the build does.
func update(rep Report, idx *index, prev *entry, d *doc, opt Options, loc *time.Location, syncs *dirSyncs) Report {
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
	curVals, nextVals := cur.ImportValues(), next.ImportValues()
	for _, f := range trackedFields {
		if f == "date" && d.dateGuessed {
			// The page gives no date: d.date is the time of this run,
			// not news, and would move the article to today.
			rep.Note = noDateKept
			continue
		}
		have, want := content.ImportHash(curVals[f]), content.ImportHash(nextVals[f])
		if have == want {
			continue
		}
		if rec := cur.ImportHashes[f]; rec == "" && curVals[f] == "" {
			// A field this version writes and the one that imported the
			// file did not (language): left out, so that an update of
			// an unchanged page changes nothing.
			continue
		} else if rec == "" || rec != have {
			rep.Kept = append(rep.Kept, f)
			continue
		}
		rep.Changed = append(rep.Changed, f)
	}
	// An earlier import froze the topics the rules matched then; they
	// are import's, not the editor's, and the rules decide now.
	if len(cur.ImportedTopics) > 0 {
		rep.Changed = append(rep.Changed, "topics")
		rep.Note = joinNotes(rep.Note, "removed the topics an earlier import wrote; the rules in site.yaml file the article at every build")
	}
	if len(rep.Changed) == 0 {
		rep.Outcome = Duplicate
		return rep
	}

	f, err := content.EditFile(old)
	if err != nil {
		rep.Outcome, rep.Err = Failed, fmt.Errorf("cannot update %s: %w", prev.path, err)
		return rep
	}
	hashes := maps.Clone(cur.ImportHashes)
	// Import no longer tracks topics: an old hash of them would only
	// mislead.
	delete(hashes, "topics")
	for _, k := range rep.Changed {
		switch k {
		case "topics":
			err = f.Set(k, nil)
		case "body":
			hashes[k] = content.ImportHash(nextVals[k])
			f.SetBody(d.body)
			err = f.Set("fingerprint", d.fingerprint)
		case "date":
			hashes[k] = content.ImportHash(nextVals[k])
			if err = f.Set(k, d.fieldValue(k)); err == nil {
				err = f.Set("date_from", d.dateFrom)
			}
			// draft is the editor's: import set it for want of a date,
			// and only says that the reason is gone.
			if cur.Draft && cur.DateFrom == content.DateFromImport {
				rep.Note = joinNotes(rep.Note, nowDated)
			}
		default:
			hashes[k] = content.ImportHash(nextVals[k])
			err = f.Set(k, d.fieldValue(k))
		}
		if err != nil {
			rep.Outcome, rep.Err = Failed, err
			return rep
		}
	}
	if err := f.Set("import_hashes", hashes); err != nil {
		rep.Outcome, rep.Err = Failed, err
		return rep
	}
	data, err := f.Bytes()
	var after *content.Article
	if err == nil {
		after, err = content.ParseArticle(prev.path, data, loc)
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
	idx.refingerprint(prev, d.fingerprint)
	// The rules see the file as updated, with the fields the editor
	// kept, not the page.
	rep.Outcome = Updated
	rep.Topics = opt.Site.RuleTopics(topics.Doc{Title: after.Title, Tags: after.Tags, Body: after.Body})
	return rep
}

// nowDated notes the update of a draft imported without a date from a
// page that now gives one.
const nowDated = "the page now gives a date; remove `draft: true` to publish the article"

// noDateKept notes an update of a page without a date.
const noDateKept = "no date found on the page; the article keeps its date"

// joinNotes joins two remarks of one report.
func joinNotes(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
