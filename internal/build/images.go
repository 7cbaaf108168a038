package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/brief-ssg/brief/internal/images"
	"github.com/brief-ssg/brief/internal/markdown"
	"github.com/brief-ssg/brief/internal/render"
	"github.com/brief-ssg/brief/internal/site"
)

// Images. An article shows pictures from the site's static/ folder
// (where brief import stores them, static/media/) and, when the site
// hotlinks, from their publishers. For each raster picture of static/
// that a published article shows, the build writes smaller copies
// (images.SmallerWidths) under img/, named by the picture's SHA-256 and
// width, and pages give the browser srcset, width and height, so that
// a phone loads a small file and nothing moves as pictures arrive. A
// copy's input key is the picture's hash and its width: a rebuild
// carries it over without decoding anything (output.Keyed).

// errChanged reports a picture whose file changed while the site was
// being built.
var errChanged = errors.New("changed during the build; build again")

// imageDir is where the resized copies are published.
const imageDir = "img/"

// imageSizes tells the browser how wide an article's pictures are shown:
// the article's column (44rem, style.css) or the screen, whichever is
// narrower.
const imageSizes = "(min-width: 48rem) 44rem, 100vw"

// imageAsset is a raster picture of static/ that articles show.
type imageAsset struct {
	path string // its site path, without the leading slash: media/ab/x.jpg
	sum  [sha256.Size]byte
	info images.Info
}

// imageCopy is the input of one resized copy: the picture's bytes (by
// hash) and the width.
type imageCopy struct {
	Sum   [sha256.Size]byte
	Width int
}

// mdImageRef finds the address of each Markdown image.
var mdImageRef = regexp.MustCompile(`!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^\s)>]+)`)

// imageRefs lists the addresses of a Markdown text's images, as written.
func imageRefs(md string) []string {
	var out []string
	for _, m := range mdImageRef.FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

// isRemote says an address loads from another host.
func isRemote(ref string) bool {
	r := strings.ToLower(ref)
	return strings.HasPrefix(r, "http://") || strings.HasPrefix(r, "https://") || strings.HasPrefix(r, "//")
}

// probeLimit is how much of a picture's file is read to find its size;
// headers (with EXIF and colour profiles) fit, and a file that needs
// more is read whole.
const probeLimit = 256 << 10

// imageAt returns the raster picture of static/ at the site path ref
// ("/media/ab/x.jpg"), nil when ref names no such file or the file is
// not a picture brief can size (an SVG, an unreadable file: published as
// it is). Its size is found once per file content and kept in the cache.
func (m *Model) imageAt(ref string) *imageAsset {
	if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
		return nil
	}
	u, err := url.Parse(ref)
	if err != nil || u.Path == "" {
		return nil
	}
	p := strings.TrimPrefix(path.Clean(u.Path), "/")
	if a, ok := m.assets[p]; ok {
		return a
	}
	a := m.probeAsset(p)
	m.assets[p] = a
	return a
}

func (m *Model) probeAsset(p string) *imageAsset {
	switch strings.ToLower(path.Ext(p)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
	default:
		return nil
	}
	f := m.in.get("static/" + p)
	if f == nil {
		return nil
	}
	a := &imageAsset{path: p, sum: f.sum}
	if in, ok := m.imageInfo[f.sum]; ok {
		a.info = in
		return a
	}
	in, err := probeFile(m.src, "static/"+p)
	if err != nil {
		m.imageErrs.Add(err)
		return nil
	}
	m.imageInfo[f.sum] = in
	a.info = in
	return a
}

// probeFile reads the size of the picture at p in fsys.
func probeFile(fsys fs.FS, p string) (images.Info, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return images.Info{}, err
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, probeLimit))
	if err != nil {
		return images.Info{}, err
	}
	in, err := images.Probe(head)
	if err != nil && len(head) == probeLimit {
		rest, rerr := io.ReadAll(io.LimitReader(f, images.MaxBytes))
		if rerr != nil {
			return images.Info{}, rerr
		}
		in, err = images.Probe(append(head, rest...))
	}
	if err != nil {
		return images.Info{}, &imageError{path: p, err: err}
	}
	return in, nil
}

// imageError is a picture of static/ that articles show and that brief
// will not size: it is reported, not published as a page's image.
type imageError struct {
	path string
	err  error
}

func (e *imageError) Error() string {
	return e.path + ": " + e.err.Error() + "; replace the file with a JPEG, PNG, GIF or WebP picture, or remove the articles' references to it"
}

func (e *imageError) Unwrap() error { return e.err }

// copyName is the published name of a picture's copy width pixels wide.
func (a *imageAsset) copyName(width int) string {
	return imageDir + hex.EncodeToString(a.sum[:8]) + "-" + strconv.Itoa(width) + images.CopyFormat(a.info.Format).Ext()
}

// sizes lists the picture's copies and itself, narrowest first, as
// site-relative paths.
func (a *imageAsset) sizes() []render.ImageSize {
	var out []render.ImageSize
	for _, w := range images.SmallerWidths(a.info.Width) {
		out = append(out, render.ImageSize{URL: a.copyName(w), Width: w})
	}
	return append(out, render.ImageSize{URL: escapePath(a.path), Width: a.info.Width})
}

// escapePath escapes a site path for a URL.
func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// view is the picture as a template shows it.
func (a *imageAsset) view() *render.Image {
	return &render.Image{URL: escapePath(a.path), Sizes: a.sizes(), Width: a.info.Width, Height: a.info.Height}
}

// leadImage is the view of an article's `image`: a sized picture of
// static/, another file of static/, or a remote address; nil for none.
func (m *Model) leadImage(ref string) *render.Image {
	switch {
	case ref == "":
		return nil
	case isRemote(ref):
		return &render.Image{URL: ref, Remote: true}
	}
	if a := m.imageAt(ref); a != nil {
		return a.view()
	}
	// A file of static/ brief cannot size (an SVG the editor drew) is
	// shown as it is; a path to no file is not shown at all, rather
	// than as a broken picture.
	if k := sitePathKey(ref); k != "" && m.in.get("static/"+k) != nil {
		return &render.Image{URL: escapePath(k)}
	}
	return nil
}

// imageHook is the markdown.Options.Image of a body rendered with its
// site links starting with prefix ("../../" for an article's page, the
// base URL for feeds): pictures of static/ get their copies and size.
func (m *Model) imageHook(prefix string) func(string) *markdown.Image {
	return func(dest string) *markdown.Image {
		a := m.assets[sitePathKey(dest)]
		if a == nil {
			return nil
		}
		var set strings.Builder
		for i, s := range a.sizes() {
			if i > 0 {
				set.WriteString(", ")
			}
			set.WriteString(prefix + s.URL + " " + strconv.Itoa(s.Width) + "w")
		}
		return &markdown.Image{Src: prefix + escapePath(a.path), Srcset: set.String(), Sizes: imageSizes,
			Width: a.info.Width, Height: a.info.Height}
	}
}

// sitePathKey is the key of m.assets for an address as written, "" for
// one that is no site path.
func sitePathKey(ref string) string {
	if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(path.Clean(u.Path), "/")
}

// collectImages finds the pictures the published articles show: sizes
// those of static/, gives each article its lead image and the hash of
// its pictures (part of its pages' input keys), and notes whether any
// page loads a picture from another host, which the CSP must then allow.
// It returns the files of static/ that articles show as pictures but
// brief cannot read as one; those are shown as they are.
func (m *Model) collectImages() []error {
	for _, e := range m.Articles {
		a := e.src
		refs := m.memos[a].Images
		d := newDigest()
		for _, ref := range refs {
			if isRemote(ref) {
				m.Site.Hotlinked = true
				continue
			}
			if as := m.imageAt(ref); as != nil {
				d.WriteString(as.path)
				d.Write(as.sum[:])
			}
		}
		e.view.Lead = m.leadImage(a.Image)
		if l := e.view.Lead; l != nil {
			if l.Remote {
				m.Site.Hotlinked = true
			}
			for _, ref := range refs {
				if ref == a.Image && e.view.Publish == site.PublishFull {
					e.view.LeadInBody = true
				}
			}
		}
		e.images = d.Sum64()
		for _, ref := range imageRefs(a.Note) {
			if isRemote(ref) {
				m.Site.Hotlinked = true
			}
		}
	}
	for _, md := range m.otherMarkdown {
		for _, ref := range imageRefs(md) {
			if isRemote(ref) {
				m.Site.Hotlinked = true
			}
		}
	}
	return m.imageErrs.Errors()
}

// imageJobs writes the resized copies of every picture articles show.
func (m *Model) imageJobs() []job {
	paths := make([]string, 0, len(m.assets))
	for p, a := range m.assets {
		if a != nil {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var jobs []job
	seen := map[string]bool{}
	for _, p := range paths {
		a := m.assets[p]
		for _, w := range images.SmallerWidths(a.info.Width) {
			name := a.copyName(w)
			if seen[name] {
				continue // the same picture under two names
			}
			seen[name] = true
			jobs = append(jobs, job{name: name, in: imageCopy{Sum: a.sum, Width: w}, run: func() ([]byte, error) {
				data, err := fs.ReadFile(m.src, "static/"+a.path)
				if err != nil {
					return nil, err
				}
				if sha256.Sum256(data) != a.sum {
					return nil, &imageError{path: "static/" + a.path, err: errChanged}
				}
				out, _, err := images.Resize(data, w)
				if err != nil {
					return nil, &imageError{path: "static/" + a.path, err: err}
				}
				return out, nil
			}})
		}
	}
	return jobs
}
