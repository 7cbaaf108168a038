package content

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// ImportValues gives each field brief import tracks in the canonical form
// its hash in import_hashes is taken of, so that re-reading a file
// reproduces the hashes import recorded. Dates compare as instants:
// rewriting one in another notation is not an edit.
//
// topics is not among them: import records what a page says, and which
// topics an article belongs to is decided by the rules at every build.
func (a *Article) ImportValues() map[string]string {
	date := ""
	if !a.Date.IsZero() {
		date = a.Date.UTC().Format(time.RFC3339)
	}
	return map[string]string{
		"title": a.Title, "date": date, "source": a.Source, "source_url": a.SourceURL,
		"author": listValue(a.Authors), "tags": listValue(a.Tags),
		"summary": a.Summary, "image": a.Image, "language": a.Language,
		"body": strings.TrimSpace(strings.ReplaceAll(a.Body, "\r\n", "\n")),
	}
}

func listValue(l []string) string { return strings.Join(l, "\x1f") }

// ImportHash is the hash import_hashes records for a value in the form
// ImportValues gives.
func ImportHash(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:6])
}

// importedTopics reports whether topics is the list an earlier brief
// import wrote, unchanged: those versions froze the topics the rules
// matched on the day of the import into `topics:`, where they read as the
// editor's choice and outlived any change to the rules. Such a list is
// not the editor's.
func importedTopics(topics []string, hashes map[string]string) bool {
	rec := hashes["topics"]
	return len(topics) > 0 && rec != "" && rec == ImportHash(listValue(topics))
}
