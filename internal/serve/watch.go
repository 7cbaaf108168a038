package serve

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the parts of a site a change to which calls for a rebuild,
// relative to its root.
var watched = []string{"site.yaml", "content", "templates", "static"}

// watcher reports changed site paths, debounced: a burst of events (an
// editor saving through a temporary file and a rename, a "save all", a
// folder copied in) arrives as one batch once the site has been quiet for a
// moment.
type watcher struct {
	root string
	// lost says the site's folder itself was moved or deleted: nothing
	// under the old path is watched any more, and every reattach the
	// watcher looks whether a folder is back at the path.
	lost     bool
	reattach time.Duration
	fw       *fsnotify.Watcher
	dirs     map[string]bool // folders being watched, absolute
	quiet    time.Duration   // how long without events ends a burst
	most     time.Duration   // the longest a burst is held back
	log      *slog.Logger
}

func newWatcher(root string, quiet time.Duration, log *slog.Logger) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fw: fw, dirs: map[string]bool{}, quiet: quiet, most: 10 * quiet, log: log, reattach: 250 * time.Millisecond}
	// The root is watched for site.yaml and for content/, templates/ and
	// static/ appearing, vanishing or being replaced later.
	if err := w.watchRoot(); err != nil {
		fw.Close()
		return nil, err
	}
	// The folder holding the root is watched for the root's own removal,
	// renaming and re-creation. The root's watch alone is not enough:
	// while a process has its working directory (the shell that ran `cd
	// site && brief serve`) or an open handle in the deleted folder, Linux
	// reports the deletion to that watch only once the last one lets go,
	// and serve would keep watching a folder that no longer has a path.
	// Without the parent (no permission, the root is /) the root's own
	// watch and the polling for its return still apply.
	if parent := filepath.Dir(root); parent != root {
		if err := fw.Add(parent); err != nil {
			log.Debug("not watching the site's parent folder", "path", parent, "err", err)
		}
	}
	return w, nil
}

func (w *watcher) add(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.fw.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// addTree watches dir and every folder below it and returns the files
// found, which may have been created before the watch began.
func (w *watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.add(p)
		}
		files = append(files, p)
		return nil
	})
	return files, err
}

// forget stops watching dir and the folders below it, when it was removed
// or moved away.
func (w *watcher) forget(dir string) {
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			delete(w.dirs, d)
			_ = w.fw.Remove(d) // already gone with the folder, usually
		}
	}
}

// Markers the watcher sends as a batch of their own (siteGone) or within
// one (siteBack): they are never site paths, which are relative and valid.
const (
	siteGone = "\x00gone" // the site's folder was moved or deleted
	siteBack = "\x00back" // a folder is at the site's path again
)

// watchRoot watches the site's folder and the parts of it that matter.
func (w *watcher) watchRoot() error {
	if err := w.add(w.root); err != nil {
		return err
	}
	for _, name := range watched[1:] {
		if _, err := w.addTree(filepath.Join(w.root, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// run sends batches of changed paths (slash-separated, relative to the
// site's root) until ctx is done, then closes the fsnotify watcher. Only
// run's goroutine touches w after it starts.
func (w *watcher) run(ctx context.Context, out chan<- []string) {
	defer w.fw.Close()
	pending := map[string]bool{}
	var timer *time.Timer
	var fire <-chan time.Time
	var first time.Time
	var poll *time.Ticker
	var polling <-chan time.Time
	defer func() {
		if poll != nil {
			poll.Stop()
		}
	}()
	for {
		if w.lost && polling == nil {
			poll = time.NewTicker(w.reattach)
			polling = poll.C
			clear(pending)
			select {
			case out <- []string{siteGone}:
			case <-ctx.Done():
				return
			}
		}
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return
		case <-polling:
			if w.back() {
				poll.Stop()
				poll, polling = nil, nil
				pending[siteBack] = true
				pending["."] = true
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			// An overflowing event queue loses events: rebuild everything.
			w.log.Warn("watching the site", "err", err)
			pending["."] = true
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			switch {
			case !w.lost:
				for _, p := range w.handle(ev) {
					pending[p] = true
				}
			case ev.Name == w.root && ev.Has(fsnotify.Create) && polling != nil && w.back():
				// Only the parent's watch reports while the site is lost: a
				// folder created at its path brings it back without waiting
				// for a poll.
				poll.Stop()
				poll, polling = nil, nil
				pending[siteBack] = true
				pending["."] = true
			}
		case <-fire:
			fire = nil
			batch := make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			clear(pending)
			select {
			case out <- batch:
			case <-ctx.Done():
				return
			}
			continue
		}
		if len(pending) == 0 {
			continue
		}
		// Debounce: wait for quiet, but never longer than most after the
		// first event, so a stream of saves still shows progress.
		now := time.Now()
		if fire == nil {
			first = now
		}
		wait := w.quiet
		if left := w.most - now.Sub(first); left < wait {
			wait = max(left, 0)
		}
		if timer == nil {
			timer = time.NewTimer(wait)
		} else {
			timer.Reset(wait)
		}
		fire = timer.C
	}
}

// back watches the site again if a folder is at its path, and reports
// whether it is.
func (w *watcher) back() bool {
	if fi, err := os.Stat(w.root); err != nil || !fi.IsDir() {
		return false
	}
	if err := w.watchRoot(); err != nil {
		w.log.Warn("watching the site again", "err", err)
		w.forget(w.root)
		return false
	}
	w.lost = false
	return true
}

// handle turns one fsnotify event into the site paths it changed, watching
// folders that appear and forgetting those that go.
func (w *watcher) handle(ev fsnotify.Event) []string {
	if ev.Name == w.root && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
		// The folder itself went: its watches follow it to wherever it
		// was moved, or die with it. Stop listening and wait for it. (The
		// parent's watch and the root's own both report it.)
		if !w.lost {
			w.forget(w.root)
			w.lost = true
		}
		return nil
	}
	rel, ok := w.rel(ev.Name)
	if !ok || ignored(rel) {
		return nil
	}
	w.log.Debug("change", "op", ev.Op.String(), "path", rel)
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	paths := []string{rel}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() && w.inTree(ev.Name) {
			files, err := w.addTree(ev.Name)
			if err != nil {
				w.log.Warn("watching a new folder", "path", rel, "err", err)
			}
			for _, f := range files {
				if r, ok := w.rel(f); ok {
					paths = append(paths, r)
				}
			}
		}
	}
	return paths
}

// rel is a watched path relative to the root, or false for a path outside
// the parts of the site that matter.
func (w *watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	for _, name := range watched {
		if top == name {
			return r, true
		}
	}
	return "", false
}

// inTree reports whether p is content/, templates/ or static/ or below.
func (w *watcher) inTree(p string) bool {
	r, ok := w.rel(p)
	return ok && r != "site.yaml"
}

// ignored are editors' scratch files: swap files, backups, lock files and
// the like, which change often and never belong to the site.
func ignored(rel string) bool {
	base := rel[strings.LastIndex(rel, "/")+1:]
	return strings.HasPrefix(base, ".#") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") ||
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#") || base == "4913"
}
