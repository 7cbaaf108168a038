// Package deploy uploads a built site (public/) to an S3-compatible
// bucket: only the files whose bytes changed since the last deploy, each
// with its content type and cache header, and deletes the objects the
// site no longer has, within a limit.
//
// What changed is told by checksum: a file is sent when the bucket has no
// object of its name or the object's ETag is not the file's MD5. Objects
// are written in one PUT each, never in parts, so that an object's ETag is
// the MD5 of its bytes on S3 and the services that copy it (R2, MinIO,
// Ceph…). A bucket that encrypts with its own keys (SSE-KMS) gives other
// ETags; every file is then sent on every deploy, which costs time, never
// correctness.
package deploy

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/brief-ssg/brief/internal/diag"
	"github.com/brief-ssg/brief/internal/output"
	"github.com/brief-ssg/brief/internal/pool"
	"github.com/brief-ssg/brief/internal/site"
)

// Options describe one deploy.
type Options struct {
	// Dir is the built site's folder (public/). It must hold a brief
	// build (output.Marker), so that a mistyped folder is never
	// mirrored into the bucket, deleting the site there.
	Dir string
	// Target is site.yaml's deploy section.
	Target site.Deploy
	// Getenv looks up the credentials (AWS_ACCESS_KEY_ID,
	// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); os.Getenv for the
	// command line.
	Getenv func(string) string
	// DryRun plans without changing the bucket.
	DryRun bool
	// Force sends every file, changed or not: after a change of cache
	// rules, which checksums do not see.
	Force bool
	// MaxDeletes, when set, replaces the target's max_deletes.
	MaxDeletes *int
	// Transport carries the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Workers bounds concurrent requests; 0 means DefaultWorkers.
	Workers int
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
}

// DefaultWorkers is how many requests a deploy keeps in flight: the work
// is waiting on the network, not the CPU.
const DefaultWorkers = 8

// Action is one change to the bucket.
type Action struct {
	// Path is the file's path in public/, slash-separated; the object's
	// key is the target's prefix followed by it.
	Path string
	// Delete says the object goes; otherwise the file is uploaded.
	Delete bool
	// New says the bucket had no object of that name (uploads only).
	New          bool
	Size         int64 // bytes (uploads only)
	ContentType  string
	CacheControl string
}

// Plan is what a deploy does, or, in a dry run, would do.
type Plan struct {
	Target    string   // s3://bucket/prefix/
	Uploads   []Action // pages last, so that they never link a file not yet there
	Deletes   []Action
	Unchanged int // files the bucket already has with the same bytes
	// Kept are objects the site no longer has that are left in the
	// bucket because max_deletes is 0.
	Kept int
	// Limit is the number of deletes allowed; a plan over it is refused.
	Limit int
}

// ErrTooManyDeletes is returned, wrapped, by Run when the plan deletes
// more objects than allowed; nothing was changed.
var ErrTooManyDeletes = errors.New("too many deletes")

// Run compares opt.Dir with the bucket and, unless opt.DryRun, uploads
// the new and changed files and then deletes the objects the site no
// longer has. It returns the plan, also on most errors, so that the
// caller can say what was done. Uploads that fail are listed in the
// error and skip the deletes; running again sends only what is still
// missing.
func Run(ctx context.Context, opt Options) (*Plan, error) {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Workers <= 0 {
		opt.Workers = DefaultWorkers
	}
	t := opt.Target
	if !t.Set || t.EndpointURL == nil {
		return nil, fmt.Errorf("site.yaml has no deploy section: add one naming the bucket, such as\n\ndeploy:\n  bucket: my-briefing\n  region: us-east-1\n\n(`brief help site` lists its settings)")
	}
	if _, err := os.Stat(opt.Dir + "/" + output.Marker); err != nil {
		return nil, fmt.Errorf("%s holds no brief build (no %s): run `brief build` first, or pass --dest", opt.Dir, output.Marker)
	}
	files, err := scan(os.DirFS(opt.Dir))
	if err != nil {
		return nil, err
	}
	client, err := connect(t, opt)
	if err != nil {
		return nil, err
	}
	remote, err := list(ctx, client, t)
	if err != nil {
		return nil, err
	}
	plan := makePlan(files, remote, t, opt)
	if len(plan.Deletes) > plan.Limit {
		return plan, fmt.Errorf("the bucket holds %d files under %s that the site does not, over the limit of %d deletes: check the plan with --dry-run (is the bucket or prefix right?), then raise deploy: max_deletes or pass --max-deletes %d: %w",
			len(plan.Deletes), plan.Target, plan.Limit, len(plan.Deletes), ErrTooManyDeletes)
	}
	if opt.DryRun {
		return plan, nil
	}
	if err := upload(ctx, client, t, opt, plan.Uploads); err != nil {
		return plan, err
	}
	return plan, remove(ctx, client, t, opt, plan.Deletes)
}

// localFile is a file of the built site.
type localFile struct {
	path string
	size int64
	md5  string // hex
}

// scan lists the site's files with their checksums. brief's records of
// the build (.brief-build, .brief-inputs) and any other dotfile stay
// home: they are not part of the site.
func scan(fsys fs.FS) ([]localFile, error) {
	var files []localFile
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := md5.New()
		n, err := io.Copy(h, f)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		files = append(files, localFile{path: p, size: n, md5: hex.EncodeToString(h.Sum(nil))})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the built site: %w", err)
	}
	return files, nil
}

// connect makes the S3 client, with credentials from the environment.
func connect(t site.Deploy, opt Options) (*minio.Client, error) {
	getenv := opt.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY")
	if id == "" || secret == "" {
		return nil, errors.New("no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones) in the environment; brief never reads them from site.yaml")
	}
	region := t.Region
	if region == "" {
		// Named, so that the client does not ask the bucket where it is
		// first; services other than AWS take any.
		region = "us-east-1"
	}
	tr := opt.Transport
	if tr == nil {
		tr = http.DefaultTransport
	}
	c, err := minio.New(t.EndpointURL.Host, &minio.Options{
		Creds:     credentials.NewStaticV4(id, secret, getenv("AWS_SESSION_TOKEN")),
		Secure:    t.EndpointURL.Scheme == "https",
		Region:    region,
		Transport: tr,
	})
	if err != nil {
		return nil, fmt.Errorf("deploy: endpoint %s: %w", t.EndpointURL, err)
	}
	return c, nil
}

// remoteObject is what the bucket listing says of an object.
type remoteObject struct {
	etag string
	size int64
}

// list returns the objects under the target's prefix by path below it.
func list(ctx context.Context, c *minio.Client, t site.Deploy) (map[string]remoteObject, error) {
	out := map[string]remoteObject{}
	for obj := range c.ListObjects(ctx, t.Bucket, minio.ListObjectsOptions{Prefix: t.Prefix, Recursive: true}) {
		if obj.Err != nil {
			return nil, fmt.Errorf("listing %s: %w%s", t.String(), obj.Err, hint(obj.Err))
		}
		rel := strings.TrimPrefix(obj.Key, t.Prefix)
		if rel == "" || strings.HasSuffix(rel, "/") {
			continue // a folder marker some consoles create
		}
		out[rel] = remoteObject{etag: strings.ToLower(strings.Trim(obj.ETag, `"`)), size: obj.Size}
	}
	return out, nil
}

// hint says what to do about a failed request, where S3 says enough.
func hint(err error) string {
	switch minio.ToErrorResponse(err).Code {
	case "NoSuchBucket":
		return " (check deploy: bucket, or create the bucket)"
	case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch":
		return " (check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that they may write the bucket)"
	case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException":
		return " (the bucket is in another region: set deploy: region)"
	}
	return ""
}

// makePlan compares the site with the bucket.
func makePlan(files []localFile, remote map[string]remoteObject, t site.Deploy, opt Options) *Plan {
	p := &Plan{Target: t.String(), Limit: t.Deletes()}
	if opt.MaxDeletes != nil {
		p.Limit = *opt.MaxDeletes
	}
	local := make(map[string]bool, len(files))
	for _, f := range files {
		local[f.path] = true
		r, there := remote[f.path]
		if there && !opt.Force && r.etag == f.md5 && r.size == f.size {
			p.Unchanged++
			continue
		}
		cc := CacheControl(f.path)
		if rule, ok := t.CacheControl(f.path); ok {
			cc = rule
		}
		p.Uploads = append(p.Uploads, Action{Path: f.path, New: !there, Size: f.size, ContentType: ContentType(f.path), CacheControl: cc})
	}
	sort.SliceStable(p.Uploads, func(i, j int) bool {
		a, b := isPage(p.Uploads[i].Path), isPage(p.Uploads[j].Path)
		if a != b {
			return b
		}
		return p.Uploads[i].Path < p.Uploads[j].Path
	})
	var gone []string
	for k := range remote {
		if !local[k] {
			gone = append(gone, k)
		}
	}
	sort.Strings(gone)
	if p.Limit == 0 {
		p.Kept = len(gone)
		return p
	}
	for _, k := range gone {
		p.Deletes = append(p.Deletes, Action{Path: k, Delete: true})
	}
	return p
}

// isPage says a file is one that links others (pages, feeds, the
// sitemap), which is uploaded after the files it may link.
func isPage(p string) bool {
	switch path.Ext(p) {
	case ".html", ".xml", ".json", ".txt":
		return true
	}
	return false
}

// upload sends files in two rounds, assets and then pages, so that a
// reader never gets a page whose stylesheet or image is not there yet.
func upload(ctx context.Context, c *minio.Client, t site.Deploy, opt Options, uploads []Action) error {
	split := sort.Search(len(uploads), func(i int) bool { return isPage(uploads[i].Path) })
	var errs diag.List
	for _, round := range [][]Action{uploads[:split], uploads[split:]} {
		failed := make([]error, len(round))
		err := pool.Each(ctx, len(round), opt.Workers, func(i int) {
			failed[i] = put(ctx, c, t, opt.Dir, round[i])
		})
		if err != nil {
			return err
		}
		for _, err := range failed {
			errs.Add(err)
		}
		if errs.Len() > 0 {
			break
		}
	}
	if n := errs.Len(); n > 0 {
		return fmt.Errorf("%d of %d uploads failed, nothing was deleted; run `brief deploy` again to send what is missing:\n%w", n, len(uploads), errs.Err())
	}
	return nil
}

func put(ctx context.Context, c *minio.Client, t site.Deploy, dir string, a Action) error {
	f, err := os.Open(dir + "/" + a.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = c.PutObject(ctx, t.Bucket, t.Prefix+a.Path, f, a.Size, minio.PutObjectOptions{
		ContentType:  a.ContentType,
		CacheControl: a.CacheControl,
		// One PUT, so that the ETag is the MD5 the next deploy compares.
		DisableMultipart: true,
		SendContentMd5:   true,
	})
	if err != nil {
		return fmt.Errorf("%s: %w%s", a.Path, err, hint(err))
	}
	return nil
}

func remove(ctx context.Context, c *minio.Client, t site.Deploy, opt Options, deletes []Action) error {
	var mu sync.Mutex
	var errs diag.List
	err := pool.Each(ctx, len(deletes), opt.Workers, func(i int) {
		if err := c.RemoveObject(ctx, t.Bucket, t.Prefix+deletes[i].Path, minio.RemoveObjectOptions{}); err != nil {
			mu.Lock()
			errs.Add(fmt.Errorf("%s: %w%s", deletes[i].Path, err, hint(err)))
			mu.Unlock()
		}
	})
	if err != nil {
		return err
	}
	if n := errs.Len(); n > 0 {
		return fmt.Errorf("%d of %d deletes failed:\n%w", n, len(deletes), errs.Err())
	}
	return nil
}
