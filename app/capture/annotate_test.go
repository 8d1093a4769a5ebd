package capture_test

import (
	"image"
	"image/color"
	"image/draw"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func grey(w, h int, v uint8) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Rect, image.NewUniform(color.RGBA{v, v, v, 0xff}), image.Point{}, draw.Src)
	return img
}

func same(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func TestApplyDrawsEveryKindUnderTheMasks(t *testing.T) {
	img := grey(640, 480, 0x80)
	anns := []dossier.Annotation{
		{Kind: dossier.AnnotArrow, X: 20, Y: 20, X2: 200, Y2: 120},
		{Kind: dossier.AnnotRect, X: 300, Y: 40, X2: 400, Y2: 100, Color: "vert"},
		{Kind: dossier.AnnotEllipse, X: 420, Y: 40, X2: 600, Y2: 140, Color: "bleu"},
		{Kind: dossier.AnnotStep, X: 100, Y: 300, Number: 1, Text: "champ INS"},
		{Kind: dossier.AnnotText, X: 300, Y: 300, Text: "Identité «\u00a0test\u00a0» éàç"},
		{Kind: dossier.AnnotHighlight, X: 20, Y: 400, X2: 200, Y2: 440},
		{Kind: dossier.AnnotSpotlight, X: 0, Y: 0, X2: 620, Y2: 460},
	}
	mask := image.Rect(90, 290, 110, 310) // over the step marker
	out, err := capture.Apply(img, capture.Edit{Annotations: anns, Redactions: []image.Rectangle{mask}})
	if err != nil {
		t.Fatal(err)
	}
	orig := img.At(0, 0)
	checks := []struct {
		what    string
		p       image.Point
		changed bool
	}{
		{"arrow shaft", image.Pt(110, 70), true},
		{"rect edge", image.Pt(300, 70), true},
		{"rect inside", image.Pt(350, 70), false},
		{"ellipse edge", image.Pt(510, 40), true},
		{"ellipse centre", image.Pt(510, 90), false},
		{"text box", image.Pt(302, 302), true},
		{"highlight", image.Pt(100, 420), true},
		{"outside the spotlight", image.Pt(630, 470), true},
		{"untouched", image.Pt(250, 200), false},
	}
	for _, c := range checks {
		if got := !same(out.At(c.p.X, c.p.Y), orig); got != c.changed {
			t.Errorf("%s at %v: changed %v, want %v", c.what, c.p, got, c.changed)
		}
	}
	for y := mask.Min.Y; y < mask.Max.Y; y++ {
		for x := mask.Min.X; x < mask.Max.X; x++ {
			if !same(out.At(x, y), color.RGBA{A: 0xff}) {
				t.Fatalf("masked pixel %d,%d is not black: the mask must be applied to the final pixels", x, y)
			}
		}
	}
	if !same(img.At(110, 70), orig) {
		t.Fatal("Apply modified its input")
	}
	// Darker outside the spotlight than inside.
	in, outside := out.RGBAAt(250, 200), out.RGBAAt(630, 470)
	if outside.R >= in.R {
		t.Fatalf("spotlight: outside %v, inside %v", outside, in)
	}
}

func TestAnnotationsPartlyOutsideAreClipped(t *testing.T) {
	img := grey(50, 40, 0x30)
	anns := []dossier.Annotation{
		{Kind: dossier.AnnotArrow, X: -100, Y: -100, X2: 1000, Y2: 1000},
		{Kind: dossier.AnnotEllipse, X: -5000, Y: 10, X2: 5000, Y2: 30},
		{Kind: dossier.AnnotText, X: 45, Y: 35, Text: "bord"},
		{Kind: dossier.AnnotStep, X: -2, Y: -2, Number: 99},
		{Kind: dossier.AnnotSpotlight, X: 100, Y: 100, X2: 200, Y2: 200},
		{Kind: dossier.AnnotArrow, X: 5, Y: 5, X2: 5, Y2: 5}, // zero length
		// Far out: the rasteriser would walk two billion rows, and its
		// fixed-point coordinates overflow.
		{Kind: dossier.AnnotArrow, X: -2_000_000_000, Y: -2_000_000_000, X2: 20, Y2: 20},
		{Kind: dossier.AnnotEllipse, X: -1 << 40, Y: -1 << 40, X2: 1 << 40, Y2: 1 << 40},
		{Kind: dossier.AnnotText, X: -1 << 40, Y: 10, Text: "loin"},
	}
	out, err := capture.Apply(img, capture.Edit{Annotations: anns})
	if err != nil {
		t.Fatal(err)
	}
	// The far arrow still reaches its head, through the picture.
	if same(out.At(15, 15), img.At(15, 15)) {
		t.Fatal("the arrow from far out is not drawn")
	}
}

func TestStoredAnnotationsFollowTheCrop(t *testing.T) {
	img := grey(400, 300, 0x80)
	crop := image.Rect(100, 50, 300, 250)
	e := capture.Edit{Crop: &crop, Annotations: []dossier.Annotation{
		{Kind: dossier.AnnotStep, X: 150, Y: 100, Number: 1},
		{Kind: dossier.AnnotRect, X: 120, Y: 60, X2: 200, Y2: 90},
		{Kind: dossier.AnnotStep, X: 20, Y: 20, Number: 2}, // cropped away
	}}
	got := e.Stored(img)
	if len(got) != 2 || got[0].X != 50 || got[0].Y != 50 || got[1].X != 20 || got[1].Y2 != 40 {
		t.Fatalf("stored: %+v", got)
	}
}

func TestHistoryUndoRedo(t *testing.T) {
	var h capture.History
	if h.Undo() || h.Redo() {
		t.Fatal("empty history undid something")
	}
	h.Change(func(m *capture.Marks) {
		m.Anns = append(m.Anns, dossier.Annotation{Kind: dossier.AnnotStep, Number: capture.NextStep(m.Anns)})
	})
	h.Change(func(m *capture.Marks) {
		m.Anns = append(m.Anns, dossier.Annotation{Kind: dossier.AnnotStep, Number: capture.NextStep(m.Anns)})
	})
	if n := h.Marks().Anns[1].Number; n != 2 {
		t.Fatalf("second step numbered %d", n)
	}
	// A drag is one step however many moves it makes.
	h.Begin()
	for range 5 {
		h.Live(func(m *capture.Marks) { m.Anns[0] = m.Anns[0].Shifted(3, 1) })
	}
	if a := h.Marks().Anns[0]; a.X != 15 || a.Y != 5 {
		t.Fatalf("moved to %d,%d", a.X, a.Y)
	}
	if !h.Undo() || h.Marks().Anns[0].X != 0 {
		t.Fatal("undo of the drag")
	}
	if !h.Undo() || len(h.Marks().Anns) != 1 {
		t.Fatal("undo of the second step")
	}
	if !h.Redo() || len(h.Marks().Anns) != 2 || !h.Redo() || h.Marks().Anns[0].X != 15 || h.Redo() {
		t.Fatal("redo")
	}
	// A new change clears what could be redone.
	h.Undo()
	h.Change(func(m *capture.Marks) { m.Masks = append(m.Masks, image.Rect(0, 0, 5, 5)) })
	if h.CanRedo() {
		t.Fatal("redo after a new change")
	}
	// A step begun and dropped leaves nothing to undo.
	h.Begin()
	h.Drop()
	h.Undo()
	if len(h.Marks().Masks) != 0 || len(h.Marks().Anns) != 2 {
		t.Fatalf("after drop and undo: %+v", h.Marks())
	}
}

func TestLayerHitsTheTopmostMark(t *testing.T) {
	l := capture.NewLayer(image.Pt(1920, 1080), image.Pt(960, 540))
	if l.Scale() != 0.5 || l.Image.Rect.Dx() != 960 {
		t.Fatalf("layer %v scale %v", l.Image.Rect, l.Scale())
	}
	anns := []dossier.Annotation{
		{Kind: dossier.AnnotRect, X: 100, Y: 100, X2: 600, Y2: 400},
		{Kind: dossier.AnnotStep, X: 300, Y: 250, Number: 1},
		{Kind: dossier.AnnotArrow, X: 700, Y: 100, X2: 900, Y2: 300},
	}
	for _, c := range []struct {
		p    image.Point
		want int
	}{
		{image.Pt(300, 250), 1},  // the step, inside the rectangle
		{image.Pt(101, 250), 0},  // the rectangle's edge
		{image.Pt(450, 330), -1}, // inside the rectangle, away from its edge
		{image.Pt(800, 200), 2},
		{image.Pt(800, 120), -1},
	} {
		if got := l.Hit(anns, c.p, 4); got != c.want {
			t.Errorf("hit at %v: %d, want %d", c.p, got, c.want)
		}
	}
	l.Redraw(anns)
	if l.Image.RGBAAt(150, 125).A == 0 { // the step's centre at half scale
		t.Fatal("nothing drawn on the layer")
	}
	if l.Image.RGBAAt(5, 5).A != 0 {
		t.Fatal("the layer is not transparent where there is no mark")
	}
}
