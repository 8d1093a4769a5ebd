package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Swatch is one colour a Swatches offers.
type Swatch struct {
	Name  string
	Color color.Color
}

// Swatches is a row of colour squares, one of them selected (framed in
// the theme's foreground colour, so the frame reads on light and dark
// themes). Tapping a square selects it and calls OnSelected.
type Swatches struct {
	widget.BaseWidget
	Selected   string
	OnSelected func(name string)
	items      []*swatch
}

// NewSwatches makes the row; the first colour is selected.
func NewSwatches(colours []Swatch, onSelected func(string)) *Swatches {
	s := &Swatches{OnSelected: onSelected}
	for _, c := range colours {
		s.items = append(s.items, newSwatch(c, s))
	}
	if len(colours) > 0 {
		s.Selected = colours[0].Name
	}
	s.ExtendBaseWidget(s)
	return s
}

// SetSelected selects a colour by name without calling OnSelected.
func (s *Swatches) SetSelected(name string) {
	s.Selected = name
	s.Refresh()
}

// Tap selects the colour called name, as a tap on it would.
func (s *Swatches) Tap(name string) {
	s.SetSelected(name)
	if s.OnSelected != nil {
		s.OnSelected(name)
	}
}

// Refresh implements fyne.Widget.
func (s *Swatches) Refresh() {
	for _, it := range s.items {
		it.Refresh()
	}
	s.BaseWidget.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (s *Swatches) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, len(s.items))
	for i, it := range s.items {
		objs[i] = it
	}
	return widget.NewSimpleRenderer(container.NewHBox(objs...))
}

// swatch is one tappable square.
type swatch struct {
	widget.BaseWidget
	c     Swatch
	owner *Swatches
}

func newSwatch(c Swatch, owner *Swatches) *swatch {
	s := &swatch{c: c, owner: owner}
	s.ExtendBaseWidget(s)
	return s
}

func (s *swatch) Tapped(*fyne.PointEvent) { s.owner.Tap(s.c.Name) }

func (s *swatch) MinSize() fyne.Size { return fyne.NewSize(30, 30) }

func (s *swatch) CreateRenderer() fyne.WidgetRenderer {
	fill := canvas.NewRectangle(s.c.Color)
	fill.CornerRadius = 4
	frame := canvas.NewRectangle(color.Transparent)
	frame.StrokeWidth = 3
	frame.CornerRadius = 6
	r := &swatchRenderer{s: s, fill: fill, frame: frame}
	r.Refresh()
	return r
}

type swatchRenderer struct {
	s           *swatch
	fill, frame *canvas.Rectangle
}

func (r *swatchRenderer) Layout(size fyne.Size) {
	r.frame.Resize(size)
	r.fill.Move(fyne.NewPos(5, 5))
	r.fill.Resize(fyne.NewSize(size.Width-10, size.Height-10))
}

func (r *swatchRenderer) MinSize() fyne.Size { return r.s.MinSize() }

func (r *swatchRenderer) Refresh() {
	r.frame.StrokeColor = color.Transparent
	if r.s.owner.Selected == r.s.c.Name {
		r.frame.StrokeColor = theme.Color(theme.ColorNameForeground)
	}
	r.frame.Refresh()
	r.fill.Refresh()
}

func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.frame, r.fill} }

func (r *swatchRenderer) Destroy() {}
