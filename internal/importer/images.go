package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/brief-ssg/brief/internal/archive"
	"github.com/brief-ssg/brief/internal/extract/article"
	"github.com/brief-ssg/brief/internal/fetch"
	"github.com/brief-ssg/brief/internal/images"
)

// plainImage finds an image in Markdown whose address is plain http://:
// the published pages' Content-Security-Policy lets images load over
// https only, so such an image shows broken, with no warning. The alt
// text may hold escaped brackets.
var plainImage = regexp.MustCompile(`!\[(?:[^\]\\]|\\.)*\]\((?i:http)://`)

// upgradeImages rewrites the http:// images of a Markdown body to
// https://, which nearly every host serves the same picture on, and says
// how many it rewrote.
func upgradeImages(md string) (string, int) {
	n := 0
	out := plainImage.ReplaceAllStringFunc(md, func(m string) string {
		n++
		return m[:len(m)-len("http://")] + "https://"
	})
	return out, n
}

// upgradeURL rewrites an http:// address to https://.
func upgradeURL(u string) (string, bool) {
	if rest, ok := cutPrefixFold(u, "http://"); ok {
		return "https://" + rest, true
	}
	return u, false
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// MediaDir is where import stores the images of the articles it writes,
// relative to the site root: static/media/<2 hex digits>/<16 hex digits
// of the image's SHA-256>.<ext>, published at /media/…. A name made from
// the bytes is the same picture whichever article or run stored it, so
// an image shared by many pages is kept once, and a stored file never
// needs replacing.
const MediaDir = "static/media"

// maxArticleImages bounds the images stored for one article; the others
// keep their publishers' addresses. A gallery page of hundreds of
// pictures is not a news article.
const maxArticleImages = 40

// mdImage finds a Markdown image with a web address: its alt text, the
// address (perhaps in <>) and an optional title.
var mdImage = regexp.MustCompile(`!\[((?:[^\]\\]|\\.)*)\]\(\s*<?((?i:https?)://[^\s)>]+)>?(?:\s+"(?:[^"\\]|\\.)*")?\s*\)`)

// embeddedRef finds the Markdown image of a picture the page carried
// inside itself: its alt text and its index in article.Article.Embedded.
var embeddedRef = regexp.MustCompile(`!\[((?:[^\]\\]|\\.)*)\]\(` + regexp.QuoteMeta(article.EmbeddedScheme) + `(\d+)\)`)

// dropEmbedded removes the pictures the page carried inside itself that
// were not stored, keeping their alt text, and notes why.
func (d *doc) dropEmbedded(why string) {
	n := 0
	d.body = embeddedRef.ReplaceAllStringFunc(d.body, func(m string) string {
		n++
		return embeddedRef.FindStringSubmatch(m)[1]
	})
	d.embedded = nil
	if n > 0 {
		d.imageNotes = append(d.imageNotes, fmt.Sprintf("%d image(s) embedded in the page (data: URLs) left out: %s", n, why))
	}
}

// mediaStore fetches and stores the images of one import's articles. It
// is used by every pass 2 worker at once; each address is fetched once
// per run. The images of a page read from a web archive are taken from
// that archive, never from the web unless fetchArchived is set.
type mediaStore struct {
	ctx           context.Context
	root          string
	client        *fetch.Client
	fetchArchived bool
	log           *slog.Logger // each image left at its address; never nil
	mu            sync.Mutex
	byURL         map[string]*storedImage
	archives      map[string]*archiveMedia
}

// storedImage is one address's outcome: the site path of its copy, or
// why there is none. refused says the bytes came and are not an image
// brief publishes (a removal, not a retry later); missing, that the
// page's archive holds no copy and none was fetched (a removal too).
type storedImage struct {
	once    sync.Once
	path    string
	err     error
	refused bool
	missing bool
}

// archiveMedia is one archive's index of what it captured, made once,
// when a page of it first needs a picture.
type archiveMedia struct {
	once  sync.Once
	media *archive.Media
	err   error
}

func newMediaStore(ctx context.Context, root string, client *fetch.Client, fetchArchived bool) *mediaStore {
	if client == nil {
		client = &fetch.Client{}
	}
	return &mediaStore{ctx: ctx, root: root, client: client, fetchArchived: fetchArchived,
		log:   slog.New(slog.DiscardHandler),
		byURL: map[string]*storedImage{}, archives: map[string]*archiveMedia{}}
}

// get fetches, checks and stores the image at u, once per run: from the
// web archive archived when the page came from one (see
// extract.Result.Archive), else from the web.
func (s *mediaStore) get(u, archived string) *storedImage {
	key := u
	if archived != "" {
		key = archived + "\x00" + u
	}
	s.mu.Lock()
	si := s.byURL[key]
	if si == nil {
		si = &storedImage{}
		s.byURL[key] = si
	}
	s.mu.Unlock()
	si.once.Do(func() {
		var data []byte
		var err error
		if archived != "" {
			data, err = s.fromArchive(u, archived)
			if err != nil && s.fetchArchived {
				data, err = s.fetch(u)
			} else if err != nil {
				si.err, si.missing = err, true
				return
			}
		} else {
			data, err = s.fetch(u)
		}
		if err != nil {
			si.err, si.refused = err, errors.Is(err, fetch.ErrNotImage)
			return
		}
		si.path, si.err, si.refused = s.checkAndStore(data, u)
	})
	return si
}

// checkAndStore stores data, named name in errors, if it is an image
// brief publishes; refused says it is not (a removal, not a retry later).
func (s *mediaStore) checkAndStore(data []byte, name string) (path string, err error, refused bool) {
	in, err := images.Probe(data)
	if err == nil {
		// A truncated picture has a whole header: decode it all.
		_, _, err = images.Decode(data)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err), true
	}
	path, err = s.store(data, in.Format)
	return path, err, false
}

func (s *mediaStore) fetch(u string) ([]byte, error) {
	page, err := s.client.GetImage(s.ctx, u, images.MaxBytes)
	if err != nil {
		return nil, err
	}
	return page.Body, nil
}

// fromArchive reads the copy of u that the web archive at path holds.
func (s *mediaStore) fromArchive(u, path string) ([]byte, error) {
	s.mu.Lock()
	am := s.archives[path]
	if am == nil {
		am = &archiveMedia{}
		s.archives[path] = am
	}
	s.mu.Unlock()
	am.once.Do(func() { am.media, am.err = archive.IndexMedia(path) })
	if am.media == nil {
		return nil, fmt.Errorf("%s: %w (the archive's images do not read: %v)", u, archive.ErrNotArchived, am.err)
	}
	data, err := am.media.Read(u, images.MaxBytes)
	if err != nil && !errors.Is(err, archive.ErrNotArchived) {
		err = fmt.Errorf("%s: %w (%v)", u, archive.ErrNotArchived, err)
	}
	return data, err
}

// store writes data under MediaDir by its hash and returns its site path
// ("/media/ab/…"). A file already there with the same bytes is the same
// image; one with other bytes is the editor's and is left alone.
func (s *mediaStore) store(data []byte, f images.Format) (string, error) {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:8])
	rel := MediaDir + "/" + h[:2] + "/" + h + f.Ext()
	site := "/" + strings.TrimPrefix(rel, "static/")
	final := filepath.Join(s.root, filepath.FromSlash(rel))
	if old, err := os.ReadFile(final); err == nil {
		if bytes.Equal(old, data) {
			return site, nil
		}
		return "", fmt.Errorf("%s holds another file; not overwritten", rel)
	}
	if _, err := writeNew(s.root, rel, data); err != nil {
		if old, rerr := os.ReadFile(final); rerr == nil && bytes.Equal(old, data) {
			return site, nil // another worker stored the same picture
		}
		return "", err
	}
	if err := syncDir(filepath.Dir(final)); err != nil {
		return "", err
	}
	return site, nil
}

// localize stores the article's lead image and body images and points
// the article at the copies. An image that cannot be fetched keeps its
// address (the publisher may serve it later; the note says so); one that
// came and is not a publishable image (SVG, HTML, a decompression bomb,
// truncated) is removed, its alt text kept, and so is one that the web
// archive of an archived page does not hold (an archive import uses no
// network unless asked to).
func (s *mediaStore) localize(d *doc) {
	var kept, removed, missing []string
	stored := 0
	use := func(u string) (string, bool) {
		if stored == maxArticleImages {
			kept = append(kept, u+": more than "+strconv.Itoa(maxArticleImages)+" images in the article")
			return u, true
		}
		si := s.get(u, d.archive)
		switch {
		case si.err == nil:
			stored++
			return si.path, true
		case si.missing:
			missing = append(missing, si.err.Error())
			return "", false
		case si.refused:
			removed = append(removed, si.err.Error())
			return "", false
		default:
			kept = append(kept, si.err.Error())
			return u, true
		}
	}
	if isWebURL(d.image) {
		if p, ok := use(d.image); ok {
			d.image = p
		} else {
			d.image = ""
		}
	}
	d.body = mdImage.ReplaceAllStringFunc(d.body, func(m string) string {
		sub := mdImage.FindStringSubmatch(m)
		p, ok := use(sub[2])
		if !ok {
			return sub[1] // the alt text, still Markdown-escaped
		}
		return strings.Replace(m, sub[2], p, 1)
	})
	// Pictures the page carried inside itself (SingleFile's data: URLs)
	// pass the same checks as fetched ones.
	d.body = embeddedRef.ReplaceAllStringFunc(d.body, func(m string) string {
		sub := embeddedRef.FindStringSubmatch(m)
		i, _ := strconv.Atoi(sub[2])
		name := "embedded image " + sub[2]
		switch {
		case i >= len(d.embedded):
			return sub[1]
		case stored == maxArticleImages:
			removed = append(removed, name+": more than "+strconv.Itoa(maxArticleImages)+" images in the article")
			return sub[1]
		}
		p, err, _ := s.checkAndStore(d.embedded[i], name)
		if err != nil {
			removed = append(removed, err.Error())
			return sub[1]
		}
		stored++
		return "![" + sub[1] + "](" + p + ")"
	})
	d.embedded = nil
	d.stored = stored
	if len(removed) > 0 {
		d.imageNotes = append(d.imageNotes, fmt.Sprintf("%d image(s) removed, not safe to publish: %s", len(removed), strings.Join(removed, "; ")))
	}
	if len(missing) > 0 {
		d.imageNotes = append(d.imageNotes, fmt.Sprintf("%d image(s) left out, not in the page's archive (brief import --fetch-images fetches them from the web): %s", len(missing), strings.Join(missing, "; ")))
	}
	if len(kept) > 0 {
		// Offline, every image fails the same way, each with a long
		// chain of network errors: the note says why once, and the
		// debug log has each.
		n := fmt.Sprintf("%d image(s) left at the publisher's address, not fetched: %s", len(kept), kept[0])
		if len(kept) > 1 {
			n += fmt.Sprintf(" (and %d more; BRIEF_DEBUG=1 lists each)", len(kept)-1)
		}
		d.imageNotes = append(d.imageNotes, n)
		for _, k := range kept {
			s.log.Debug("image left at the publisher's address", "page", d.scrapedFrom, "err", k)
		}
	}
}
