package capture

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Edit is what the user did to a capture in the preview editor.
// Rectangles are in the image's coordinates (for an image from Grab, pixel
// offsets from its top-left corner). They may be inverted or reach outside
// the image: they are normalised and clamped to it.
type Edit struct {
	// Crop keeps only this rectangle; nil keeps the whole image.
	Crop *image.Rectangle
	// Redactions are the masked rectangles.
	Redactions []image.Rectangle
	// Fill is the masking colour; nil means opaque black. It must be
	// opaque, so that nothing of the masked pixels shows through.
	Fill color.Color
	// Annotations are drawn into the pixels (see Painter), under the
	// masks.
	Annotations []dossier.Annotation
}

// Stored is the annotations as the image Apply makes from img holds
// them: in its coordinates once cropped, without those the crop leaves
// out.
func (e Edit) Stored(img image.Image) []dossier.Annotation {
	if len(e.Annotations) == 0 || img == nil {
		return nil
	}
	b := img.Bounds()
	keep := b
	if e.Crop != nil {
		keep = e.Crop.Canon().Intersect(b)
	}
	var p Painter
	return p.kept(e.Annotations, keep, StyleFor(b.Size()))
}

// fill is e's masking colour, checked.
func (e Edit) fill() (color.RGBA, error) {
	if e.Fill == nil {
		return color.RGBA{A: 0xff}, nil
	}
	c := color.RGBAModel.Convert(e.Fill).(color.RGBA)
	if c.A != 0xff {
		return color.RGBA{}, dossier.E(dossier.FaultTranslucent, "", fmt.Errorf("fill alpha %d", c.A))
	}
	return c, nil
}

// Apply returns a new image holding img with e applied; img is not
// modified. The annotations are drawn first, at full resolution (their
// size follows the image's: StyleFor); then the masks are applied to these
// final pixels, which are replaced by the solid fill colour (irreversibly:
// nothing of them remains in the result, and no mark drawn over them
// either); then the crop. The result's bounds start at 0,0.
// An image too large to copy, a non-opaque fill, or a crop that is empty
// once clamped to the image give a *dossier.Error of the matching fault.
func Apply(img image.Image, e Edit) (*image.RGBA, error) {
	if img == nil {
		return nil, dossier.E(dossier.FaultNoImage, "", nil)
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, dossier.E(dossier.FaultNoImage, "", errors.New("empty image"))
	}
	if !fitsInMemory(b) {
		return nil, dossier.E(dossier.FaultImageTooLarge, "", fmt.Errorf("image %v", b))
	}
	fill, err := e.fill()
	if err != nil {
		return nil, err
	}
	keep := b
	if e.Crop != nil {
		keep = e.Crop.Canon().Intersect(b)
		if keep.Empty() {
			return nil, dossier.E(dossier.FaultBadCrop, "", fmt.Errorf("crop %v outside image %v or empty", *e.Crop, b))
		}
	}

	full := image.NewRGBA(b)
	draw.Draw(full, b, img, b.Min, draw.Src)
	if len(e.Annotations) > 0 {
		var p Painter
		p.Draw(full, e.Annotations, StyleFor(b.Size()), View{Scale: 1, Origin: image.Point{}})
	}
	src := image.NewUniform(fill)
	for _, r := range e.Redactions {
		r = r.Canon().Intersect(b)
		if !r.Empty() {
			draw.Draw(full, r, src, image.Point{}, draw.Src)
		}
	}
	if e.Crop == nil {
		full.Rect = full.Rect.Sub(b.Min)
		return full, nil
	}
	out := image.NewRGBA(image.Rectangle{Max: keep.Size()})
	draw.Draw(out, out.Rect, full, keep.Min, draw.Src)
	return out, nil
}
