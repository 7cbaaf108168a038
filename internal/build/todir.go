package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/brief-ssg/brief/internal/output"
)

// ToDir builds the site in the folder src into the folder dest, as `brief
// build` does: the whole protocol of a build on disk in one call.
//
//  0. The destination is locked (output.LockDest): a second build into
//     it waits for the first to finish, so no two builds mix their files
//     and no up-to-date check reads a stamp another build is replacing.
//  1. The inputs are scanned, with the cache the previous build left
//     beside dest (CacheKind) vouching for files whose size and modification
//     time it recorded (see Cache), and fingerprinted.
//  2. When dest's stamp (Stamp, in its marker file) says it already holds
//     the build of these inputs, nothing is written: Result.Skipped.
//  3. Otherwise the site is built into a staging folder (output.Dir),
//     carrying every file whose input key is unchanged over from earlier
//     builds, and the stamp is written with it.
//  4. The staging folder is swapped in for dest in one step; a failed
//     build leaves dest as it was. Then the cache is replaced beside
//     dest; failing that costs the next build time, not correctness.
//
// opt.Tool identifies the brief doing the build; empty means a hash of
// the running executable, and when that cannot be read, nothing is
// skipped, carried or cached. opt.Force builds anew, from scratch.
func ToDir(ctx context.Context, src, dest string, opt Options) (*Result, error) {
	start := time.Now()
	opt = opt.withDefaults(start)
	if opt.Tool == "" {
		opt.Tool = ExecutableID()
	}
	// A destination that is a symlink (public -> /srv/www/briefing) is
	// followed: the build is swapped in at its target, and the link stays
	// a link rather than being replaced by a real folder.
	if fi, err := os.Lstat(dest); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(dest)
		if err != nil {
			return nil, fmt.Errorf("the destination %s is a symlink that leads nowhere (%v); fix the link or choose another --dest", dest, err)
		}
		dest = target
	}
	release, err := output.LockDest(ctx, dest, func() {
		opt.Log.Warn("another build is writing to the destination; waiting for it to finish", "dest", dest)
	})
	if err != nil {
		return nil, err
	}
	defer release()
	fsys := os.DirFS(src)
	c := opt.Cache
	if c == nil {
		c = NewCache()
		if !opt.Force {
			c = decodeCache(output.ReadBeside(dest, CacheKind), opt.Tool)
		}
		opt.Cache = c
	}
	opt.Log.Debug("cache read", "articles", len(c.articles), "took", time.Since(start))
	in, err := scanInputs(ctx, fsys, opt, start)
	if err != nil {
		return nil, err
	}
	var fp string
	if opt.Tool != "" {
		fp = in.fingerprint(opt)
	}
	if !opt.Force && fp != "" {
		if st, err := ParseStamp(output.ReadStamp(dest)); err == nil && st.Current(fp, opt.Now) {
			// An interrupted build leaves what it could not remove in
			// time for the next build to sweep, and the next build may
			// have nothing to write.
			_, _ = output.SweepStale(dest)
			return &Result{Skipped: true, Pages: st.Pages, Duration: time.Since(start)}, nil
		}
	}
	dir, err := output.OpenDir(dest, output.DirOptions{Fresh: opt.Force})
	if err != nil {
		return nil, err
	}
	res, err := build(ctx, fsys, in, dir, opt, start)
	if err != nil {
		if ctx.Err() != nil {
			// Ctrl-C or SIGTERM: end promptly. What is not removed in
			// time, the next build sweeps.
			dir.Abandon(abandonBudget)
		} else {
			dir.Abort()
		}
		return nil, err
	}
	opt.Log.Debug("built", "took", time.Since(start))
	if err := checkShrink(output.ReadStamp(dest), res, opt.Force); err != nil {
		dir.Abort()
		return nil, err
	}
	if st, ok := NewStamp(fp, res); ok {
		dir.SetStamp(st.String())
	}
	if err := dir.Commit(); err != nil {
		return nil, err
	}
	opt.Log.Debug("swapped in", "took", time.Since(start))
	if opt.Tool != "" {
		if err := output.WriteBeside(dest, CacheKind, cacheFile{c, opt.Tool}); err != nil {
			opt.Log.Warn("build cache not saved; the next build reads every file", "err", err)
		}
	}
	opt.Log.Debug("cache written", "took", time.Since(start))
	res.Duration = time.Since(start)
	opt.Log.Debug("build committed", "rendered", res.Rendered, "files", res.Files, "took", res.Duration)
	return res, nil
}

// abandonBudget is how long a cancelled build spends removing what it
// staged before it returns.
const abandonBudget = 300 * time.Millisecond

// checkShrink refuses a build that would publish fewer than half of the
// articles the build in dest published (its stamp says how many), unless
// forced: a content folder emptied by mistake, a wrong --source or a
// half-finished sync must not replace a whole site.
func checkShrink(prevStamp string, res *Result, force bool) error {
	if force {
		return nil
	}
	prev, err := ParseStamp(prevStamp)
	if err != nil || prev.Articles <= 0 || res.Articles*2 >= prev.Articles {
		return nil
	}
	return fmt.Errorf("this build would publish %d %s where the site in the destination has %d: more than half would disappear, so the destination is left as it was; check --source and content/, or run brief build --force if that is what you want",
		res.Articles, plural(res.Articles, "article", "articles"), prev.Articles)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ExecutableID identifies the running brief for fingerprints, input keys
// and cache files: a hash of its executable, so that a rebuilt brief
// (another theme, another renderer) never takes an old build for current.
// It is "" when the executable cannot be read.
func ExecutableID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
