package capture

import (
	"image"
	"math"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Bounds is the rectangle, in image coordinates, that a mark covers
// (halo included).
func (p *Painter) Bounds(a dossier.Annotation, st Style) image.Rectangle {
	pad := int(math.Ceil(float64(st.Stroke + 2*st.Halo)))
	switch a.Kind {
	case dossier.AnnotArrow:
		head := int(math.Ceil(float64(2.5 * (st.Stroke + 2*st.Halo))))
		return image.Rect(a.X, a.Y, a.X2, a.Y2).Canon().Inset(-pad - head)
	case dossier.AnnotStep:
		r := int(math.Ceil(float64(st.Radius+st.Halo))) + 1
		return image.Rect(a.X-r, a.Y-r, a.X+r, a.Y+r)
	case dossier.AnnotText:
		w, h := p.measure(a.Text, st.Text)
		pad := st.Text / 4
		return image.Rect(a.X, a.Y, a.X+int(math.Ceil(float64(w+2*pad))), a.Y+int(math.Ceil(float64(h+2*pad)))).Inset(-int(math.Ceil(float64(st.Halo))))
	case dossier.AnnotRect, dossier.AnnotEllipse:
		return box(a).Inset(-pad)
	}
	return box(a)
}

// Hit is the index of the topmost mark at point pt (image coordinates)
// within tol pixels, or -1. Outlines (rectangles, ellipses) are hit near
// their edge only, so that what they surround can still be picked;
// spotlights are hit on their box's edge too, since they cover the rest.
func (p *Painter) Hit(anns []dossier.Annotation, pt image.Point, st Style, tol int) int {
	for i := len(anns) - 1; i >= 0; i-- {
		if p.hits(anns[i], pt, st, tol) {
			return i
		}
	}
	return -1
}

func (p *Painter) hits(a dossier.Annotation, pt image.Point, st Style, tol int) bool {
	b := p.Bounds(a, st).Inset(-tol)
	if !pt.In(b) {
		return false
	}
	switch a.Kind {
	case dossier.AnnotArrow:
		d := segmentDistance(pt, image.Pt(a.X, a.Y), image.Pt(a.X2, a.Y2))
		return d <= float64(st.Stroke*2)+float64(tol)
	case dossier.AnnotRect, dossier.AnnotEllipse, dossier.AnnotSpotlight:
		edge := int(math.Ceil(float64(st.Stroke*2))) + tol
		inner := box(a).Inset(edge)
		return inner.Empty() || !pt.In(inner)
	}
	return true
}

// segmentDistance is the distance from p to the segment a–b.
func segmentDistance(p, a, b image.Point) float64 {
	ax, ay, bx, by := float64(a.X), float64(a.Y), float64(b.X), float64(b.Y)
	px, py := float64(p.X), float64(p.Y)
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l))
	}
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// NextStep is the number of the next step marker: one more than the
// highest so far, 1 for the first.
func NextStep(anns []dossier.Annotation) int {
	n := 0
	for _, a := range anns {
		if a.Kind == dossier.AnnotStep && a.Number > n {
			n = a.Number
		}
	}
	return n + 1
}

// kept is the annotations as the saved image holds them once cropped to
// keep (image coordinates): moved to the crop's corner, and dropped when
// nothing of them remains in it.
func (p *Painter) kept(anns []dossier.Annotation, keep image.Rectangle, st Style) []dossier.Annotation {
	var out []dossier.Annotation
	for _, a := range anns {
		if p.Bounds(a, st).Overlaps(keep) {
			out = append(out, a.Shifted(-keep.Min.X, -keep.Min.Y))
		}
	}
	return out
}

// Handle tells which end of mark a the point pt (image coordinates) grabs
// within tol pixels: 1 for X,Y (an arrow's tail, a box's first corner), 2
// for X2,Y2 (the head, the opposite corner), 0 for none. Steps and text
// labels have no handle (they are only moved).
func Handle(a dossier.Annotation, pt image.Point, tol int) int {
	if !a.Kind.Boxed() && a.Kind != dossier.AnnotArrow {
		return 0
	}
	near := func(x, y int) bool { return abs(pt.X-x) <= tol && abs(pt.Y-y) <= tol }
	switch {
	case near(a.X2, a.Y2):
		return 2
	case near(a.X, a.Y):
		return 1
	}
	return 0
}

// WithEnd is a with end h (see Handle) moved to p.
func WithEnd(a dossier.Annotation, h int, p image.Point) dossier.Annotation {
	switch h {
	case 1:
		a.X, a.Y = p.X, p.Y
	case 2:
		a.X2, a.Y2 = p.X, p.Y
	}
	return a
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
