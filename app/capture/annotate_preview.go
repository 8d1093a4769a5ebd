package capture

import (
	"image"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Layer is the annotation layer of the editor's preview: a transparent
// image the size of the picture on screen, over the picture, onto which
// the marks are drawn at that scale with the same Painter as the saved
// image (what the user sees is what is stored). Redrawing after a move
// clears and repaints this layer only: the capture itself, however large,
// is neither copied nor scaled again.
type Layer struct {
	// Image is the layer; its size is fixed by NewLayer.
	Image *image.RGBA
	view  View
	style Style
	p     Painter
}

// NewLayer makes the layer of an image of imgSize shown fitted into at
// most fit pixels (aspect ratio kept). Both sizes must be positive.
func NewLayer(imgSize, fit image.Point) *Layer {
	scale := layerScale(imgSize, fit)
	return &Layer{
		Image: image.NewRGBA(image.Rectangle{Max: NewLayerSize(imgSize, fit)}),
		view:  View{Scale: scale},
		style: StyleFor(imgSize),
		p:     Painter{Clear: true},
	}
}

// NewLayerSize is the size of the layer NewLayer makes.
func NewLayerSize(imgSize, fit image.Point) image.Point {
	scale := layerScale(imgSize, fit)
	return image.Pt(max(1, int(float32(imgSize.X)*scale+0.5)), max(1, int(float32(imgSize.Y)*scale+0.5)))
}

func layerScale(imgSize, fit image.Point) float32 {
	return min(float32(fit.X)/float32(imgSize.X), float32(fit.Y)/float32(imgSize.Y))
}

// Scale is the layer's pixels per image pixel.
func (l *Layer) Scale() float32 { return l.view.Scale }

// Redraw clears the layer and draws anns (image coordinates) on it.
func (l *Layer) Redraw(anns []dossier.Annotation) {
	clear(l.Image.Pix)
	l.p.Draw(l.Image, anns, l.style, l.view)
}

// ImagePixels is n layer pixels in image pixels (at least 1).
func (l *Layer) ImagePixels(n int) int { return max(1, int(float32(n)/l.view.Scale+0.5)) }

// Hit is the index of the topmost mark at pt (image coordinates), within
// tol layer pixels, or -1.
func (l *Layer) Hit(anns []dossier.Annotation, pt image.Point, tol int) int {
	return l.p.Hit(anns, pt, l.style, l.ImagePixels(tol))
}

// Bounds is the rectangle a mark covers, in image coordinates.
func (l *Layer) Bounds(a dossier.Annotation) image.Rectangle { return l.p.Bounds(a, l.style) }
