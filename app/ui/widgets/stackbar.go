// Package widgets holds the generic Fyne widgets of the GUI: they know
// nothing about dossiers (a stacked bar, a multi-file picker).
package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Segment is one part of a StackBar: a count and the theme colour that
// draws it.
type Segment struct {
	Value int
	Color fyne.ThemeColorName
}

// StackBar is a horizontal bar split into segments proportional to their
// values (for instance requirements by status), on a track of the input
// background colour.
type StackBar struct {
	widget.BaseWidget
	Segments []Segment
	// Height is the bar's minimum height; 0 means 8.
	Height float32
}

// NewStackBar makes a bar of the given segments.
func NewStackBar(segs ...Segment) *StackBar {
	b := &StackBar{Segments: segs}
	b.ExtendBaseWidget(b)
	return b
}

// SetSegments replaces the segments and redraws the bar.
func (b *StackBar) SetSegments(segs ...Segment) {
	b.Segments = segs
	b.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (b *StackBar) CreateRenderer() fyne.WidgetRenderer {
	r := &stackBarRenderer{bar: b, track: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type stackBarRenderer struct {
	bar   *StackBar
	track *canvas.Rectangle
	parts []*canvas.Rectangle
}

func (r *stackBarRenderer) Destroy() {}

func (r *stackBarRenderer) MinSize() fyne.Size {
	h := r.bar.Height
	if h == 0 {
		h = 8
	}
	return fyne.NewSize(40, h)
}

func (r *stackBarRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	total := 0
	for _, s := range r.bar.Segments {
		total += max(s.Value, 0)
	}
	x := float32(0)
	for i, p := range r.parts {
		w := float32(0)
		if total > 0 && i < len(r.bar.Segments) {
			w = size.Width * float32(max(r.bar.Segments[i].Value, 0)) / float32(total)
		}
		p.Move(fyne.NewPos(x, 0))
		p.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (r *stackBarRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.track}
	for _, p := range r.parts {
		objs = append(objs, p)
	}
	return objs
}

func (r *stackBarRenderer) Refresh() {
	th := r.bar.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.track.CornerRadius = 2
	for len(r.parts) < len(r.bar.Segments) {
		r.parts = append(r.parts, canvas.NewRectangle(color.Transparent))
	}
	r.parts = r.parts[:len(r.bar.Segments)]
	for i, s := range r.bar.Segments {
		r.parts[i].FillColor = th.Color(s.Color, v)
	}
	r.Layout(r.bar.Size())
	canvas.Refresh(r.bar)
}
