package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// minDrawn is the smallest rectangle, in image pixels, that a drag makes:
// a click or a slip of the mouse draws nothing.
const minDrawn = 3

// redactCanvas shows a capture scaled to fit (letterboxed, as
// canvas.ImageFillContain draws it) with the masks and the crop over it,
// and turns mouse drags into rectangles in image coordinates.
type redactCanvas struct {
	widget.BaseWidget
	img image.Image
	// onRect receives each rectangle drawn, in image coordinates.
	onRect func(image.Rectangle)
	// boxes tells what to draw over the image, and whether a drag crops.
	boxes func() (masks []image.Rectangle, crop *image.Rectangle, cropping bool)

	dragging   bool
	start, cur fyne.Position
}

func newRedactCanvas(img image.Image, onRect func(image.Rectangle), boxes func() ([]image.Rectangle, *image.Rectangle, bool)) *redactCanvas {
	c := &redactCanvas{img: img, onRect: onRect, boxes: boxes}
	c.ExtendBaseWidget(c)
	return c
}

// fit is where the image lies in a widget of size s: its scale (widget
// units per image pixel) and the offset of its top-left corner.
func (c *redactCanvas) fit(s fyne.Size) (scale float32, off fyne.Position) {
	b := c.img.Bounds()
	iw, ih := float32(b.Dx()), float32(b.Dy())
	if iw <= 0 || ih <= 0 || s.Width <= 0 || s.Height <= 0 {
		return 1, fyne.Position{}
	}
	scale = min(s.Width/iw, s.Height/ih)
	return scale, fyne.NewPos((s.Width-iw*scale)/2, (s.Height-ih*scale)/2)
}

// toImage maps a widget position to the image pixel grid, clamped to the
// image (a drag may leave the picture into the letterbox bands).
func (c *redactCanvas) toImage(p fyne.Position) image.Point {
	scale, off := c.fit(c.Size())
	b := c.img.Bounds()
	x := int(math.Round(float64((p.X - off.X) / scale)))
	y := int(math.Round(float64((p.Y - off.Y) / scale)))
	return image.Pt(max(0, min(b.Dx(), x)), max(0, min(b.Dy(), y)))
}

// toWidget maps an image rectangle to the widget's coordinates.
func (c *redactCanvas) toWidget(r image.Rectangle) (fyne.Position, fyne.Size) {
	scale, off := c.fit(c.Size())
	return fyne.NewPos(off.X+float32(r.Min.X)*scale, off.Y+float32(r.Min.Y)*scale),
		fyne.NewSize(float32(r.Dx())*scale, float32(r.Dy())*scale)
}

// Dragged implements fyne.Draggable. The first event of a drag carries
// the distance from where the button was pressed.
func (c *redactCanvas) Dragged(e *fyne.DragEvent) {
	if !c.dragging {
		c.dragging = true
		c.start = fyne.NewPos(e.Position.X-e.Dragged.DX, e.Position.Y-e.Dragged.DY)
	}
	c.cur = e.Position
	c.Refresh()
}

// DragEnd implements fyne.Draggable.
func (c *redactCanvas) DragEnd() {
	if !c.dragging {
		return
	}
	c.dragging = false
	r := image.Rectangle{Min: c.toImage(c.start), Max: c.toImage(c.cur)}.Canon()
	c.Refresh()
	if r.Dx() >= minDrawn && r.Dy() >= minDrawn {
		c.onRect(r)
	}
}

// MinSize keeps the preview usable in a small window.
func (c *redactCanvas) MinSize() fyne.Size { return fyne.NewSize(320, 200) }

// CreateRenderer implements fyne.Widget.
func (c *redactCanvas) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	pic := canvas.NewImageFromImage(c.img)
	pic.FillMode = canvas.ImageFillContain
	pic.ScaleMode = canvas.ImageScaleSmooth
	r := &redactRenderer{c: c, bg: bg, pic: pic}
	r.Refresh()
	return r
}

type redactRenderer struct {
	c       *redactCanvas
	bg      *canvas.Rectangle
	pic     *canvas.Image
	overlay []fyne.CanvasObject
}

func (r *redactRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.pic.Resize(s)
	r.Refresh()
}

func (r *redactRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *redactRenderer) Objects() []fyne.CanvasObject {
	return append([]fyne.CanvasObject{r.bg, r.pic}, r.overlay...)
}

func (r *redactRenderer) Destroy() {}

// Refresh rebuilds the overlay: masks drawn as they will be stored,
// the area outside the crop dimmed, and the rectangle being drawn.
func (r *redactRenderer) Refresh() {
	c := r.c
	masks, crop, cropping := c.boxes()
	r.overlay = r.overlay[:0]
	place := func(o fyne.CanvasObject, rect image.Rectangle) {
		pos, size := c.toWidget(rect)
		o.Move(pos)
		o.Resize(size)
		r.overlay = append(r.overlay, o)
	}
	for _, m := range masks {
		place(canvas.NewRectangle(redactFill()), m)
	}
	if crop != nil {
		full := c.img.Bounds().Sub(c.img.Bounds().Min)
		k := crop.Intersect(full)
		shade := color.NRGBA{A: 0x90}
		for _, band := range []image.Rectangle{
			image.Rect(full.Min.X, full.Min.Y, full.Max.X, k.Min.Y),
			image.Rect(full.Min.X, k.Max.Y, full.Max.X, full.Max.Y),
			image.Rect(full.Min.X, k.Min.Y, k.Min.X, k.Max.Y),
			image.Rect(k.Max.X, k.Min.Y, full.Max.X, k.Max.Y),
		} {
			if !band.Empty() {
				place(canvas.NewRectangle(shade), band)
			}
		}
		frame := canvas.NewRectangle(color.Transparent)
		frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
		frame.StrokeWidth = 2
		place(frame, k)
	}
	if c.dragging {
		d := image.Rectangle{Min: c.toImage(c.start), Max: c.toImage(c.cur)}.Canon()
		live := canvas.NewRectangle(color.NRGBA{A: 0x60})
		live.StrokeColor = color.NRGBA{R: 0xe0, G: 0x20, B: 0x20, A: 0xff}
		if cropping {
			live.FillColor = color.Transparent
			live.StrokeColor = theme.Color(theme.ColorNamePrimary)
		}
		live.StrokeWidth = 2
		place(live, d)
	}
	// The picture itself is not refreshed: that would upload the whole
	// capture again as a texture at every mouse move.
	canvas.Refresh(r.c)
}
