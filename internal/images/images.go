// Package images reads, checks and resizes the raster images a briefing
// publishes: the pictures import stores beside the articles, and the
// smaller copies the build writes for responsive pages. Everything it is
// given may come from a hostile page, so nothing is decoded before its
// header says it is a JPEG, PNG, GIF or WebP of a bounded size; SVG and
// every other type are refused, since a picture that can carry script is
// never published.
package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decodes GIF
	"image/jpeg"
	"image/png"
	"net/http"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // decodes WebP, which many publishers serve
)

// Limits on one image. A 100-byte PNG can claim 60,000 × 60,000 pixels
// and cost 14 GB to decode; these are checked on the header alone.
const (
	// MaxPixels bounds width × height: 40 megapixels, more than any
	// news photograph and about 160 MB decoded.
	MaxPixels = 40_000_000
	// MaxSide bounds either side, so that a 1 × 40,000,000 strip is
	// refused as well.
	MaxSide = 16_384
	// MaxBytes bounds an image file: larger files are refused before
	// they are read whole.
	MaxBytes = 20 << 20
)

// Format names the image types brief publishes.
type Format string

// The formats Probe accepts.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
)

// Ext is the file extension, with its dot, for a stored image of format f.
func (f Format) Ext() string {
	if f == JPEG {
		return ".jpg"
	}
	return "." + string(f)
}

// Info is what an image's header says about it: its format and its size
// in pixels.
type Info struct {
	Format        Format
	Width, Height int
}

// ErrNotImage is returned, wrapped, for bytes that are not a raster image
// brief publishes (SVG, HTML, PDF, anything unknown).
var ErrNotImage = errors.New("not a JPEG, PNG, GIF or WebP image")

// Probe reads an image's header and checks it against the limits without
// decoding its pixels. It sniffs the bytes and trusts no name or
// Content-Type: an SVG served as image/png is still refused.
func Probe(data []byte) (Info, error) {
	if len(data) > MaxBytes {
		return Info{}, fmt.Errorf("the image is %d bytes, over the %d MiB limit", len(data), MaxBytes>>20)
	}
	f, err := sniff(data)
	if err != nil {
		return Info{}, err
	}
	cfg, name, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Info{}, fmt.Errorf("unreadable %s header: %w", f, err)
	}
	if Format(name) != f {
		return Info{}, fmt.Errorf("%w: the bytes look like %s but decode as %s", ErrNotImage, f, name)
	}
	in := Info{Format: f, Width: cfg.Width, Height: cfg.Height}
	switch {
	case in.Width <= 0 || in.Height <= 0:
		return Info{}, fmt.Errorf("the image claims %d × %d pixels", in.Width, in.Height)
	case in.Width > MaxSide || in.Height > MaxSide || int64(in.Width)*int64(in.Height) > MaxPixels:
		return Info{}, fmt.Errorf("the image claims %d × %d pixels, over the limit of %d megapixels and %d pixels a side (a decompression bomb, or a scan: shrink it first)", in.Width, in.Height, MaxPixels/1_000_000, MaxSide)
	}
	return in, nil
}

// sniff names the format of data from its first bytes.
func sniff(data []byte) (Format, error) {
	switch ct := http.DetectContentType(data); ct {
	case "image/jpeg":
		return JPEG, nil
	case "image/png":
		return PNG, nil
	case "image/gif":
		return GIF, nil
	case "image/webp":
		return WebP, nil
	default:
		if bytes.Contains(data[:min(len(data), 1024)], []byte("<svg")) {
			return "", fmt.Errorf("%w: SVG, which can carry script", ErrNotImage)
		}
		return "", fmt.Errorf("%w: the bytes look like %s", ErrNotImage, ct)
	}
}

// Decode checks data with Probe and decodes it. A truncated or corrupt
// image is an error, not a half-grey picture.
func Decode(data []byte) (image.Image, Info, error) {
	in, err := Probe(data)
	if err != nil {
		return nil, Info{}, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, Info{}, fmt.Errorf("decoding the %s image: %w", in.Format, err)
	}
	return img, in, nil
}

// Widths are the widths, in pixels, of the smaller copies the build
// writes of a wide image: a phone, a phone at 2× or a column at 1×, a
// column at 2×. The image itself serves every larger screen.
var Widths = []int{480, 800, 1200}

// SmallerWidths returns the entries of Widths below width, the copies
// worth writing of an image that wide.
func SmallerWidths(width int) []int {
	var out []int
	for _, w := range Widths {
		if w < width {
			out = append(out, w)
		}
	}
	return out
}

// HeightAt is the height of an image of the given size scaled to width,
// rounded to the nearest pixel and at least 1.
func HeightAt(in Info, width int) int {
	return max(1, (in.Height*width+in.Width/2)/in.Width)
}

// JPEGQuality is the quality of the JPEG copies: smaller than the
// publisher's file, no visible loss at the sizes shown.
const JPEGQuality = 82

// Resize decodes data and encodes a copy width pixels wide, keeping its
// aspect ratio. JPEGs stay JPEG; other formats become PNG (GIF loses its
// animation: the copy is its first frame). The same bytes and width give
// the same output bytes, so builds stay reproducible. It returns the copy
// and its format.
func Resize(data []byte, width int) ([]byte, Format, error) {
	src, in, err := Decode(data)
	if err != nil {
		return nil, "", err
	}
	if width <= 0 || width > in.Width {
		return nil, "", fmt.Errorf("cannot resize a %d-pixel-wide image to %d", in.Width, width)
	}
	dst := scale(src, width, HeightAt(in, width))
	var buf bytes.Buffer
	out := CopyFormat(in.Format)
	if out == JPEG {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: JPEGQuality})
	} else {
		err = png.Encode(&buf, dst)
	}
	if err != nil {
		return nil, "", fmt.Errorf("encoding a %d-pixel copy: %w", width, err)
	}
	return buf.Bytes(), out, nil
}

// scale shrinks src to w × h by halving it while it is over twice as
// large, then one last step: each step is a bilinear filter over at most
// a 2:1 reduction, which averages every source pixel (no aliasing), at a
// fraction of the cost of a Catmull-Rom kernel over the whole reduction
// (BenchmarkResize compares them; figures in bench/build/README.md).
func scale(src image.Image, w, h int) *image.RGBA {
	cur := src
	b := src.Bounds()
	for b.Dx() >= 2*w && b.Dy() >= 2*h {
		half := image.NewRGBA(image.Rect(0, 0, (b.Dx()+1)/2, (b.Dy()+1)/2))
		draw.ApproxBiLinear.Scale(half, half.Bounds(), cur, b, draw.Src, nil)
		cur, b = half, half.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), cur, b, draw.Src, nil)
	return dst
}

// CopyFormat is the format of the resized copies of an image of format f.
func CopyFormat(f Format) Format {
	if f == JPEG {
		return JPEG
	}
	return PNG
}
