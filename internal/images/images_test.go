package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"golang.org/x/image/draw"
)

// picture is a w × h gradient, so that resizing has something to blend.
func picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 90, 255})
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bombPNG is a valid PNG whose header claims w × h pixels: the header is
// rewritten, with its checksum, after encoding a 1 × 1 image.
func bombPNG(t testing.TB, w, h uint32) []byte {
	data := encodePNG(t, picture(1, 1))
	ihdr := data[8+8 : 8+8+13] // after the signature, the chunk's length and type
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	binary.BigEndian.PutUint32(data[8+8+13:], crc32.ChecksumIEEE(data[8+4:8+8+13]))
	return data
}

func TestProbe(t *testing.T) {
	var gifBuf bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 30, 20), color.Palette{color.Black, color.White})
	if err := gif.Encode(&gifBuf, pal, nil); err != nil {
		t.Fatal(err)
	}
	jpg := encodeJPEG(t, picture(640, 360))
	for _, tc := range []struct {
		name string
		data []byte
		want Info
		err  string
	}{
		{"png", encodePNG(t, picture(300, 200)), Info{PNG, 300, 200}, ""},
		{"jpeg", jpg, Info{JPEG, 640, 360}, ""},
		{"gif", gifBuf.Bytes(), Info{GIF, 30, 20}, ""},
		{"pixel bomb", bombPNG(t, 60000, 60000), Info{}, "over the limit"},
		{"long strip", bombPNG(t, 1, 40000), Info{}, "over the limit"},
		{"zero size", bombPNG(t, 0, 10), Info{}, "unreadable png header"},
		{"svg with script", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>`), Info{}, "SVG"},
		{"html named png", []byte("<!DOCTYPE html><html><body><script>alert(1)</script>"), Info{}, "text/html"},
		{"empty", nil, Info{}, "not a JPEG"},
		{"truncated header", jpg[:20], Info{}, "unreadable jpeg header"},
		{"too many bytes", append(encodePNG(t, picture(2, 2)), make([]byte, MaxBytes)...), Info{}, "MiB limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Probe(tc.data)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Probe = %+v, %v; want an error with %q", got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Probe = %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestNotImageIsWrapped(t *testing.T) {
	_, err := Probe([]byte("<svg><script>alert(1)</script></svg>"))
	if !errors.Is(err, ErrNotImage) {
		t.Fatalf("err = %v, want ErrNotImage", err)
	}
}

// A truncated image passes Probe (its header is whole) but not Decode or
// Resize: no half-grey copy is published.
func TestTruncatedImageIsRefused(t *testing.T) {
	data := encodePNG(t, picture(900, 600))
	cut := data[:len(data)/2]
	if _, err := Probe(cut); err != nil {
		t.Fatalf("Probe of a truncated PNG: %v (its header is whole)", err)
	}
	if _, _, err := Resize(cut, 480); err == nil {
		t.Fatal("Resize of a truncated PNG succeeded")
	}
}

func TestResize(t *testing.T) {
	for _, tc := range []struct {
		name   string
		data   []byte
		width  int
		format Format
		height int
	}{
		{"jpeg stays jpeg", encodeJPEG(t, picture(1000, 563)), 480, JPEG, 270},
		{"png stays png", encodePNG(t, picture(1000, 500)), 800, PNG, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, f, err := Resize(tc.data, tc.width)
			if err != nil {
				t.Fatal(err)
			}
			if f != tc.format {
				t.Errorf("format %s, want %s", f, tc.format)
			}
			in, err := Probe(out)
			if err != nil || in.Width != tc.width || in.Height != tc.height {
				t.Errorf("copy is %+v, %v; want %d × %d", in, err, tc.width, tc.height)
			}
			again, _, err := Resize(tc.data, tc.width)
			if err != nil || !bytes.Equal(out, again) {
				t.Errorf("a second resize gave other bytes (%v)", err)
			}
		})
	}
	if _, _, err := Resize(encodePNG(t, picture(300, 300)), 480); err == nil {
		t.Error("enlarging a 300-pixel image succeeded")
	}
}

func TestSmallerWidths(t *testing.T) {
	for _, tc := range []struct {
		width int
		want  []int
	}{{300, nil}, {480, nil}, {481, []int{480}}, {1000, []int{480, 800}}, {4000, []int{480, 800, 1200}}} {
		got := SmallerWidths(tc.width)
		if len(got) != len(tc.want) {
			t.Errorf("SmallerWidths(%d) = %v, want %v", tc.width, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("SmallerWidths(%d) = %v, want %v", tc.width, got, tc.want)
			}
		}
	}
}

// BenchmarkResize measures a 1600 × 900 photograph's 800-pixel copy:
// brief's steps of at most 2:1 against one Catmull-Rom pass over the
// whole reduction, the costlier filter it replaced, side by side.
func BenchmarkResize(b *testing.B) {
	src := picture(1600, 900)
	b.Run("halving", func(b *testing.B) {
		for b.Loop() {
			scale(src, 800, 450)
		}
	})
	b.Run("catmull-rom", func(b *testing.B) {
		for b.Loop() {
			dst := image.NewRGBA(image.Rect(0, 0, 800, 450))
			draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		}
	})
	data := encodeJPEG(b, src)
	b.Run("jpeg-copy", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := Resize(data, 800); err != nil {
				b.Fatal(err)
			}
		}
	})
}
