package capture_test

import (
	"image"
	"image/draw"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// thirtyMarks is 30 annotations of every kind spread over a 4K capture,
// with two spotlights and a few highlights (the most costly kinds).
func thirtyMarks() []dossier.Annotation {
	var anns []dossier.Annotation
	step := 0
	for i := range 30 {
		x, y := 120+(i%6)*600, 120+(i/6)*400
		a := dossier.Annotation{X: x, Y: y, X2: x + 420, Y2: y + 260, Color: capture.Palette()[i%6].Name}
		switch i % 7 {
		case 0:
			a.Kind = dossier.AnnotArrow
		case 1:
			a.Kind = dossier.AnnotRect
		case 2:
			a.Kind = dossier.AnnotEllipse
		case 3:
			step++
			a.Kind, a.Number, a.Text = dossier.AnnotStep, step, "champ INS"
		case 4:
			a.Kind, a.Text = dossier.AnnotText, "Identité du patient (test)"
		case 5:
			a.Kind = dossier.AnnotHighlight
		case 6:
			a.Kind = dossier.AnnotSpotlight
		}
		if a.Kind == dossier.AnnotSpotlight && i > 20 {
			a.Kind = dossier.AnnotStep
			step++
			a.Number = step
		}
		anns = append(anns, a)
	}
	return anns
}

// BenchmarkEditorRedrawAfterMove is the editor's redraw after one mark is
// moved, with 30 marks on a 4K capture shown in a 1800×1013 preview (the
// editor's picture area on a 2× HiDPI screen): find the mark under the
// pointer, move it in the history, clear and repaint the annotation layer.
// Compare with BenchmarkCopy4KFrame, a plain copy of the capture.
func BenchmarkEditorRedrawAfterMove(b *testing.B) {
	img := screenshotLike(3840, 2160)
	var h capture.History
	h.Change(func(m *capture.Marks) { m.Anns = thirtyMarks() })
	l := capture.NewLayer(img.Rect.Size(), image.Pt(1800, 1013))
	l.Redraw(h.Marks().Anns)
	grab := image.Pt(h.Marks().Anns[3].X, h.Marks().Anns[3].Y) // a step marker's centre
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b, system.CPUTime())
	for n := range b.N {
		i := l.Hit(h.Marks().Anns, grab, 6)
		if i < 0 {
			b.Fatal("no mark under the pointer")
		}
		d := 4
		if n%2 == 1 {
			d = -4
		}
		h.Begin()
		h.Live(func(m *capture.Marks) { m.Anns[i] = m.Anns[i].Shifted(d, d) })
		grab = grab.Add(image.Pt(d, d))
		l.Redraw(h.Marks().Anns)
	}
}

// BenchmarkCopy4KFrame is the baseline: one copy of a 4K capture.
func BenchmarkCopy4KFrame(b *testing.B) {
	img := screenshotLike(3840, 2160)
	dst := image.NewRGBA(img.Rect)
	b.ResetTimer()
	defer reportCPU(b, system.CPUTime())
	for range b.N {
		draw.Draw(dst, dst.Rect, img, image.Point{}, draw.Src)
	}
}

// BenchmarkApply4KWith30Marks is what saving pays before encoding: the
// capture copied, the 30 marks drawn at full resolution, 3 masks.
func BenchmarkApply4KWith30Marks(b *testing.B) {
	img := screenshotLike(3840, 2160)
	e := capture.Edit{Annotations: thirtyMarks(), Redactions: []image.Rectangle{
		image.Rect(10, 10, 400, 60), image.Rect(2000, 900, 2600, 1000), image.Rect(100, 2000, 900, 2100)}}
	b.ResetTimer()
	defer reportCPU(b, system.CPUTime())
	for range b.N {
		if _, err := capture.Apply(img, e); err != nil {
			b.Fatal(err)
		}
	}
}
