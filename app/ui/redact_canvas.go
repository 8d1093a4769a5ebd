package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// minDrawn is the smallest rectangle, in image pixels, that a drag makes:
// a click or a slip of the mouse draws nothing.
const minDrawn = 3

// canvasMarks is what the capture canvas draws over the picture.
type canvasMarks struct {
	masks    []image.Rectangle
	crop     *image.Rectangle
	anns     []dossier.Annotation
	selected int // index in anns, or -1
	// live is how a drag in progress is shown: liveBox (a rectangle),
	// liveLine (an arrow being drawn) or liveNone (a mark being moved).
	live  int
	tint  color.Color // the live shape's colour
	frame bool        // the live box is a crop frame
}

const (
	liveBox = iota
	liveLine
	liveNone
)

// redactCanvas shows a capture scaled to fit (letterboxed, as
// canvas.ImageFillContain draws it) with its annotations, masks and crop
// over it, and turns taps and drags into image coordinates. Annotations
// are painted by capture.Layer onto a transparent image the size of the
// picture on screen, with the same painter as the saved image; the
// capture itself is uploaded once and never redrawn.
type redactCanvas struct {
	widget.BaseWidget
	img image.Image
	cnv fyne.Canvas
	// marks tells what to draw.
	marks func() canvasMarks
	// onTap receives a tap; onDrag each move of a drag and its end (done),
	// from where the button was pressed to where the pointer is.
	onTap  func(image.Point)
	onDrag func(from, to image.Point, done bool)

	layer      *capture.Layer
	dirty      bool
	dragging   bool
	start, cur fyne.Position
}

func newRedactCanvas(img image.Image, cnv fyne.Canvas, marks func() canvasMarks, onTap func(image.Point), onDrag func(from, to image.Point, done bool)) *redactCanvas {
	c := &redactCanvas{img: img, cnv: cnv, marks: marks, onTap: onTap, onDrag: onDrag, dirty: true}
	c.ExtendBaseWidget(c)
	return c
}

// marksChanged redraws the annotation layer at the next refresh.
func (c *redactCanvas) marksChanged() {
	c.dirty = true
	c.Refresh()
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

// Tapped implements fyne.Tappable.
func (c *redactCanvas) Tapped(e *fyne.PointEvent) { c.onTap(c.toImage(e.Position)) }

// Dragged implements fyne.Draggable. The first event of a drag carries
// the distance from where the button was pressed.
func (c *redactCanvas) Dragged(e *fyne.DragEvent) {
	if !c.dragging {
		c.dragging = true
		c.start = fyne.NewPos(e.Position.X-e.Dragged.DX, e.Position.Y-e.Dragged.DY)
	}
	c.cur = e.Position
	c.onDrag(c.toImage(c.start), c.toImage(c.cur), false)
	c.Refresh()
}

// DragEnd implements fyne.Draggable.
func (c *redactCanvas) DragEnd() {
	if !c.dragging {
		return
	}
	c.dragging = false
	c.Refresh()
	c.onDrag(c.toImage(c.start), c.toImage(c.cur), true)
}

// MinSize keeps the preview usable in a small window.
func (c *redactCanvas) MinSize() fyne.Size { return fyne.NewSize(320, 200) }

// CreateRenderer implements fyne.Widget.
func (c *redactCanvas) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	pic := canvas.NewImageFromImage(c.img)
	pic.FillMode = canvas.ImageFillContain
	pic.ScaleMode = canvas.ImageScaleSmooth
	layer := canvas.NewImageFromImage(nil)
	layer.FillMode = canvas.ImageFillStretch
	r := &redactRenderer{c: c, bg: bg, pic: pic, layerImg: layer}
	r.Refresh()
	return r
}

type redactRenderer struct {
	c        *redactCanvas
	bg       *canvas.Rectangle
	pic      *canvas.Image
	layerImg *canvas.Image
	overlay  []fyne.CanvasObject
}

func (r *redactRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.pic.Resize(s)
	r.Refresh()
}

func (r *redactRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *redactRenderer) Objects() []fyne.CanvasObject {
	return append([]fyne.CanvasObject{r.bg, r.pic, r.layerImg}, r.overlay...)
}

func (r *redactRenderer) Destroy() {}

// placeLayer sizes the annotation layer to the picture's rectangle in
// device pixels, making a new one when that size changes.
func (r *redactRenderer) placeLayer() {
	c := r.c
	full := c.img.Bounds()
	pos, size := c.toWidget(full.Sub(full.Min))
	r.layerImg.Move(pos)
	r.layerImg.Resize(size)
	scale := float32(1)
	if c.cnv != nil && c.cnv.Scale() > 0 {
		scale = c.cnv.Scale()
	}
	px := image.Pt(int(size.Width*scale+0.5), int(size.Height*scale+0.5))
	if px.X <= 0 || px.Y <= 0 || full.Empty() {
		return
	}
	if c.layer == nil || c.layer.Image.Rect.Size() != capture.NewLayerSize(full.Size(), px) {
		c.layer = capture.NewLayer(full.Size(), px)
		c.dirty = true
	}
}

// Refresh repaints the annotation layer when the marks changed, then
// rebuilds the overlay: masks drawn as they will be stored (over the
// annotations), the area outside the crop dimmed, the selected mark
// framed, and the shape being drawn.
func (r *redactRenderer) Refresh() {
	c := r.c
	m := c.marks()
	r.placeLayer()
	if c.layer != nil && c.dirty {
		c.layer.Redraw(m.anns)
		c.dirty = false
		r.layerImg.Image = c.layer.Image
		r.layerImg.Refresh()
	}
	r.overlay = r.overlay[:0]
	place := func(o fyne.CanvasObject, rect image.Rectangle) {
		pos, size := c.toWidget(rect)
		o.Move(pos)
		o.Resize(size)
		r.overlay = append(r.overlay, o)
	}
	for _, mk := range m.masks {
		place(canvas.NewRectangle(redactFill()), mk)
	}
	if m.crop != nil {
		r.shadeOutside(*m.crop, place)
	}
	if m.selected >= 0 && m.selected < len(m.anns) && c.layer != nil {
		sel := canvas.NewRectangle(color.Transparent)
		sel.StrokeColor = theme.Color(theme.ColorNamePrimary)
		sel.StrokeWidth = 2
		sel.CornerRadius = 3
		a := m.anns[m.selected]
		place(sel, c.layer.Bounds(a).Inset(-2))
		if a.Kind.Boxed() || a.Kind == dossier.AnnotArrow {
			for _, p := range []image.Point{{a.X, a.Y}, {a.X2, a.Y2}} {
				r.overlay = append(r.overlay, r.handle(p))
			}
		}
	}
	if c.dragging {
		r.liveShape(m)
	}
	// The picture itself is not refreshed: that would upload the whole
	// capture again as a texture at every mouse move.
	canvas.Refresh(r.c)
}

// handle is the square drawn on an end of the chosen mark, which a drag
// moves.
func (r *redactRenderer) handle(p image.Point) fyne.CanvasObject {
	pos, _ := r.c.toWidget(image.Rectangle{Min: p, Max: p})
	h := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	h.StrokeColor = theme.Color(theme.ColorNamePrimary)
	h.StrokeWidth = 2
	h.Move(pos.SubtractXY(handleSize/2, handleSize/2))
	h.Resize(fyne.NewSquareSize(handleSize))
	return h
}

// shadeOutside dims the picture outside the crop and frames the crop.
func (r *redactRenderer) shadeOutside(crop image.Rectangle, place func(fyne.CanvasObject, image.Rectangle)) {
	full := r.c.img.Bounds().Sub(r.c.img.Bounds().Min)
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

// liveShape shows the rectangle or the line being drawn.
func (r *redactRenderer) liveShape(m canvasMarks) {
	c := r.c
	switch m.live {
	case liveLine:
		l := canvas.NewLine(m.tint)
		l.StrokeWidth = 3
		l.Position1, l.Position2 = c.start, c.cur
		r.overlay = append(r.overlay, l)
	case liveBox:
		d := image.Rectangle{Min: c.toImage(c.start), Max: c.toImage(c.cur)}.Canon()
		live := canvas.NewRectangle(color.NRGBA{A: 0x60})
		live.StrokeColor = m.tint
		if m.frame {
			live.FillColor = color.Transparent
			live.StrokeColor = theme.Color(theme.ColorNamePrimary)
		}
		live.StrokeWidth = 2
		pos, size := c.toWidget(d)
		live.Move(pos)
		live.Resize(size)
		r.overlay = append(r.overlay, live)
	}
}
