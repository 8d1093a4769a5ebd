// Package thumb makes the thumbnails of image and video evidence, for the cards of
// the application and the PDF report of the export: one decoder with one
// bound on work, one downscaling filter. It knows nothing of Fyne.
package thumb

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // evidence images: screenshots in PNG, photos in JPEG, GIF
	_ "image/jpeg"
	_ "image/png"
	"io"
)

// MaxPixels is the largest image decoded for a thumbnail: a decoded image
// takes 4 bytes a pixel while it is scaled down, so about 160 MiB, above
// any real screenshot (8K is 33 Mpx). A larger image, or a decompression
// bomb claiming to be one, is refused from its header.
const MaxPixels = 40 << 20

// maxHeader bounds what is read to learn an image's size (a JPEG may
// carry metadata before its frame header).
const maxHeader = 1 << 20

// ErrTooLarge is the error for an image above MaxPixels.
var ErrTooLarge = errors.New("image too large for a thumbnail")

// Decode reads the image r yields, streaming (never the whole file in
// memory), and returns it scaled down to fit maxW×maxH (never enlarged).
// An image whose header announces more than MaxPixels is refused before
// any pixel is decoded.
//
// A video (AVI, MP4, Matroska) gets the thumbnail of one of its frames
// (see decodeVideo).
func Decode(r io.Reader, maxW, maxH int) (*image.RGBA, error) {
	br := bufio.NewReader(r)
	if sniff, _ := br.Peek(12); isVideo(sniff) {
		return decodeVideo(br, sniff, 0, maxW, maxH)
	}
	r = br
	var head bytes.Buffer
	cfg, _, err := image.DecodeConfig(io.TeeReader(io.LimitReader(r, maxHeader), &head))
	if err != nil {
		return nil, fmt.Errorf("image header: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxPixels/cfg.Height {
		return nil, fmt.Errorf("%w: %d×%d pixels", ErrTooLarge, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(io.MultiReader(&head, r))
	if err != nil {
		return nil, fmt.Errorf("image: %w", err)
	}
	return Scale(img, maxW, maxH), nil
}

// Scale returns img scaled to fit maxW×maxH (never enlarged), each pixel
// the average of a grid of up to 4×4 samples of the area it covers, so
// that the fine detail of a screenshot (text, one-pixel lines) turns grey
// instead of aliasing.
func Scale(img image.Image, maxW, maxH int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	scale := min(float64(maxW)/float64(w), float64(maxH)/float64(h), 1)
	dw, dh := max(1, int(float64(w)*scale)), max(1, int(float64(h)*scale))
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	// Samples are read without the allocation At makes per call: straight
	// from the pixels of an RGBA image, else through RGBA64At (a struct).
	at := func(x, y int) (r, g, b, a uint32) { return img.At(x, y).RGBA() }
	switch fast := img.(type) {
	case *image.RGBA: // screen captures
		at = func(x, y int) (r, g, b, a uint32) {
			i := fast.PixOffset(x, y)
			p := fast.Pix[i : i+4 : i+4]
			return uint32(p[0]) * 0x101, uint32(p[1]) * 0x101, uint32(p[2]) * 0x101, uint32(p[3]) * 0x101
		}
	case image.RGBA64Image:
		at = func(x, y int) (r, g, b, a uint32) {
			c := fast.RGBA64At(x, y)
			return uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
		}
	}
	const grid = 4
	for y := range dh {
		y0, y1 := y*h/dh, max((y+1)*h/dh, y*h/dh+1)
		for x := range dw {
			x0, x1 := x*w/dw, max((x+1)*w/dw, x*w/dw+1)
			var r, g, bl, a, n uint32
			for sy := range grid {
				py := y0 + (y1-y0)*sy/grid
				for sx := range grid {
					px := x0 + (x1-x0)*sx/grid
					cr, cg, cb, ca := at(b.Min.X+px, b.Min.Y+py)
					r, g, bl, a, n = r+cr, g+cg, bl+cb, a+ca, n+1
				}
			}
			dst.SetRGBA(x, y, color.RGBA{uint8(r / n >> 8), uint8(g / n >> 8), uint8(bl / n >> 8), uint8(a / n >> 8)})
		}
	}
	return dst
}
