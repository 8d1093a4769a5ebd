package capture

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif"  // GIF proofs can be annotated
	_ "image/jpeg" // JPEG proofs can be annotated
	_ "image/png"

	_ "golang.org/x/image/bmp" // the Windows clipboard's images (DIBs) arrive as BMP

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// MaxEncoded bounds the encoded image Decode accepts (an image proof
// opened again, a pasted image): far above a PNG of four 4K screens.
const MaxEncoded = 256 << 20

// Decode reads a PNG, JPEG, GIF or BMP named name into an RGBA image whose
// bounds start at 0,0, for the editor. Its size is checked from the
// header before any pixel is decoded: an image too large to edit gives
// FaultImageTooLarge, anything unreadable FaultBadImage.
func Decode(data []byte, name string) (*image.RGBA, error) {
	if len(data) > MaxEncoded {
		return nil, dossier.E(dossier.FaultImageTooLarge, name, fmt.Errorf("%d bytes", len(data)))
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, dossier.E(dossier.FaultBadImage, name, err)
	}
	r := image.Rect(0, 0, cfg.Width, cfg.Height)
	if r.Empty() {
		return nil, dossier.E(dossier.FaultBadImage, name, fmt.Errorf("empty image %dx%d", cfg.Width, cfg.Height))
	}
	if !fitsInMemory(r) {
		return nil, dossier.E(dossier.FaultImageTooLarge, name, fmt.Errorf("image %v", r))
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, dossier.E(dossier.FaultBadImage, name, err)
	}
	if rgba, ok := img.(*image.RGBA); ok && rgba.Rect.Min == (image.Point{}) {
		return rgba, nil
	}
	out := image.NewRGBA(image.Rectangle{Max: img.Bounds().Size()})
	draw.Draw(out, out.Rect, img, img.Bounds().Min, draw.Src)
	return out, nil
}
