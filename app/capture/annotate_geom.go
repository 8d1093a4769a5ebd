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
