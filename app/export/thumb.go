package export

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/jpeg"

	// Decoders for the screenshots the report shows as thumbnails.
	_ "image/gif"
	_ "image/png"

	"golang.org/x/image/draw"
)

// maxThumbPixels bounds the images the report decodes: a larger one (or a
// decompression bomb claiming to be) is listed instead of shown. 40 Mpx is
// about 160 MiB decoded, above any real screenshot (8K is 33 Mpx).
const maxThumbPixels = 40_000_000

// thumbnail decodes one image from the dossier and returns it downscaled to
// fit within limit×limit pixels, as JPEG. Only one image is decoded at a time;
// the caller keeps the small JPEG only.
func thumbnail(src Source, sha string, limit int) (data []byte, w, h int, err error) {
	rc, err := src.OpenContent(sha)
	if err != nil {
		return nil, 0, 0, err
	}
	cfg, _, err := image.DecodeConfig(bufio.NewReader(rc))
	rc.Close()
	if err != nil {
		return nil, 0, 0, fmt.Errorf("image illisible : %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxThumbPixels {
		return nil, 0, 0, fmt.Errorf("image de %d×%d pixels trop grande pour un aperçu", cfg.Width, cfg.Height)
	}
	rc, err = src.OpenContent(sha)
	if err != nil {
		return nil, 0, 0, err
	}
	img, _, err := image.Decode(bufio.NewReader(rc))
	rc.Close()
	if err != nil {
		return nil, 0, 0, fmt.Errorf("image illisible : %w", err)
	}
	b := img.Bounds()
	w, h = b.Dx(), b.Dy()
	if w > limit || h > limit {
		if w >= h {
			w, h = limit, max(1, b.Dy()*limit/b.Dx())
		} else {
			w, h = max(1, b.Dx()*limit/b.Dy()), limit
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 75}); err != nil {
		return nil, 0, 0, err
	}
	return buf.Bytes(), w, h, nil
}
