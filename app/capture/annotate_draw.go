package capture

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"
	"strconv"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// labelFont is the embedded font of step numbers and text labels (Go
// Bold: Latin-1 and beyond, so French accents render), parsed once.
var labelFont = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(gobold.TTF) })

// Painter draws annotations onto an RGBA image with anti-aliased vector
// shapes (golang.org/x/image/vector) and the embedded font. It keeps its
// rasteriser and font faces between calls; one Painter serves one
// goroutine.
type Painter struct {
	z     vector.Rasterizer
	mask  image.Alpha
	faces map[int]font.Face
	// Clear says that dst is transparent where nothing was drawn yet (the
	// editor's layer): dimming then writes its constant shade instead of
	// blending every pixel.
	Clear bool
}

// Draw paints anns onto dst as the view places them: spotlights first
// (they dim everything outside their boxes, but not the other marks),
// then highlights, then the other marks in the order given. Marks outside
// dst are clipped.
func (p *Painter) Draw(dst *image.RGBA, anns []dossier.Annotation, st Style, v View) {
	var lit []image.Rectangle
	for _, a := range anns {
		if a.Kind == dossier.AnnotSpotlight {
			lit = append(lit, v.rect(box(a)))
		}
	}
	if len(lit) > 0 {
		dimOutside(dst, lit, 0x9c, p.Clear)
	}
	for _, a := range anns {
		if a.Kind == dossier.AnnotHighlight {
			c := ColourOf(a.Color)
			if a.Color == "" {
				c = ColourOf("jaune")
			}
			c = premul(c, 0x70)
			draw.Draw(dst, v.rect(box(a)).Intersect(dst.Rect), image.NewUniform(c), image.Point{}, draw.Over)
		}
	}
	for _, a := range anns {
		p.drawMark(dst, a, st, v)
	}
}

// drawMark paints one mark other than a spotlight or a highlight.
func (p *Painter) drawMark(dst *image.RGBA, a dossier.Annotation, st Style, v View) {
	c := ColourOf(a.Color)
	w, h := st.Stroke*v.Scale, st.Halo*v.Scale
	switch a.Kind {
	case dossier.AnnotArrow:
		x0, y0 := v.pt(a.X, a.Y)
		x1, y1 := v.pt(a.X2, a.Y2)
		p.arrow(dst, x0, y0, x1, y1, w, h, haloColour())
		p.arrow(dst, x0, y0, x1, y1, w, 0, c)
	case dossier.AnnotRect, dossier.AnnotEllipse:
		r := box(a)
		x0, y0 := v.pt(r.Min.X, r.Min.Y)
		x1, y1 := v.pt(r.Max.X, r.Max.Y)
		ring := p.rectRing
		if a.Kind == dossier.AnnotEllipse {
			ring = p.ellipseRing
		}
		ring(dst, x0, y0, x1, y1, w/2+h, haloColour())
		ring(dst, x0, y0, x1, y1, w/2, c)
	case dossier.AnnotStep:
		cx, cy := v.pt(a.X, a.Y)
		r := st.Radius * v.Scale
		p.ellipse(dst, cx-r-h, cy-r-h, cx+r+h, cy+r+h, 0, haloColour())
		p.ellipse(dst, cx-r, cy-r, cx+r, cy+r, 0, c)
		p.text(dst, strconv.Itoa(a.Number), cx, cy, st.Text*v.Scale*0.8, inkOn(c), true)
	case dossier.AnnotText:
		x, y := v.pt(a.X, a.Y)
		size := st.Text * v.Scale
		tw, th := p.measure(a.Text, size)
		pad := size / 4
		p.fillRect(dst, x-h, y-h, x+tw+2*pad+h, y+th+2*pad+h, haloColour())
		p.fillRect(dst, x, y, x+tw+2*pad, y+th+2*pad, c)
		p.text(dst, a.Text, x+pad, y+pad, size, inkOn(c), false)
	}
}

// premul is c with alpha a, premultiplied as image.RGBA expects.
func premul(c color.RGBA, a uint8) color.RGBA {
	f := func(v uint8) uint8 { return uint8(uint32(v) * uint32(a) / 0xff) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), a}
}

// begin readies the rasteriser for a shape within the destination box
// r (clipped to dst); it returns the offset to subtract from the shape's
// points, and false when nothing of r lies in dst.
func (p *Painter) begin(dst *image.RGBA, x0, y0, x1, y1 float32) (image.Rectangle, bool) {
	r := image.Rect(int(math.Floor(float64(x0)))-1, int(math.Floor(float64(y0)))-1,
		int(math.Ceil(float64(x1)))+1, int(math.Ceil(float64(y1)))+1).Intersect(dst.Rect)
	if r.Empty() {
		return r, false
	}
	p.z.Reset(r.Dx(), r.Dy())
	p.z.DrawOp = draw.Src
	return r, true
}

// fill paints the path built since begin in colour c: the rasteriser
// writes its coverage into an alpha mask, which image/draw composites
// skipping the uncovered pixels (most of a diagonal arrow's box).
func (p *Painter) fill(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	n := r.Dx() * r.Dy()
	if cap(p.mask.Pix) < n {
		p.mask.Pix = make([]uint8, n)
	}
	p.mask.Pix, p.mask.Stride, p.mask.Rect = p.mask.Pix[:n], r.Dx(), image.Rectangle{Max: r.Size()}
	p.z.Draw(&p.mask, p.mask.Rect, image.Opaque, image.Point{})
	draw.DrawMask(dst, r, image.NewUniform(c), image.Point{}, &p.mask, image.Point{}, draw.Over)
}

// poly adds a closed polygon, offset by o.
func (p *Painter) poly(o image.Point, pts ...float32) {
	ox, oy := float32(o.X), float32(o.Y)
	p.z.MoveTo(pts[0]-ox, pts[1]-oy)
	for i := 2; i+1 < len(pts); i += 2 {
		p.z.LineTo(pts[i]-ox, pts[i+1]-oy)
	}
	p.z.ClosePath()
}

// fillRect paints a solid rectangle (anti-aliased edges).
func (p *Painter) fillRect(dst *image.RGBA, x0, y0, x1, y1 float32, c color.RGBA) {
	r, ok := p.begin(dst, x0, y0, x1, y1)
	if !ok {
		return
	}
	p.poly(r.Min, x0, y0, x1, y0, x1, y1, x0, y1)
	p.fill(dst, r, c)
}

// arrow paints a shaft of width w from the tail to the head, ending in a
// triangular head whose size follows w; grow > 0 paints the same arrow
// with every edge pushed out by grow (the halo that frames it).
func (p *Painter) arrow(dst *image.RGBA, x0, y0, x1, y1, w, grow float32, c color.RGBA) {
	dx, dy := x1-x0, y1-y0
	n := float32(math.Hypot(float64(dx), float64(dy)))
	if n < 1 {
		return
	}
	ux, uy := dx/n, dy/n // along the arrow
	nx, ny := -uy, ux    // across it
	headL, headW := min(n, 4*w), 3.6*w
	bx, by := x1-ux*(headL+grow), y1-uy*(headL+grow)
	x0, y0 = x0-ux*grow, y0-uy*grow
	x1, y1 = x1+ux*2*grow, y1+uy*2*grow
	headW += 3 * grow
	pad := headW + 2
	r, ok := p.begin(dst, min(x0, x1)-pad, min(y0, y1)-pad, max(x0, x1)+pad, max(y0, y1)+pad)
	if !ok {
		return
	}
	hw := w/2 + grow
	// One contour: two overlapping ones of opposite winding would
	// cancel where they overlap.
	p.poly(r.Min, x0+nx*hw, y0+ny*hw, bx+nx*hw, by+ny*hw, bx+nx*headW/2, by+ny*headW/2, x1, y1,
		bx-nx*headW/2, by-ny*headW/2, bx-nx*hw, by-ny*hw, x0-nx*hw, y0-ny*hw)
	p.fill(dst, r, c)
}

// rectRing paints the outline of a rectangle, half-width hw on each side
// of its edges: an outer contour and an inner one wound the other way,
// which the rasteriser leaves unpainted.
func (p *Painter) rectRing(dst *image.RGBA, x0, y0, x1, y1, hw float32, c color.RGBA) {
	r, ok := p.begin(dst, x0-hw, y0-hw, x1+hw, y1+hw)
	if !ok {
		return
	}
	p.poly(r.Min, x0-hw, y0-hw, x1+hw, y0-hw, x1+hw, y1+hw, x0-hw, y1+hw)
	if x1-x0 > 2*hw && y1-y0 > 2*hw {
		p.poly(r.Min, x0+hw, y0+hw, x0+hw, y1-hw, x1-hw, y1-hw, x1-hw, y0+hw)
	}
	p.fill(dst, r, c)
}

// ellipseRing paints the outline of the ellipse inscribed in the box.
func (p *Painter) ellipseRing(dst *image.RGBA, x0, y0, x1, y1, hw float32, c color.RGBA) {
	p.ellipse(dst, x0-hw, y0-hw, x1+hw, y1+hw, 2*hw, c)
}

// ellipse paints the ellipse inscribed in the box; with ring > 0, only a
// band of that width inside its edge.
func (p *Painter) ellipse(dst *image.RGBA, x0, y0, x1, y1, ring float32, c color.RGBA) {
	r, ok := p.begin(dst, x0, y0, x1, y1)
	if !ok {
		return
	}
	o := r.Min
	cx, cy := (x0+x1)/2-float32(o.X), (y0+y1)/2-float32(o.Y)
	rx, ry := (x1-x0)/2, (y1-y0)/2
	p.oval(cx, cy, rx, ry, false)
	if ring > 0 && rx > ring && ry > ring {
		p.oval(cx, cy, rx-ring, ry-ring, true)
	}
	p.fill(dst, r, c)
}

// oval adds an ellipse as four cubic Bézier arcs, clockwise on screen or
// the other way round.
func (p *Painter) oval(cx, cy, rx, ry float32, reverse bool) {
	const k = 0.5522848 // control-point distance of a quarter circle
	kx, ky := k*rx, k*ry
	if reverse {
		ky = -ky
		ry = -ry
	}
	p.z.MoveTo(cx+rx, cy)
	p.z.CubeTo(cx+rx, cy+ky, cx+kx, cy+ry, cx, cy+ry)
	p.z.CubeTo(cx-kx, cy+ry, cx-rx, cy+ky, cx-rx, cy)
	p.z.CubeTo(cx-rx, cy-ky, cx-kx, cy-ry, cx, cy-ry)
	p.z.CubeTo(cx+kx, cy-ry, cx+rx, cy-ky, cx+rx, cy)
	p.z.ClosePath()
}

// face is the label font at size pixels; nil if the embedded font cannot
// be read (then no text is drawn).
func (p *Painter) face(size float32) font.Face {
	px := max(6, int(math.Round(float64(size))))
	if f, ok := p.faces[px]; ok {
		return f
	}
	fnt, err := labelFont()
	if err != nil {
		return nil
	}
	f, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: float64(px), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil
	}
	if p.faces == nil {
		p.faces = map[int]font.Face{}
	}
	p.faces[px] = f
	return f
}

// measure is the width and height (ascent + descent) of s at size.
func (p *Painter) measure(s string, size float32) (float32, float32) {
	f := p.face(size)
	if f == nil {
		return 0, size
	}
	m := f.Metrics()
	return float32(font.MeasureString(f, s).Ceil()), float32((m.Ascent + m.Descent).Ceil())
}

// text writes s at x,y (its top-left corner), or centred on x,y.
func (p *Painter) text(dst *image.RGBA, s string, x, y, size float32, c color.RGBA, centred bool) {
	f := p.face(size)
	if f == nil || s == "" {
		return
	}
	w, h := p.measure(s, size)
	if centred {
		x, y = x-w/2, y-h/2
	}
	asc := f.Metrics().Ascent
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: f,
		Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y*64) + asc}}
	d.DrawString(s)
}

// dimOutside darkens every pixel of dst outside the boxes (destination
// coordinates) by alpha a of black, row by row, run by run; with clear,
// dst is transparent and the runs are simply filled with the shade.
func dimOutside(dst *image.RGBA, boxes []image.Rectangle, a uint8, clear bool) {
	var scale [256]uint8 // v × (1 − a)
	for v := range scale {
		scale[v] = uint8(uint32(v) * uint32(0xff-a) / 0xff)
	}
	b := dst.Rect
	spans := make([][2]int, 0, len(boxes))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		spans = spans[:0]
		for _, r := range boxes {
			if y >= r.Min.Y && y < r.Max.Y && r.Max.X > b.Min.X && r.Min.X < b.Max.X {
				spans = append(spans, [2]int{max(r.Min.X, b.Min.X), min(r.Max.X, b.Max.X)})
			}
		}
		slices.SortFunc(spans, func(p, q [2]int) int { return p[0] - q[0] })
		x := b.Min.X
		dimRun := func(x0, x1 int) {
			if x1 <= x0 {
				return
			}
			run := dst.Pix[dst.PixOffset(x0, y):dst.PixOffset(x1, y)]
			if clear {
				run[0], run[1], run[2], run[3] = 0, 0, 0, a
				for n := 4; n < len(run); n *= 2 {
					copy(run[n:], run[:n])
				}
				return
			}
			for i := 0; i < len(run); i += 4 {
				run[i], run[i+1], run[i+2] = scale[run[i]], scale[run[i+1]], scale[run[i+2]]
				run[i+3] = scale[run[i+3]] + a
			}
		}
		for _, s := range spans {
			dimRun(x, s[0])
			x = max(x, s[1])
		}
		dimRun(x, b.Max.X)
	}
}
